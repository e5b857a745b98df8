// Every secret value a state dir holds, as strings to search outputs for: key bodies (PEM lines and
// their base64 as kubeconfigs embed them), the encryption key, the admin kubeconfig's client key, tokens.

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface Needle {
  readonly what: string;
  readonly value: string;
}

/** 64-character slices of s (a leak of any part of a long secret shows at least one). */
function slices(s: string, what: string): Needle[] {
  const out: Needle[] = [];
  for (let i = 0; i + 40 <= s.length; i += 64) out.push({ what, value: s.slice(i, i + 64) });
  return out;
}

/** The needles of every secret in stateDir; throws when it holds none (the scan would prove nothing). */
export async function secretNeedles(stateDir: string): Promise<Needle[]> {
  const needles: Needle[] = [];
  const pki = join(stateDir, 'pki');
  for (const f of (await readdir(pki)).filter((n) => n.endsWith('-key.pem'))) {
    const pem = await readFile(join(pki, f), 'utf8');
    const body = pem
      .split('\n')
      .filter((l) => l !== '' && !l.startsWith('-----'))
      .filter((l) => l.length >= 40);
    needles.push(...body.map((value) => ({ what: `pki/${f} (PEM line)`, value })));
    needles.push(...slices(Buffer.from(pem).toString('base64'), `pki/${f} (base64, as in a kubeconfig)`));
  }
  const enc = (await readFile(join(stateDir, 'secrets', 'encryption-key'), 'utf8')).trim();
  needles.push({ what: 'secrets/encryption-key', value: enc });
  const kubeconfig = await readFile(join(stateDir, 'admin.kubeconfig'), 'utf8');
  const clientKey = /client-key-data: *(\S+)/.exec(kubeconfig)?.[1];
  if (!clientKey) throw new Error('admin.kubeconfig has no client-key-data');
  needles.push(...slices(clientKey, 'admin.kubeconfig client-key-data'));
  for (const m of kubeconfig.matchAll(/token: *(\S+)/g)) needles.push({ what: 'admin.kubeconfig token', value: m[1]! });
  for (const f of (await readdir(join(stateDir, 'secrets'))).filter((n) => /token/i.test(n)))
    needles.push({ what: `secrets/${f}`, value: (await readFile(join(stateDir, 'secrets', f), 'utf8')).trim() });
  if (needles.length < 20) throw new Error(`only ${needles.length} secret needles found in ${stateDir}`);
  return needles;
}

/** "what: where" for every needle found in any of the named texts. */
export function findLeaks(needles: readonly Needle[], texts: Record<string, string>): string[] {
  const leaks = new Set<string>();
  for (const [where, text] of Object.entries(texts))
    for (const n of needles) if (text.includes(n.value)) leaks.add(`${n.what} in ${where}`);
  return [...leaks].sort();
}
