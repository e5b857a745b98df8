// The doubles' file checks on good and broken inputs: PEM pairs and CAs, kubeconfigs, encryption and component configs.

import { expect } from 'chai';
import { stringify } from 'yaml';
import { checkEncryptionConfig } from '../../doubles/runtime/encryption.ts';
import { checkKubeconfig } from '../../doubles/runtime/kubeconfig.ts';
import { loadCa, loadPair, loadPublicKeys } from '../../doubles/runtime/pem.ts';
import { checkKubeletConfig } from '../../doubles/runtime/components/kubelet-config.ts';
import { checkProxyConfig } from '../../doubles/runtime/components/kube-proxy.ts';
import { checkSchedulerConfig } from '../../doubles/runtime/components/scheduler.ts';
import { encryptionConfigYaml, issue, kubeconfigYaml, makeCa } from '../../doubles/test-pki.ts';
import { tempFiles } from './support.ts';

const errorOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  return '';
};

describe('doubles/file checks', function () {
  this.timeout(20_000);
  const ca = makeCa();
  const otherCa = makeCa('Other CA');
  const server = issue(ca, {
    cn: 'kubernetes',
    sans: ['127.0.0.1', 'kubernetes.default.svc.cluster.local'],
    usage: 'server',
  });
  const admin = issue(ca, { cn: 'admin', orgs: ['system:masters'], usage: 'client' });
  const stranger = issue(otherCa, { cn: 'admin', usage: 'client' });
  const expired = issue(ca, { cn: 'old', days: -1 });
  const f = tempFiles({
    'ca.pem': ca.certPem,
    'server.pem': server.certPem,
    'server-key.pem': server.keyPem,
    'admin-key.pem': admin.keyPem,
    'expired.pem': expired.certPem,
    'expired-key.pem': expired.keyPem,
    'garbage.pem': '-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n',
  });
  after(() => f.rm());

  describe('PEM', () => {
    it('a matching pair loads; a CA bundle loads', () => {
      expect(loadPair(f.path('server.pem'), f.path('server-key.pem')).cert.subject).to.include('CN=kubernetes');
      expect(loadCa(f.path('ca.pem')).certs).to.have.length(1);
    });
    it('a key of another cert, a missing file, garbage, an expired cert, a leaf as CA are refused', () => {
      expect(errorOf(() => loadPair(f.path('server.pem'), f.path('admin-key.pem')))).to.include('does not match');
      expect(errorOf(() => loadPair(f.path('nope.pem'), f.path('server-key.pem')))).to.include('no such file');
      expect(errorOf(() => loadCa(f.path('garbage.pem')))).to.include('failed to parse certificate');
      expect(errorOf(() => loadPair(f.path('expired.pem'), f.path('expired-key.pem')))).to.include('expired');
      expect(errorOf(() => loadCa(f.path('server.pem')))).to.include('is not a CA');
      expect(errorOf(() => loadCa(f.path('server-key.pem')))).to.include('does not contain any valid');
    });
    it('service-account keys: certs, private and public keys all give public keys', () => {
      expect(loadPublicKeys(f.path('server.pem'))).to.have.length(1);
      expect(loadPublicKeys(f.path('server-key.pem'))).to.have.length(1);
    });
  });

  describe('kubeconfig', () => {
    it('KTHW-style (all embedded) passes and names the server and user', () => {
      const kc = checkKubeconfig(
        f.write('admin.kubeconfig', kubeconfigYaml('https://127.0.0.1:6443', ca, admin, 'admin')),
      );
      expect(kc.server.href).to.equal('https://127.0.0.1:6443/');
      expect(kc.user).to.equal('admin');
    });
    const broken: [string, () => string, string][] = [
      [
        'client cert of another CA',
        () => kubeconfigYaml('https://x:6443', ca, stranger),
        'signed by unknown authority',
      ],
      [
        'key of another cert',
        () => kubeconfigYaml('https://x:6443', ca, { certPem: admin.certPem, keyPem: server.keyPem }),
        'does not match',
      ],
      [
        'no current-context',
        () => kubeconfigYaml('https://x:6443', ca, admin).replace(/current-context: .*/, ''),
        'no current-context',
      ],
      ['bad server', () => kubeconfigYaml('not a url', ca, admin), 'is not a URL'],
      [
        'CA data not PEM',
        () =>
          kubeconfigYaml('https://x:6443', ca, admin).replace(
            /certificate-authority-data: .*/,
            'certificate-authority-data: Zm9v',
          ),
        'not base64 of a PEM',
      ],
      [
        'context names a missing user',
        () => kubeconfigYaml('https://x:6443', ca, admin).replace(/user: user$/m, 'user: nobody'),
        'user "nobody" not found',
      ],
      ['not YAML', () => 'clusters: [', 'yaml'],
    ];
    for (const [name, text, why] of broken) {
      it(`refuses: ${name}`, () => {
        expect(errorOf(() => checkKubeconfig(f.write('bad.kubeconfig', text())))).to.include(why);
      });
    }
  });

  describe('encryption config', () => {
    it('aescbc with a 32-byte key passes', () => {
      expect(checkEncryptionConfig(f.write('enc.yaml', encryptionConfigYaml()))).to.equal('aescbc');
    });
    it('refuses a 16-byte key, the legacy kind, identity first, and a wrong apiVersion', () => {
      expect(errorOf(() => checkEncryptionConfig(f.write('enc.yaml', encryptionConfigYaml(16))))).to.include(
        'decodes to 16 bytes',
      );
      const legacy = encryptionConfigYaml()
        .replace('EncryptionConfiguration', 'EncryptionConfig')
        .replace('apiserver.config.k8s.io/v1', 'v1');
      expect(errorOf(() => checkEncryptionConfig(f.write('enc.yaml', legacy)))).to.include('legacy format');
      const identityFirst = stringify({
        kind: 'EncryptionConfiguration',
        apiVersion: 'apiserver.config.k8s.io/v1',
        resources: [{ resources: ['secrets'], providers: [{ identity: {} }] }],
      });
      expect(errorOf(() => checkEncryptionConfig(f.write('enc.yaml', identityFirst)))).to.include(
        'not encrypted at rest',
      );
      const wrongVersion = encryptionConfigYaml().replace('apiserver.config.k8s.io/v1', 'apiserver.config.k8s.io/v2');
      expect(errorOf(() => checkEncryptionConfig(f.write('enc.yaml', wrongVersion)))).to.include(
        'no kind "EncryptionConfiguration" is registered',
      );
    });
  });

  describe('KubeSchedulerConfiguration', () => {
    const good = {
      apiVersion: 'kubescheduler.config.k8s.io/v1',
      kind: 'KubeSchedulerConfiguration',
      clientConnection: { kubeconfig: '/k' },
      leaderElection: { leaderElect: true },
    };
    it('the v1 config (KTHW 2025) passes and gives the kubeconfig path', () => {
      expect(checkSchedulerConfig(f.write('s.yaml', stringify(good)))).to.equal('/k');
    });
    it('refuses v1beta1 (KTHW 2021, removed in 1.23), unknown fields, a non-boolean leaderElect', () => {
      expect(
        errorOf(() =>
          checkSchedulerConfig(
            f.write('s.yaml', stringify({ ...good, apiVersion: 'kubescheduler.config.k8s.io/v1beta1' })),
          ),
        ),
      ).to.include('was removed');
      expect(
        errorOf(() => checkSchedulerConfig(f.write('s.yaml', stringify({ ...good, clientConection: {} })))),
      ).to.include('unknown field(s) "clientConection"');
      expect(
        errorOf(() =>
          checkSchedulerConfig(f.write('s.yaml', stringify({ ...good, leaderElection: { leaderElect: 'yes' } }))),
        ),
      ).to.include('must be a boolean');
    });
  });

  describe('KubeProxyConfiguration', () => {
    const good = {
      kind: 'KubeProxyConfiguration',
      apiVersion: 'kubeproxy.config.k8s.io/v1alpha1',
      clientConnection: { kubeconfig: '/k' },
      mode: 'iptables',
      clusterCIDR: '10.200.0.0/16',
    };
    it('KTHW passes; unknown fields are only reported', () => {
      const c = checkProxyConfig(f.write('p.yaml', stringify({ ...good, clustrCIDR: 'x' })));
      expect(c).to.include({ kubeconfig: '/k', mode: 'iptables', healthz: '0.0.0.0:10256' });
      expect(c.unknown).to.deep.equal(['clustrCIDR']);
    });
    it('refuses a bad mode, a bad CIDR, a bad duration', () => {
      expect(errorOf(() => checkProxyConfig(f.write('p.yaml', stringify({ ...good, mode: 'userspace' }))))).to.include(
        'mode',
      );
      expect(
        errorOf(() => checkProxyConfig(f.write('p.yaml', stringify({ ...good, clusterCIDR: '10.200.0.0' })))),
      ).to.include('clusterCIDR');
      expect(
        errorOf(() => checkProxyConfig(f.write('p.yaml', stringify({ ...good, iptables: { syncPeriod: '30' } })))),
      ).to.include('iptables.syncPeriod');
    });
  });

  describe('KubeletConfiguration', () => {
    const good = {
      kind: 'KubeletConfiguration',
      apiVersion: 'kubelet.config.k8s.io/v1beta1',
      authentication: { anonymous: { enabled: false }, webhook: { enabled: true }, x509: { clientCAFile: '/ca' } },
      authorization: { mode: 'Webhook' },
      clusterDomain: 'cluster.local',
      clusterDNS: ['10.32.0.10'],
      podCIDR: '10.200.0.0/24',
      resolvConf: '/etc/hosts',
      runtimeRequestTimeout: '15m',
      cgroupDriver: 'systemd',
      tlsCertFile: '/c',
      tlsPrivateKeyFile: '/k',
    };
    it('the KTHW shape (both editions) passes, with defaults filled in', () => {
      const c = checkKubeletConfig(f.write('k.yaml', stringify(good)));
      expect(c).to.include({
        port: 10250,
        healthzPort: 10248,
        healthzBindAddress: '127.0.0.1',
        clientCAFile: '/ca',
        anonymous: false,
        podCIDR: '10.200.0.0/24',
      });
    });
    const broken: [string, object, string][] = [
      ['webhook authn off', { authentication: { webhook: { enabled: false } } }, 'authentication.webhook.enabled'],
      ['AlwaysAllow', { authorization: { mode: 'AlwaysAllow' } }, 'authorization.mode'],
      ['clusterDNS not IPs', { clusterDNS: ['kube-dns'] }, 'clusterDNS'],
      ['bad clusterDomain', { clusterDomain: 'Cluster_Local' }, 'clusterDomain'],
      ['bad podCIDR', { podCIDR: '10.200.0.0/33' }, 'podCIDR'],
      ['resolvConf missing', { resolvConf: '/run/systemd/resolve/nope.conf' }, 'resolvConf'],
      ['cgroupDriver typo', { cgroupDriver: 'system' }, 'cgroupDriver'],
      ['bad duration', { runtimeRequestTimeout: '15 minutes' }, 'runtimeRequestTimeout'],
      ['cert without key', { tlsPrivateKeyFile: '' }, 'both or neither'],
      ['wrong kind', { kind: 'KubeletConfig' }, 'expected KubeletConfiguration'],
    ];
    for (const [name, patch, why] of broken) {
      it(`refuses: ${name}`, () => {
        expect(errorOf(() => checkKubeletConfig(f.write('k.yaml', stringify({ ...good, ...patch }))))).to.include(why);
      });
    }
  });
});
