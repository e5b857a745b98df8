// E2E support for labs that run the Kubernetes test doubles: a lab-local artifacts mirror (the built
// mirror's real etcd/containerd/runc/CNI + the doubles as kubernetes/<version>), and a visible stand-in
// for the deployment controller that the apiserver double does not run.

import { mkdir, readdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { labPaths, labRun, labUp, type LabPrepareContext } from '../../../src/lab/index.ts';
import { doublesNodeBind } from '../../doubles/lab.ts';
import { controlArch } from '../../../kubernetes/artifacts/index.ts';
import { builtMirrorLabHook } from '../../../kubernetes/artifacts/lab-hook.ts';
import { writeDoublesMirror } from '../../doubles/mirror.ts';

/** lab up's prepare hook: the built mirror's components linked in, the doubles built beside them. */
export async function mirrorWithDoubles(ctx: LabPrepareContext) {
  const built = await builtMirrorLabHook()(ctx);
  const from = String(built.vars!['artifacts_dir']);
  const version = (built.vars!['cluster'] as { versions: { kubernetes: string } }).versions.kubernetes;
  const dir = join(labPaths(ctx.lab).dir, 'artifacts');
  await mkdir(dir, { recursive: true });
  for (const entry of await readdir(from))
    if (entry !== 'kubernetes') await symlink(join(from, entry), join(dir, entry));
  await writeDoublesMirror(dir, version, controlArch());
  return { vars: { ...built.vars, artifacts_dir: dir }, summary: `${built.summary}; doubles in ${dir}` };
}

/** curl to the API as admin, from the control machine inside the lab's netns, verified with the PKI's CA. */
export function adminApi(lab: string, pki: string, api: string) {
  return (path: string, ...extra: string[]) =>
    labRun(lab, [
      'curl',
      '-sS',
      '--max-time',
      '10',
      '--cacert',
      `${pki}/ca.pem`,
      '--cert',
      `${pki}/admin.pem`,
      '--key',
      `${pki}/admin-key.pem`,
      ...extra,
      `${api}${path}`,
    ]);
}

/**
 * Stands in (visibly, in the test) for the deployment controller: once CoreDNS's Deployment exists it
 * writes the status a real controller writes after a rollout, so the role's rollout gate can pass.
 */
export async function actAsDeploymentController(
  call: ReturnType<typeof adminApi>,
  done: () => boolean,
): Promise<string> {
  const path = '/apis/apps/v1/namespaces/kube-system/deployments/coredns';
  let last = 'the Deployment never appeared';
  // One more read after the apply ended: its gate may have passed right after our PATCH.
  for (let ended = false; ; ended = done()) {
    const got = await call(path, '-f');
    if (got.code === 0) {
      const dep = JSON.parse(got.stdout) as {
        metadata: { generation?: number };
        status?: { observedGeneration?: number };
      };
      if (dep.status?.observedGeneration !== undefined) return 'status written';
      if (ended) return last;
      const n = { replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 };
      const body = JSON.stringify({ status: { observedGeneration: dep.metadata.generation ?? 1, ...n } });
      const r = await call(
        `${path}/status`,
        '-X',
        'PATCH',
        '-H',
        'Content-Type: application/merge-patch+json',
        '--data',
        body,
      );
      last = `PATCH status: exit ${r.code}: ${r.stdout.slice(0, 300)} ${r.stderr}`;
    } else if (ended) return last;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** lab up of a cluster layout whose Kubernetes binaries are the doubles (node bound in, mirror with the doubles). */
export function doublesLabUp(name: string, controllers: number, workers: number) {
  return labUp({
    name,
    layout: { kind: 'cluster', controllers, workers },
    binds: [doublesNodeBind()],
    prepare: mirrorWithDoubles,
  });
}
