import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { parseFields } from '../../../../src/modules/lib/fields.ts';
import { parseStat, statProbe } from '../../../../src/modules/lib/stat.ts';
import { runProbe } from '../harness.ts';
import { removeTempDir, tempDir } from '../../../support/temp-dir.ts';

/** Runs statProbe for real and parses it. */
function statLocally(path: string, opts: Parameters<typeof statProbe>[1] = {}) {
  const out = runProbe(statProbe(path, opts));
  return parseStat(parseFields('t', out), opts.prefix ?? '');
}

describe('modules/lib/stat', () => {
  let dir = '';
  beforeEach(() => (dir = tempDir()));
  afterEach(() => removeTempDir(dir));

  it("GIVEN awkward names (spaces, quotes, $, newline-free) WHEN probed for real THEN each is stat'ed, not the shell's idea of it", () => {
    const path = `${dir}/it's a $HOME "file"`;
    writeFileSync(path, 'x');
    expect(statLocally(path)).to.deep.include({ type: 'file', size: 1 });
  });

  it('GIVEN a file, a directory, a symlink, a fifo and nothing WHEN probed THEN the types say so', () => {
    writeFileSync(`${dir}/f`, '');
    mkdirSync(`${dir}/d`);
    symlinkSync('f', `${dir}/l`);
    execFileSync('mkfifo', [`${dir}/p`]);
    expect(['f', 'd', 'l', 'p', 'none'].map((n) => statLocally(`${dir}/${n}`).type)).to.deep.equal([
      'file',
      'directory',
      'link',
      'other',
      'absent',
    ]);
  });

  it('GIVEN an empty file and contentMax WHEN probed THEN content is an empty buffer, not undefined', () => {
    writeFileSync(`${dir}/e`, '');
    const s = statLocally(`${dir}/e`, { contentMax: 10 });
    expect(s.content).to.deep.equal(Buffer.alloc(0));
    expect(s.sha256).to.equal('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('GIVEN a file larger than contentMax WHEN probed THEN no content, the sha256 still decides', () => {
    writeFileSync(`${dir}/big`, Buffer.alloc(11, 1));
    const s = statLocally(`${dir}/big`, { contentMax: 10, prefix: 'x.' });
    expect(s.content).to.equal(undefined);
    expect(s.sha256).to.match(/^[0-9a-f]{64}$/);
  });
});
