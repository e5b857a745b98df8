// Every PKI file of every host of a model, as the roles would place them (content revealed), for comparisons.

import type { ClusterModel } from '../../../../kubernetes/cluster/model-types.ts';
import { componentHosts, pkiFilesFor } from '../../../../kubernetes/pki/index.ts';
import type { PkiComponent } from '../../../../kubernetes/pki/index.ts';
import { Secret } from '../../../../src/secret.ts';

export const COMPONENTS: readonly PkiComponent[] = [
  'etcd',
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'admin',
  'kubelet',
  'kube-proxy',
];

/** "host path" -> content, over every component of every host. */
export function hostFiles(model: ClusterModel, stateDir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of COMPONENTS)
    for (const h of componentHosts(model, c))
      for (const f of pkiFilesFor(model, stateDir, h, c))
        out.set(`${h} ${f.path}`, f.content instanceof Secret ? f.content.reveal() : f.content);
  return out;
}

/** Keys whose content differs (or exists on one side only), sorted. */
export function changedHostFiles(a: Map<string, string>, b: Map<string, string>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k)).sort();
}
