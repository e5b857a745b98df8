// The admin client on the controllers: curl talks to the local apiserver with admin.pem/admin-key.pem.

import { parse } from 'yaml';
import type { ClusterModel } from '../cluster/model-types.ts';
import { OrchestrateError, Secret, secret } from 'orchestrate';
import type { PkiFile } from '../pki/index.ts';
import { CONTROL_PLANE_PKI, LOCAL_API_URL, pkiFilesFor } from '../pki/index.ts';

/** How a probe or step reaches the API: server URL, CA bundle, client certificate and key (paths on the host). */
export interface ApiClient {
  readonly server: string;
  readonly ca: string;
  readonly cert: string;
  readonly key: string;
}

/** The admin identity (CN admin, O system:masters) on a controller; the CA is the one the apiserver role placed. */
export const ADMIN_CLIENT: ApiClient = {
  server: LOCAL_API_URL,
  ca: CONTROL_PLANE_PKI.ca,
  cert: `${CONTROL_PLANE_PKI.dir}/admin.pem`,
  key: `${CONTROL_PLANE_PKI.dir}/admin-key.pem`,
};

interface KubeconfigDoc {
  users?: { user?: { 'client-certificate-data'?: string; 'client-key-data'?: string } }[];
}

/** Pure: the client cert and key PEMs embedded in a kubeconfig's first user. */
export function clientPemsOf(kubeconfig: string): { certPem: string; keyPem: string } {
  let pems = clientPems.get(kubeconfig);
  if (pems === undefined) clientPems.set(kubeconfig, (pems = parseClientPems(kubeconfig)));
  return pems;
}

/** Parsed kubeconfigs of this process: every controller's roles read the same admin kubeconfig. */
const clientPems = new Map<string, { certPem: string; keyPem: string }>();

function parseClientPems(kubeconfig: string): { certPem: string; keyPem: string } {
  const user = (parse(kubeconfig) as KubeconfigDoc | null)?.users?.[0]?.user;
  const cert = user?.['client-certificate-data'];
  const key = user?.['client-key-data'];
  if (!cert || !key)
    throw new OrchestrateError('STATE_DIR_INVALID', 'the admin kubeconfig embeds no client certificate and key', {
      fix: 'delete pki/admin.pem in the state dir and re-run: ensurePki reissues it',
    });
  const pem = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');
  return { certPem: pem(cert), keyPem: pem(key) };
}

/**
 * The admin files on a controller: admin.kubeconfig (for kubectl there) plus its client cert and key as
 * PEM files for curl, taken from the same kubeconfig so they always match; placeholders when it is pending.
 */
export function adminClientFiles(model: ClusterModel, stateDir: string, host: string): PkiFile[] {
  const files = pkiFilesFor(model, stateDir, host, 'admin');
  const kc = files.find((f) => f.path === CONTROL_PLANE_PKI.adminKubeconfig);
  if (kc === undefined) return files;
  const text = kc.content instanceof Secret ? kc.content.reveal() : kc.content;
  if (text.startsWith('# pending'))
    return [
      ...files,
      { path: ADMIN_CLIENT.cert, content: text, mode: '0644' },
      { path: ADMIN_CLIENT.key, content: text, mode: '0600' },
    ];
  const { certPem, keyPem } = clientPemsOf(text);
  return [
    ...files,
    { path: ADMIN_CLIENT.cert, content: certPem, mode: '0644' },
    { path: ADMIN_CLIENT.key, content: secret(keyPem), mode: '0600' },
  ];
}
