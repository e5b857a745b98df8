// Test models (KTHW's multi-controller layout literals) and one issued state dir shared by the suites that only read it.

import { cpSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ClusterModel, ClusterNode, WorkerNode } from '../../../../kubernetes/cluster/model-types.ts';
import { ensurePki } from '../../../../kubernetes/pki/index.ts';
import type { PkiReport } from '../../../../kubernetes/pki/index.ts';
import { tempDir } from '../../../support/temp-dir.ts';

const controller = (i: number): ClusterNode => ({
  name: `controller-${i}`,
  address: `10.240.0.1${i}`,
  externalAddress: undefined,
});
const worker = (i: number): WorkerNode => ({
  name: `worker-${i}`,
  address: `10.240.0.2${i}`,
  externalAddress: i === 0 ? '35.200.0.20' : undefined,
  podCidr: `10.200.${i}.0/24`,
});

/** KTHW's layout: 3 controllers (= etcd members) behind 10.240.0.100, N workers; RSA 2048. */
export function kthwModel(
  opts: { controllers?: number; workers?: number; apiAddresses?: string[] } = {},
): ClusterModel {
  const controllers = Array.from({ length: opts.controllers ?? 3 }, (_, i) => controller(i));
  const addresses = opts.apiAddresses ?? ['10.240.0.100'];
  return {
    name: 'kubernetes-the-hard-way',
    controllers,
    workers: Array.from({ length: opts.workers ?? 3 }, (_, i) => worker(i)),
    etcd: controllers,
    api: { addresses, names: ['api.kthw.example'], port: 6443, url: `https://${addresses[0]}:6443` },
    clusterCidr: '10.200.0.0/16',
    serviceCidr: '10.32.0.0/24',
    apiServiceIp: '10.32.0.1',
    dnsIp: '10.32.0.10',
    clusterDomain: 'cluster.local',
    versions: {
      kubernetes: '1.32.3',
      etcd: '3.5.21',
      containerd: '2.1.0',
      runc: '1.3.0',
      cni: '1.6.2',
      crictl: '1.32.0',
      coredns: '1.11.3',
      pause: '3.10',
    },
    imageBundles: [],
    keySize: 2048,
  };
}

let shared: Promise<{ dir: string; report: PkiReport }> | undefined;
/** One ensurePki of kthwModel() into a temp state dir, made once; copy it before changing anything. */
export function sharedState(): Promise<{ dir: string; report: PkiReport }> {
  shared ??= (async () => {
    const dir = tempDir('orchestrate-state-');
    return { dir, report: await ensurePki(kthwModel(), dir) };
  })();
  return shared;
}

/** A copy of the shared state dir (modes and mtimes kept) that a test may change. */
export async function copyOfSharedState(): Promise<string> {
  const { dir } = await sharedState();
  const copy = tempDir('orchestrate-state-copy-');
  cpSync(dir, copy, { recursive: true, preserveTimestamps: true });
  return copy;
}

/** Every file of a dir tree: relative path -> bytes and mtime. */
export function snapshot(dir: string): Map<string, { bytes: Buffer; mtimeMs: number; mode: number }> {
  const out = new Map<string, { bytes: Buffer; mtimeMs: number; mode: number }>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      // cache/ holds what can be recomputed (remembered PKI checks), not the state these tests compare.
      if (e.isDirectory() && relative(dir, p) === 'cache') continue;
      if (e.isDirectory()) walk(p);
      else {
        const st = statSync(p);
        out.set(relative(dir, p), { bytes: readFileSync(p), mtimeMs: st.mtimeMs, mode: st.mode & 0o777 });
      }
    }
  };
  walk(dir);
  return out;
}

/** Paths whose bytes or mtime differ between two snapshots (added and removed files included), sorted. */
export function changedFiles(a: ReturnType<typeof snapshot>, b: ReturnType<typeof snapshot>): string[] {
  const names = new Set([...a.keys(), ...b.keys()]);
  return [...names]
    .filter((n) => {
      const x = a.get(n);
      const y = b.get(n);
      return !x || !y || !x.bytes.equals(y.bytes) || x.mtimeMs !== y.mtimeMs;
    })
    .sort();
}
