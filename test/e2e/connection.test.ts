// The connection layer against a real OpenSSH sshd on 127.0.0.1 (needs root; installs what it lacks).

import { expect } from 'chai';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '../../src/connection/connect.ts';
import type { ConnectOptions } from '../../src/connection/options.ts';
import { closeAll, connectAll } from '../../src/connection/pool.ts';
import type { RemoteHost } from '../../src/connection/types.ts';
import { OrchestrateError } from '../../src/errors.ts';
import type { ErrorCode } from '../../src/errors.ts';
import type { Host } from '../../src/inventory/types.ts';
import { addSudoUser, ensurePackages, local, startSshd } from './connection/sshd.ts';
import type { Sshd } from './connection/sshd.ts';

const PW_USER = 'orchtest-pw';
const NOPW_USER = 'orchtest-nopw';

/** Awaits p, expects it to reject with an OrchestrateError of code, and returns it. */
async function rejectsWith(p: Promise<unknown>, code: ErrorCode): Promise<OrchestrateError> {
  try {
    await p;
  } catch (err) {
    expect(err, String(err)).to.be.instanceOf(OrchestrateError);
    expect((err as OrchestrateError).code, (err as Error).message).to.equal(code);
    return err as OrchestrateError;
  }
  throw new Error(`expected ${code}, but it resolved`);
}

