// The doubles' checks of encryption and component configs on good and broken inputs (PEM and kubeconfigs: test/integration).

import { expect } from 'chai';
import { stringify } from 'yaml';
import { checkEncryptionConfig } from '../../doubles/runtime/encryption.ts';
import { checkKubeletConfig } from '../../doubles/runtime/components/kubelet-config.ts';
import { checkProxyConfig } from '../../doubles/runtime/components/kube-proxy.ts';
import { checkSchedulerConfig } from '../../doubles/runtime/components/scheduler.ts';
import { encryptionConfigYaml } from '../../doubles/test-pki.ts';
import { tempFiles } from '../../support/temp-dir.ts';

const errorOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  return '';
};

describe('doubles/file checks (configs)', () => {
  const f = tempFiles({}, 'double-files-');
  after(() => f.rm());

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
