// /etc/containerd/config.toml in the schema the installed containerd reads natively (docs/kthw.md#containerd).

import { CNI_BIN_DIR, CNI_CONF_DIR, CONTAINERD_SOCKET, RUNC_BIN } from './paths.ts';
import { atLeast, containerdConfigVersion, majorMinor } from './versions.ts';

const HEADER = '# Managed by orchestrate: local edits are overwritten.';

/** The runc runtime options both schemas share: systemd cgroups (= kubelet cgroupDriver: systemd), our runc. */
function runcOptions(table: string): string[] {
  return [`[${table}.options]`, '  SystemdCgroup = true', `  BinaryName = "${RUNC_BIN}"`];
}

/** What the config says besides the version's schema. */
export interface ContainerdConfigInput {
  /** The pod sandbox image (pinned: never pulled, never garbage-collected). */
  readonly sandboxImage: string;
  /** The host cannot lower oom_score_adj (no CAP_SYS_RESOURCE): keep pods' scores at or above containerd's own. */
  readonly restrictOomScoreAdj: boolean;
}

/** Pure: config version 2, for containerd 1.x (KTHW 2025's file plus our runc path, socket and sandbox image). */
export function renderContainerdConfigV2(c: ContainerdConfigInput): string {
  const cri = '[plugins."io.containerd.grpc.v1.cri"';
  const runc = `plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc`;
  return [
    HEADER,
    'version = 2',
    '',
    '[grpc]',
    `  address = "${CONTAINERD_SOCKET}"`,
    '',
    `${cri}]`,
    `  sandbox_image = "${c.sandboxImage}"`,
    ...(c.restrictOomScoreAdj ? ['  restrict_oom_score_adj = true'] : []),
    '',
    `${cri}.containerd]`,
    '  snapshotter = "overlayfs"',
    '  default_runtime_name = "runc"',
    '',
    `[${runc}]`,
    '  runtime_type = "io.containerd.runc.v2"',
    '',
    ...runcOptions(runc),
    '',
    `${cri}.cni]`,
    `  bin_dir = "${CNI_BIN_DIR}"`,
    `  conf_dir = "${CNI_CONF_DIR}"`,
    '',
  ].join('\n');
}

/** Pure: config version 3, for containerd 2.x; `bin_dirs` from 2.1 on (`bin_dir` is deprecated there). */
export function renderContainerdConfigV3(containerd: string, c: ContainerdConfigInput): string {
  const runtime = `plugins.'io.containerd.cri.v1.runtime'`;
  const runc = `${runtime}.containerd.runtimes.runc`;
  const binDirs = atLeast(majorMinor('containerd', containerd), 2, 1);
  return [
    HEADER,
    'version = 3',
    '',
    '[grpc]',
    `  address = "${CONTAINERD_SOCKET}"`,
    '',
    `[plugins.'io.containerd.cri.v1.images']`,
    '  snapshotter = "overlayfs"',
    '',
    // The pod sandbox image: pinned, so image GC keeps it and no pod start pulls another one.
    `[plugins.'io.containerd.cri.v1.images'.pinned_images]`,
    `  sandbox = "${c.sandboxImage}"`,
    '',
    ...(c.restrictOomScoreAdj ? [`[${runtime}]`, '  restrict_oom_score_adj = true', ''] : []),
    `[${runtime}.containerd]`,
    '  default_runtime_name = "runc"',
    '',
    `[${runc}]`,
    '  runtime_type = "io.containerd.runc.v2"',
    '',
    ...runcOptions(runc),
    '',
    `[${runtime}.cni]`,
    binDirs ? `  bin_dirs = ["${CNI_BIN_DIR}"]` : `  bin_dir = "${CNI_BIN_DIR}"`,
    `  conf_dir = "${CNI_CONF_DIR}"`,
    '',
  ].join('\n');
}

/** Pure: the config for this containerd version (1.x: version 2, 2.x: version 3). */
export function renderContainerdConfig(containerd: string, c: ContainerdConfigInput): string {
  return containerdConfigVersion(containerd) === 3
    ? renderContainerdConfigV3(containerd, c)
    : renderContainerdConfigV2(c);
}
