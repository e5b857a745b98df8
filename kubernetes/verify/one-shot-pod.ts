// The script both one-shot pod tests run: a fresh pod applied, waited on until it ends, then read with its log.

import { sectionMarker } from 'orchestrate';
import { apiCall, apiCapture } from './api.ts';
import type { VerifyContext } from './context.ts';
import { paths } from './objects.ts';

/** Pure: sections apply, waited, pod and log, for the pod `name` made from `object`. */
export function oneShotPodScript(ctx: VerifyContext, name: string, object: object): string {
  const pod = paths.pod(name);
  return [
    // A pod left by an interrupted run would show its old answer: delete it and wait until it is gone.
    apiCapture(ctx.client, { method: 'DELETE', path: `${pod}?gracePeriodSeconds=0` }),
    'i=0; while [ "$code" != 404 ] && [ $i -lt 30 ]; do sleep 1; i=$((i+1));',
    `  ${apiCapture(ctx.client, { path: pod })}`,
    'done',
    apiCall(ctx.client, 'apply', { path: paths.apply(pod), apply: object }),
    'start=$(date +%s)',
    'while :; do',
    `  ${apiCapture(ctx.client, { path: pod })}`,
    `  printf '%s' "$r" | grep -Eq '"phase": *"(Succeeded|Failed)"' && break`,
    `  [ $(( $(date +%s) - start )) -ge ${ctx.waitSeconds} ] && break`,
    '  sleep 2',
    'done',
    sectionMarker('waited'),
    'echo $(( $(date +%s) - start ))',
    apiCall(ctx.client, 'pod', { path: pod }),
    apiCall(ctx.client, 'log', { path: paths.log(name) }),
  ].join('\n');
}
