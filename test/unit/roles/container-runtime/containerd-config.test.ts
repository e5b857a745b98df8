import { expect } from 'chai';
import { caught } from '../../inventory/helpers.ts';
import {
  renderContainerdConfig,
  renderContainerdConfigV2,
  renderContainerdConfigV3,
} from '../../../../roles/container-runtime/containerd-config.ts';

const V2 = `# Managed by orchestrate: local edits are overwritten.
version = 2

[grpc]
  address = "/run/containerd/containerd.sock"

[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "registry.k8s.io/pause:3.10.2"

[plugins."io.containerd.grpc.v1.cri".containerd]
  snapshotter = "overlayfs"
  default_runtime_name = "runc"

[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
  runtime_type = "io.containerd.runc.v2"

[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
  SystemdCgroup = true
  BinaryName = "/usr/local/bin/runc"

[plugins."io.containerd.grpc.v1.cri".cni]
  bin_dir = "/opt/cni/bin"
  conf_dir = "/etc/cni/net.d"
`;

const V3_21 = `# Managed by orchestrate: local edits are overwritten.
version = 3

[grpc]
  address = "/run/containerd/containerd.sock"

[plugins.'io.containerd.cri.v1.images']
  snapshotter = "overlayfs"

[plugins.'io.containerd.cri.v1.images'.pinned_images]
  sandbox = "registry.k8s.io/pause:3.10.2"

[plugins.'io.containerd.cri.v1.runtime'.containerd]
  default_runtime_name = "runc"

[plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runc]
  runtime_type = "io.containerd.runc.v2"

[plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runc.options]
  SystemdCgroup = true
  BinaryName = "/usr/local/bin/runc"

[plugins.'io.containerd.cri.v1.runtime'.cni]
  bin_dirs = ["/opt/cni/bin"]
  conf_dir = "/etc/cni/net.d"
`;

const PAUSE = { sandboxImage: 'registry.k8s.io/pause:3.10.2', restrictOomScoreAdj: false };

/** Every [table] header of a TOML text, to check no table is declared twice (a TOML error). */
const tables = (toml: string): string[] => toml.split('\n').filter((l) => l.startsWith('['));

describe('roles/container-runtime/containerd-config', () => {
  it('GIVEN containerd 1.6 (Debian 12) THEN config version 2, KTHW 2025 plus our runc and socket', () => {
    expect(renderContainerdConfig('1.6.20', PAUSE)).to.equal(V2);
    expect(renderContainerdConfigV2(PAUSE)).to.equal(V2);
  });

  it('GIVEN containerd 2.1 (the default) THEN config version 3 with bin_dirs', () => {
    expect(renderContainerdConfig('2.1.0', PAUSE)).to.equal(V3_21);
    expect(renderContainerdConfig('v2.2.1', PAUSE)).to.equal(V3_21);
  });

  it('GIVEN containerd 2.0 THEN version 3 with bin_dir (bin_dirs came in 2.1)', () => {
    const v3 = renderContainerdConfigV3('2.0.5', PAUSE);
    expect(v3).to.contain('  bin_dir = "/opt/cni/bin"\n');
    expect(v3).to.not.contain('bin_dirs');
  });

  it('GIVEN containerd 1.7 THEN still version 2 (1.x reads no version 3)', () => {
    expect(renderContainerdConfig('1.7.27', PAUSE)).to.equal(V2);
  });

  it('GIVEN any version THEN the sandbox image is the one named (the kubelet never pulls another)', () => {
    const other = { sandboxImage: 'example.invalid/pause:1', restrictOomScoreAdj: false };
    expect(renderContainerdConfig('2.2.9', other)).to.contain('sandbox = "example.invalid/pause:1"');
    expect(renderContainerdConfig('1.7.27', other)).to.contain('sandbox_image = "example.invalid/pause:1"');
  });

  it("GIVEN a host that cannot lower OOM scores THEN pods are kept at or above containerd's own, and only then", () => {
    const restricted = { ...PAUSE, restrictOomScoreAdj: true };
    const v3 = renderContainerdConfig('2.2.9', restricted);
    expect(v3).to.contain(`[plugins.'io.containerd.cri.v1.runtime']\n  restrict_oom_score_adj = true\n`);
    expect(new Set(tables(v3)).size).to.equal(tables(v3).length);
    expect(renderContainerdConfig('1.7.27', restricted)).to.contain('restrict_oom_score_adj = true');
    expect(renderContainerdConfig('2.2.9', PAUSE)).not.to.contain('restrict_oom_score_adj');
  });

  for (const v of ['1.6.20', '2.0.0', '2.1.0'])
    it(`GIVEN ${v} THEN systemd cgroups (the kubelet's cgroupDriver) and each table once`, () => {
      const toml = renderContainerdConfig(v, PAUSE);
      expect(toml).to.contain('SystemdCgroup = true');
      expect(new Set(tables(toml)).size).to.equal(tables(toml).length);
    });

  it('GIVEN a version that is no release THEN VARS_INVALID naming the var', () => {
    const err = caught(() => renderContainerdConfig('latest', PAUSE));
    expect(err.code).to.equal('VARS_INVALID');
    expect(err.fix).to.contain('cluster.versions.containerd');
  });
});
