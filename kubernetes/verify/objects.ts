// The objects verify creates, all in its own namespace: typed, applied server-side by field manager orchestrate-verify.

import type { VerifyContext } from './context.ts';

export const NAMESPACE = 'orchestrate-verify';
export const FIELD_MANAGER = 'orchestrate-verify';
/** On the namespace: verify deletes only a namespace that carries it. */
export const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'orchestrate-verify' } as const;
export const SECRET = 'verify-secret';
export const WEB = 'verify-web';
export const WEB_LABELS = { app: 'orchestrate-verify-web' } as const;
export const DNS_POD = 'verify-dns';
export const NET_POD = 'verify-pod-net';
export const WEB_PORT = 80;

const ns = `/api/v1/namespaces/${NAMESPACE}`;
const applyQuery = `?fieldManager=${FIELD_MANAGER}&force=true`;

export const paths = {
  namespace: `/api/v1/namespaces/${NAMESPACE}`,
  secret: `${ns}/secrets/${SECRET}`,
  deployment: `/apis/apps/v1/namespaces/${NAMESPACE}/deployments/${WEB}`,
  webPods: `${ns}/pods?labelSelector=app%3D${WEB_LABELS.app}`,
  service: `${ns}/services/${WEB}`,
  pod: (name: string) => `${ns}/pods/${name}`,
  log: (name: string) => `${ns}/pods/${name}/log?tailLines=200`,
  apply: (path: string) => `${path}${applyQuery}`,
};

/** The etcd key of the test Secret (as the apiserver stores it: /registry/<resource>/<ns>/<name>). */
export const SECRET_ETCD_KEY = `/registry/secrets/${NAMESPACE}/${SECRET}`;

export const namespaceObject = () => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: NAMESPACE, labels: { ...MANAGED_BY } },
});

export const secretObject = (ctx: VerifyContext) => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: SECRET, namespace: NAMESPACE },
  type: 'Opaque',
  data: { value: Buffer.from(ctx.plaintext).toString('base64') },
});

const podSpec = (ctx: VerifyContext, extra: object) => ({
  automountServiceAccountToken: false,
  terminationGracePeriodSeconds: 2,
  ...extra,
  containers: [{ name: 'main', image: ctx.image }],
});

export const deploymentObject = (ctx: VerifyContext) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: WEB, namespace: NAMESPACE, labels: { ...WEB_LABELS } },
  spec: {
    replicas: 1,
    selector: { matchLabels: { ...WEB_LABELS } },
    template: {
      metadata: { labels: { ...WEB_LABELS } },
      spec: {
        ...podSpec(ctx, {}),
        containers: [{ name: 'web', image: ctx.image, ports: [{ containerPort: WEB_PORT }] }],
      },
    },
  },
});

export const serviceObject = () => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: WEB, namespace: NAMESPACE },
  spec: { type: 'NodePort', selector: { ...WEB_LABELS }, ports: [{ port: WEB_PORT, targetPort: WEB_PORT }] },
});

/** The name the DNS test resolves: the API's own Service, through CoreDNS. */
export const apiServiceName = (ctx: VerifyContext) => `kubernetes.default.svc.${ctx.model.clusterDomain}`;

/** A pod that resolves the API's Service name once and prints the answer to its log. */
export const dnsPodObject = (ctx: VerifyContext) => {
  const name = apiServiceName(ctx);
  const lookup = `if command -v getent >/dev/null; then getent hosts ${name}; else nslookup ${name}; fi; echo "lookup exit $?"`;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: DNS_POD, namespace: NAMESPACE },
    spec: {
      ...podSpec(ctx, { restartPolicy: 'Never' }),
      containers: [{ name: 'lookup', image: ctx.image, command: ['sh', '-c', lookup] }],
    },
  };
};

/**
 * A pod pinned to `node` that fetches http://<ip>/ once and says whether the page came back: wget (busybox),
 * curl, or bash's /dev/tcp, whichever the image has.
 */
export const netPodObject = (ctx: VerifyContext, node: string, ip: string) => {
  const url = `http://${ip}:${WEB_PORT}/`;
  const fetch = [
    // No -T: busybox 1.35's static wget crashes on it; the test's wait for the pod bounds the time instead.
    `if command -v wget >/dev/null; then wget -q -O /dev/null ${url};`,
    `elif command -v curl >/dev/null; then curl -fsS -o /dev/null --max-time 10 ${url};`,
    `else bash -c 'exec 3<>/dev/tcp/${ip}/${WEB_PORT}'; fi`,
  ].join(' ');
  const script = `${fetch} && echo "pod-network: reached ${url}" || echo "pod-network: failed ${url} (exit $?)"`;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: NET_POD, namespace: NAMESPACE },
    spec: {
      ...podSpec(ctx, { restartPolicy: 'Never', nodeName: node }),
      containers: [{ name: 'fetch', image: ctx.image, command: ['sh', '-c', script] }],
    },
  };
};
