// Test helpers for the control-plane roles: the real flag lists, a unit's flags read back, a role context.

import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RoleContext } from '../../../../src/executor/types.ts';
import type { Facts } from '../../../../src/facts/types.ts';
import type { Host } from '../../../../src/inventory/types.ts';
import { buildClusterModel } from '../../../../kubernetes/cluster/index.ts';
import { ensurePki, type PkiOptions } from '../../../../kubernetes/pki/index.ts';
import { parseOmissions } from '../../../../kubernetes/flags/tsv.ts';
import { putBinary } from '../../kubernetes/artifacts/helpers.ts';
import { kthwInventory, type KthwLayout } from '../../kubernetes/cluster/helpers.ts';
import { removeTempDir, tempDir } from '../../../support/temp-dir.ts';

export const FLAGS_DIR = fileURLToPath(new URL('../../../fixtures/flags/', import.meta.url));
export const MINORS = ['1.32', '1.35', '1.36'] as const;

/** The names the reference page of `component` at `minor` lists, plus the known omissions of that version. */
export function realFlagNames(component: string, minor: string): Set<string> {
  const tsv = readFileSync(join(FLAGS_DIR, minor, `${component}.tsv`), 'utf8');
  const listed = tsv
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => l.split('\t')[0]!);
  const omitted = parseOmissions(readFileSync(join(FLAGS_DIR, 'known-omissions.tsv'), 'utf8'), component, minor);
  return new Set([...listed, ...omitted.map((r) => r.name)]);
}

/** The ExecStart of a unit: binary and `--name=value` words, continuation lines joined. */
export function execStart(unit: string): { binary: string; flags: Map<string, string>; words: string[] } {
  const m = /^ExecStart=((?:.*\\\n)*.*)$/m.exec(unit);
  if (!m) throw new Error(`no ExecStart in:\n${unit}`);
  const words = m[1]!.split(/\s+\\\n\s*/).map((w) => w.trim());
  const flags = new Map<string, string>();
  for (const w of words.slice(1)) {
    const f = /^--([a-z0-9-]+)=(.*)$/.exec(w);
    if (!f) throw new Error(`not a --name=value word: ${w}`);
    if (flags.has(f[1]!)) throw new Error(`--${f[1]} twice`);
    flags.set(f[1]!, f[2]!);
  }
  return { binary: words[0]!, flags, words };
}

/** A state dir and an artifacts mirror shared by the contexts made from it (remove both with cleanup()). */
export interface ControlPlaneWorld {
  readonly stateDir: string;
  readonly mirrorDir: string;
  /** A controller's role context over a KTHW inventory; ensurePki has run for its model (with the options). */
  contextFor(layout?: KthwLayout, host?: string, pki?: PkiOptions): Promise<RoleContext<unknown>>;
  cleanup(): void;
}

/** A fresh world (or a copy of another's state dir): PKI issued on the first contextFor, stand-in binaries. */
export function controlPlaneWorld(copyOf?: string): ControlPlaneWorld {
  const state = tempDir('orch-cp-state-');
  const mirror = tempDir('orch-cp-mirror-');
  if (copyOf !== undefined) cpSync(copyOf, state, { recursive: true, preserveTimestamps: true });
  const placed = new Set<string>();
  return {
    stateDir: state,
    mirrorDir: mirror,
    async contextFor(layout = {}, host = 'controller-0', pki = {}) {
      const inventory = kthwInventory(layout);
      const model = buildClusterModel(inventory, state);
      await ensurePki(model, state, pki);
      for (const name of ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubectl']) {
        const at = { component: 'kubernetes', version: model.versions.kubernetes, arch: 'amd64', name };
        if (placed.has(JSON.stringify(at))) continue;
        placed.add(JSON.stringify(at));
        putBinary(mirror, at, `#!/bin/sh\n# stand-in ${name} ${at.version}\n`);
      }
      return {
        host: inventory.hosts.get(host) as Host,
        facts: { arch: 'amd64' } as Facts,
        vars: {},
        inventory,
        factsOf: () => undefined,
        stateDir: state,
        playHosts: [...inventory.hosts.values()],
        artifactsDir: mirror,
      };
    },
    cleanup: () => {
      removeTempDir(state);
      removeTempDir(mirror);
    },
  };
}
