// A service's inputs record: sha256sum lines of every file it is started from. Files such as ca.pem are shared
// by several roles and written by whichever runs first; the record is per service, so each still sees the change.

import type { Content } from 'orchestrate';
import { sha256Hex } from 'orchestrate/module-kit';

/** Where the records live on the host: `sha256sum -c /var/lib/orchestrate/inputs/kube-apiserver.sha256`. */
export const INPUTS_DIR = '/var/lib/orchestrate/inputs';

/** One input: a path on the host and what it holds (a binary by its sha256). */
export type ServiceInput =
  { readonly path: string; readonly content: Content } | { readonly path: string; readonly sha256: string };

/** The record's path for a service. */
export function inputsPath(service: string): string {
  return `${INPUTS_DIR}/${service}.sha256`;
}

/** Pure: `<sha256>  <path>` per input (sha256sum's own format), sorted by path; keys appear only as hashes. */
export function renderInputs(inputs: readonly ServiceInput[]): string {
  return [...inputs]
    .map((i) => ({ path: i.path, sha256: 'sha256' in i ? i.sha256 : sha256Hex(i.content) }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((i) => `${i.sha256}  ${i.path}\n`)
    .join('');
}
