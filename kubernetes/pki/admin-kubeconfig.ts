// The admin kubeconfig of the control machine (<stateDir>/admin.kubeconfig, server = the API address).

import { join } from 'node:path';
import type { ClusterModel } from '../cluster/model-types.ts';
import { PRIVATE_FILE_MODE, readPrivateFile, writeFileIfChanged } from 'orchestrate';
import { KUBECONFIGS, renderKubeconfig } from './kubeconfig.ts';
import { ADMIN_KUBECONFIG_FILE, CERT } from './names.ts';
import { sourceFiles } from './placements.ts';

/** Renders and stores it when its bytes change; returns its file name when written (or, in check mode, would be). */
export function writeAdminKubeconfig(
  model: ClusterModel,
  stateDir: string,
  s: {
    certs: ReadonlyMap<string, string>;
    keys: ReadonlyMap<string, string>;
    pending: Set<string>;
    check: boolean;
  },
): string | undefined {
  const spec = KUBECONFIGS.adminRemote(model);
  const path = join(stateDir, ADMIN_KUBECONFIG_FILE);
  const caPem = s.certs.get(CERT.ca);
  const certPem = s.certs.get(spec.cert);
  const keyPem = s.keys.get(spec.cert);
  const blocked = sourceFiles({ kind: 'kubeconfig', kubeconfig: spec }).some((f) => s.pending.has(f));
  if (blocked || caPem === undefined || certPem === undefined || keyPem === undefined) {
    if (s.check) s.pending.add(ADMIN_KUBECONFIG_FILE);
    return s.check ? ADMIN_KUBECONFIG_FILE : undefined;
  }
  const text = renderKubeconfig({
    clusterName: model.name,
    server: spec.server,
    user: spec.user,
    caPem,
    certPem,
    keyPem,
  }).reveal();
  if (s.check) return readPrivateFile(path) === text ? undefined : ADMIN_KUBECONFIG_FILE;
  return writeFileIfChanged(path, text, PRIVATE_FILE_MODE) ? ADMIN_KUBECONFIG_FILE : undefined;
}
