// GET, LIST, POST, PUT, PATCH (server-side apply, merge) and DELETE on the store, with the real error shapes.

import { randomBytes } from 'node:crypto';
import { assignClusterIp, type ServiceRange } from './service-ips.ts';
import { ApiError, badRequest, notFound } from './status.ts';
import type { KObject, ObjectStore } from './store.ts';
import { groupVersion, findResource, type ResourceInfo } from './resources.ts';

/** One request on an object route, its body already parsed. */
export interface ObjectRequest {
  readonly method: string;
  readonly info: ResourceInfo;
  readonly namespace?: string;
  readonly name?: string;
  readonly subresource?: string;
  readonly contentType: string;
  readonly query: URLSearchParams;
  readonly body: unknown;
}

/** What to answer. */
export interface Answer {
  readonly status: number;
  readonly body: object;
}

const NAMESPACES = findResource('', 'v1', 'namespaces')!;
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** RFC 7386 JSON merge patch (strategic merge patches are treated the same: close enough for a double). */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObj(patch)) return patch;
  const out: Record<string, unknown> = isObj(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** The body as an object of this resource, named as the URL says (the real apiserver's checks). */
function checkBody(r: ObjectRequest, body: unknown): KObject {
  if (!isObj(body) || !isObj(body['metadata'])) throw badRequest('the body is not an object with metadata');
  const gv = groupVersion(r.info);
  if (body['apiVersion'] !== undefined && body['apiVersion'] !== gv)
    throw badRequest(
      `the API version in the data (${String(body['apiVersion'])}) does not match the expected API version (${gv})`,
    );
  if (body['kind'] !== undefined && body['kind'] !== r.info.kind)
    throw badRequest(
      `the kind in the data (${String(body['kind'])}) does not match the expected kind (${r.info.kind})`,
    );
  const meta = body['metadata'];
  if (r.name !== undefined && meta['name'] !== undefined && meta['name'] !== r.name)
    throw badRequest(`the name of the object (${String(meta['name'])}) does not match the name on the URL (${r.name})`);
  if (r.namespace !== undefined && meta['namespace'] !== undefined && meta['namespace'] !== r.namespace)
    throw badRequest(`the namespace of the provided object does not match the namespace sent on the request`);
  if (meta['name'] === undefined && r.name !== undefined) meta['name'] = r.name;
  if (meta['name'] === undefined && typeof meta['generateName'] === 'string')
    meta['name'] = `${meta['generateName']}${randomBytes(3).toString('hex').slice(0, 5)}`;
  if (typeof meta['name'] !== 'string' || meta['name'] === '')
    throw new ApiError(
      422,
      'Invalid',
      `${r.info.kind} "" is invalid: metadata.name: Required value: name or generateName is required`,
    );
  return body as KObject;
}

/** Runs one request against the store. */
export async function handleObject(store: ObjectStore, range: ServiceRange, r: ObjectRequest): Promise<Answer> {
  const { info } = r;
  if (
    info.namespaced &&
    r.namespace !== undefined &&
    r.method !== 'GET' &&
    r.method !== 'DELETE' &&
    (await store.get(NAMESPACES, undefined, r.namespace)) === undefined
  )
    throw notFound('namespaces', '', r.namespace);
  if (info.namespaced && r.namespace === undefined && r.method !== 'GET')
    throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
  const existing = r.name === undefined ? undefined : await store.get(info, r.namespace, r.name);
  const save = async (obj: KObject, fieldManager?: string, operation = 'Update'): Promise<Answer> => {
    if (info.group === '' && info.resource === 'services')
      assignClusterIp(obj, range, await store.list(info, undefined));
    if (fieldManager !== undefined)
      obj.metadata['managedFields'] = [
        {
          manager: fieldManager,
          operation,
          apiVersion: groupVersion(info),
          time: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
          fieldsType: 'FieldsV1',
          fieldsV1: {},
        },
      ];
    const put = await store.put(info, r.namespace, obj);
    return { status: put.created ? 201 : 200, body: put.obj };
  };
  const manager = r.query.get('fieldManager') ?? undefined;
  switch (r.method) {
    case 'GET':
      if (r.name === undefined)
        return {
          status: 200,
          body: {
            apiVersion: groupVersion(info),
            kind: `${info.kind}List`,
            metadata: { resourceVersion: await store.resourceVersion() },
            items: await store.list(info, r.namespace),
          },
        };
      if (existing === undefined) throw notFound(info.resource, info.group, r.name);
      return { status: 200, body: existing };
    case 'POST': {
      if (r.name !== undefined) throw new ApiError(405, 'MethodNotAllowed', 'POST to a named object');
      const obj = checkBody(r, r.body);
      if ((await store.get(info, r.namespace, String(obj.metadata['name']))) !== undefined)
        throw new ApiError(
          409,
          'AlreadyExists',
          `${info.resource}${info.group ? `.${info.group}` : ''} "${String(obj.metadata['name'])}" already exists`,
        );
      return save(obj, manager, 'Update');
    }
    case 'PUT': {
      if (r.name === undefined) throw new ApiError(405, 'MethodNotAllowed', 'PUT to a collection');
      if (existing === undefined) throw notFound(info.resource, info.group, r.name);
      const obj = checkBody(r, r.body);
      const rv = obj.metadata['resourceVersion'];
      if (rv !== undefined && rv !== '' && rv !== existing.metadata['resourceVersion'])
        throw new ApiError(
          409,
          'Conflict',
          `Operation cannot be fulfilled on ${info.resource} "${r.name}": the object has been modified; please apply your changes to the latest version and try again`,
        );
      return save(obj, manager);
    }
    case 'PATCH':
      return patch(r, existing, save);
    case 'DELETE': {
      if (r.name === undefined)
        throw new ApiError(405, 'MethodNotAllowed', 'deletecollection is not supported by the double');
      const gone = await store.delete(info, r.namespace, r.name);
      if (gone === undefined) throw notFound(info.resource, info.group, r.name);
      return { status: 200, body: gone };
    }
    default:
      throw new ApiError(405, 'MethodNotAllowed', `method ${r.method} is not supported`);
  }
}

async function patch(
  r: ObjectRequest,
  existing: KObject | undefined,
  save: (o: KObject, m?: string, op?: string) => Promise<Answer>,
): Promise<Answer> {
  if (r.name === undefined) throw new ApiError(405, 'MethodNotAllowed', 'PATCH to a collection');
  const ct = r.contentType.split(';')[0]!.trim();
  if (ct === 'application/apply-patch+yaml' || ct === 'application/apply-patch+json') {
    const manager = r.query.get('fieldManager');
    if (!manager) throw badRequest('PATCH, application/apply-patch+yaml: fieldManager is required for apply requests');
    const obj = checkBody(r, r.body);
    if (obj['apiVersion'] === undefined || obj['kind'] === undefined)
      throw badRequest('apply patches need apiVersion and kind');
    const kept = existing === undefined ? {} : { uid: existing.metadata['uid'] };
    const applied = { ...obj, metadata: { ...obj.metadata, ...kept } } as KObject;
    if (existing !== undefined && r.subresource === 'status') applied['spec'] = existing['spec'];
    return save(applied, manager, 'Apply');
  }
  if (ct === 'application/merge-patch+json' || ct === 'application/strategic-merge-patch+json') {
    if (existing === undefined) throw notFound(r.info.resource, r.info.group, r.name);
    const merged = mergePatch(existing, r.body) as KObject;
    return save(checkBody(r, merged), r.query.get('fieldManager') ?? undefined);
  }
  throw new ApiError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: application/apply-patch+yaml, application/merge-patch+json, application/strategic-merge-patch+json (json-patch is not supported by the orchestrate test double)`,
  );
}
