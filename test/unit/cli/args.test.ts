import { expect } from 'chai';
import { parseCommand } from '../../../src/cli/args.ts';

describe('parseCommand', () => {
  it('apply with every flag', () => {
    const c = parseCommand([
      'apply',
      'playbooks/demo.ts',
      '-i',
      'inv.yaml',
      '-l',
      'web:!h2',
      '--role',
      'a,b',
      '--role',
      'c',
      '-t',
      'x',
      '--skip-tags',
      'y',
      '-C',
      '-D',
      '-f',
      '5',
      '-e',
      'a=1',
      '-e',
      '@v.yaml',
      '-v',
      '-v',
      '--json',
      '--state-dir',
      's',
    ]);
    expect(c).to.deep.include({
      command: 'apply',
      playbook: 'playbooks/demo.ts',
      inventory: 'inv.yaml',
      limit: 'web:!h2',
      roles: ['a', 'b', 'c'],
      tags: ['x'],
      skipTags: ['y'],
      check: true,
      diff: true,
      forks: 5,
      extraVars: ['a=1', '@v.yaml'],
      verbose: 2,
      json: true,
      stateDir: 's',
    });
  });
  it('plan is check + diff', () => expect(parseCommand(['plan', 'p.ts'])).to.deep.include({ check: true, diff: true }));
  for (const [argv, msg] of [
    [['apply'], /needs a playbook/],
    [['apply', 'p.ts', '--forks', '0'], /--forks 0/],
    [['apply', 'p.ts', '--nope'], /unknown flag --nope/],
    [['apply', 'p.ts', 'q.ts'], /unexpected argument "q.ts"/],
    [['frobnicate'], /unknown command/],
  ] as const) {
    it(`rejects ${argv.join(' ')}`, () => expect(() => parseCommand(argv)).to.throw(msg));
  }
  it('lab passes its argv through', () =>
    expect(parseCommand(['lab', 'up', '3'])).to.deep.equal({ command: 'lab', argv: ['up', '3'] }));
});
