// Files named by flags: the generic rules every double applies, and the pair/CA helpers they share.

import type { X509Certificate } from 'node:crypto';
import type { Problems } from './fail.ts';
import { lastValue, listValue, type ParsedFlags } from './flag-parse.ts';
import { checkKubeconfig, type KubeconfigInfo } from './kubeconfig.ts';
import { loadCa, loadPair, readText } from './pem.ts';
import { parseYamlFile } from './yaml-file.ts';

/** Flags ending in -file that name something the binary writes or creates, not reads. */
const OUTPUTS = new Set(['log-file', 'lock-file', 'audit-log-path', 'write-config-to', 'cert-dir', 'root-dir']);

/** Every `*-file` flag not checked more closely elsewhere must name an existing, readable file. */
export function checkOtherFiles(flags: ParsedFlags, handled: ReadonlySet<string>, problems: Problems): void {
  for (const name of flags.values.keys()) {
    if (handled.has(name) || OUTPUTS.has(name) || !name.endsWith('-file')) continue;
    const v = lastValue(flags, name);
    if (v) problems.check(`--${name}`, () => void readText(v));
  }
}

/** A cert/key flag pair: both or neither; when given, both parse and match. */
export function checkPairFlags(
  flags: ParsedFlags,
  certFlag: string,
  keyFlag: string,
  problems: Problems,
): { certPem: string; keyPem: string; cert: X509Certificate } | undefined {
  const c = lastValue(flags, certFlag);
  const k = lastValue(flags, keyFlag);
  if (!c && !k) return undefined;
  if (!c || !k) {
    problems.add(`--${certFlag} and --${keyFlag} must be given together`);
    return undefined;
  }
  let out: ReturnType<typeof checkPairFlags>;
  problems.check(`--${certFlag}/--${keyFlag}`, () => {
    const p = loadPair(c, k);
    out = { certPem: p.certPem, keyPem: p.keyPem, cert: p.cert };
  });
  return out;
}

/** A CA flag: the bundle parses and holds only CAs. */
export function checkCaFlag(
  flags: ParsedFlags,
  flag: string,
  problems: Problems,
): { certs: X509Certificate[]; pem: string } | undefined {
  const v = lastValue(flags, flag);
  if (!v) return undefined;
  let out: ReturnType<typeof checkCaFlag>;
  problems.check(`--${flag}`, () => (out = loadCa(v)));
  return out;
}

/** A kubeconfig flag (or path from a config file). */
export function checkKubeconfigAt(
  path: string | undefined,
  what: string,
  problems: Problems,
): KubeconfigInfo | undefined {
  if (!path) return undefined;
  let out: KubeconfigInfo | undefined;
  problems.check(what, () => (out = checkKubeconfig(path)));
  return out;
}

/** A YAML config flag: the file parses as one mapping, with the expected kind when given. */
export function checkYamlFlag(flags: ParsedFlags, flag: string, problems: Problems, kind?: string): void {
  const v = lastValue(flags, flag);
  if (!v) return;
  problems.check(`--${flag}`, () => {
    const doc = parseYamlFile(v);
    if (kind !== undefined && doc['kind'] !== kind)
      throw new Error(`${v}: kind ${JSON.stringify(doc['kind'])}, expected ${kind}`);
  });
}

/** Values of a list flag that are not in the allowed set. */
export function unknownValues(flags: ParsedFlags, flag: string, allowed: readonly string[]): string[] {
  return listValue(flags, flag).filter((v) => !allowed.includes(v));
}
