// A RoleContext on a KTHW inventory with an issued PKI and a mirror holding kubelet/kube-proxy stand-ins.

import { DEFAULT_VERSIONS } from '../../../../kubernetes/cluster/index.ts';
import type { RoleContext } from '../../../../src/executor/types.ts';
import type { Facts } from '../../../../src/facts/types.ts';
import type { Role, Task } from '../../../../src/executor/types.ts';
import type { Step } from '../../../../src/modules/types.ts';
import { kthwInventory } from '../../../unit/kubernetes/cluster/helpers.ts';
import { putBinary } from '../../../unit/kubernetes/artifacts/helpers.ts';
import { copyOfSharedState } from '../../../unit/kubernetes/pki/fixtures.ts';
import { removeTempDir, tempDir } from '../../../support/temp-dir.ts';

/** Everything a role's tasks() reads, for one host of a 3+3 KTHW cluster behind 10.240.0.100. */
export interface Lab {
  readonly stateDir: string;
  readonly mirror: string;
  context<V>(role: Role<V>, host: string, facts: Facts, hostVars?: Record<string, unknown>): RoleContext<V>;
  cleanup(): void;
}

/** The shared PKI copied (roles write pod-cidrs.json), and a mirror with text stand-ins for the binaries. */
export async function roleLab(): Promise<Lab> {
  const stateDir = await copyOfSharedState();
  const mirror = tempDir('orch-mirror-');
  for (const arch of ['amd64', 'arm64'])
    for (const name of ['kubelet', 'kube-proxy'])
      putBinary(
        mirror,
        { component: 'kubernetes', version: DEFAULT_VERSIONS.kubernetes, arch, name },
        `#!/bin/sh\necho ${name}\n`,
      );
  return {
    stateDir,
    mirror,
    context<V>(role: Role<V>, host: string, facts: Facts, hostVars: Record<string, unknown> = {}): RoleContext<V> {
      const inventory = kthwInventory({
        cluster: { api: { addresses: ['10.240.0.100'], names: ['api.kthw.example'] } },
        hostVars: Object.fromEntries(['worker-0', 'worker-1', 'worker-2', host].map((h) => [h, hostVars])),
      });
      const h = inventory.hosts.get(host)!;
      return {
        host: h,
        facts,
        vars: (role.vars ? role.vars.parse(h.vars) : h.vars) as V,
        inventory,
        factsOf: () => undefined,
        stateDir,
        playHosts: [...inventory.hosts.values()],
        artifactsDir: mirror,
      };
    },
    cleanup: () => removeTempDir(mirror),
  };
}

/** A task by name (fails the test when missing). */
export function task(tasks: readonly Task[], name: string): Task {
  const t = tasks.find((x) => x.name === name);
  if (!t) throw new Error(`no task "${name}" in ${tasks.map((x) => x.name).join(', ')}`);
  return t;
}

/** The names of the handlers a task notifies. */
export const notified = (t: Task): string[] => (t.notify ?? []).map((h) => h.name);

/** The content a file-like task would write, as text. */
export function contentOf(t: Task): string {
  const p = t.action.params as { content?: unknown; state?: string };
  if (p.state === 'absent') return '(absent)';
  const c = p.content as { reveal?: () => string } | string | Buffer;
  return typeof c === 'string' ? c : Buffer.isBuffer(c) ? c.toString('utf8') : c.reveal!();
}

/** Steps as summaries (for plan assertions). */
export const summaries = (steps: readonly Step[]): string[] => steps.map((s) => s.summary);
