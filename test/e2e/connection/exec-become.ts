// exec over stdin, timeouts, and become through sudo -n.

import { expect } from 'chai';
import { NOPW_USER, PW_USER, rejectsWith } from './fixture.ts';
import type { ConnEnv } from './fixture.ts';
import { local } from './sshd.ts';

/** Registers the exec tests on env. */
export function execSuite(env: ConnEnv): void {
  describe('exec', () => {
    it('round-trips stdout, stderr and the exit code, and counts exec requests', async () => {
      const r = await env.conn();
      expect(r.execCount).to.equal(0);
      const res = await r.exec('echo out; echo err >&2; exit 3');
      expect(res).to.deep.equal({ stdout: 'out\n', stderr: 'err\n', code: 3, signal: undefined });
      await r.exec('true');
      expect(r.execCount).to.equal(2);
    });

    it('sends the script on stdin: quotes, $, backslashes and a 300 kB script arrive intact', async () => {
      const r = await env.conn();
      const tricky = `it's "quoted" $HOME \\n \`x\``;
      const res = await r.exec(`cat <<'EOF'\n${tricky}\nEOF\nprintf '%s' ${"'a'\\''b'"}`);
      expect(res.stdout).to.equal(`${tricky}\na'b`);
      const big = Array.from({ length: 10_000 }, (_, i) => `: line ${i} padding padding`).join('\n');
      expect((await r.exec(`${big}\necho done`)).stdout).to.equal('done\n');
    });

    it('GIVEN a script that outlives its timeout THEN REMOTE_TIMEOUT fast, and the connection still works', async () => {
      const r = await env.conn();
      const started = Date.now();
      const err = await rejectsWith(r.exec('sleep 29.25; echo never', { timeoutMs: 500 }), 'REMOTE_TIMEOUT');
      expect(Date.now() - started).to.be.below(3_000);
      expect(err.message).to.contain('e2e-host');
      expect((await r.exec('echo still')).stdout).to.equal('still\n');
      // The remote `timeout` (1 s past ours) ends the whole tree: no orphaned sleep is left behind.
      await new Promise((res) => setTimeout(res, 2_000));
      expect(local('pgrep -f "sleep 29[.]25" || true')).to.equal('');
    });
    it('GIVEN the connection dies mid-script (the run was SIGKILLed) THEN the host stops the script at once', async () => {
      const r = await env.conn();
      const running = r.exec('echo started; sleep 26.5; echo never > /tmp/orchestrate-e2e-watchdog');
      running.catch(() => undefined);
      await new Promise((res) => setTimeout(res, 1_000));
      expect(local('pgrep -f "sleep 26[.]5" || true'), 'the script runs').to.not.equal('');
      // What a SIGKILLed orchestrator leaves: the TCP connection drops, no SSH close is ever sent.
      (r as unknown as { client: { _sock: { destroy(): void } } }).client._sock.destroy();
      await new Promise((res) => setTimeout(res, 1_500));
      expect(local('pgrep -f "sleep 26[.]5" || true'), 'nothing of it still runs').to.equal('');
      expect(local('cat /tmp/orchestrate-e2e-watchdog 2>/dev/null || true')).to.equal('');
    });
  });

  describe('become', () => {
    it('GIVEN a user whose sudo needs a password THEN BECOME_FAILED naming become and the fix', async () => {
      const r = await env.conn(env.host({ user: PW_USER, become: true }));
      const err = await rejectsWith(r.exec('id -u'), 'BECOME_FAILED');
      expect(err.message).to.contain('become').and.contain(PW_USER);
      expect(err.fix).to.contain('NOPASSWD').and.contain('become: false');
      expect((await r.exec('id -un', { become: false })).stdout).to.equal(`${PW_USER}\n`);
    });

    it('GIVEN NOPASSWD sudo THEN the script runs as root, its stdin intact', async () => {
      const r = await env.conn(env.host({ user: NOPW_USER, become: true }));
      expect((await r.exec("id -u; echo 'quoted $x'")).stdout).to.equal('0\nquoted $x\n');
    });

    it('GIVEN become and a timeout THEN the signal reaches the root-owned tree through sudo at once', async () => {
      const r = await env.conn(env.host({ user: NOPW_USER, become: true }));
      await rejectsWith(r.exec('sleep 27.75', { timeoutMs: 500 }), 'REMOTE_TIMEOUT');
      await new Promise((res) => setTimeout(res, 700));
      expect(local('pgrep -f "sleep 27[.]75" || true')).to.equal('');
    });
  });
}
