import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { buildProbesScript, parseProbesOutput, type RoleProbes } from '../../../src/executor/probe-script.ts';
import { readLine, readsOf, type SharedRead } from '../../../src/modules/shared-read.ts';
import { parseFields } from '../../../src/modules/lib/fields.ts';
import { parseStat, statProbe } from '../../../src/modules/lib/stat.ts';
import { sh } from '../../../src/shell/quote.ts';
import { removeTempDir, tempDir } from '../../support/temp-dir.ts';

const runScript = (roles: readonly RoleProbes[]) =>
  parseProbesOutput('h1', execFileSync('sh', ['-s'], { input: buildProbesScript(roles), encoding: 'utf8' }), roles);

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

  it('GIVEN probes in two roles asking one read WHEN the script runs THEN the read runs once and each probe gets its own share under its prefix', () => {
    const counter = `${dir}/runs`;
    const read = countingRead(counter);
    const roles: RoleProbes[] = [
      {
        role: 'a',
        items: [{ key: 't0', probe: `echo own=1\n${readLine(read, 'x', 'p.')}\n${readLine(read, 'y', 'q.')}` }],
      },
      { role: 'b', items: [{ key: 't0', probe: readLine(read, 'x') }] },
    ];
    const [a, b] = runScript(roles);
    expect(readFileSync(counter, 'utf8')).to.equal('run\n');
    expect(a!.byKey.get('t0')).to.equal('own=1\np.v=x\nq.v=y\n');
    expect(b!.byKey.get('t0')).to.equal('v=x\n');
  });

  it('GIVEN a probe made only of reads WHEN built THEN the script is valid sh and the read lines are not in it', () => {
    const read = countingRead(`${dir}/runs`);
    const roles: RoleProbes[] = [{ role: 'a', items: [{ key: 't0', probe: readLine(read, 'x') }] }];
    expect(buildProbesScript(roles)).not.to.include('#@orchestrate-read');
    expect(runScript(roles)[0]!.byKey.get('t0')).to.equal('v=x\n');
    expect(readsOf(roles[0]!.items[0]!.probe)).to.have.length(1);
  });

  it('GIVEN many paths of every kind WHEN stat-probed in one script THEN one stat and one sha256sum serve them all, each as if probed alone', () => {
    const file = `${dir}/it's a "file" \\ $x`;
    writeFileSync(file, 'hello\n', { mode: 0o640 });
    symlinkSync(file, `${dir}/link`);
    const paths = [file, `${dir}/link`, dir, `${dir}/absent`, `${dir}/no/parent`];
    const roles: RoleProbes[] = [
      { role: 'a', items: paths.map((p, i) => ({ key: `t${i}`, probe: statProbe(p, { prefix: 'f.' }) })) },
    ];
    const script = buildProbesScript(roles);
    expect(script.match(/stat -c/g)).to.have.length(1);
    expect(script.match(/sha256sum/g)).to.have.length(1);
    const [out] = runScript(roles);
    const got = paths.map((_, i) => parseStat(parseFields('t', out!.byKey.get(`t${i}`)!), 'f.'));
    const st = statSync(file);
    expect(got[0]).to.include({ type: 'file', mode: '0640', size: 6, uid: String(st.uid), parentExists: true });
    expect(got[0]!.sha256).to.equal(createHash('sha256').update('hello\n').digest('hex'));
    expect(got[1]).to.include({ type: 'link', sha256: undefined });
    expect(got[2]).to.include({ type: 'directory', sha256: undefined });
    expect(got[3]).to.include({ type: 'absent', mode: undefined, parentExists: true });
    expect(got[4]).to.include({ type: 'absent', parentExists: false });
  });
});
