// kubernetes.apply: server-side apply of one object through the API, only when what we applied changed.

import { sh, raw } from 'orchestrate';
import { action, invalid, parseFields, runStep, type Action, type Module } from 'orchestrate/module-kit';
import type { ApiClient } from './api-client.ts';
import { ADMIN_CLIENT } from './api-client.ts';
import { APPLIED_HASH, withAppliedHash } from './applied-hash.ts';
import { apiGetProbe, curlCapture, HTTP_BODY, HTTP_CODE } from './curl.ts';
import type { KubeObject } from './objects.ts';
import { objectRef } from './objects.ts';

/** The field manager our applies own their fields as. */
export const FIELD_MANAGER = 'orchestrate';

export interface KubeApplyParams {
  /** The object as sent, its applied-hash annotation set. */
  readonly object: KubeObject;
  readonly hash: string;
  readonly path: string;
  readonly label: string;
  readonly client: ApiClient;
}

/** What the probe found: our hash on the live object, no object, or no usable answer (then we apply). */
export type KubeApplyState =
  | { readonly kind: 'present'; readonly hash: string | undefined }
  | { readonly kind: 'absent' }
  | { readonly kind: 'unknown'; readonly reason: string };

const ID = 'kubernetes.apply';

/** Pure: the first line of an API Status message, or of whatever text came back. */
function reasonOf(code: string, body: string): string {
  let message = body.trim().split('\n')[0] ?? '';
  try {
    const status = JSON.parse(body) as { message?: string };
    if (typeof status.message === 'string') message = status.message;
  } catch {
    // not a Status object: keep the text
  }
  return `${code === '000' ? 'no answer' : `HTTP ${code}`}${message ? `: ${message.slice(0, 200)}` : ''}`;
}

export const kubeApplyModule: Module<KubeApplyParams, KubeApplyState> = {
  id: ID,
  // Read-only GET, batched with the script's other GETs; the body travels base64 (key=value format).
  probe: (p) => apiGetProbe(p.client, p.path),
  parse(stdout) {
    const f = parseFields(ID, stdout);
    const rc = f.need('curl');
    const code = f.need('http');
    const body = Buffer.from(f.need('body'), 'base64').toString('utf8');
    if (rc !== '0') return { kind: 'unknown', reason: `curl exit ${rc}: ${body.trim().split('\n').pop() ?? ''}` };
    if (code === '404') return { kind: 'absent' };
    if (code !== '200') return { kind: 'unknown', reason: reasonOf(code, body) };
    let live: KubeObject;
    try {
      live = JSON.parse(body) as KubeObject;
    } catch {
      throw invalid(ID, `HTTP 200 with a body that is not JSON: ${JSON.stringify(body.slice(0, 80))}`);
    }
    return { kind: 'present', hash: live.metadata?.annotations?.[APPLIED_HASH] };
  },
  plan(p, have) {
    if (have.kind === 'present' && have.hash === p.hash) return [];
    const why =
      have.kind === 'absent'
        ? 'not found'
        : have.kind === 'unknown'
          ? `state unknown: ${have.reason}`
          : have.hash === undefined
            ? 'not applied by orchestrate'
            : 'changed';
    return [runStep(`server-side apply ${p.label} (${why})`, applyScript(p))];
  },
};

/** The apply step: PATCH application/apply-patch+yaml (JSON is YAML) as our field manager, forcing conflicts. */
function applyScript(p: KubeApplyParams): string {
  const curl = curlCapture(p.client, {
    method: 'PATCH',
    path: p.path,
    query: `fieldManager=${FIELD_MANAGER}&force=true`,
    contentType: 'application/apply-patch+yaml',
    data: JSON.stringify(p.object),
    maxTime: 30,
    retries: 5,
  });
  return [
    curl,
    `code=${HTTP_CODE}`,
    sh`if [ "$rc" -ne 0 ] || [ "\${code#2}" = "$code" ]; then ${raw(HTTP_BODY)} >&2; echo ${`server-side apply of ${p.label} failed`}": curl exit $rc, HTTP $code" >&2; exit 1; fi`,
  ].join('\n');
}

/** A server-side apply task of a typed object (kubernetes-types), through the admin client by default. */
export function kubeApply(obj: KubeObject, client: ApiClient = ADMIN_CLIENT): Action<KubeApplyParams, KubeApplyState> {
  const { path, label } = objectRef(obj);
  const { object, hash } = withAppliedHash(obj);
  return action(kubeApplyModule, { object, hash, path, label, client });
}
