// kube-scheduler double: --config (KubeSchedulerConfiguration v1, strict), its kubeconfig; then :10259/healthz.

import { Problems } from '../fail.ts';
import { checkCaFlag, checkOtherFiles } from '../files.ts';
import { lastValue } from '../flag-parse.ts';
import { reachApiserver } from '../kube-client.ts';
import type { DoubleContext, Running } from '../run.ts';
import { closeAll } from '../serve.ts';
import { isGoDuration } from '../values.ts';
import { expectTypeMeta, parseYamlFile, unknownFields } from '../yaml-file.ts';
import { requireKubeconfig, warnUser } from './controller-manager.ts';
import { serveSecureHealth, servingPair } from './secure-health.ts';

const TOP = [
  'apiVersion',
  'kind',
  'parallelism',
  'leaderElection',
  'clientConnection',
  'enableProfiling',
  'enableContentionProfiling',
  'percentageOfNodesToScore',
  'podInitialBackoffSeconds',
  'podMaxBackoffSeconds',
  'profiles',
  'extenders',
  'delayCacheUntilActive',
];
const LEADER = [
  'leaderElect',
  'leaseDuration',
  'renewDeadline',
  'retryPeriod',
  'resourceLock',
  'resourceName',
  'resourceNamespace',
];
const CLIENT = ['kubeconfig', 'acceptContentTypes', 'contentType', 'qps', 'burst'];
const HANDLED = new Set([
  'config',
  'kubeconfig',
  'tls-cert-file',
  'tls-private-key-file',
  'client-ca-file',
  'requestheader-client-ca-file',
]);
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The config file: type meta, no unknown fields (v1 decodes strictly), shapes; returns clientConnection.kubeconfig. */
export function checkSchedulerConfig(path: string): string | undefined {
  const doc = parseYamlFile(path);
  if (typeof doc['apiVersion'] === 'string' && /v1beta\d|v1alpha\d/.test(doc['apiVersion']))
    throw new Error(
      `${path}: apiVersion ${doc['apiVersion']} was removed (1.23-1.29); use kubescheduler.config.k8s.io/v1`,
    );
  expectTypeMeta(doc, path, 'KubeSchedulerConfiguration', ['kubescheduler.config.k8s.io/v1']);
  const strict = [
    ...unknownFields(doc, TOP),
    ...(isObj(doc['leaderElection'])
      ? unknownFields(doc['leaderElection'], LEADER).map((f) => `leaderElection.${f}`)
      : []),
    ...(isObj(doc['clientConnection'])
      ? unknownFields(doc['clientConnection'], CLIENT).map((f) => `clientConnection.${f}`)
      : []),
  ];
  if (strict.length)
    throw new Error(`${path}: strict decoding error: unknown field(s) ${strict.map((f) => `"${f}"`).join(', ')}`);
  const le = isObj(doc['leaderElection']) ? doc['leaderElection'] : {};
  if (le['leaderElect'] !== undefined && typeof le['leaderElect'] !== 'boolean')
    throw new Error(`${path}: leaderElection.leaderElect must be a boolean`);
  for (const d of ['leaseDuration', 'renewDeadline', 'retryPeriod'])
    if (le[d] !== undefined && !(typeof le[d] === 'string' && isGoDuration(le[d])))
      throw new Error(`${path}: leaderElection.${d} is not a duration`);
  if (doc['profiles'] !== undefined && !Array.isArray(doc['profiles']))
    throw new Error(`${path}: profiles must be a list`);
  const kc = isObj(doc['clientConnection']) ? doc['clientConnection']['kubeconfig'] : undefined;
  if (kc !== undefined && typeof kc !== 'string')
    throw new Error(`${path}: clientConnection.kubeconfig must be a string`);
  return kc;
}

/** The scheduler double's main. */
export async function schedulerMain(ctx: DoubleContext): Promise<Running> {
  const { flags } = ctx;
  const problems = new Problems();
  const config = lastValue(flags, 'config');
  let fromConfig: string | undefined;
  let configOk = true;
  if (config) {
    problems.check('--config', () => (fromConfig = checkSchedulerConfig(config)));
    configOk = problems.list.length === 0;
    if (lastValue(flags, 'kubeconfig'))
      ctx.warn('--kubeconfig is ignored when --config is given (use clientConnection.kubeconfig)');
  }
  const kc = configOk ? requireKubeconfig(flags, config ? (fromConfig ?? '') : undefined, problems) : undefined;
  checkCaFlag(flags, 'client-ca-file', problems);
  checkCaFlag(flags, 'requestheader-client-ca-file', problems);
  const pair = servingPair(flags, problems);
  checkOtherFiles(flags, HANDLED, problems);
  problems.throwIfAny();
  warnUser(ctx, kc, /^system:kube-scheduler$/, 'system:kube-scheduler');
  const server = await serveSecureHealth(ctx, 10259, pair);
  const stop = kc ? reachApiserver(kc, ctx.e.component, ctx.log, ctx.warn) : () => undefined;
  return {
    close: () => {
      stop();
      return closeAll(server ? [server] : []);
    },
  };
}