describe('connection (e2e, throwaway sshd on 127.0.0.1)', function () {
  this.timeout(60_000);
  let dir = '';
  let srv: Sshd;
  let knownHosts = '';
  const cleanups: (() => void)[] = [];
  const open: RemoteHost[] = [];

  const host = (over: Partial<Host> = {}): Host => ({
    name: 'e2e-host',
    address: '127.0.0.1',
    port: srv.port,
    user: 'root',
    become: false,
    identityFile: srv.clientKey,
    jump: undefined,
    proxyCommand: undefined,
    groups: ['all'],
    vars: {},
    ...over,
  });
  const opts = (over: Partial<ConnectOptions> = {}): ConnectOptions => ({
    knownHostsFile: knownHosts,
    hostKeyPolicy: 'strict',
    connectTimeoutMs: 5_000,
    retries: 0,
    agentSocket: '',
    ...over,
  });
  const conn = async (h: Host = host(), o: ConnectOptions = opts()): Promise<RemoteHost> => {
    const r = await connect(h, o);
    open.push(r);
    return r;
  };
  const knownLine = (port = srv.port): string => `[127.0.0.1]:${port} ${srv.hostKey}\n`;

  before(async function () {
    this.timeout(600_000);
    if (process.getuid?.() !== 0) this.skip();
    ensurePackages();
    dir = await mkdtemp(join(tmpdir(), 'orchestrate-e2e-conn-'));
    cleanups.push(addSudoUser(PW_USER, false), addSudoUser(NOPW_USER, true));
    srv = await startSshd(dir, ['root', PW_USER, NOPW_USER]);
    cleanups.push(() => srv.kill());
    knownHosts = join(dir, 'known_hosts');
    await writeFile(knownHosts, knownLine(), { mode: 0o600 });
  });

  afterEach(async () => {
    await Promise.all(open.splice(0).map((r) => r.close().catch(() => undefined)));
  });

  after(async () => {
    for (const c of cleanups.reverse()) c();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  describe('exec', () => {
    it('round-trips stdout, stderr and the exit code, and counts exec requests', async () => {
      const r = await conn();
      expect(r.execCount).to.equal(0);
      const res = await r.exec('echo out; echo err >&2; exit 3');
      expect(res).to.deep.equal({ stdout: 'out\n', stderr: 'err\n', code: 3, signal: undefined });
      await r.exec('true');
      expect(r.execCount).to.equal(2);
    });

    it('sends the script on stdin: quotes, $, backslashes and a 300 kB script arrive intact', async () => {
      const r = await conn();
      const tricky = `it's "quoted" $HOME \\n \`x\``;
      const res = await r.exec(`cat <<'EOF'\n${tricky}\nEOF\nprintf '%s' ${"'a'\\''b'"}`);
      expect(res.stdout).to.equal(`${tricky}\na'b`);
      const big = Array.from({ length: 10_000 }, (_, i) => `: line ${i} padding padding`).join('\n');
      expect((await r.exec(`${big}\necho done`)).stdout).to.equal('done\n');
    });

    it('GIVEN a script that outlives its timeout THEN REMOTE_TIMEOUT fast, and the connection still works', async () => {
      const r = await conn();
      const started = Date.now();
      const err = await rejectsWith(r.exec('sleep 29.25; echo never', { timeoutMs: 500 }), 'REMOTE_TIMEOUT');
      expect(Date.now() - started).to.be.below(3_000);
      expect(err.message).to.contain('e2e-host');
      expect((await r.exec('echo still')).stdout).to.equal('still\n');
      // The whole remote tree is gone, not only the shell: no orphaned sleep is left behind.
      await new Promise((res) => setTimeout(res, 1_000));
      expect(local('pgrep -f "sleep 29[.]25" || true')).to.equal('');
    });
  });

  describe('host keys', () => {
    it('GIVEN strict and an empty known_hosts THEN HOST_KEY_UNKNOWN with the fingerprint and the fix', async () => {
      const file = join(dir, 'kh-empty');
      await writeFile(file, '');
      const err = await rejectsWith(conn(host(), opts({ knownHostsFile: file, retries: 2 })), 'HOST_KEY_UNKNOWN');
      const fp = local(`ssh-keygen -lf ${dir}/host_ed25519.pub`).split(' ')[1] ?? '';
      expect(err.message).to.contain(fp).and.contain(file).and.contain('e2e-host');
      expect(err.fix).to.contain('ssh-keyscan').and.contain('accept-new');
    });

    for (const policy of ['strict', 'accept-new'] as const) {
      it(`GIVEN a changed key under ${policy} THEN HOST_KEY_MISMATCH with both fingerprints and the line`, async () => {
        const other = join(dir, 'other_key');
        local(`test -f ${other} || ssh-keygen -q -t ed25519 -N '' -f ${other}`);
        const file = join(dir, `kh-changed-${policy}`);
        const otherPub = (await readFile(`${other}.pub`, 'utf8')).split(' ').slice(0, 2).join(' ');
        await writeFile(file, `# first line\n[127.0.0.1]:${srv.port} ${otherPub}\n`);
        const err = await rejectsWith(conn(host(), opts({ knownHostsFile: file, hostKeyPolicy: policy })), 'HOST_KEY_MISMATCH');
        const presented = local(`ssh-keygen -lf ${dir}/host_ed25519.pub`).split(' ')[1] ?? '';
        const known = local(`ssh-keygen -lf ${other}.pub`).split(' ')[1] ?? '';
        expect(err.message).to.contain(presented).and.contain(known).and.contain(`${file} line 2`).and.contain('e2e-host');
        expect(await readFile(file, 'utf8')).to.equal(`# first line\n[127.0.0.1]:${srv.port} ${otherPub}\n`);
      });
    }

    it('GIVEN accept-new THEN a new key is recorded once (file 0600, dir 0700), then enforced', async () => {
      const file = join(dir, 'accept', 'new', 'known_hosts');
      const o = opts({ knownHostsFile: file, hostKeyPolicy: 'accept-new' });
      const all = await Promise.all([1, 2, 3, 4].map(() => conn(host(), o)));
      await conn(host(), o);
      expect(await readFile(file, 'utf8')).to.equal(knownLine());
      expect(local(`stat -c %a ${file} ${join(dir, 'accept', 'new')}`)).to.equal('600\n700\n');
      expect((await all[0]?.exec('echo ok'))?.stdout).to.equal('ok\n');
      await conn(host(), { ...o, hostKeyPolicy: 'strict' });
      await writeFile(file, knownLine().replace(/AAAA\S+/, (k) => k.slice(0, -6) + 'AAAAAA'));
      await rejectsWith(conn(host(), o), 'HOST_KEY_MISMATCH');
    });

    it('accepts a hashed entry written by ssh-keygen -H', async () => {
      const file = join(dir, 'kh-hashed');
      await writeFile(file, knownLine());
      local(`ssh-keygen -q -H -f ${file} 2>/dev/null; rm -f ${file}.old`);
      expect(await readFile(file, 'utf8')).to.match(/^\|1\|/);
      await conn(host(), opts({ knownHostsFile: file }));
    });
  });

  describe('become', () => {
    it('GIVEN a user whose sudo needs a password THEN BECOME_FAILED naming become and the fix', async () => {
      const r = await conn(host({ user: PW_USER, become: true }));
      const err = await rejectsWith(r.exec('id -u'), 'BECOME_FAILED');
      expect(err.message).to.contain('become').and.contain(PW_USER);
      expect(err.fix).to.contain('NOPASSWD').and.contain('become: false');
      expect((await r.exec('id -un', { become: false })).stdout).to.equal(`${PW_USER}\n`);
    });

    it('GIVEN NOPASSWD sudo THEN the script runs as root, its stdin intact', async () => {
      const r = await conn(host({ user: NOPW_USER, become: true }));
      expect((await r.exec("id -u; echo 'quoted $x'")).stdout).to.equal("0\nquoted $x\n");
    });
  });

  describe('upload', () => {
    it('writes content and streamed files with mode 0600, over one SFTP session', async () => {
      const r = await conn();
      const target = join(dir, 'up-content');
      await writeFile(target, 'old', { mode: 0o644 });
      await r.upload(target, { content: Buffer.from('héllo\n') });
      expect(await readFile(target, 'utf8')).to.equal('héllo\n');
      const src = join(dir, 'big.bin');
      const data = randomBytes(3 * 1024 * 1024 + 17);
      await writeFile(src, data);
      await r.upload(join(dir, 'up-file'), { file: src });
      const sum = (await r.exec(`sha256sum ${join(dir, 'up-file')} | cut -d' ' -f1; stat -c %a ${target} ${join(dir, 'up-file')}`)).stdout;
      expect(sum).to.equal(`${createHash('sha256').update(data).digest('hex')}\n600\n600\n`);
      await r.upload(join(dir, 'up-empty'), { content: Buffer.alloc(0) });
      expect(await readFile(join(dir, 'up-empty'), 'utf8')).to.equal('');
    });

    it('GIVEN a missing directory or no permission THEN TASK_FAILED with the path and the cause', async () => {
      const r = await conn();
      const e1 = await rejectsWith(r.upload('/nonexistent-dir/x', { content: Buffer.from('x') }), 'TASK_FAILED');
      expect(e1.message).to.contain('/nonexistent-dir/x').and.contain('no such file');
      const u = await conn(host({ user: NOPW_USER }));
      const e2 = await rejectsWith(u.upload('/root/not-allowed', { content: Buffer.from('x') }), 'TASK_FAILED');
      expect(e2.message).to.contain('/root/not-allowed').and.contain('permission denied');
      const e3 = await rejectsWith(r.upload('/tmp/x', { file: join(dir, 'no-such-local') }), 'TASK_FAILED');
      expect(e3.message).to.contain('no-such-local');
    });
  });

  describe('host lock', () => {
    it('GIVEN A holds the lock THEN B gets LOCK_HELD (naming A) within waitMs, and the lock once A is gone', async () => {
      const path = join(dir, 'locks', 'orchestrate.lock');
      const a = await conn(host(), opts({ runInfo: 'run A (pid 4242)' }));
      await a.lock(path, 2_000);
      expect(a.execCount).to.equal(1);
      const b = await conn(host(), opts({ runInfo: 'run B' }));
      const started = Date.now();
      const err = await rejectsWith(b.lock(path, 1_000), 'LOCK_HELD');
      expect(Date.now() - started).to.be.within(900, 4_000);
      expect(err.message).to.contain('run A (pid 4242)').and.contain('another orchestrate run');
      await a.close();
      await b.lock(path, 5_000);
      expect((await b.exec(`cat ${path}.holder`)).stdout).to.equal('run B\n');
    });

    it('GIVEN a non-root user with become THEN the lock is taken through sudo', async () => {
      const r = await conn(host({ user: NOPW_USER, become: true }));
      await r.lock(join(dir, 'locks-root', 'x.lock'), 1_000);
      expect(local(`stat -c %U ${join(dir, 'locks-root', 'x.lock')}`)).to.equal('root\n');
    });
  });

  describe('routes and failures', () => {
    it('connects through a jump host (forwardOut), verifying both keys', async () => {
      const r = await conn(host({ jump: `root@127.0.0.1:${srv.port}` }));
      expect((await r.exec('echo via-jump')).stdout).to.equal('via-jump\n');
      const file = join(dir, 'kh-jump-empty');
      await writeFile(file, '');
      const err = await rejectsWith(conn(host({ jump: `root@127.0.0.1:${srv.port}` }), opts({ knownHostsFile: file })), 'HOST_KEY_UNKNOWN');
      expect(err.message).to.contain('jump host');
    });

    it('connects through a proxy command (nc %h %p)', async () => {
      const r = await conn(host({ proxyCommand: 'nc %h %p' }));
      expect((await r.exec('echo via-proxy')).stdout).to.equal('via-proxy\n');
    });

    it('GIVEN a proxy command that fails THEN UNREACHABLE quoting its stderr', async () => {
      const err = await rejectsWith(conn(host({ proxyCommand: 'echo proxy-broke >&2; exit 1' })), 'UNREACHABLE');
      expect(err.message).to.contain('proxy-broke');
    });

    it('GIVEN nothing listens THEN UNREACHABLE "connection refused" after the retries', async () => {
      const started = Date.now();
      const err = await rejectsWith(conn(host({ port: 1 }), opts({ retries: 2, retryDelayMs: 50 })), 'UNREACHABLE');
      expect(err.message).to.contain('127.0.0.1:1').and.contain('connection refused').and.contain('3 attempts');
      expect(Date.now() - started).to.be.below(3_000);
    });

    it('GIVEN a key the host does not authorize THEN UNREACHABLE naming the methods tried, not retried', async () => {
      const stranger = join(dir, 'stranger');
      local(`test -f ${stranger} || ssh-keygen -q -t ed25519 -N '' -f ${stranger}`);
      const err = await rejectsWith(conn(host({ identityFile: stranger }), opts({ retries: 2, retryDelayMs: 2_000 })), 'UNREACHABLE');
      expect(err.message).to.contain('authentication failed for user root').and.contain(`publickey ${stranger}`).and.not.contain('attempts');
    });

    it('GIVEN sshd dies mid-exec THEN the call rejects UNREACHABLE promptly', async () => {
      const second = await startSshd(dir, ['root']);
      cleanups.push(() => second.kill());
      const r = await conn(host({ port: second.port }), opts({ knownHostsFile: join(dir, 'kh-second'), hostKeyPolicy: 'accept-new' }));
      const running = r.exec('sleep 28.5', { timeoutMs: 2_000 });
      await new Promise((res) => setTimeout(res, 300));
      const started = Date.now();
      second.kill();
      const err = await rejectsWith(running, 'UNREACHABLE');
      expect(Date.now() - started).to.be.below(5_000);
      expect(err.message).to.contain('e2e-host');
      await rejectsWith(r.exec('true'), 'UNREACHABLE');
      // Its remote timeout still ends what the lost session left running.
      await new Promise((res) => setTimeout(res, 3_500));
      expect(local('pgrep -f "sleep 28[.]5" || true')).to.equal('');
    });

    it('connectAll keeps a RemoteHost or an error per host; closeAll closes them', async () => {
      const hosts = [host({ name: 'good' }), host({ name: 'bad', port: 1 }), host({ name: 'good2' })];
      const pool = await connectAll(hosts, opts(), 2);
      expect([...pool.keys()]).to.deep.equal(['good', 'bad', 'good2']);
      expect(pool.get('bad')).to.be.instanceOf(OrchestrateError);
      const good = pool.get('good') as RemoteHost;
      expect((await good.exec('echo pooled')).stdout).to.equal('pooled\n');
      await closeAll(pool);
      await rejectsWith(good.exec('true'), 'UNREACHABLE');
    });

    it('uses the default keys from sshDir when no identityFile and no agent', async () => {
      const sshDir = join(dir, 'dotssh');
      local(`mkdir -p ${sshDir} && cp ${srv.clientKey} ${sshDir}/id_ed25519 && chmod 600 ${sshDir}/id_ed25519`);
      const r = await conn(host({ identityFile: undefined }), opts({ sshDir }));
      expect((await r.exec('echo default-key')).stdout).to.equal('default-key\n');
    });
  });
});
