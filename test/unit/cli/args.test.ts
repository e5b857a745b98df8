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
  describe('--persist / ORCHESTRATE_PERSIST', () => {
    let saved: string | undefined;
    beforeEach(() => {
      saved = process.env['ORCHESTRATE_PERSIST'];
      delete process.env['ORCHESTRATE_PERSIST'];
    });
    afterEach(() => {
      if (saved === undefined) delete process.env['ORCHESTRATE_PERSIST'];
      else process.env['ORCHESTRATE_PERSIST'] = saved;
    });
    it('is off (0) unless asked for', () => expect(parseCommand(['apply', 'p.ts'])).to.deep.include({ persist: 0 }));
    it('takes whole seconds from the flag, which wins over the environment', () => {
      process.env['ORCHESTRATE_PERSIST'] = '30';
      expect(parseCommand(['apply', 'p.ts'])).to.deep.include({ persist: 30 });
      expect(parseCommand(['apply', 'p.ts', '--persist', '120'])).to.deep.include({ persist: 120 });
      expect(parseCommand(['apply', 'p.ts', '--persist', '0'])).to.deep.include({ persist: 0 });
    });
    it('names a bad value and where it came from', () => {
      expect(() => parseCommand(['apply', 'p.ts', '--persist', '1m'])).to.throw(
        /--persist 1m: expected a whole number/,
      );
      process.env['ORCHESTRATE_PERSIST'] = 'yes';
      expect(() => parseCommand(['apply', 'p.ts'])).to.throw(/ORCHESTRATE_PERSIST=yes: expected a whole number/);
    });
  });
  it('lab passes its argv through', () =>
    expect(parseCommand(['lab', 'up', '3'])).to.deep.equal({ command: 'lab', argv: ['up', '3'] }));
});
