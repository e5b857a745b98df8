// Which certificates a host holds (from the PKI placements) and which SANs each must carry for the
// addresses in use; the SANs a certificate really has, read with node:crypto.

import type { X509Certificate } from 'node:crypto';
import { normalizeIp } from 'orchestrate';
import type { ClusterModel } from '../cluster/model-types.ts';
import { allPlacements } from '../pki/placements.ts';
import { CERT } from '../pki/names.ts';

/** One certificate file on a host: the state-dir name it comes from and the roles that place it. */
export interface HostCertFile {
  readonly path: string;
  readonly cert: string;
  readonly roles: readonly string[];
}

/** The certificate files (never keys or kubeconfigs) the PKI places on a host. */
export function hostCertFiles(model: ClusterModel, host: string): HostCertFile[] {
  const byPath = new Map<string, { cert: string; roles: string[] }>();
  for (const p of allPlacements(model)) {
    if (p.host !== host || p.source.kind !== 'cert') continue;
    const e = byPath.get(p.path) ?? { cert: p.source.cert, roles: [] };
    if (!e.roles.includes(p.component)) e.roles.push(p.component);
    byPath.set(p.path, e);
  }
  return [...byPath].map(([path, e]) => ({ path, cert: e.cert, roles: e.roles }));
}

/** SANs (`DNS:name`, `IP:addr`) a cert must have for the addresses clients use; [] for certs without. */
export function requiredSans(model: ClusterModel, cert: string): string[] {
  const ext = (n: { address: string; externalAddress: string | undefined }) =>
    n.externalAddress ? [n.address, n.externalAddress] : [n.address];
  let hosts: string[] = [];
  if (cert === CERT.apiserver)
    hosts = [...model.api.addresses, ...model.api.names, ...model.controllers.flatMap(ext), model.apiServiceIp];
  for (const w of model.workers) if (cert === CERT.kubelet(w.name)) hosts = [w.name, ...ext(w)];
  for (const m of model.etcd) if (cert === CERT.etcdServer(m.name) || cert === CERT.etcdPeer(m.name)) hosts = ext(m);
  return [...new Set(hosts.map(sanOf))];
}

/** `IP:a.b.c.d` for an address, `DNS:name` for a name. */
export function sanOf(host: string): string {
  const ip = normalizeIp(host);
  return ip === undefined ? `DNS:${host.toLowerCase()}` : `IP:${ip}`;
}

/** The SANs of a parsed certificate in the same spelling (`IP Address:` becomes `IP:`). */
export function sansOf(x509: X509Certificate): string[] {
  const text = x509.subjectAltName ?? '';
  return text
    .split(/,\s*/)
    .filter((s) => s !== '')
    .map((s) => {
      const ip = /^IP Address:(.*)$/.exec(s);
      if (ip) return `IP:${normalizeIp(ip[1]!) ?? ip[1]!}`;
      return s.startsWith('DNS:') ? `DNS:${s.slice(4).toLowerCase()}` : s;
    });
}
