// The one probe for "what is at this path": type, mode, owner, sha256 and (optionally) content.

import { sh, raw } from '../../shell/quote.ts';
import type { ProbeFields } from './fields.ts';
import { invalid } from './fields.ts';
import { fromBase64 } from './content.ts';
import { parentDir } from './params.ts';
import { cachedShaShell } from './sha-stamp.ts';

export type PathType = 'absent' | 'file' | 'directory' | 'link' | 'other';

/** What the probe saw at one path; fields are undefined when the path is absent. */
export interface FileStat {
  readonly type: PathType;
  readonly parentExists: boolean;
  readonly mode: string | undefined; // 4 octal digits
  readonly owner: string | undefined;
  readonly uid: string | undefined;
  readonly group: string | undefined;
  readonly gid: string | undefined;
  readonly size: number | undefined;
  readonly sha256: string | undefined; // regular files only
  /** The file's bytes, when asked for and not larger than the limit. */
  readonly content: Buffer | undefined;
}

export interface StatProbeOptions {
  /** Key prefix, so one probe can stat several paths (e.g. 'unit.'). */
  readonly prefix?: string;
  /** Also print the content (base64) of a regular file up to this many bytes. */
  readonly contentMax?: number;
  /** Take the sha256 from the host's record of an unchanged file (large binaries; sha-stamp.ts). */
  readonly recordedSha?: boolean;
}

/** POSIX sh printing `type= parent= mode= uid= owner= gid= group= size= sha256= content=` lines. */
export function statProbe(path: string, opts: StatProbeOptions = {}): string {
  const k = raw(opts.prefix ?? '');
  const lines = [
    sh`p=${path}`,
    'if [ -L "$p" ]; then t=link; elif [ -f "$p" ]; then t=file; elif [ -d "$p" ]; then t=directory;' +
      ' elif [ -e "$p" ]; then t=other; else t=absent; fi',
    sh`echo "${k}type=$t"`,
    sh`if [ -d ${parentDir(path)} ]; then echo ${k}parent=yes; else echo ${k}parent=no; fi`,
    sh`[ "$t" = absent ] || stat -c '${k}mode=%a\n${k}uid=%u\n${k}owner=%U\n${k}gid=%g\n${k}group=%G\n${k}size=%s' "$p"`,
    // The hash is cut from sha256sum's line by the shell: no `cut` process per file.
    opts.recordedSha
      ? `if [ "$t" = file ]; then\n${cachedShaShell(path, `${opts.prefix ?? ''}sha256`)}\nfi`
      : sh`[ "$t" != file ] || { s=$(sha256sum < "$p"); echo "${k}sha256=\${s%% *}"; }`,
  ];
  if (opts.contentMax !== undefined)
    lines.push(
      sh`if [ "$t" = file ] && [ "$(stat -c %s "$p")" -le ${opts.contentMax} ]; then printf '${k}content='; base64 -w0 < "$p"; echo; fi`,
    );
  return lines.join('\n');
}

/** Reads statProbe's lines (with the same prefix) into a FileStat; throws PROBE_INVALID on garbage. */
export function parseStat(fields: ProbeFields, prefix = ''): FileStat {
  const get = (key: string): string | undefined => fields.get(prefix + key);
  const type = fields.need(prefix + 'type');
  if (!['absent', 'file', 'directory', 'link', 'other'].includes(type))
    throw invalid(fields.moduleId, `unknown ${prefix}type "${type}"`);
  const mode = get('mode');
  if (type !== 'absent' && (mode === undefined || !/^[0-7]{1,4}$/.test(mode)))
    throw invalid(fields.moduleId, `${prefix}mode "${mode ?? ''}" is not octal`);
  const sha256 = get('sha256');
  if (type === 'file' && (sha256 === undefined || !/^[0-9a-f]{64}$/.test(sha256)))
    throw invalid(fields.moduleId, `${prefix}sha256 "${sha256 ?? ''}" is not a sha256 (file unreadable?)`);
  const size = get('size');
  return {
    type: type as PathType,
    parentExists: fields.need(prefix + 'parent') === 'yes',
    mode: mode === undefined ? undefined : mode.padStart(4, '0'),
    owner: get('owner'),
    uid: get('uid'),
    group: get('group'),
    gid: get('gid'),
    size: size === undefined ? undefined : Number(size),
    sha256: type === 'file' ? sha256 : undefined,
    content: type === 'file' ? fromBase64(get('content')) : undefined,
  };
}

/** A wanted owner (name or numeric id) matches what the probe saw; undefined wants nothing. */
export function sameOwner(want: string | undefined, name: string | undefined, id: string | undefined): boolean {
  return want === undefined || want === name || want === id;
}
