// The doubles' flag checking, pure: lists from test/fixtures/flags, pflag's argv rules, value shapes.

import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { flagListOf, parseFlagTsv, parseOmissions, type FlagList } from '../../doubles/runtime/flag-list.ts';
import { lastValue, listValue, parseFlags } from '../../doubles/runtime/flag-parse.ts';
import { checkFlagValues } from '../../doubles/runtime/flag-values.ts';

const FLAGS = new URL('../../fixtures/flags/', import.meta.url);
const read = (p: string): string => readFileSync(new URL(p, FLAGS), 'utf8');
const list = (component: string, minor = '1.32'): FlagList =>
  flagListOf(read(`${minor}/${component}.tsv`), read('known-omissions.tsv'), component, minor);
const errorOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  return '';
};

/** The flags of KTHW's control-plane and worker units (both editions) that exist in 1.32, with KTHW's values. */
const KTHW: Record<string, string[]> = {
  'kube-apiserver': [
    '--advertise-address=10.240.0.10',
    '--allow-privileged=true',
    '--apiserver-count=3',
    '--audit-log-maxage=30',
    '--audit-log-maxbackup=3',
    '--audit-log-maxsize=100',
    '--audit-log-path=/var/log/audit.log',
    '--authorization-mode=Node,RBAC',
    '--bind-address=0.0.0.0',
    '--client-ca-file=/var/lib/kubernetes/ca.pem',
    '--enable-admission-plugins=NamespaceLifecycle,NodeRestriction,LimitRanger,ServiceAccount,DefaultStorageClass,ResourceQuota',
    '--etcd-cafile=/var/lib/kubernetes/ca.pem',
    '--etcd-certfile=/var/lib/kubernetes/kubernetes.pem',
    '--etcd-keyfile=/var/lib/kubernetes/kubernetes-key.pem',
    '--etcd-servers=https://10.240.0.10:2379,https://10.240.0.11:2379',
    '--event-ttl=1h',
    '--encryption-provider-config=/var/lib/kubernetes/encryption-config.yaml',
    '--kubelet-certificate-authority=/var/lib/kubernetes/ca.pem',
    '--kubelet-client-certificate=/var/lib/kubernetes/kubernetes.pem',
    '--kubelet-client-key=/var/lib/kubernetes/kubernetes-key.pem',
    '--runtime-config=api/all=true',
    '--service-account-key-file=/var/lib/kubernetes/service-account.pem',
    '--service-account-signing-key-file=/var/lib/kubernetes/service-account-key.pem',
    '--service-account-issuer=https://10.240.0.5:6443',
    '--service-cluster-ip-range=10.32.0.0/24',
    '--service-node-port-range=30000-32767',
    '--tls-cert-file=/var/lib/kubernetes/kubernetes.pem',
    '--tls-private-key-file=/var/lib/kubernetes/kubernetes-key.pem',
    '--v=2',
    '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname',
  ],
  'kube-controller-manager': [
    '--bind-address=0.0.0.0',
    '--cluster-cidr=10.200.0.0/16',
    '--cluster-name=kubernetes',
    '--cluster-signing-cert-file=/var/lib/kubernetes/ca.pem',
    '--cluster-signing-key-file=/var/lib/kubernetes/ca-key.pem',
    '--kubeconfig=/var/lib/kubernetes/kube-controller-manager.kubeconfig',
    '--leader-elect=true',
    '--root-ca-file=/var/lib/kubernetes/ca.pem',
    '--service-account-private-key-file=/var/lib/kubernetes/service-account-key.pem',
    '--service-cluster-ip-range=10.32.0.0/24',
    '--use-service-account-credentials=true',
    '--v=2',
  ],
  'kube-scheduler': ['--config=/etc/kubernetes/config/kube-scheduler.yaml', '--v=2'],
  kubelet: [
    '--config=/var/lib/kubelet/kubelet-config.yaml',
    '--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock',
    '--kubeconfig=/var/lib/kubelet/kubeconfig',
    '--register-node=true',
    '--v=2',
  ],
  'kube-proxy': ['--config=/var/lib/kube-proxy/kube-proxy-config.yaml'],
};

