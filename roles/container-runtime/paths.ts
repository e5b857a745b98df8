// Where the container runtime's files live on a worker: one place, so the role, its unit and tests agree.

/** Release binaries go to /usr/local/bin (as upstream's unit), never over a distro package's /usr/bin copy. */
export const BIN_DIR = '/usr/local/bin';
/** What the unit starts. */
export const CONTAINERD_BIN = `${BIN_DIR}/containerd`;
/** The health gate's client. */
export const CTR_BIN = `${BIN_DIR}/ctr`;
/** Named in the config (BinaryName), so a distro runc earlier on some PATH is never picked. */
export const RUNC_BIN = `${BIN_DIR}/runc`;

/** containerd's default config location: no --config flag needed. */
export const CONTAINERD_CONFIG_DIR = '/etc/containerd';
/** The config file in it. */
export const CONTAINERD_CONFIG = `${CONTAINERD_CONFIG_DIR}/config.toml`;
/** The CRI endpoint the kubelet (containerRuntimeEndpoint) and crictl use. */
export const CONTAINERD_SOCKET = '/run/containerd/containerd.sock';

/** The CNI directories every CNI user (containerd's CRI, ctr --cni, kubelet docs) assumes. */
export const CNI_BIN_DIR = '/opt/cni/bin';
/** Where the CNI confs go (containerd watches it). */
export const CNI_CONF_DIR = '/etc/cni/net.d';

/** crictl's default config path. */
export const CRICTL_CONFIG = '/etc/crictl.yaml';

/** The containerd binaries this role installs, in BIN_DIR. */
export const CONTAINERD_BINARIES = ['containerd', 'containerd-shim-runc-v2', 'ctr'] as const;

/** The CNI plugins installed in CNI_BIN_DIR: what 10-bridge.conf and 99-loopback.conf use, plus portmap (hostPort). */
export const CNI_PLUGIN_BINARIES = ['bridge', 'host-local', 'loopback', 'portmap'] as const;

/** Every binary of the role, for a playbook's prepare step. */
export const RUNTIME_BINARIES: readonly string[] = [...CONTAINERD_BINARIES, 'runc', ...CNI_PLUGIN_BINARIES];
