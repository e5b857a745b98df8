// `orchestrate pki status`: each certificate of the manifest with its SANs, days left and hosts.

import type { ManifestEntry, PkiManifest } from './manifest.ts';
import { daysLeft } from './reissue.ts';

/** How soon a certificate needs attention. */
export type ExpiryState = 'ok' | 'renew' | 'expired';

/** One certificate as `pki status` shows it. */
export interface CertStatus {
  readonly name: string;
  readonly certFile: string;
  readonly subject: string;
  readonly sans: readonly string[];
  readonly notAfter: string;
  readonly daysLeft: number;
  readonly state: ExpiryState;
  readonly hosts: readonly string[];
}

/** Status rows, soonest expiry first (ties by name); `renew` inside the renewal window. */
export function pkiStatus(m: PkiManifest, now: Date, renewWindowDays = 30): CertStatus[] {
  return m.certs
    .map((c: ManifestEntry): CertStatus => {
      const left = daysLeft(new Date(c.notAfter), now);
      const expired = new Date(c.notAfter).getTime() <= now.getTime();
      return {
        name: c.name,
        certFile: c.certFile,
        subject: c.subject,
        sans: c.sans,
        notAfter: c.notAfter,
        daysLeft: left,
        state: expired ? 'expired' : left < renewWindowDays ? 'renew' : 'ok',
        hosts: c.hosts,
      };
    })
    .sort((a, b) => a.daysLeft - b.daysLeft || a.name.localeCompare(b.name));
}

/** Human lines: one header line per certificate, then its subject, SANs and hosts indented. */
export function formatPkiStatus(rows: readonly CertStatus[]): string {
  const width = Math.max(4, ...rows.map((r) => r.name.length));
  const out: string[] = [];
  for (const r of rows) {
    const when = r.state === 'expired' ? `EXPIRED ${-r.daysLeft} days ago` : `${r.daysLeft} days left`;
    const flag = r.state === 'renew' ? '  (renewal due: re-run the playbook)' : '';
    out.push(`${r.name.padEnd(width)}  expires ${r.notAfter.slice(0, 10)} (${when})${flag}`);
    out.push(`  subject: ${r.subject}`);
    if (r.sans.length > 0) out.push(`  sans:    ${r.sans.join(', ')}`);
    out.push(`  hosts:   ${r.hosts.length > 0 ? r.hosts.join(', ') : '(control machine only)'}`);
  }
  return out.length === 0 ? 'no certificates in the manifest\n' : out.join('\n') + '\n';
}
