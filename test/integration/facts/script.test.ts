import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname, release, tmpdir } from 'node:os';
import { join } from 'node:path';
import { factsScript } from '../../../src/facts/script.ts';
import { SECTION_NAMES } from '../../../src/facts/sections.ts';
import { parseFacts } from '../../../src/facts/parse.ts';

/** Runs the gather script the way a host does: on stdin of `sh -s`. */
function runLocally(env: NodeJS.ProcessEnv = process.env): string {
  return execFileSync('/bin/sh', ['-s'], {
    input: factsScript(),
    env,
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

describe('facts/script', () => {
  it('is valid POSIX sh and names every section', () => {
    // GIVEN the script  WHEN checked by sh -n  THEN it parses; every section has its marker
    const script = factsScript();
    execFileSync('/bin/sh', ['-n'], { input: script });
    for (const name of SECTION_NAMES) expect(script).to.match(new RegExp(`facts_mark ${name}\\b`));
  });

  it('run on this machine, parses into its own facts', () => {
    // GIVEN this machine  WHEN the script runs under sh  THEN hostname and kernel match node:os
    const facts = parseFacts(runLocally(), new Date());
    expect(facts.hostname).to.equal(hostname());
    expect(facts.kernel).to.equal(release());
    expect(facts.arch).to.match(/^(amd64|arm64|armhf|i386|ppc64el|s390x|riscv64)$/);
  });

  it('tolerates a host without ip, hostname, dpkg or systemctl', () => {
    // GIVEN a PATH with only cat, uname and readlink, and an ip that rejects everything
    const bin = mkdtempSync(join(tmpdir(), 'facts-bin-'));
    try {
      for (const tool of ['cat', 'uname', 'readlink'])
        symlinkSync(
          execFileSync('/bin/sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim(),
          join(bin, tool),
        );
      writeFileSync(join(bin, 'ip'), '#!/bin/sh\necho "ip: not here" >&2\nexit 127\n');
      chmodSync(join(bin, 'ip'), 0o755);
      // WHEN the script runs  THEN it still ends, and the facts fall back to uname
      const out = runLocally({ PATH: bin });
      const facts = parseFacts(out, new Date());
      expect(facts.hostname).to.equal(execFileSync('uname', ['-n'], { encoding: 'utf8' }).trim());
      expect(facts.arch).to.not.equal('x86_64');
      expect(facts.addresses).to.deep.equal([]);
      expect(facts.routes).to.deep.equal([]);
      expect(facts.systemd.version).to.equal(undefined);
      expect(facts.resolved.active).to.equal(false);
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });
});
