// Shared setup of the connection e2e suites: one sshd, test users, and helpers to connect.

import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '../../../src/connection/connect.ts';
import type { ConnectOptions } from '../../../src/connection/options.ts';
import type { RemoteHost } from '../../../src/connection/types.ts';
import { OrchestrateError } from '../../../src/errors.ts';
import type { ErrorCode } from '../../../src/errors.ts';
import type { Host } from '../../../src/inventory/types.ts';
import { addSudoUser, ensurePackages, startSshd } from './sshd.ts';
import type { Sshd } from './sshd.ts';

/** A user whose sudo asks for a password, and one with NOPASSWD. */
export const PW_USER = 'orchtest-pw';
export const NOPW_USER = 'orchtest-nopw';

export interface ConnEnv {
  dir: string;
  srv: Sshd;
  /** known_hosts holding the sshd's key. */
  knownHosts: string;
  readonly cleanups: (() => void)[];
  host(over?: Partial<Host>): Host;
  opts(over?: Partial<ConnectOptions>): ConnectOptions;
  /** connect() and close the connection after the test. */
  conn(h?: Host, o?: ConnectOptions): Promise<RemoteHost>;
  knownLine(port?: number): string;
}

/** Awaits p, expects it to reject with an OrchestrateError of code, and returns it. */
export async function rejectsWith(p: Promise<unknown>, code: ErrorCode): Promise<OrchestrateError> {
  try {
    await p;
  } catch (err) {
    expect(err, String(err)).to.be.instanceOf(OrchestrateError);
    expect((err as OrchestrateError).code, (err as Error).message).to.equal(code);
    return err as OrchestrateError;
  }
  throw new Error(`expected ${code}, but it resolved`);
}

/** Registers the hooks (call inside a describe) and returns the env they fill in. */
export function setupConnEnv(): ConnEnv {
  const open: RemoteHost[] = [];
  const env: ConnEnv = {
    dir: '',
    srv: undefined as unknown as Sshd,
    knownHosts: '',
    cleanups: [],
    host: (over = {}) => ({
      name: 'e2e-host',
      address: '127.0.0.1',
      port: env.srv.port,
      user: 'root',
      become: false,
      identityFile: env.srv.clientKey,
      jump: undefined,
      proxyCommand: undefined,
      groups: ['all'],
      vars: {},
      ...over,
    }),
    opts: (over = {}) => ({
      knownHostsFile: env.knownHosts,
      hostKeyPolicy: 'strict',
      connectTimeoutMs: 5_000,
      retries: 0,
      agentSocket: '',
      ...over,
    }),
    conn: async (h = env.host(), o = env.opts()) => {
      const r = await connect(h, o);
      open.push(r);
      return r;
    },
    knownLine: (port = env.srv.port) => `[127.0.0.1]:${port} ${env.srv.hostKey}\n`,
  };

  before(async function () {
    this.timeout(600_000);
    if (process.getuid?.() !== 0) this.skip();
    ensurePackages();
    env.dir = await mkdtemp(join(tmpdir(), 'orchestrate-e2e-conn-'));
    env.cleanups.push(addSudoUser(PW_USER, false), addSudoUser(NOPW_USER, true));
    env.srv = await startSshd(env.dir, ['root', PW_USER, NOPW_USER]);
    env.cleanups.push(() => env.srv.kill());
    env.knownHosts = join(env.dir, 'known_hosts');
    await writeFile(env.knownHosts, env.knownLine(), { mode: 0o600 });
  });

  afterEach(async () => {
    await Promise.all(open.splice(0).map((r) => r.close().catch(() => undefined)));
  });

  after(async () => {
    for (const c of env.cleanups.reverse()) c();
    if (env.dir) await rm(env.dir, { recursive: true, force: true });
  });
  return env;
}
