// Authentication as the apiserver does it: client cert (client CA), service-account JWT, static token file.

import { verify, type KeyObject } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { CertResult, ClientIdentity } from '../serve.ts';

/** What the authenticator knows. */
export interface AuthConfig {
  readonly saKeys: readonly KeyObject[];
  readonly saIssuers: readonly string[];
  /** token -> identity, from --token-auth-file. */
  readonly staticTokens: ReadonlyMap<string, ClientIdentity>;
}

/** Result: an identity, anonymous (no credentials), or a rejected credential (401). */
export type AuthResult = ClientIdentity | 'anonymous' | 'rejected';

/** Pure: a --token-auth-file CSV (token,user,uid,"group1,group2"). */
export function parseTokenFile(text: string): Map<string, ClientIdentity> {
  const out = new Map<string, ClientIdentity>();
  for (const line of text.split('\n')) {
    const m = /^([^,\s]+),([^,]+),([^,]*)(?:,"?([^"]*)"?)?/.exec(line.trim());
    if (m) out.set(m[1]!, { user: m[2]!, groups: m[4] ? m[4].split(',') : [] });
  }
  return out;
}

const b64 = (s: string): Buffer => Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');

/** A service-account token: RS256/ES256 by one of the keys, our issuer, not expired. */
function serviceAccount(token: string, cfg: AuthConfig): ClientIdentity | undefined {
  const [h, p, s] = token.split('.');
  if (!h || !p || !s) return undefined;
  let header: { alg?: string };
  let claims: { iss?: string; sub?: string; exp?: number; aud?: unknown };
  try {
    header = JSON.parse(b64(h).toString()) as typeof header;
    claims = JSON.parse(b64(p).toString()) as typeof claims;
  } catch {
    return undefined;
  }
  const alg = header.alg === 'RS256' ? 'sha256' : header.alg === 'ES256' ? 'sha256' : undefined;
  if (alg === undefined) return undefined;
  const data = Buffer.from(`${h}.${p}`);
  const ok = cfg.saKeys.some((k) => {
    try {
      return verify(alg, data, header.alg === 'ES256' ? { key: k, dsaEncoding: 'ieee-p1363' } : k, b64(s));
    } catch {
      return false;
    }
  });
  if (
    !ok ||
    !claims.iss ||
    !cfg.saIssuers.includes(claims.iss) ||
    (claims.exp !== undefined && claims.exp * 1000 < Date.now())
  )
    return undefined;
  const sub = claims.sub ?? '';
  const ns = /^system:serviceaccount:([^:]+):/.exec(sub)?.[1];
  return {
    user: sub,
    groups: ['system:serviceaccounts', ...(ns ? [`system:serviceaccounts:${ns}`] : []), 'system:authenticated'],
  };
}

/** Who sent the request. */
export function authenticate(req: IncomingMessage, cert: CertResult, cfg: AuthConfig): AuthResult {
  if (cert === 'invalid') return 'rejected';
  if (cert !== undefined) return cert;
  const auth = req.headers.authorization;
  if (auth === undefined) return 'anonymous';
  const m = /^Bearer\s+(\S+)$/i.exec(auth);
  if (!m) return 'rejected';
  return cfg.staticTokens.get(m[1]!) ?? serviceAccount(m[1]!, cfg) ?? 'rejected';
}
