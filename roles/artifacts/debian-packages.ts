// Which Debian packages carry which cluster binaries, where inside the package, and their upstream versions (pure).

import type { Component } from './catalog.ts';

/** The ComponentVersions key a component's version is given under (cluster.versions). */
export type VersionKey = 'etcd' | 'containerd' | 'runc' | 'cni';

/** One Debian package and the binaries the mirror takes from it. */
export interface DebianSource {
  readonly package: string;
  readonly component: Component;
  readonly versionKey: VersionKey;
  /** Binary name -> candidate paths inside the package (the first that exists is taken). */
  readonly files?: Readonly<Record<string, readonly string[]>>;
  /** Or: a directory inside the package whose every file is taken. */
  readonly dir?: string;
}

/** Debian 12 ships these (Kubernetes' own binaries and crictl: not in Debian; kubernetes-client is 1.20). */
export const DEBIAN_SOURCES: readonly DebianSource[] = [
  { package: 'etcd-server', component: 'etcd', versionKey: 'etcd', files: { etcd: ['usr/bin/etcd'] } },
  { package: 'etcd-client', component: 'etcd', versionKey: 'etcd', files: { etcdctl: ['usr/bin/etcdctl'] } },
  {
    package: 'containerd',
    component: 'containerd',
    versionKey: 'containerd',
    files: {
      containerd: ['usr/bin/containerd'],
      'containerd-shim-runc-v2': ['usr/bin/containerd-shim-runc-v2'],
      ctr: ['usr/bin/ctr'],
    },
  },
  { package: 'runc', component: 'runc', versionKey: 'runc', files: { runc: ['usr/sbin/runc', 'usr/bin/runc'] } },
  {
    package: 'containernetworking-plugins',
    component: 'cni-plugins',
    versionKey: 'cni',
    dir: 'usr/lib/cni',
  },
];

/** Debian version -> upstream version: '1:3.4.23-4+b4' -> '3.4.23', '1.6.20~ds1-1+deb12u3' -> '1.6.20'. */
export function upstreamVersion(debianVersion: string): string | undefined {
  const noEpoch = debianVersion.replace(/^\d+:/, '');
  const m = /^(\d+(?:\.\d+)*)/.exec(noEpoch);
  return m ? m[1] : undefined;
}

/** The versions.json of a generated mirror. */
export interface MirrorManifest {
  readonly source: 'debian';
  readonly arch: string;
  readonly createdAt: string;
  /** cluster.versions for the inventory: what the mirror holds. */
  readonly versions: Readonly<Partial<Record<VersionKey, string>>>;
  /** Debian package -> its full Debian version. */
  readonly packages: Readonly<Record<string, string>>;
  /** component/version/arch/binary paths the mirror holds. */
  readonly binaries: readonly string[];
}

/** True when a parsed versions.json describes a complete mirror for arch (every source package present). */
export function manifestComplete(doc: unknown, arch: string): doc is MirrorManifest {
  const m = doc as Partial<MirrorManifest> | null;
  return (
    typeof m === 'object' &&
    m !== null &&
    m.source === 'debian' &&
    m.arch === arch &&
    typeof m.packages === 'object' &&
    m.packages !== null &&
    typeof m.versions === 'object' &&
    DEBIAN_SOURCES.every((s) => typeof m.packages![s.package] === 'string')
  );
}
