// kubelet double: --config, kubeconfigs, certs, swap, the CRI socket; then :10250 (TLS), :10248 and registration.

import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { connect } from 'node:net';
import { gitVersion } from '../embedded.ts';
import { DoubleError, Problems } from '../fail.ts';
import { checkKubeconfigAt, checkOtherFiles } from '../files.ts';
import { boolValue, lastValue, type ParsedFlags } from '../flag-parse.ts';
import { loadCa, loadPair } from '../pem.ts';
import type { DoubleContext, Running } from '../run.ts';
import { selfSigned } from '../self-signed.ts';
import { closeAll, reply, serveHttp, serveTls } from '../serve.ts';
import { warnUser } from './controller-manager.ts';
import { checkKubeletConfig, type KubeletConfig } from './kubelet-config.ts';
import { nodeIdentity, nodeObject, registerInBackground } from './kubelet-register.ts';

const HANDLED = new Set([
  'config',
  'kubeconfig',
  'bootstrap-kubeconfig',
  'tls-cert-file',
  'tls-private-key-file',
  'client-ca-file',
]);

/** Flags override the config file (the kubelet's precedence). */
function withFlags(c: KubeletConfig, f: ParsedFlags): KubeletConfig {
  const s = (name: string): string | undefined => lastValue(f, name);
  const n = (name: string, d: number): number => (s(name) !== undefined ? Number(s(name)) : d);
  const cert = s('tls-cert-file');
  const key = s('tls-private-key-file');
  return {
    ...c,
    address: s('address') ?? c.address,
    port: n('port', c.port),
    healthzBindAddress: s('healthz-bind-address') ?? c.healthzBindAddress,
    healthzPort: n('healthz-port', c.healthzPort),
    ...(cert ? { tlsCertFile: cert } : {}),
    ...(key ? { tlsPrivateKeyFile: key } : {}),
    ...(s('client-ca-file') ? { clientCAFile: s('client-ca-file')! } : {}),
    anonymous: boolValue(f, 'anonymous-auth', c.anonymous),
    containerRuntimeEndpoint: s('container-runtime-endpoint') ?? c.containerRuntimeEndpoint,
    failSwapOn: boolValue(f, 'fail-swap-on', c.failSwapOn),
    registerNode: boolValue(f, 'register-node', c.registerNode),
  };
}

/** The CRI socket accepts a connection (the real kubelet exits when its runtime is not there). */
async function checkRuntime(endpoint: string, waitMs: number): Promise<void> {
  const path = endpoint.replace(/^unix:\/\//, '');
  if (!path.startsWith('/'))
    throw new DoubleError(`container runtime endpoint ${endpoint}: only unix sockets are supported`);
  const deadline = Date.now() + waitMs;
  for (;;) {
    const err = await new Promise<Error | undefined>((resolve) => {
      const s = connect({ path }, () => {
        s.destroy();
        resolve(undefined);
      });
      s.on('error', resolve);
    });
    if (err === undefined) return;
    if (Date.now() >= deadline)
      throw new DoubleError(
        `failed to run Kubelet: validate service connection: validate CRI v1 runtime API for endpoint "${endpoint}": rpc error: code = Unavailable desc = connection error: dial unix ${path}: ${err.message}`,
      );
    await new Promise((r) => setTimeout(r, 500));
  }
}

function swapOn(): boolean {
  try {
    return readFileSync('/proc/swaps', 'utf8').trim().split('\n').length > 1;
  } catch {
    return false;
  }
}

/** The kubelet double's main. */
export async function kubeletMain(ctx: DoubleContext): Promise<Running> {
  const { flags } = ctx;
  const problems = new Problems();
  const configPath = lastValue(flags, 'config');
  if (!configPath)
    throw new DoubleError(
      '--config is required by the orchestrate test double (KTHW configures the kubelet with a KubeletConfiguration file)',
    );
  let cfg: KubeletConfig | undefined;
  problems.check('--config', () => (cfg = withFlags(checkKubeletConfig(configPath), flags)));
  const kc = checkKubeconfigAt(lastValue(flags, 'kubeconfig'), '--kubeconfig', problems);
  checkKubeconfigAt(lastValue(flags, 'bootstrap-kubeconfig'), '--bootstrap-kubeconfig', problems);
  let serving: { certPem: string; keyPem: string } | undefined;
  let clientCaPem: string | undefined;
  if (cfg?.tlsCertFile && cfg.tlsPrivateKeyFile) {
    const [c, k] = [cfg.tlsCertFile, cfg.tlsPrivateKeyFile];
    problems.check('tlsCertFile/tlsPrivateKeyFile', () => (serving = loadPair(c, k)));
  }
  if (cfg?.clientCAFile)
    problems.check('authentication.x509.clientCAFile', () => (clientCaPem = loadCa(cfg!.clientCAFile!).pem));
  if (cfg?.failSwapOn && swapOn())
    problems.add(
      'running with swap on is not supported, please disable swap or set --fail-swap-on flag to false (failSwapOn: false)',
    );
  checkOtherFiles(flags, HANDLED, problems);
  problems.throwIfAny();
  const c = cfg!;
  if (!kc) ctx.warn('no --kubeconfig: standalone mode, the node never registers');
  warnUser(ctx, kc, /^system:node:/, 'system:node:<node name> (the Node authorizer)');
  await checkRuntime(c.containerRuntimeEndpoint, Number(process.env['ORCHESTRATE_DOUBLE_CRI_WAIT_S'] ?? 10) * 1000);
  if (c.unknown.length) ctx.warn(`${configPath}: unknown field(s) ${c.unknown.join(', ')} (ignored: lenient decoding)`);

  const pair =
    serving ??
    selfSigned(nodeIdentity(lastValue(flags, 'hostname-override'), undefined).name, ['localhost', '127.0.0.1']);
  const servers: Server[] = [];
  servers.push(
    await serveTls(
      { component: ctx.e.component, bind: c.address, port: c.port, ...pair, ...(clientCaPem ? { clientCaPem } : {}) },
      (req, res, who) => {
        if (who === 'invalid' || (who === undefined && !c.anonymous)) return reply(res, 401, 'Unauthorized');
        const path = new URL(req.url ?? '/', 'https://x').pathname;
        if (path === '/healthz') return reply(res, 200, 'ok');
        if (path === '/pods') return reply(res, 200, { kind: 'PodList', apiVersion: 'v1', metadata: {}, items: [] });
        reply(res, 404, '404 page not found');
      },
    ),
  );
  if (c.healthzPort > 0)
    servers.push(
      await serveHttp(ctx.e.component, c.healthzBindAddress, c.healthzPort, (req, res) =>
        reply(res, new URL(req.url ?? '/', 'http://x').pathname === '/healthz' ? 200 : 404, 'ok'),
      ),
    );
  let stopRegister = (): void => undefined;
  if (kc && c.registerNode) {
    const id = nodeIdentity(lastValue(flags, 'hostname-override'), lastValue(flags, 'node-ip')?.split(',')[0]);
    stopRegister = registerInBackground(
      kc,
      nodeObject(id.name, id.ip, gitVersion(ctx.e), lastValue(flags, 'pod-cidr') ?? c.podCIDR),
      ctx.log,
      ctx.warn,
    );
  }
  ctx.log(`serving https://${c.address}:${c.port}/healthz and http://${c.healthzBindAddress}:${c.healthzPort}/healthz`);
  return {
    close: async () => {
      stopRegister();
      await closeAll(servers);
    },
  };
}
