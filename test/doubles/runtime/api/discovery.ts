// /api, /apis, /apis/<g>, /apis/<g>/<v>, /api/v1 and /version: legacy (unaggregated) discovery JSON.

import { ApiError } from './status.ts';
import { RESOURCES, servedGroups } from './resources.ts';

const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

function resourceList(group: string, version: string): object {
  const rs = RESOURCES.filter((r) => r.group === group && r.version === version);
  if (rs.length === 0) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group === '' ? version : `${group}/${version}`,
    resources: rs.map((r) => ({
      name: r.resource,
      singularName: r.kind.toLowerCase(),
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: r.resource === 'bindings' ? ['create'] : VERBS,
      ...(r.shortNames ? { shortNames: r.shortNames } : {}),
    })),
  };
}

function apiGroup(group: string, version: string): object {
  const gv = { groupVersion: `${group}/${version}`, version };
  return { name: group, versions: [gv], preferredVersion: gv };
}

/** The discovery document of a discovery route. */
export function discovery(
  path: string,
  group: string | undefined,
  version: string | undefined,
  serverAddress: string,
): object {
  switch (path) {
    case 'api':
      return {
        kind: 'APIVersions',
        versions: ['v1'],
        serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
      };
    case 'apis':
      return {
        kind: 'APIGroupList',
        apiVersion: 'v1',
        groups: servedGroups().map((g) => apiGroup(g.group, g.version)),
      };
    case 'group': {
      const g = servedGroups().find((x) => x.group === group);
      if (g === undefined) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
      return { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(g.group, g.version) };
    }
    default:
      return resourceList(group ?? '', version ?? '');
  }
}

/** /version: the real shape, with a gitVersion that says it is a double. */
export function versionInfo(gitVersion: string): object {
  const [major = '1', minor = '0'] = gitVersion.replace(/^v/, '').split('.');
  return {
    major,
    minor,
    gitVersion,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '1970-01-01T00:00:00Z',
    goVersion: `node${process.versions.node}`,
    compiler: 'orchestrate-test-double',
    platform: `linux/${process.arch === 'x64' ? 'amd64' : process.arch}`,
  };
}
