import { expect } from 'chai';
import { parse } from 'yaml';
import { renderKubeletConfig } from '../../../../roles/kubelet/config.ts';
import { renderKubeletResolvConf, renderResolvedDropIn } from '../../../../roles/kubelet/dns-files.ts';
import { kubeletHealthCheck } from '../../../../roles/kubelet/health.ts';
import { renderKubeletUnit } from '../../../../roles/kubelet/unit.ts';

describe('roles/kubelet renderers', () => {
  const input = {
    node: 'worker-1',
    podCidr: '10.200.1.0/24',
    clusterDomain: 'cluster.local',
    dnsIp: '10.32.0.10',
    resolvConf: '/run/systemd/resolve/resolv.conf',
    runtimeRequestTimeout: '15m',
    cgroupVersion: 2 as const,
    localStorageCapacityIsolation: true,
  };

  it('GIVEN a worker WHEN the KubeletConfiguration is rendered THEN it holds the KTHW settings plus cluster DNS and pod CIDR', () => {
    const text = renderKubeletConfig(input);
    expect(text.split('\n')[0]).to.match(/^# Managed by orchestrate/);
    expect(parse(text)).to.deep.equal({
      kind: 'KubeletConfiguration',
      apiVersion: 'kubelet.config.k8s.io/v1beta1',
      address: '0.0.0.0',
      port: 10250,
      healthzBindAddress: '127.0.0.1',
      healthzPort: 10248,
      authentication: {
        anonymous: { enabled: false },
        webhook: { enabled: true },
        x509: { clientCAFile: '/var/lib/kubelet/ca.pem' },
      },
      authorization: { mode: 'Webhook' },
      cgroupDriver: 'systemd',
      containerRuntimeEndpoint: 'unix:///var/run/containerd/containerd.sock',
      clusterDomain: 'cluster.local',
      clusterDNS: ['10.32.0.10'],
      podCIDR: '10.200.1.0/24',
      registerNode: true,
      resolvConf: '/run/systemd/resolve/resolv.conf',
      runtimeRequestTimeout: '15m',
      tlsCertFile: '/var/lib/kubelet/worker-1.pem',
      tlsPrivateKeyFile: '/var/lib/kubelet/worker-1-key.pem',
    });
  });

  it('GIVEN a cgroup v1 host WHEN the config is rendered THEN the kubelet is allowed to run there (1.35+ refuses by default)', () => {
    expect(parse(renderKubeletConfig({ ...input, cgroupVersion: 1 }))).to.include({ failCgroupV1: false });
    expect(parse(renderKubeletConfig(input))).not.to.have.property('failCgroupV1');
    expect(parse(renderKubeletConfig({ ...input, cgroupVersion: undefined }))).not.to.have.property('failCgroupV1');
  });

  it('GIVEN local storage isolation off WHEN rendered THEN the config says so, and only then', () => {
    const off = parse(renderKubeletConfig({ ...input, localStorageCapacityIsolation: false }));
    expect(off).to.include({ localStorageCapacityIsolation: false });
    expect(parse(renderKubeletConfig(input))).not.to.have.property('localStorageCapacityIsolation');
  });

  it('GIVEN the same input twice THEN the same bytes (no spurious restarts)', () => {
    expect(renderKubeletConfig(input)).to.equal(renderKubeletConfig({ ...input }));
  });

  it('GIVEN a worker WHEN the unit is rendered THEN it requires containerd and pins node name and IP', () => {
    const unit = renderKubeletUnit('worker-1', '10.240.0.21');
    expect(unit).to.contain('After=containerd.service\nRequires=containerd.service\n');
    expect(unit).to.contain('ExecStart=/usr/local/bin/kubelet \\\n  --config=/var/lib/kubelet/kubelet-config.yaml \\');
    expect(unit).to.contain('--kubeconfig=/var/lib/kubelet/kubeconfig');
    expect(unit).to.contain('--hostname-override=worker-1');
    expect(unit).to.contain('--node-ip=10.240.0.21');
    expect(unit).to.contain('Restart=on-failure\nRestartSec=5\n');
    expect(unit).to.contain('WantedBy=multi-user.target');
  });

  it('GIVEN dns.upstream WHEN the resolved drop-in is rendered THEN DNS= is reset, then set', () => {
    expect(renderResolvedDropIn(['10.0.2.3', '8.8.8.8'])).to.match(
      /\n\[Resolve\]\nDNS=\nDNS=10\.0\.2\.3 8\.8\.8\.8\n$/,
    );
  });

  it('GIVEN dns.upstream and search domains WHEN the kubelet resolv.conf is rendered THEN one nameserver a line', () => {
    const text = renderKubeletResolvConf(['192.168.122.1', '1.1.1.1'], ['kthw.internal']);
    expect(text).to.match(/\nnameserver 192\.168\.122\.1\nnameserver 1\.1\.1\.1\nsearch kthw\.internal\n$/);
    expect(renderKubeletResolvConf(['1.1.1.1'], [])).to.not.contain('search');
  });

  it('GIVEN the gate THEN it polls healthz on loopback :10248 before the loop check', () => {
    expect(kubeletHealthCheck('/etc/resolv.conf')).to.match(
      /^curl -fsS --max-time 5 http:\/\/127\.0\.0\.1:10248\/healthz/,
    );
  });
});
