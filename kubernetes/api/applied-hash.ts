// What we applied, as a stable hash in an annotation: a re-run compares it instead of diffing live objects.

import { createHash } from 'node:crypto';
import type { KubeObject } from './objects.ts';

/** The annotation holding the sha256 of the object we last applied (everything else we send). */
export const APPLIED_HASH = 'orchestrate.dev/applied-hash';

/** JSON with object keys sorted at every level (undefined dropped): equal objects give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Pure: the object with its applied-hash annotation set (the hash covers everything but that annotation). */
export function withAppliedHash<T extends KubeObject>(obj: T): { object: T; hash: string } {
  const annotations = Object.fromEntries(
    Object.entries(obj.metadata?.annotations ?? {}).filter(([k]) => k !== APPLIED_HASH),
  );
  const bare = { ...obj, metadata: { ...obj.metadata, annotations } };
  if (Object.keys(annotations).length === 0) delete (bare.metadata as { annotations?: unknown }).annotations;
  const hash = createHash('sha256').update(canonicalJson(bare)).digest('hex');
  return {
    object: { ...obj, metadata: { ...obj.metadata, annotations: { ...annotations, [APPLIED_HASH]: hash } } },
    hash,
  };
}
