// A kubeconfig as client-go loads it: current context, cluster (server URL, CA), user (cert + key).

import type { KeyObject, X509Certificate } from 'node:crypto';
import { dirname, isAbsolute, join } from 'node:path';
import { DoubleError } from './fail.ts';
import { checkSignedBy, checkValidity, parseCerts, parseKey, readText } from './pem.ts';
import { parseYamlFile } from './yaml-file.ts';

/** What a checked kubeconfig gives a client. */
export interface KubeconfigInfo {
  readonly path: string;
  readonly server: URL;
  readonly caPem: string;
  readonly certPem?: string;
  readonly keyPem?: string;
  readonly token?: string;
  /** CN of the client certificate (the user the apiserver will see). */
  readonly user?: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function named(doc: Obj, list: string, name: string, path: string): Obj {
  const items = doc[list];
  if (!Array.isArray(items)) throw new DoubleError(`${path}: no ${list}`);
  const item = (items as unknown[]).find((i) => isObj(i) && i['name'] === name) as Obj | undefined;
  const inner = item?.[list.slice(0, -1)];
  if (!isObj(inner)) throw new DoubleError(`${path}: ${list.slice(0, -1)} "${name}" not found (invalid configuration)`);
  return inner;
}

/** Inline *-data (base64) or a file path (relative to the kubeconfig's dir). */
function dataOrFile(o: Obj, key: string, path: string): string | undefined {
  const data = o[`${key}-data`];
  if (typeof data === 'string' && data !== '') {
    const text = Buffer.from(data, 'base64').toString('utf8');
    if (!text.includes('-----BEGIN')) throw new DoubleError(`${path}: ${key}-data is not base64 of a PEM file`);
    return text;
  }
  const file = o[key];
  if (typeof file === 'string' && file !== '') return readText(isAbsolute(file) ? file : join(dirname(path), file));
  return undefined;
}

/** Loads and checks a kubeconfig; every failure names the file and the field. */
export function checkKubeconfig(path: string): KubeconfigInfo {
  const doc = parseYamlFile(path);
  if (doc['kind'] !== undefined && doc['kind'] !== 'Config')
    throw new DoubleError(`${path}: kind is ${String(doc['kind'])}, expected Config`);
  const current = doc['current-context'];
  if (typeof current !== 'string' || current === '')
    throw new DoubleError(`${path}: invalid configuration: no current-context`);
  const ctx = named(doc, 'contexts', current, path);
  const cluster = named(doc, 'clusters', String(ctx['cluster'] ?? ''), path);
  const user = named(doc, 'users', String(ctx['user'] ?? ''), path);

  let server: URL;
  try {
    server = new URL(String(cluster['server'] ?? ''));
  } catch {
    throw new DoubleError(`${path}: cluster server ${JSON.stringify(cluster['server'])} is not a URL`);
  }
  if (server.protocol !== 'https:' && server.protocol !== 'http:')
    throw new DoubleError(`${path}: server ${server.href} is not http(s)`);
  const caPem = dataOrFile(cluster, 'certificate-authority', path);
  if (caPem === undefined && server.protocol === 'https:' && cluster['insecure-skip-tls-verify'] !== true)
    throw new DoubleError(
      `${path}: cluster has no certificate-authority(-data): the server's certificate cannot be verified`,
    );
  const cas: X509Certificate[] = caPem === undefined ? [] : parseCerts(caPem, `${path} certificate-authority`);
  for (const ca of cas) if (!ca.ca) throw new DoubleError(`${path}: certificate-authority is not a CA certificate`);

  const certPem = dataOrFile(user, 'client-certificate', path);
  const keyPem = dataOrFile(user, 'client-key', path);
  const token = typeof user['token'] === 'string' ? user['token'] : undefined;
  if ((certPem === undefined) !== (keyPem === undefined))
    throw new DoubleError(`${path}: user has a client certificate without its key, or a key without its certificate`);
  if (certPem === undefined && token === undefined)
    throw new DoubleError(`${path}: user has no credentials (client certificate or token)`);
  let cn: string | undefined;
  if (certPem !== undefined && keyPem !== undefined) {
    const cert = parseCerts(certPem, `${path} client-certificate`)[0]!;
    const key: KeyObject = parseKey(keyPem, `${path} client-key`);
    if (!cert.checkPrivateKey(key)) throw new DoubleError(`${path}: tls: client-key does not match client-certificate`);
    checkValidity(cert, `${path} client-certificate`);
    if (cas.length > 0) checkSignedBy(cert, cas, `${path} client-certificate`, 'the kubeconfig certificate-authority');
    cn = /(?:^|\n)CN=([^\n]*)/.exec(cert.subject)?.[1];
  }
  return {
    path,
    server,
    caPem: caPem ?? '',
    ...(certPem !== undefined ? { certPem } : {}),
    ...(keyPem !== undefined ? { keyPem } : {}),
    ...(token !== undefined ? { token } : {}),
    ...(cn !== undefined ? { user: cn } : {}),
  };
}