describe('doubles/flags', () => {
  it('reads a TSV: types, deprecation, shorthands, "_" spelled "-"', () => {
    const l = parseFlagTsv(read('1.32/kube-proxy.tsv'));
    expect(l.get('log-dir')?.type).to.equal('string');
    expect(l.has('log_dir')).to.equal(false);
    expect(l.get('v')?.shorthand).to.equal('v');
    expect(l.get('help')?.shorthand).to.equal('h');
    expect(l.get('masquerade-all')?.type).to.equal('');
    expect(parseFlagTsv(read('1.32/kubelet.tsv')).get('tls-cert-file')?.configFileOnly).to.equal(true);
  });

  it('known-omissions add flags by version and component', () => {
    expect(parseOmissions(read('known-omissions.tsv'), 'kube-apiserver', '1.32').map((f) => f.name)).to.include.members(
      ['log-json-split-stream', 'admission-control', 'enable-logs-handler', 'apiserver-count'],
    );
    expect(parseOmissions(read('known-omissions.tsv'), 'kube-apiserver', '1.35').map((f) => f.name)).to.not.include(
      'admission-control',
    );
    expect(list('kubelet', '1.35').has('log-json-split-stream')).to.equal(true);
    expect(list('kubelet', '1.32').has('log-json-split-stream')).to.equal(true);
  });

  for (const minor of ['1.32', '1.35', '1.36']) {
    for (const [component, argv] of Object.entries(KTHW)) {
      it(`${minor} ${component}: every KTHW flag parses and its value passes`, () => {
        const l = list(component, minor);
        const parsed = parseFlags(argv, l);
        const problems = checkFlagValues(parsed, l);
        expect(problems.list, problems.list.join('\n')).to.deep.equal([]);
      });
    }
  }

  const refused: [string, string, string, string][] = [
    ['1.32', 'kubelet', '--network-plugin=cni', 'unknown flag: --network-plugin'],
    ['1.32', 'kubelet', '--container-runtime=remote', 'unknown flag: --container-runtime'],
    ['1.32', 'kubelet', '--image-pull-progress-deadline=2m', 'unknown flag: --image-pull-progress-deadline'],
    ['1.35', 'kubelet', '--pod-infra-container-image=pause:3.10', 'unknown flag: --pod-infra-container-image'],
    ['1.32', 'kube-apiserver', '--insecure-port=0', 'unknown flag: --insecure-port'],
    ['1.32', 'kube-apiserver', '--kubelet-https=true', 'unknown flag: --kubelet-https'],
    ['1.32', 'kube-scheduler', '--port=0', 'unknown flag: --port'],
    ['1.32', 'kube-controller-manager', '--address=0.0.0.0', 'unknown flag: --address'],
    ['1.32', 'kube-proxy', '--resource-container=', 'unknown flag: --resource-container'],
    ['1.32', 'kube-apiserver', '--etcd-server=http://x', 'unknown flag: --etcd-server'],
    ['1.32', 'kube-scheduler', '-config=/x', "unknown shorthand flag: 'c' in -config=/x"],
    ['1.32', 'kube-scheduler', '--config', 'flag needs an argument: --config'],
    ['1.32', 'kube-apiserver', '--allow-privileged true', 'unexpected positional arguments ["true"]'],
  ];
  for (const [minor, component, arg, message] of refused) {
    it(`${minor} ${component} refuses ${arg}`, () => {
      expect(errorOf(() => parseFlags(arg.split(' '), list(component, minor)))).to.include(message);
    });
  }

  it('pflag forms: --f=v, --f v, bare booleans, -v=2, -v 2, -v2, repeats, _ spellings, --', () => {
    const l = list('kube-proxy');
    const p = parseFlags(
      ['--config', '/c', '--masquerade-all', '-v=2', '--log_dir=/x', '--cluster-cidr=a', '--cluster-cidr=b', '--'],
      l,
    );
    expect(lastValue(p, 'config')).to.equal('/c');
    expect(lastValue(p, 'masquerade-all')).to.equal('true');
    expect(lastValue(p, 'v')).to.equal('2');
    expect(lastValue(p, 'log-dir')).to.equal('/x');
    expect(lastValue(p, 'cluster-cidr')).to.equal('b');
    expect(lastValue(parseFlags(['-v', '3'], l), 'v')).to.equal('3');
    expect(lastValue(parseFlags(['-v4'], l), 'v')).to.equal('4');
    expect(
      listValue(parseFlags(['--nodeport-addresses=a,b', '--nodeport-addresses', 'c'], l), 'nodeport-addresses'),
    ).to.deep.equal(['a', 'b', 'c']);
  });

  it('warns about deprecated and config-file-only flags, without failing', () => {
    const p = parseFlags(['--tls-cert-file=/x', '--register-schedulable=true'], list('kubelet'));
    expect(p.warnings.join('\n')).to.include('--tls-cert-file has been deprecated');
  });

  const badValues: [string, string, string][] = [
    ['kube-apiserver', '--allow-privileged=yes', 'strconv.ParseBool'],
    ['kube-apiserver', '--secure-port=https', 'not a port number'],
    ['kube-apiserver', '--event-ttl=1hour', 'invalid duration'],
    ['kube-apiserver', '--service-cluster-ip-range=10.32.0.0', 'expected one CIDR'],
    ['kube-apiserver', '--service-cluster-ip-range=10.32.0.0/24,10.33.0.0/24', 'two of different families'],
    ['kube-apiserver', '--service-node-port-range=32767-30000', 'N1 <= N2'],
    ['kube-apiserver', '--bind-address=localhost', 'not a valid IP'],
    ['kube-apiserver', '--v=two', 'strconv.ParseInt'],
    ['kube-apiserver', '--feature-gates=Foo', 'key=true|false'],
    ['kube-controller-manager', '--cluster-cidr=10.200.0.0/33', 'expected one CIDR'],
    ['kube-proxy', '--healthz-bind-address=0.0.0.0:99999', 'IP or IP:port'],
    ['kube-proxy', '--proxy-mode=userspace', 'unknown proxy mode'],
    ['kubelet', '--node-ip=10.240.0.20,nope', 'not a list of IPs'],
    ['kubelet', '--max-pods=1.5', 'strconv.ParseInt'],
  ];
  for (const [component, arg, why] of badValues) {
    it(`${component} ${arg} -> ${why}`, () => {
      const l = list(component);
      expect(checkFlagValues(parseFlags([arg], l), l).list.join('\n')).to.include(why);
    });
  }

  it('accepts the value shapes Go accepts', () => {
    const l = list('kube-apiserver');
    const ok = [
      '--event-ttl=1h0m0s',
      '--event-ttl=0',
      '--event-ttl=1.5s',
      '--allow-privileged=T',
      '--allow-privileged=0',
      '--service-cluster-ip-range=10.32.0.0/24,fd00::/108',
      '--service-node-port-range=30000+2767',
      '--v=0',
      '--goaway-chance=.5',
    ];
    expect(checkFlagValues(parseFlags(ok, l), l).list).to.deep.equal([]);
  });
});
