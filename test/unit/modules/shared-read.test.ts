import { expect } from 'chai';
import { parseProbesOutput, type RoleProbes } from '../../../src/executor/probe-script.ts';
import { readLine, type SharedRead } from '../../../src/modules/shared-read.ts';
import { SHA256_READ, statProbe } from '../../../src/modules/lib/stat.ts';
import { sh } from '../../../src/shell/quote.ts';
import { removeTempDir, tempDir } from '../../support/temp-dir.ts';

/** A read that records each run in a file and echoes its args back. */
function countingRead(counter: string): SharedRead {
  return {
    id: 'test.echo',
    script: (args) => [sh`echo run >> ${counter}`, ...args.map((a, i) => sh`echo ${`${i} v=${a}`}`)].join('\n'),
    split: (stdout, args) =>
      args.map((_, i) =>
        stdout
          .split('\n')
          .filter((l) => l.startsWith(`${i} `))
          .map((l) => l.slice(`${i} `.length))
          .join('\n'),
      ),
  };
}

describe('modules/shared-read', () => {
  let dir = '';
  beforeEach(() => (dir = tempDir()));
  afterEach(() => removeTempDir(dir));

  it('GIVEN output cut before a read section WHEN parsed THEN PROBE_INVALID names the read and the host', () => {
    const read = countingRead(`${dir}/runs`);
    const roles: RoleProbes[] = [{ role: 'a', items: [{ key: 't0', probe: readLine(read, 'x') }] }];
    const stdout = '\n@@orchestrate probe 0.t0 \n\n@@orchestrate pending 0 \n\n@@orchestrate end probe \n';
    expect(() => parseProbesOutput('h1', stdout, roles)).to.throw(/shared read "test.echo" printed nothing on h1/);
  });

  it('GIVEN sha256sum lines with escaped names (backslash, CR as coreutils 9.4 writes it) WHEN split THEN each hash finds its path', () => {
    const h = (c: string) => c.repeat(64);
    const paths = ['/a\\b', '/c\rd', '/plain', '/unreadable'];
    const out = [`\\${h('1')}  /a\\\\b`, `\\${h('2')}  /c\\rd`, `${h('3')}  /plain`].join('\n');
    expect(SHA256_READ.split(out, paths)).to.deep.equal([
      `sha256=${h('1')}`,
      `sha256=${h('2')}`,
      `sha256=${h('3')}`,
      '',
    ]);
  });

  it('GIVEN a path with a newline WHEN probed THEN VARS_INVALID says so (its stat line could not be told apart)', () => {
    expect(() => statProbe('/tmp/a\nb')).to.throw(/newline/);
  });
});
