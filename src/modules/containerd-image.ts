// containerd.image: the images of an OCI archive present in a containerd namespace, by name and
// digest; the archive is uploaded and imported (pinned) only when one is missing or differs.

import type { Action, Module, Step } from './types.ts';
import { action } from './types.ts';
import { raw, sh } from '../shell/quote.ts';
import { invalid, parseFields } from './lib/fields.ts';
import { badParam, checkName, checkPath } from './lib/params.ts';
import { runStep } from './lib/steps.ts';
import { stampFile } from './lib/sha-stamp.ts';
import { readLine, type SharedRead } from './shared-read.ts';

const ID = 'containerd.image';
/** The label the CRI plugin reports as pinned: the kubelet's image GC never removes such an image. */
export const PINNED_LABEL = 'io.cri-containerd.pinned';
/** Where an archive waits for its import (removed right after). */
const UPLOAD_DIR = '/var/lib/orchestrate/images';
/** In the first apply containerd is started by an earlier task of the same role. */
const WAIT_SECONDS = 30;

export interface ContainerdImageParams {
  /** Local OCI archive; read by the executor only when an import is planned. */
  readonly archive: { readonly file: string; readonly sha256: string };
  readonly images: readonly { readonly name: string; readonly digest: string }[];
  readonly namespace: string;
  readonly address: string;
  readonly ctr: string;
  /** Every label each image must carry, the pin included. */
  readonly labels: Readonly<Record<string, string>>;
}

export interface ContainerdImageInput {
  readonly archive: { readonly file: string; readonly sha256: string };
  /** The images the archive creates (name = io.containerd.image.name, digest = its index.json descriptor). */
  readonly images: readonly { readonly name: string; readonly digest: string }[];
  /** Default 'k8s.io' (the CRI plugin's). */
  readonly namespace?: string;
  /** Default '/run/containerd/containerd.sock'. */
  readonly address?: string;
  /** Default '/usr/local/bin/ctr'. */
  readonly ctr?: string;
  /** Extra labels; io.cri-containerd.pinned=pinned is always set. */
  readonly labels?: Readonly<Record<string, string>>;
}

/** What `ctr images ls` said; unreachable when it could not be asked (no ctr, no daemon). */
export interface ContainerdImageState {
  readonly unreachable: 'ctr-absent' | 'daemon-down' | undefined;
  /** The requested names containerd lists: digest and labels. */
  readonly images: ReadonlyMap<string, { readonly digest: string; readonly labels: ReadonlyMap<string, string> }>;
}

const reads = new Map<string, SharedRead>();

/** One `ctr images ls` per probe script for every image of one containerd namespace. */
function imagesRead(p: ContainerdImageParams): SharedRead {
  const id = `containerd.images:${p.ctr}:${p.address}:${p.namespace}`;
  let read = reads.get(id);
  if (read) return read;
  read = {
    id,
    script: (names) =>
      [
        sh`c=${p.ctr}; a=${p.address}`,
        'if [ ! -x "$c" ]; then echo ctr=absent',
        'elif [ ! -S "$a" ]; then echo daemon=down',
        sh`elif ! l=$(timeout 20 "$c" -a "$a" -n ${p.namespace} images ls 2>/dev/null); then echo daemon=down`,
        'else',
        '  echo daemon=up',
        // Columns: REF TYPE DIGEST SIZE (two words) PLATFORMS LABELS: the digest is the 3rd, labels the last.
        sh`  for n in ${names}; do printf '%s\\n' "$l" | { f=absent; while read -r r t d x; do if [ "$r" = "$n" ]; then f="$d \${x##* }"; fi; done; echo "image=$n $f"; }; done`,
        'fi',
      ].join('\n'),
    split: (stdout, names) => {
      const lines = stdout.split('\n');
      const common = lines.filter((l) => !l.startsWith('image=') && l !== '').join('\n');
      return names.map((n) => [common, ...lines.filter((l) => l.startsWith(`image=${n} `))].join('\n'));
    },
  };
  reads.set(id, read);
  return read;
}

