import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolvLoopCheck } from '../../../../roles/kubelet/health.ts';

describe('roles/kubelet renderers', () => {
  describe('the loop check of the health gate (run with local sh)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'orch-kubelet-'));
    after(() => rmSync(dir, { recursive: true, force: true }));
    const run = (content: string): { code: number; out: string } => {
      const path = join(dir, 'resolv.conf');
      writeFileSync(path, content);
      try {
        return { code: 0, out: execFileSync('sh', ['-c', resolvLoopCheck(path)], { encoding: 'utf8' }) };
      } catch (e) {
        const err = e as { status: number; stdout: string };
        return { code: err.status, out: err.stdout };
      }
    };
    const table: [string, number, string][] = [
      ['nameserver 10.0.2.3\nsearch x\n', 0, ''],
      ['nameserver 127.0.0.53\n', 1, 'loopback'],
      ['  nameserver\t127.0.0.1\n', 1, 'loopback'],
      ['nameserver 10.0.0.2\nnameserver ::1\n', 1, 'loopback'],
      ['# nameserver 127.0.0.1\nnameserver 1.1.1.1\n', 0, ''],
      ['nameserver 1270::1\n', 0, ''],
      ['search only\n', 1, 'no nameserver'],
    ];
    for (const [content, code, words] of table)
      it(`GIVEN ${JSON.stringify(content)} THEN exit ${code}`, () => {
        const r = run(content);
        expect(r.code).to.equal(code);
        expect(r.out).to.contain(words);
      });
  });
});
