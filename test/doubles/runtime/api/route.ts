// URL path -> what it names: discovery, a collection or one object (maybe a subresource).

import { findResource, type ResourceInfo } from './resources.ts';

/** A parsed API path. */
export type Route =
  | {
      readonly kind: 'discovery';
      readonly path: 'api' | 'apis' | 'apiVersion' | 'group' | 'groupVersion';
      readonly group?: string;
      readonly version?: string;
    }
  | {
      readonly kind: 'object';
      readonly info: ResourceInfo;
      readonly namespace?: string;
      readonly name?: string;
      readonly subresource?: string;
    }
  | { readonly kind: 'unknown-resource'; readonly group: string; readonly version: string; readonly resource: string }
  | { readonly kind: 'none' };

/** Pure: the route of a path (no query). */
export function route(pathname: string): Route {
  const parts = pathname
    .split('/')
    .filter((p) => p !== '')
    .map(decodeURIComponent);
  if (parts[0] === 'api') {
    if (parts.length === 1) return { kind: 'discovery', path: 'api' };
    const version = parts[1]!;
    if (parts.length === 2) return { kind: 'discovery', path: 'apiVersion', group: '', version };
    return resourceRoute('', version, parts.slice(2));
  }
  if (parts[0] === 'apis') {
    if (parts.length === 1) return { kind: 'discovery', path: 'apis' };
    if (parts.length === 2) return { kind: 'discovery', path: 'group', group: parts[1]! };
    if (parts.length === 3) return { kind: 'discovery', path: 'groupVersion', group: parts[1]!, version: parts[2]! };
    return resourceRoute(parts[1]!, parts[2]!, parts.slice(3));
  }
  return { kind: 'none' };
}

function resourceRoute(group: string, version: string, rest: string[]): Route {
  // namespaces/<ns>/<resource>/... unless <resource> is not namespaced (then it is the namespace's subresource)
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    const info = findResource(group, version, rest[2]!);
    if (info?.namespaced) return objectRoute(info, rest[1]!, rest.slice(3));
    if (info === undefined && group === '' && !['status', 'finalize'].includes(rest[2]!))
      return { kind: 'unknown-resource', group, version, resource: rest[2]! };
  }
  const info = findResource(group, version, rest[0]!);
  if (info === undefined) return { kind: 'unknown-resource', group, version, resource: rest[0]! };
  return objectRoute(info, undefined, rest.slice(1));
}

function objectRoute(info: ResourceInfo, namespace: string | undefined, rest: string[]): Route {
  if (rest.length > 2) return { kind: 'none' };
  return {
    kind: 'object',
    info,
    ...(namespace !== undefined ? { namespace } : {}),
    ...(rest[0] !== undefined ? { name: rest[0] } : {}),
    ...(rest[1] !== undefined ? { subresource: rest[1] } : {}),
  };
}
