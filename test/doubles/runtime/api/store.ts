// Objects in etcd, under the real apiserver's keys (/registry/secrets/<ns>/<name>, /registry/minions/<node>, ...):
// every apiserver double of a cluster sees the same objects, and secrets are encrypted at rest.

import { randomUUID } from 'node:crypto';
import type { EtcdKv } from '../etcd-kv.ts';
import type { Codec } from './codec.ts';
import { groupVersion, RESOURCES, type ResourceInfo } from './resources.ts';

export type KObject = Record<string, unknown> & { metadata: Record<string, unknown> };

/** The real apiserver's etcd key prefix of a resource. */
export function keyPrefix(info: ResourceInfo): string {
  if (info.group === '' && info.resource === 'nodes') return '/registry/minions';
  if (info.group === '' && info.resource === 'services') return '/registry/services/specs';
  if (info.group === '' && info.resource === 'endpoints') return '/registry/services/endpoints';
  if (info.group === 'apiextensions.k8s.io') return `/registry/apiextensions.k8s.io/${info.resource}`;
  return `/registry/${info.resource}`;
}

const keyOf = (info: ResourceInfo, namespace: string | undefined, name: string): string =>
  `${keyPrefix(info)}/${namespace !== undefined && info.namespaced ? `${namespace}/` : ''}${name}`;

/** Everything but the fields the server owns, to decide whether a write changed anything. */
function content(obj: KObject): string {
  const meta = { ...obj.metadata };
  for (const k of ['uid', 'resourceVersion', 'creationTimestamp', 'managedFields', 'generation']) delete meta[k];
  return JSON.stringify({ ...obj, metadata: meta });
}

/** The object store of the apiserver double. */
export class ObjectStore {
  constructor(
    private readonly kv: EtcdKv,
    private readonly codec: Codec,
  ) {}

  private read(info: ResourceInfo, value: Buffer, modRevision: string): KObject {
    const obj = JSON.parse(this.codec.decode(info.resource, info.group, value).toString()) as KObject;
    obj.metadata['resourceVersion'] = modRevision;
    return obj;
  }

  async get(info: ResourceInfo, namespace: string | undefined, name: string): Promise<KObject | undefined> {
    const [kv] = await this.kv.range(keyOf(info, namespace, name));
    return kv === undefined ? undefined : this.read(info, kv.value, kv.modRevision);
  }

  /** Objects of a resource, in one namespace or all. */
  async list(info: ResourceInfo, namespace: string | undefined): Promise<KObject[]> {
    const prefix = `${keyPrefix(info)}/${namespace !== undefined && info.namespaced ? `${namespace}/` : ''}`;
    return (await this.kv.range(prefix, true)).map((kv) => this.read(info, kv.value, kv.modRevision));
  }

  /** Stores obj (uid and creation time kept from the old one); unchanged objects are not written again. */
  async put(
    info: ResourceInfo,
    namespace: string | undefined,
    obj: KObject,
  ): Promise<{ obj: KObject; created: boolean; changed: boolean }> {
    const name = String(obj.metadata['name']);
    const old = await this.get(info, namespace, name);
    const stored: KObject = {
      ...obj,
      apiVersion: groupVersion(info),
      kind: info.kind,
      metadata: {
        ...obj.metadata,
        ...(namespace !== undefined && info.namespaced ? { namespace } : {}),
        uid: old?.metadata['uid'] ?? randomUUID(),
        creationTimestamp: old?.metadata['creationTimestamp'] ?? new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      },
    };
    delete stored.metadata['resourceVersion'];
    if (old !== undefined && content(old) === content(stored)) return { obj: old, created: false, changed: false };
    const plain = Buffer.from(JSON.stringify(stored));
    const rv = await this.kv.put(keyOf(info, namespace, name), this.codec.encode(info.resource, info.group, plain));
    stored.metadata['resourceVersion'] = rv;
    return { obj: stored, created: old === undefined, changed: true };
  }

  /** Deletes one object (a namespace: with everything in it); returns what was deleted. */
  async delete(info: ResourceInfo, namespace: string | undefined, name: string): Promise<KObject | undefined> {
    const old = await this.get(info, namespace, name);
    if (old === undefined) return undefined;
    await this.kv.delete(keyOf(info, namespace, name));
    if (info.group === '' && info.resource === 'namespaces')
      for (const r of RESOURCES.filter((x) => x.namespaced)) await this.kv.delete(`${keyPrefix(r)}/${name}/`, true);
    return old;
  }

  /** The revision a List reports. */
  resourceVersion(): Promise<string> {
    return this.kv.revision();
  }
}
