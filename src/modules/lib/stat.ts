// The one probe for "what is at this path": type, mode, owner, sha256 and (optionally) content.

import { sh, raw } from '../../shell/quote.ts';
import type { ProbeFields } from './fields.ts';
import { invalid } from './fields.ts';
import { fromBase64 } from './content.ts';
import { parentDir } from './params.ts';
import { cachedShaShell } from './sha-stamp.ts';
import { readLine, type SharedRead } from '../shared-read.ts';
import { OrchestrateError } from '../../errors.ts';

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

/** Shell that sets $t to what is at "$p" (builtins only: no process). */
const TYPE_OF_P =
  'if [ -L "$p" ]; then t=link; elif [ -f "$p" ]; then t=file; elif [ -d "$p" ]; then t=directory;' +
  ' elif [ -e "$p" ]; then t=other; else t=absent; fi';

/** The fields stat prints per path, ':'-separated (owner and group names cannot hold ':'), the path last. */
const STAT_FORMAT = 'S%a:%u:%U:%g:%G:%s:%n';
const STAT_LINE = /^S([0-7]+):(\d+):([^:]*):(\d+):([^:]*):(\d+):(.*)$/;

/** Paths a batch reads by name: a newline in one would split its line (no sane file to manage has one). */
function checkPath(path: string): void {
  if (path.includes('\n'))
    throw new OrchestrateError('VARS_INVALID', `a path with a newline cannot be managed: ${JSON.stringify(path)}`, {
      fix: 'give the file a name without a newline',
    });
}

/** Type, parent and stat fields of many paths: builtin tests per path, then ONE stat for all that exist. */
export const STAT_READ: SharedRead = {
  id: 'stat',
  script: (paths) =>
    [
      'set --',
      ...paths.map((path, i) =>
        [
          sh`p=${path}`,
          TYPE_OF_P,
          `echo "${i} type=$t"`,
          sh`if [ -d ${parentDir(path)} ]; then echo "${raw(String(i))} parent=yes"; else echo "${raw(String(i))} parent=no"; fi`,
          '[ "$t" = absent ] || set -- "$@" "$p"',
        ].join('\n'),
      ),
      sh`[ $# -eq 0 ] || stat -c ${STAT_FORMAT} -- "$@"`,
    ].join('\n'),
  split(stdout, paths) {
    const index = new Map(paths.map((p, i) => [p, i]));
    const out = paths.map(() => [] as string[]);
    for (const line of stdout.split('\n')) {
      const own = /^(\d+) (.*)$/.exec(line);
      if (own) out[Number(own[1])]?.push(own[2]!);
      const st = STAT_LINE.exec(line);
      const i = st ? index.get(st[7]!) : undefined;
      if (st && i !== undefined)
        out[i]!.push(
          `mode=${st[1]}`,
          `uid=${st[2]}`,
          `owner=${st[3]}`,
          `gid=${st[4]}`,
          `group=${st[5]}`,
          `size=${st[6]}`,
        );
    }
    return out.map((l) => l.join('\n'));
  },
};

/** sha256 of the regular files among many paths, in ONE sha256sum (an unreadable file prints no line). */
export const SHA256_READ: SharedRead = {
  id: 'sha256',
  script: (paths) =>
    [
      'set --',
      ...paths.map((path) => sh`p=${path}; if [ -f "$p" ] && [ ! -L "$p" ]; then set -- "$@" "$p"; fi`),
      '[ $# -eq 0 ] || sha256sum -- "$@" 2>/dev/null',
    ].join('\n'),
  split(stdout, paths) {
    const index = new Map(paths.map((p, i) => [p, i]));
    const out: string[] = paths.map(() => '');
    for (const line of stdout.split('\n')) {
      // GNU sha256sum escapes a name holding a backslash (and, since 9.4, a CR): the line then starts with one.
      const m = /^(\\?)([0-9a-f]{64}) [ *](.*)$/.exec(line);
      if (!m) continue;
      const unescape = (_: string, c: string): string => (c === 'n' ? '\n' : c === 'r' ? '\r' : '\\');
      const name = m[1] ? m[3]!.replace(/\\(\\|n|r)/g, unescape) : m[3]!;
      const i = index.get(name);
      if (i !== undefined) out[i] = `sha256=${m[2]}`;
    }
    return out;
  },
};

/** POSIX sh printing `type= parent= mode= uid= owner= gid= group= size= sha256= content=` lines (shared reads where it can). */
export function statProbe(path: string, opts: StatProbeOptions = {}): string {
  checkPath(path);
  const prefix = opts.prefix ?? '';
  const k = raw(prefix);
  const lines = [readLine(STAT_READ, path, prefix)];
  const regular = sh`p=${path}; if [ -f "$p" ] && [ ! -L "$p" ]`;
  // A binary's sha256 comes from the host's record while the file is unchanged (sha-stamp.ts), else it is hashed.
  if (opts.recordedSha) lines.push(`${regular}; then\n${cachedShaShell(path, `${prefix}sha256`)}\nfi`);
  else lines.push(readLine(SHA256_READ, path, prefix));
  if (opts.contentMax !== undefined)
    lines.push(
      sh`${raw(regular)} && [ "$(stat -c %s "$p")" -le ${opts.contentMax} ]; then printf '${k}content='; base64 -w0 < "$p"; echo; fi`,
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
