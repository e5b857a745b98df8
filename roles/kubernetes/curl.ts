// curl against the apiserver with a client certificate: the one way probes, steps and gates call the API.

import { sh, raw } from '../../src/shell/quote.ts';
import type { ApiClient } from './api-client.ts';

/** One API request. */
export interface CurlRequest {
  readonly method?: 'GET' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly query?: string;
  readonly contentType?: string;
  /** The request body, sent verbatim (piped to curl's stdin). */
  readonly data?: string;
  /** Seconds for the whole request. */
  readonly maxTime?: number;
  /** Retries on refused connections and transient HTTP errors (an apiserver that is just restarting). */
  readonly retries?: number;
}

/**
 * Shell that sets $r to the response body plus a last line with the HTTP code (000 when no answer, the
 * error text before it) and $rc to curl's exit code. Never fails by itself: callers decide.
 */
export function curlCapture(client: ApiClient, req: CurlRequest): string {
  const url = `${client.server}${req.path}${req.query ? `?${req.query}` : ''}`;
  const args = [
    '-sS',
    '--max-time',
    String(req.maxTime ?? 10),
    ...(req.retries ? ['--retry', String(req.retries), '--retry-connrefused', '--retry-delay', '2'] : []),
    '--cacert',
    client.ca,
    '--cert',
    client.cert,
    '--key',
    client.key,
    ...(req.method && req.method !== 'GET' ? ['-X', req.method] : []),
    ...(req.contentType ? ['-H', `Content-Type: ${req.contentType}`] : []),
    ...(req.data !== undefined ? ['--data-binary', '@-'] : []),
  ];
  const input = req.data !== undefined ? sh`printf '%s' ${req.data} | ` : '';
  return sh`r=$(${raw(input)}curl ${args} -w ${raw(`'\\n%{http_code}'`)} ${url} 2>&1); rc=$?`;
}

/** Shell: the HTTP code (last line of $r). */
export const HTTP_CODE = `$(printf '%s\\n' "$r" | tail -n 1)`;
/** Shell: the body ($r without its last line). */
export const HTTP_BODY = `printf '%s\\n' "$r" | sed '$d'`;
