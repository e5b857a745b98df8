// Pinned sha256 of the official downloads of the default versions (the file downloaded, not what it unpacks to).

/*
 * Source: the upstream checksum files, as transcribed in kubernetes-sigs/kubespray's checksums table
 * (roles/kubespray_defaults/vars/main/checksums.yml). Not re-verified here: this machine cannot reach the
 * download hosts. A download whose pin is missing is verified against the published checksum file instead
 * (catalog.ts: checksumUrl). kube-apiserver, kube-controller-manager, kube-scheduler and kube-proxy have no
 * pin (that table does not carry them): they are always checked against dl.k8s.io's `.sha256` files.
 */

type Row = readonly [key: string, version: string, amd64: string, arm64: string];

const ROWS: readonly Row[] = [
  [
    'kubelet',
    '1.32.3',
    '024bb7faffa787c7717a2b37398a8c6df35694a8585a73074b052c3f4c4906ce',
    '5c3c98e6e0fa35d209595037e05022597954b8d764482417a9588e15218f0fe2',
  ],
  [
    'kubectl',
    '1.32.3',
    'ab209d0c5134b61486a0486585604a616a5bb2fc07df46d304b3c95817b2d79f',
    '6c2c91e760efbf3fa111a5f0b99ba8975fb1c58bb3974eca88b6134bcf3717e2',
  ],
  [
    'etcd',
    '3.5.16',
    'b414b27a5ad05f7cb01395c447c85d3227e3fb1c176e51757a283b817f645ccc',
    '8e68c55e6d72b791a9e98591c755af36f6f55aa9eca63767822cd8a3817fdb23',
  ],
  [
    'containerd',
    '2.1.0',
    '0e5359e957b66b679be807563a543c7416e305e3aafcf56bad90ef87a917014d',
    'f6c3972347848177805eed8a9c282fca6aaec0e6fd28701579e63cb20bdbce07',
  ],
  [
    'runc',
    '1.3.0',
    '028986516ab5646370edce981df2d8e8a8d12188deaf837142a02097000ae2f2',
    '85c5e4e4f72e442c8c17bac07527cd4f961ee48e4f2b71797f7533c94f4a52b9',
  ],
  [
    'cni-plugins',
    '1.6.2',
    'b8e811578fb66023f90d2e238d80cec3bdfca4b44049af74c374d4fae0f9c090',
    '01e0e22acc7f7004e4588c1fe1871cc86d7ab562cd858e1761c4641d89ebfaa4',
  ],
  [
    'crictl',
    '1.32.0',
    'f050b71d3a73a91a4e0990b90143ed04dcd100cc66f953736fcb6a2730e283c4',
    'f2f4e20658b72d00897f41e4b57093c8080e2d800ee894a5f4351f31d1833e30',
  ],
];

/** The pinned sha256 of a download: key = the binary for Kubernetes, else the component. */
export function pinnedSha256(key: string, version: string, arch: string): string | undefined {
  const row = ROWS.find(([k, v]) => k === key && v === version);
  if (row === undefined) return undefined;
  return arch === 'amd64' ? row[2] : arch === 'arm64' ? row[3] : undefined;
}

/** Every pinned (key, version) pair, for docs and tests. */
export function pinnedVersions(): readonly (readonly [string, string])[] {
  return ROWS.map(([k, v]) => [k, v] as const);
}