/** `k=v,k=v` (or '-') from the LABELS column. */
function parseLabels(text: string): Map<string, string> {
  const out = new Map<string, string>();
  if (text === '-' || text === '') return out;
  for (const pair of text.split(',')) {
    const eq = pair.indexOf('=');
    if (eq > 0) out.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  return out;
}

const ctrCmd = (p: ContainerdImageParams) => sh`${p.ctr} -a ${p.address} -n ${p.namespace}`;
const labelArgs = (p: ContainerdImageParams) => Object.entries(p.labels).map(([k, v]) => `${k}=${v}`);

/** One `ctr images label` per image: `import --label` needs ctr 2.0, and 1.x (Debian 12 ships 1.6) is supported. */
function labelShell(p: ContainerdImageParams, names: readonly string[]): string {
  return names.map((n) => sh`${raw(ctrCmd(p))} images label ${n} ${labelArgs(p)} >/dev/null`).join('\n');
}

/** Upload, import, pin, remove: every image of the archive at once. */
function importSteps(p: ContainerdImageParams): Step[] {
  const names = p.images.map((i) => i.name);
  const dest = `${UPLOAD_DIR}/${p.archive.sha256}.tar`;
  const remove = sh`rm -f ${dest} ${stampFile(dest)}`;
  const ctr = raw(ctrCmd(p));
  const wait = [
    sh`[ -x ${p.ctr} ] || { echo ${`${p.ctr} not found`} >&2; exit 1; }`,
    sh`i=0; until [ -S ${p.address} ] && timeout 5 ${ctr} version >/dev/null 2>&1; do`,
    sh`  i=$((i+1)); if [ "$i" -ge ${WAIT_SECONDS} ]; then echo ${`containerd does not answer on ${p.address} after ${WAIT_SECONDS} s`} >&2; exit 1; fi`,
    '  sleep 1',
    'done',
  ].join('\n');
  return [
    runStep(`wait for containerd on ${p.address}`, wait),
    runStep(`mkdir -p ${UPLOAD_DIR}`, sh`mkdir -p -m 0700 ${UPLOAD_DIR}`),
    {
      kind: 'write',
      summary: `upload ${p.archive.file} to ${dest}`,
      path: dest,
      source: p.archive,
      mode: '0600',
      owner: undefined,
      group: undefined,
      diff: undefined,
    },
    runStep(
      `import ${names.join(', ')} (${labelArgs(p).join(', ')})`,
      // A failed import still removes the archive: it can be hundreds of MB.
      sh`${ctr} images import --all-platforms ${dest} || { __rc=$?; ${raw(remove)}; exit "$__rc"; }\n${raw(labelShell(p, names))}`,
    ),
    runStep(`remove ${dest}`, remove),
  ];
}

export const containerdImageModule: Module<ContainerdImageParams, ContainerdImageState> = {
  id: ID,
  probe: (p) => p.images.map((i) => readLine(imagesRead(p), i.name)).join('\n'),
  parse(stdout, p) {
    const f = parseFields(ID, stdout);
    if (f.get('ctr') === 'absent') return { unreachable: 'ctr-absent', images: new Map() };
    if (f.get('daemon') === 'down') return { unreachable: 'daemon-down', images: new Map() };
    if (f.need('daemon') !== 'up') throw invalid(ID, `daemon=${f.need('daemon')}`);
    const images = new Map<string, { digest: string; labels: Map<string, string> }>();
    const seen = new Set<string>();
    for (const line of f.all('image')) {
      const [name = '', digest = '', labels = ''] = line.split(' ');
      seen.add(name);
      if (digest === 'absent') continue;
      if (!/^sha256:[0-9a-f]{64}$/.test(digest)) throw invalid(ID, `image=${line}: no digest`);
      images.set(name, { digest, labels: parseLabels(labels) });
    }
    for (const i of p.images) if (!seen.has(i.name)) throw invalid(ID, `missing "image=${i.name} ..." line`);
    return { unreachable: undefined, images };
  },
  plan(p, have) {
    const stale = p.images.some((i) => have.images.get(i.name)?.digest !== i.digest);
    if (have.unreachable !== undefined || stale) return importSteps(p);
    const unlabeled = p.images
      .map((i) => i.name)
      .filter((n) => Object.entries(p.labels).some(([k, v]) => have.images.get(n)?.labels.get(k) !== v));
    if (unlabeled.length === 0) return [];
    return [runStep(`label ${unlabeled.join(', ')} (${labelArgs(p).join(', ')})`, labelShell(p, unlabeled))];
  },
};

/** An image-bundle task: imported only when containerd lacks a name or holds it at another digest. */
export function containerdImage(p: ContainerdImageInput): Action<ContainerdImageParams, ContainerdImageState> {
  const sha256 = p.archive.sha256.toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw badParam(ID, `sha256 of ${p.archive.file} must be 64 hex digits`);
  if (p.archive.file === '') throw badParam(ID, 'archive.file is empty');
  if (p.images.length === 0) throw badParam(ID, `${p.archive.file}: no images named`);
  const names = new Set<string>();
  for (const i of p.images) {
    checkName(ID, 'image name', i.name, /^[^\s,=]+$/);
    if (!/^sha256:[0-9a-f]{64}$/.test(i.digest)) throw badParam(ID, `${i.name}: digest must be sha256:<64 hex>`);
    if (names.has(i.name)) throw badParam(ID, `${i.name} is named twice`);
    names.add(i.name);
  }
  const labels = { ...p.labels, [PINNED_LABEL]: 'pinned' };
  for (const [k, v] of Object.entries(labels)) checkName(ID, 'label', `${k}=${v}`, /^[^\s,=]+=[^\s,]*$/);
  return action(containerdImageModule, {
    archive: { file: p.archive.file, sha256 },
    images: p.images.map((i) => ({ name: i.name, digest: i.digest })),
    namespace: checkName(ID, 'namespace', p.namespace ?? 'k8s.io', /^[A-Za-z0-9][A-Za-z0-9._-]*$/),
    address: checkPath(ID, p.address ?? '/run/containerd/containerd.sock'),
    ctr: checkPath(ID, p.ctr ?? '/usr/local/bin/ctr'),
    labels,
  });
}
