// Facts about a host, gathered once per run in one round trip and cached in the state dir.

export interface Address {
  readonly iface: string;
  readonly family: 'inet' | 'inet6';
  readonly address: string;
  readonly prefix: number;
}

export interface Route {
  readonly dst: string; // 'default' or a CIDR
  readonly gateway: string | undefined;
  readonly dev: string | undefined;
  readonly src: string | undefined;
}

export interface ResolvConf {
  /** /etc/resolv.conf, and where it points when it is a symlink. */
  readonly path: string;
  readonly target: string | undefined;
  readonly nameservers: readonly string[];
  readonly search: readonly string[];
}

export interface Facts {
  readonly hostname: string;
  readonly fqdn: string;
  readonly os: { readonly id: string; readonly versionId: string; readonly prettyName: string };
  readonly arch: string; // dpkg-style: amd64, arm64
  readonly kernel: string;
  readonly addresses: readonly Address[];
  readonly defaultRoute: Route | undefined;
  readonly routes: readonly Route[];
  readonly resolvConf: ResolvConf;
  readonly resolved: {
    /** systemd-resolved is running. */
    readonly active: boolean;
    /** /etc/resolv.conf is the 127.0.0.53 stub. */
    readonly stub: boolean;
    /** Nameservers from /run/systemd/resolve/resolv.conf when present. */
    readonly upstream: readonly string[];
  };
  readonly swap: { readonly totalKb: number; readonly devices: readonly string[] };
  /** Loaded and built-in kernel modules. */
  readonly modules: readonly string[];
  readonly systemd: { readonly version: number | undefined; readonly running: boolean };
  /** cgroup version as the kubelet and runc decide it: 2 only for a pure unified mount; undefined when unknown. */
  readonly cgroupVersion: 1 | 2 | undefined;
  /** The capability bounding set (CapBnd of /proc/self/status, hex); undefined when unknown. */
  readonly capBounding: string | undefined;
  readonly gatheredAt: string;
}
