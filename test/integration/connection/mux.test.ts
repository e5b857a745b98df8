import { expect } from 'chai';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { serveMux, type MuxDaemon } from '../../../src/connection/mux/daemon.ts';
import { attach, openLeaseSocket, type MuxRemoteHost } from '../../../src/connection/mux/mux-host.ts';
import { connectPersistent, muxSocketPath, stopMuxes } from '../../../src/connection/mux/persistent.ts';
import type { MuxHost, MuxOptions } from '../../../src/connection/mux/protocol.ts';
import { isOrchestrateError } from '../../../src/errors.ts';
import type { Host } from '../../../src/inventory/types.ts';
import { startLocalSshd, type LocalSshd } from './local-sshd.ts';

async function until(cond: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('connection/mux: SSH connections kept between runs, lent per run', function () {
  this.timeout(20_000);
  let dir = '';
  let sshd: LocalSshd;
  let daemon: MuxDaemon | undefined;
  let socketPath = '';
  let idle = 0;
  let host: MuxHost;
  let opts: MuxOptions;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mux-'));
    sshd = await startLocalSshd(dir);
    mkdirSync(join(dir, 'mux'));
    socketPath = join(dir, 'mux', 'test.sock');
    idle = 0;
    daemon = await serveMux(socketPath, 60_000, () => idle++);
    host = {
      name: 'h1',
      address: '127.0.0.1',
      port: sshd.port,
      user: userInfo().username,
      become: false,
      identityFile: sshd.identityFile,
      jump: undefined,
      proxyCommand: undefined,
    };
    opts = { knownHostsFile: sshd.knownHostsFile, hostKeyPolicy: 'strict', connectTimeoutMs: 3_000, retries: 0 };
  });
  afterEach(async () => {
    await daemon?.close();
    await sshd.close();
    await rm(dir, { recursive: true, force: true });
  });

  const lease = async (o: MuxOptions = opts, idleMs = 60_000): Promise<MuxRemoteHost> =>
    attach(await openLeaseSocket(socketPath), host, o, idleMs);

  it('the socket is 0600; a second run reuses the connection the first made (one TCP connection, one exec each)', async () => {
    expect(statSync(socketPath).mode & 0o777).to.equal(0o600);
    const a = await lease();
    expect(a.reused).to.equal(false);
    const r1 = await a.exec('printf \'out %s\' "$((6*7))"; echo err >&2; exit 3');
    expect(r1).to.include({ stdout: 'out 42', code: 3 });
    expect(r1.stderr).to.contain('err');
    await a.close();
    const b = await lease();
    expect(b.reused).to.equal(true);
    expect((await b.exec('echo again')).stdout).to.equal('again\n');
    expect(b.execCount).to.equal(1);
    await b.close();
    expect(sshd.accepted()).to.equal(1);
    expect(daemon!.connections()).to.equal(1);
  });

  it('two runs attaching the same host at once share one new connection', async () => {
    const [a, b] = await Promise.all([lease(), lease()]);
    expect([a.reused, b.reused].sort()).to.deep.equal([false, true]);
    const [ra, rb] = await Promise.all([a.exec('echo a'), b.exec('echo b')]);
    expect(ra.stdout + rb.stdout).to.equal('a\nb\n');
    await Promise.all([a.close(), b.close()]);
    expect(sshd.accepted()).to.equal(1);
  });

  it('uploads and locks through the lease; a killed run (socket destroyed) lets go of its host lock at once', async () => {
    const lockPath = join(dir, 'locks', 'orchestrate.lock');
    const a = await lease();
    await a.upload(join(dir, 'up.bin'), { content: Buffer.from([0, 1, 2, 255]) });
    expect([...(await readFile(join(dir, 'up.bin')))]).to.deep.equal([0, 1, 2, 255]);
    expect(statSync(join(dir, 'up.bin')).mode & 0o777).to.equal(0o600);
    const facts = await a.lockAndExec(lockPath, 1_000, 'echo facts');
    expect(facts.stdout).to.equal('facts\n');
    // A second run on the same connection is refused while the first holds the lock.
    const b = await lease();
    const refused = await b.lock(lockPath, 300).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isOrchestrateError(refused, 'LOCK_HELD'), String(refused)).to.equal(true);
    // SIGKILL of run A closes its socket: the mux closes A's channels, flock ends, B gets the lock.
    (a as unknown as { sock: { destroy(): void } }).sock.destroy();
    await b.lock(lockPath, 3_000);
    await b.close();
    expect(sshd.accepted()).to.equal(1);
  });

  it("a killed run's running script sees its stdin end (its watchdog stops it), as with a dropped connection", async () => {
    const marker = join(dir, 'stopped');
    const a = await lease();
    const running = a
      .exec(`sleep 30 & p=$!; trap 'kill $p; echo stopped > ${marker}; exit 1' TERM; wait`)
      .catch(() => undefined);
    await new Promise((r) => setTimeout(r, 300));
    (a as unknown as { sock: { destroy(): void } }).sock.destroy();
    await running;
    await until(() => existsSync(marker), 5_000, 'the remote script got TERM from its watchdog');
  });

  it('checks the host key again on every reuse: a key removed from known_hosts is refused (strict)', async () => {
    await (await lease()).close();
    writeFileSync(sshd.knownHostsFile, '');
    const err = await lease().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isOrchestrateError(err, 'HOST_KEY_UNKNOWN'), String(err)).to.equal(true);
    expect((err as Error).message)
      .to.contain('h1')
      .and.contain('not in known_hosts');
    // The refused connection is dropped, not kept for the next run.
    expect(daemon!.connections()).to.equal(0);
  });

  it('a connection the host dropped is replaced on the next run, not handed out dead', async () => {
    await (await lease()).close();
    sshd.dropAll();
    await new Promise((r) => setTimeout(r, 100));
    const b = await lease();
    expect(b.reused).to.equal(false);
    expect((await b.exec('echo fresh')).stdout).to.equal('fresh\n');
    await b.close();
    expect(sshd.accepted()).to.equal(2);
  });

  it('a connection that does not answer in time is lent no more, yet the run using it keeps it', async () => {
    const a = await lease();
    sshd.freezeAll();
    const b = await lease();
    expect(b.reused, 'no keepalive answer within 2 s: a new connection').to.equal(false);
    sshd.thawAll();
    expect((await a.exec('echo still')).stdout).to.equal('still\n');
    expect((await b.exec('echo new')).stdout).to.equal('new\n');
    expect(sshd.accepted()).to.equal(2);
    await a.close();
    await until(() => sshd.open() === 1, 3_000, 'the retired connection ends with its last lease');
    const c = await lease();
    expect(c.reused).to.equal(true);
    await Promise.all([b.close(), c.close()]);
  });

  it('a host that cannot be reached: the error crosses the socket with its code, host and fix', async () => {
    const err = await attach(await openLeaseSocket(socketPath), { ...host, port: 1 }, opts, 60_000).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isOrchestrateError(err, 'UNREACHABLE'), String(err)).to.equal(true);
    expect((err as { host?: string }).host).to.equal('h1');
    expect((err as { fix?: string }).fix)
      .to.be.a('string')
      .and.not.equal('');
  });

  it('calls in flight fail UNREACHABLE when the mux goes away', async () => {
    const a = await lease();
    const running = a.exec('sleep 5');
    await new Promise((r) => setTimeout(r, 200));
    await daemon!.close().catch(() => undefined);
    daemon = undefined;
    (a as unknown as { sock: { destroy(): void } }).sock.destroy();
    const err = await running.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isOrchestrateError(err, 'UNREACHABLE'), String(err)).to.equal(true);
  });

  it('goes idle once no lease is open for the idle time the latest run asked for', async () => {
    const a = await lease(opts, 150);
    await new Promise((r) => setTimeout(r, 300));
    expect(idle, 'no idle exit while a lease is open').to.equal(0);
    await a.close();
    await until(() => idle === 1, 2_000, 'idle exit');
  });

  it('stopMuxes (lab down) asks every mux of a state dir to leave', async () => {
    await (await lease()).close();
    expect(await stopMuxes(dir)).to.equal(1);
    expect(idle, 'the daemon was told to exit').to.equal(1);
    expect(await stopMuxes(join(dir, 'nothing-here'))).to.equal(0);
  });

  it('connectPersistent: a socket that answers nonsense is bypassed (direct connection, one warning)', async () => {
    const stateDir = join(dir, 'state2');
    const path = muxSocketPath(stateDir)!;
    mkdirSync(join(stateDir, 'mux'), { recursive: true });
    const liar = createServer((s) => s.end('this is not the mux\n'));
    await new Promise<void>((r) => liar.listen(path, () => r()));
    const warnings: string[] = [];
    const p = { stateDir, idleMs: 1_000, daemonArgv: ['/bin/false'], warn: (m: string) => warnings.push(m) };
    try {
      const r = await connectPersistent({ ...host, groups: [], vars: {} }, opts, p);
      expect((await r.exec('echo direct')).stdout).to.equal('direct\n');
      await r.close();
    } finally {
      liar.close();
    }
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('not JSON');
  });

  it('connectPersistent: a mux that cannot start means a direct connection and one warning', async () => {
    const warnings: string[] = [];
    const h: Host = { ...host, groups: [], vars: {} };
    const stateDir = join(dir, 'state');
    const p = { stateDir, idleMs: 1_000, daemonArgv: ['/bin/false'], warn: (m: string) => warnings.push(m) };
    const r = await connectPersistent(h, opts, p);
    expect((await r.exec('echo direct')).stdout).to.equal('direct\n');
    await r.close();
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('connection mux not used').and.contain('ended');
    expect(muxSocketPath(stateDir)).to.match(/\/mux\/[^/]+\.sock$/);
  });
});
