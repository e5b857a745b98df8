// YAML (or JSON) config files as the components read them: one document, a mapping at the top.

import { parseAllDocuments } from 'yaml';
import { DoubleError } from './fail.ts';
import { readText } from './pem.ts';

/** The single mapping document of a file (syntax errors carry the line). */
export function parseYamlFile(path: string): Record<string, unknown> {
  const docs = parseAllDocuments(readText(path));
  const real = docs.filter((d) => d.contents !== null);
  if (real.length === 0) throw new DoubleError(`${path}: empty document`);
  if (real.length > 1) throw new DoubleError(`${path}: ${real.length} YAML documents, expected one`);
  const doc = real[0]!;
  if (doc.errors.length > 0) throw new DoubleError(`${path}: yaml: ${doc.errors[0]!.message}`);
  const value: unknown = doc.toJS();
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new DoubleError(`${path}: expected a mapping at the top level`);
  return value as Record<string, unknown>;
}

/** apiVersion and kind must be exactly these (the message says what the real decoder says). */
export function expectTypeMeta(
  doc: Record<string, unknown>,
  path: string,
  kind: string,
  apiVersions: readonly string[],
): string {
  const av = doc['apiVersion'];
  if (doc['kind'] !== kind) throw new DoubleError(`${path}: kind ${JSON.stringify(doc['kind'])}, expected ${kind}`);
  if (typeof av !== 'string' || !apiVersions.includes(av))
    throw new DoubleError(
      `${path}: no kind "${kind}" is registered for version "${String(av)}" (this version accepts ${apiVersions.join(', ')})`,
    );
  return av;
}

/** Fields not in `known` (typos, fields of another version). */
export function unknownFields(obj: Record<string, unknown>, known: readonly string[]): string[] {
  return Object.keys(obj).filter((k) => !known.includes(k));
}
