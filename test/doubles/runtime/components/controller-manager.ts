// kube-controller-manager double: kubeconfig, signing CA pair, root CA, SA key, CIDRs; then :10257/healthz.

import { Problems } from '../fail.ts';
import { checkCaFlag, checkKubeconfigAt, checkOtherFiles, checkPairFlags } from '../files.ts';
import { boolValue, lastValue, type ParsedFlags } from '../flag-parse.ts';
import { reachApiserver } from '../kube-client.ts';
import type { KubeconfigInfo } from '../kubeconfig.ts';
import { parseKey, readText } from '../pem.ts';
import type { DoubleContext, Running } from '../run.ts';
import { closeAll } from '../serve.ts';
import { serveSecureHealth, servingPair } from './secure-health.ts';

const SIGNERS = [
  'kubelet-serving',
  'kubelet-client',
  'kube-apiserver-client-kubelet',
  'kube-apiserver-client',
  'legacy-unknown',
];
const HANDLED = new Set([
  'kubeconfig',
  'authentication-kubeconfig',
  'authorization-kubeconfig',
  'cluster-signing-cert-file',
  'cluster-signing-key-file',
  'root-ca-file',
  'service-account-private-key-file',
  'client-ca-file',
  'requestheader-client-ca-file',
  'tls-cert-file',
  'tls-private-key-file',
  ...SIGNERS.flatMap((s) => [`cluster-signing-${s}-cert-file`, `cluster-signing-${s}-key-file`]),
]);

/** A kubeconfig (or --master): without one the real component tries in-cluster config and exits. */
export function requireKubeconfig(
  flags: ParsedFlags,
  fromConfig: string | undefined,
  problems: Problems,
): KubeconfigInfo | undefined {
  // With a config file, its clientConnection.kubeconfig is the only source (the flag is ignored).
  const path = fromConfig !== undefined ? fromConfig : lastValue(flags, 'kubeconfig');
  if (!path && !lastValue(flags, 'master')) {
    const where = fromConfig !== undefined ? 'clientConnection.kubeconfig in the --config file' : '--kubeconfig';
    problems.add(
      `no ${where}: unable to load in-cluster configuration, KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be defined`,
    );
    return undefined;
  }
  return checkKubeconfigAt(path, fromConfig !== undefined ? `clientConnection.kubeconfig` : '--kubeconfig', problems);
}

/** Warns when the kubeconfig's user is not the one RBAC's defaults grant this component's rights to. */
export function warnUser(ctx: DoubleContext, kc: KubeconfigInfo | undefined, expected: RegExp, label: string): void {
  if (kc?.user !== undefined && !expected.test(kc.user))
    ctx.warn(
      `${kc.path}: client certificate CN "${kc.user}", expected ${label}: the default RBAC rules will not apply`,
    );
}

function checkSigningPair(flags: ParsedFlags, cert: string, key: string, problems: Problems): void {
  const pair = checkPairFlags(flags, cert, key, problems);
  if (pair && !pair.cert.ca)
    problems.add(
      `--${cert}: ${lastValue(flags, cert)} is not a CA certificate (it signs kubelet and client certificates)`,
    );
}

/** The controller-manager double's main. */
export async function controllerManagerMain(ctx: DoubleContext): Promise<Running> {
  const { flags } = ctx;
  const problems = new Problems();
  const kc = requireKubeconfig(flags, undefined, problems);
  for (const f of ['authentication-kubeconfig', 'authorization-kubeconfig'])
    checkKubeconfigAt(lastValue(flags, f), `--${f}`, problems);
  checkSigningPair(flags, 'cluster-signing-cert-file', 'cluster-signing-key-file', problems);
  for (const s of SIGNERS)
    checkSigningPair(flags, `cluster-signing-${s}-cert-file`, `cluster-signing-${s}-key-file`, problems);
  checkCaFlag(flags, 'root-ca-file', problems);
  checkCaFlag(flags, 'client-ca-file', problems);
  checkCaFlag(flags, 'requestheader-client-ca-file', problems);
  const saKey = lastValue(flags, 'service-account-private-key-file');
  if (saKey) problems.check('--service-account-private-key-file', () => void parseKey(readText(saKey), saKey));
  if (boolValue(flags, 'allocate-node-cidrs', false) && !lastValue(flags, 'cluster-cidr'))
    problems.add('--allocate-node-cidrs=true requires --cluster-cidr');
  const pair = servingPair(flags, problems);
  checkOtherFiles(flags, HANDLED, problems);
  problems.throwIfAny();
  if (boolValue(flags, 'use-service-account-credentials', false) && !saKey)
    ctx.warn('--use-service-account-credentials was specified without providing a --service-account-private-key-file');
  warnUser(ctx, kc, /^system:kube-controller-manager$/, 'system:kube-controller-manager');
  const server = await serveSecureHealth(ctx, 10257, pair, undefined);
  const stop = kc ? reachApiserver(kc, ctx.e.component, ctx.log, ctx.warn) : () => undefined;
  return {
    close: () => {
      stop();
      return closeAll(server ? [server] : []);
    },
  };
}
