// The PKI of the cluster for playbooks and roles: ensurePki in prepare, pkiFilesFor in a role's tasks.

export { ensurePki } from './ensure-pki.ts';
export type { IssuedCert, PkiOptions, PkiReport } from './ensure-pki.ts';
export { formatPkiReport } from './report.ts';
export { pkiFilesFor } from './files-for.ts';
export type { PkiFile } from './files-for.ts';
export { pkiFileTasks } from './tasks.ts';
export { pkiCatalog, apiserverHosts } from './catalog.ts';
export type { CertEntry, Validity } from './catalog.ts';
export { allPlacements, componentHosts, placementsFor } from './placements.ts';
export type { Placement, PkiComponent, PkiSource } from './placements.ts';
export { KUBECONFIGS, renderKubeconfig } from './kubeconfig.ts';
export type { KubeconfigInput, KubeconfigSpec } from './kubeconfig.ts';
export { ENCRYPTION_KEY_FILE, ensureEncryptionKey, readEncryptionKey, renderEncryptionConfig } from './encryption.ts';
export { ADMIN_KUBECONFIG_FILE, CERT, certFile, keyFile, pkiDir } from './names.ts';
export { CONTROL_PLANE_PKI, ETCD_PKI, KUBE_PROXY_PKI, LOCAL_API_URL, kubeletPki } from './paths.ts';
