// What a role places on its host: the PKI files of one component, read from the state dir (keys as Secrets).

import { join } from 'node:path';
import type { ClusterModel } from '../cluster/model-types.ts';
import { OrchestrateError, secret, readPrivateFile, readPublicFile, type Secret } from 'orchestrate';
import { readEncryptionKey, renderEncryptionConfig } from './encryption.ts';
import { renderKubeconfig } from './kubeconfig.ts';
import { CERT, certFile, keyFile, pkiDir } from './names.ts';
import { pendingFiles } from './pending.ts';
import type { PkiComponent, PkiSource } from './placements.ts';
import { componentHosts, placementsFor, sourceFiles } from './placements.ts';

/** One file for the `file` module: certificates are text, keys, kubeconfigs and the encryption config Secrets. */
export interface PkiFile {
  readonly path: string;
  readonly content: string | Secret;
  readonly mode: '0644' | '0600';
}

/**
 * The files `component` needs on `host` (paths of paths.ts). Throws PLAYBOOK_INVALID when the model does
 * not run the component there, STATE_DIR_INVALID when ensurePki has not issued them yet. After a
 * check-mode ensurePki, files it would (re)issue come back as a placeholder, so the plan shows them changing.
 */
export function pkiFilesFor(model: ClusterModel, stateDir: string, host: string, component: PkiComponent): PkiFile[] {
  const placements = placementsFor(model, host, component);
  if (placements === undefined) {
    const hosts = componentHosts(model, component);
    throw new OrchestrateError('PLAYBOOK_INVALID', `${host} does not run ${component} in the cluster model`, {
      host,
      fix: `run the ${component} role on ${hosts.length > 0 ? hosts.join(', ') : 'the hosts of its inventory group'} only`,
    });
  }
  const pending = pendingFiles(stateDir);
  return placements.map((p) => {
    const from = sourceFiles(p.source).filter((f) => pending.has(f));
    const content =
      from.length > 0 ? `# pending: issued by the next apply (${from.join(', ')})\n` : read(model, stateDir, p.source);
    return { path: p.path, content, mode: p.mode };
  });
}

function read(model: ClusterModel, stateDir: string, source: PkiSource): string | Secret {
  const dir = pkiDir(stateDir);
  const cert = (name: string) =>
    readPublicFile(join(dir, certFile(name))) ?? missing(stateDir, `pki/${certFile(name)}`);
  const key = (name: string) => readPrivateFile(join(dir, keyFile(name))) ?? missing(stateDir, `pki/${keyFile(name)}`);
  switch (source.kind) {
    case 'cert':
      return cert(source.cert);
    case 'key':
      return secret(key(source.cert));
    case 'kubeconfig': {
      const k = source.kubeconfig;
      const input = { clusterName: model.name, server: k.server, user: k.user, caPem: cert(CERT.ca) };
      return renderKubeconfig({ ...input, certPem: cert(k.cert), keyPem: key(k.cert) });
    }
    case 'encryption-config':
      return renderEncryptionConfig(readEncryptionKey(stateDir) ?? missing(stateDir, 'secrets/encryption-key'));
  }
}

function missing(stateDir: string, file: string): never {
  throw new OrchestrateError('STATE_DIR_INVALID', `${file} is not in the state dir ${stateDir}`, {
    fix: 'the playbook must run ensurePki(model, stateDir) in its prepare step before the roles (run it without --limit once)',
  });
}
