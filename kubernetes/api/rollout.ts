// A Deployment's rollout as a health-gate check: what `kubectl rollout status` waits for, read from the API.

import { sh } from 'orchestrate';
import type { ApiClient } from './api-client.ts';
import { curlCapture, HTTP_BODY, HTTP_CODE } from './curl.ts';

/**
 * Shell, exit 0 when the Deployment has rolled out: the controller saw the latest generation and `replicas`
 * pods are updated, ready and available with no old ones left. Prints one status line either way.
 * Numbers are read with sed (no jq on hosts): in a Deployment these keys occur once, except "replicas"
 * (spec, then status: the last one is the status').
 */
export function rolloutCheck(client: ApiClient, namespace: string, name: string, replicas: number): string {
  const path = `/apis/apps/v1/namespaces/${namespace}/deployments/${name}`;
  const label = `deployment ${namespace}/${name}`;
  return [
    curlCapture(client, { path }),
    `code=${HTTP_CODE}`,
    sh`if [ "$rc" -ne 0 ] || [ "$code" != 200 ]; then echo ${label}": curl exit $rc, HTTP $code"; exit 1; fi`,
    `j=$(${HTTP_BODY} | tr -d ' \\n\\t')`,
    `num() { printf '%s' "$j" | sed -n "s/.*\\"$1\\":\\([0-9][0-9]*\\).*/\\1/p"; }`,
    'gen=$(num generation); obs=$(num observedGeneration); rep=$(num replicas)',
    'upd=$(num updatedReplicas); ready=$(num readyReplicas); avail=$(num availableReplicas)',
    sh`echo ${label}": generation \${gen:-?} observed \${obs:-none}; replicas \${rep:-0}, updated \${upd:-0}, ready \${ready:-0}, available \${avail:-0} of "${replicas}`,
    sh`[ "\${obs:-0}" -ge "\${gen:-0}" ] && [ -n "$obs" ] && [ "\${upd:-0}" -eq ${replicas} ] && [ "\${rep:-0}" -eq ${replicas} ] && [ "\${ready:-0}" -eq ${replicas} ] && [ "\${avail:-0}" -eq ${replicas} ]`,
  ].join('\n');
}
