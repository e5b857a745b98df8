// Scrubs structured data before it is serialized: registered secrets masked in every string, secret-looking keys redacted.

import { mask, Secret, SECRET_MASK } from '../secret.ts';

/** Keys whose values are never written, whatever they hold. */
export const SECRET_KEY = /^(key|.*password|.*passwd|.*token|.*secret|private_?key|.*privatekey|.*credentials?)$/i;

/** Returns a copy of value with every string masked; keys matching SECRET_KEY (and `content` beside `sensitive: true`) redacted. */
export function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return mask(value);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Secret) return SECRET_MASK;
  if (depth > 12) return '[deep]';
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  if (value instanceof Error) {
    const e = value as Error & { code?: unknown; fix?: unknown };
    return maskDeep({ name: e.name, message: e.message, code: e.code, fix: e.fix }, depth + 1);
  }
  const src = value as Record<string, unknown>;
  const sensitive = src['sensitive'] === true;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(src)) {
    if (v === undefined) continue;
    out[k] = SECRET_KEY.test(k) || (sensitive && k === 'content') ? SECRET_MASK : maskDeep(v, depth + 1);
  }
  return out;
}
