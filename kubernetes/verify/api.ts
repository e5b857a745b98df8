// curl against the apiserver as admin, printing each answer as a section the judges parse: the body, then
// an `@@http CODE CURL_EXIT` line. The same client files as the roles' (kubernetes/api/api-client.ts).

import { sectionMarker } from 'orchestrate';
import type { ApiClient } from '../api/index.ts';
import { curlCapture, HTTP_CODE } from '../api/curl.ts';

export interface ApiRequest {
  readonly method?: 'GET' | 'PATCH' | 'DELETE';
  /** Path and query, e.g. /api/v1/nodes. */
  readonly path: string;
  /** Sent as a server-side apply (application/apply-patch+yaml; JSON is YAML). */
  readonly apply?: unknown;
  readonly maxTime?: number;
}

/** Shell: sets $r (body, then the HTTP code on the last line), $rc (curl's exit) and $code. Never fails. */
export function apiCapture(client: ApiClient, req: ApiRequest): string {
  const apply = req.apply !== undefined;
  return [
    curlCapture(client, {
      path: req.path,
      method: apply ? 'PATCH' : (req.method ?? 'GET'),
      maxTime: req.maxTime ?? 15,
      ...(apply ? { contentType: 'application/apply-patch+yaml', data: JSON.stringify(req.apply) } : {}),
    }),
    `code=${HTTP_CODE}`,
  ].join('\n');
}

/** Shell: prints the last capture as section `name`; `quiet` leaves a 2xx body out (it may hold a secret). */
export function apiPrint(name: string, quiet = false): string {
  const body = `printf '%s\\n' "$r" | sed '$d'`;
  return [
    sectionMarker(name),
    quiet ? `case "$code" in 2??) ;; *) ${body};; esac` : body,
    'echo "@@http $code $rc"',
  ].join('\n');
}

/** Shell: one request, printed as section `name`. */
export function apiCall(client: ApiClient, name: string, req: ApiRequest, quiet = false): string {
  return `${apiCapture(client, req)}\n${apiPrint(name, quiet)}`;
}

/** An answer as printed by apiPrint: HTTP code (0 when none), curl's exit, the body. */
export interface ApiAnswer {
  readonly code: number;
  readonly curlExit: number;
  readonly body: string;
}

/** Parses a section printed by apiPrint; undefined when the section is missing or cut short. */
export function parseAnswer(text: string | undefined): ApiAnswer | undefined {
  if (text === undefined) return undefined;
  const lines = text.split('\n');
  const m = /^@@http (\d{3}) (\d+)$/.exec(lines[lines.length - 1] ?? '');
  if (!m) return undefined;
  return { code: Number(m[1]), curlExit: Number(m[2]), body: lines.slice(0, -1).join('\n') };
}

/** True for a 2xx answer. */
export const ok = (a: ApiAnswer | undefined): a is ApiAnswer => a !== undefined && a.code >= 200 && a.code < 300;

/** The body as JSON, or undefined when it is not JSON. */
export function jsonOf<T>(a: ApiAnswer | undefined): T | undefined {
  if (a === undefined) return undefined;
  try {
    return JSON.parse(a.body) as T;
  } catch {
    return undefined;
  }
}

/** One line for evidence: the request's outcome, with the API's message when it sent a Status. */
export function describeAnswer(what: string, a: ApiAnswer | undefined): string {
  if (a === undefined) return `${what}: no answer (the script stopped before it)`;
  if (a.code === 0) return `${what}: no HTTP answer (curl exit ${a.curlExit}): ${firstLine(a.body)}`;
  const status = jsonOf<{ kind?: string; message?: string }>(a);
  const detail = status?.kind === 'Status' && status.message ? `: ${status.message}` : '';
  return `${what}: HTTP ${a.code}${detail}`;
}

const firstLine = (s: string): string =>
  s
    .split('\n')
    .find((l) => l.trim() !== '')
    ?.trim()
    .slice(0, 200) ?? '';
