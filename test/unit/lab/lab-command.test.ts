import { expect } from 'chai';
import { PassThrough } from 'node:stream';
import { runLabCommand, upOptions } from '../../../src/cli/lab-command.ts';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (b: Buffer) => (out += b.toString()));
  stderr.on('data', (b: Buffer) => (err += b.toString()));
  const code = await runLabCommand(argv, { stdout, stderr });
  return { code, out, err };
}

// Only argument errors here: they are found before anything touches the machine.
describe('cli/lab-command (arguments)', () => {
  it('--help prints the usage, exit 0', async () => {
    const r = await cli('--help');
    expect(r.code).to.equal(0);
    expect(r.out).to.include('up [N]');
  });

  const bad: string[][] = [
    ['frob'],
    ['up', 'x'],
    ['up', '0'],
    ['up', '3', '--controllers', '1'],
    ['up', '--controllers', '11'],
    ['up', '--bogus'],
    ['down', '--name', 'Bad Name'],
    ['status', '--', 'x'],
    ['exec'],
  ];
  for (const argv of bad) {
    it(`${argv.join(' ')} -> exit 5 with a fix`, async () => {
      const r = await cli(...argv);
      expect(r.code).to.equal(5);
      expect(r.err).to.include('fix:');
    });
  }
});

describe('cli/lab-command (up options)', () => {
  it('--with-python asks labUp for the python base; default is without', () => {
    expect(upOptions('bench-a', ['3'], { 'with-python': true })).to.deep.include({
      name: 'bench-a',
      layout: { kind: 'plain', count: 3 },
      withPython: true,
    });
    expect(upOptions('lab', [], {}).withPython).to.equal(false);
  });

  it('keeps the other flags: timeout in ms, parallel, binds', () => {
    const o = upOptions('lab', [], {
      controllers: '3',
      workers: '3',
      timeout: '60',
      parallel: '8',
      'bind-ro': ['/a:/b'],
    });
    expect(o).to.deep.include({
      layout: { kind: 'cluster', controllers: 3, workers: 3 },
      readyTimeoutMs: 60000,
      parallel: 8,
    });
    expect(o.binds).to.deep.equal([{ source: '/a', target: '/b', readOnly: true }]);
  });

  it('lab --help lists --with-python', async () => {
    expect((await cli('--help')).out).to.include('--with-python');
  });
});
