// curl against the apiserver with a client certificate: the one way probes, steps and gates call the API.

import { randomBytes } from 'node:crypto';
import { sh, raw } from 'orchestrate';
import { readLine, type SharedRead } from 'orchestrate/module-kit';
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

/** The certificate options of a client, as curl arguments. */
const tlsArgs = (client: ApiClient): string[] => ['--cacert', client.ca, '--cert', client.cert, '--key', client.key];

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
    ...tlsArgs(client),
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

/**
 * GETs of many API paths by one client in ONE curl (one TLS handshake, one process): a probe reading
 * ten objects costs one request each, not a curl start each. Everything curl prints goes through one
 * base64, split after each transfer by a line with a random mark no body can foresee.
 */
function apiGetRead(client: ApiClient): SharedRead {
  return {
    id: `kubernetes.get|${client.server}|${client.ca}|${client.cert}|${client.key}`,
    script(paths) {
      const mark = `@@get-${randomBytes(8).toString('hex')}`;
      const urls = paths.map((p) => `${client.server}${p}`);
      const w = `\n${mark} %{http_code} %{exitcode} %{errormsg}\n`;
      return [
        sh`echo ${mark}`,
        sh`curl -sS --max-time 10 ${tlsArgs(client)} -w ${w} ${urls} 2>/dev/null | base64 -w0`,
        'echo',
      ].join('\n');
    },
    split(stdout, paths) {
      const [mark = '', encoded = ''] = stdout.split('\n');
      const text = Buffer.from(encoded, 'base64').toString('utf8');
      const parts = mark.startsWith('@@get-') ? text.split(`\n${mark} `) : [];
      return paths.map((_, i) => {
        // parts[i + 1] starts with transfer i's write-out line; its body ends parts[i] (after i-1's line).
        const trailer = parts[i + 1]?.split('\n')[0];
        if (trailer === undefined)
          return 'curl=1\nhttp=000\nbody=' + Buffer.from('no answer from curl').toString('base64');
        const [code = '000', exit = '', ...msg] = trailer.split(' ');
        const body = i === 0 ? parts[0]! : parts[i]!.split('\n').slice(1).join('\n');
        // Without %{exitcode} (curl < 7.75) a transfer that got no HTTP answer still failed.
        const rc = /^\d+$/.test(exit) ? exit : code === '000' ? '1' : '0';
        const shown = code === '000' ? msg.join(' ') || 'no answer' : body;
        return `curl=${rc}\nhttp=${code}\nbody=${Buffer.from(shown).toString('base64')}`;
      });
    },
  };
}

/** Probe lines `curl=<exit> http=<code> body=<base64>` of GET path, read with every other GET of the same client. */
export function apiGetProbe(client: ApiClient, path: string): string {
  return readLine(apiGetRead(client), path);
}
