// The lines a human reads about a PKI run: what was (or would be) issued and why, and what to look at.

import type { PkiReport } from './ensure-pki.ts';

/** One line per issued certificate, written file group, warning and stale file; empty when nothing happened. */
export function formatPkiReport(r: PkiReport): string[] {
  const verb = r.check ? 'would issue' : 'issued';
  const lines = r.issued.map((i) => `pki: ${verb} ${i.name}: ${i.reason}`);
  const other = r.written.filter((f) => !f.endsWith('.pem'));
  if (other.length > 0) lines.push(`pki: ${r.check ? 'would write' : 'wrote'} ${other.join(', ')}`);
  for (const w of r.warnings) lines.push(`pki: warning: ${w}`);
  if (r.stale.length > 0)
    lines.push(`pki: not used by the cluster any more (kept, remove by hand after a backup): ${r.stale.join(', ')}`);
  return lines;
}
