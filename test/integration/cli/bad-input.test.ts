// Bad input through the real CLI: every corpus case exits 4 or 5, names the file, the place and the fix, and connects nowhere.

import { generateKeyPairSync } from 'node:crypto';
import { rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import pLimit from 'p-limit';
import { typecheck } from '../../../src/cli/typecheck.ts';
import { openConnectionTrap, type ConnectionTrap } from './bad-input/connection-trap.ts';
import { CORPUS_DIR, loadCorpus, type BadInputCase } from './bad-input/corpus.ts';
import { runCase, type CaseResult } from './bad-input/run-case.ts';
import { createWorkspace, REPO } from './bad-input/workspace.ts';

const corpus = loadCorpus();
/** Playbooks many cases share: type-checked once up front, so parallel cases do not all check them cold. */
const WARM_PLAYBOOKS = ['playbooks/demo.ts', 'playbooks/etcd.ts'];
/** Kept across runs: the verdict is re-validated by file hashes, so a stale entry only costs a re-check. */
const CACHE_DIR = join(REPO, 'node_modules/.cache/orchestrate-bad-input');

describe('CLI: bad input (corpus in test/fixtures/bad-input)', function () {
  let trap: ConnectionTrap;
  let work: string;
  const results = new Map<number, CaseResult>();

  before(async function () {
    this.timeout(1_200_000); // ~100 subprocesses; minutes only on a machine busy with other suites
    trap = await openConnectionTrap();
    work = createWorkspace(join(CORPUS_DIR, 'files'), trap.port);
    for (const book of WARM_PLAYBOOKS) await typecheck([join(REPO, book)], CACHE_DIR);
    const limit = pLimit(Math.max(2, cpus().length * 2));
    await Promise.all(
      corpus.map((c, i) =>
        limit(async () => results.set(i, await runCase(c, i, { work, port: trap.port, cacheDir: CACHE_DIR }))),
      ),
    );
  });

  after(async () => {
    await trap?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('holds at least 60 cases', () => {
    expect(corpus.length).to.be.at.least(60);
  });

  corpus.forEach((c, i) => {
    it(`${c.table}: ${c.name} -> exit ${c.exit}`, () => {
      const r = results.get(i)!;
      const shown = `argv: ${r.argv.join(' ')}\nstderr:\n${r.stderr}stdout:\n${r.stdout}`;
      expect(r.status, shown).to.equal(c.exit);
      const [message, fixLine] = splitFix(r.stderr);
      for (const fragment of c.says) expect(message, `${shown}\nmissing: ${fragment}`).to.include(fragment);
      expect(fixLine, `${shown}\nfix should mention: ${c.fix}`).to.include(c.fix);
      expect(r.stderr, shown).not.to.match(/\n\s+at .*:\d+:\d+\)?\n/); // no stack trace: a typed error, not a crash
    });
  });

  it('made no connection to any host', () => {
    expect(trap.seen).to.deep.equal([]);
  });

  it('GIVEN a valid run (control) THEN the trap does see its connection', async function () {
    this.timeout(300_000);
    // A real key: without credentials the connection layer gives up before dialing.
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const inventory =
      'all:\n  vars: {ansible_host: 127.0.0.1, ansible_port: {port}, ansible_ssh_private_key_file: id_rsa}\n  hosts: {web-1: }\n';
    const control: BadInputCase = {
      ...{ table: 'control', name: 'valid facts', exit: 4, says: [], fix: '' },
      args: ['facts', '-i', '{case}/inventory.yaml', '--accept-new-host-keys'],
      files: { 'inventory.yaml': inventory, id_rsa: privateKey },
      modes: { id_rsa: '600' },
    };
    const r = await runCase(control, corpus.length, { work, port: trap.port, cacheDir: CACHE_DIR });
    expect(r.status, r.stderr).to.equal(3); // unreachable: the trap hangs up
    expect(trap.seen.length, r.stderr).to.be.greaterThan(0);
  });
});

/** The message (everything before `  fix:`) and the fix line. */
function splitFix(stderr: string): [string, string] {
  const at = stderr.lastIndexOf('\n  fix: ');
  return at < 0 ? [stderr, ''] : [stderr.slice(0, at), stderr.slice(at)];
}
