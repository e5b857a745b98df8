// Shell snippets the checks share (read-only), and the pure parsers of what they print.

import { sh } from 'orchestrate';

/**
 * Prints `argv <word>` per word of a systemd unit's ExecStart (or `argv-missing UNIT`): what the service
 * really runs with, whoever wrote the unit. systemctl prints `{ path=... ; argv[]=w1 w2 ... ; ... }`.
 */
export function unitArgvProbe(unit: string): string {
  return sh`x=$(timeout 5 systemctl show -p ExecStart --value ${unit} 2>/dev/null | sed -n ${ARGV_SED} | head -n1); if [ -n "$x" ]; then for w in $x; do echo "argv $w"; done; else echo "argv-missing "${unit}; fi`;
}

/** sed: the words between `argv[]=` and the next ` ;` of ExecStart's value. */
const ARGV_SED = String.raw`s/.*argv\[\]=\([^;]*\) ;.*/\1/p`;

/** The argv words printed by unitArgvProbe, or undefined when the unit has no ExecStart (not installed). */
export function parseUnitArgv(text: string): string[] | undefined {
  const lines = text.split('\n');
  if (lines.some((l) => l.startsWith('argv-missing '))) return undefined;
  const words = lines.filter((l) => l.startsWith('argv ')).map((l) => l.slice(5));
  return words.length > 0 ? words : undefined;
}

/** A flag's last value in argv (`--name=value` or `--name value`), as the Go flag package takes it. */
export function flagValue(argv: readonly string[], name: string): string | undefined {
  let value: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith(`--${name}=`)) value = a.slice(name.length + 3);
    else if (a === `--${name}` && i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) value = argv[i + 1];
  }
  return value;
}

/**
 * Prints `tcp <label> <addr> <port> open|refused|timeout|error`: a TCP connect with a 3 s limit, no tools
 * beyond bash. A connection that times out (dropped SYN, or a reply by another path) differs from a refusal.
 */
export function tcpProbe(label: string, addr: string, port: number): string {
  return sh`timeout 3 bash -c 'exec 3<>"/dev/tcp/$0/$1"' ${addr} ${port} 2>/dev/null; rc=$?; case $rc in 0) s=open;; 124) s=timeout;; 1) s=refused;; *) s=error;; esac; echo "tcp "${label}" "${addr}" "${port}" $s"`;
}

export interface TcpResult {
  readonly label: string;
  readonly addr: string;
  readonly port: number;
  readonly state: 'open' | 'refused' | 'timeout' | 'error';
}

/** Every tcpProbe line of an output. */
export function parseTcp(text: string): TcpResult[] {
  const out: TcpResult[] = [];
  for (const line of text.split('\n')) {
    const m = /^tcp (\S+) (\S+) (\d+) (open|refused|timeout|error)$/.exec(line.trim());
    if (m) out.push({ label: m[1]!, addr: m[2]!, port: Number(m[3]), state: m[4] as TcpResult['state'] });
  }
  return out;
}

/** Prints `@@file PATH` then the file (or `@@missing PATH`): several files in one snippet. */
export function catFilesProbe(paths: readonly string[]): string {
  return paths
    .map((p) => sh`if [ -r ${p} ]; then echo "@@file "${p}; cat ${p}; echo; else echo "@@missing "${p}; fi`)
    .join('\n');
}

/** The files printed by catFilesProbe: path -> content, or null when missing. */
export function parseCatFiles(text: string): Map<string, string | null> {
  const files = new Map<string, string | null>();
  let path: string | undefined;
  let body: string[] = [];
  const close = (): void => {
    if (path !== undefined) files.set(path, body.join('\n').replace(/\n$/, ''));
  };
  for (const line of text.split('\n')) {
    if (line.startsWith('@@file ')) {
      close();
      path = line.slice(7);
      body = [];
    } else if (line.startsWith('@@missing ')) {
      close();
      path = undefined;
      files.set(line.slice(10), null);
    } else if (path !== undefined) body.push(line);
  }
  close();
  return files;
}

/** 127.0.0.0/8 and ::1: a nameserver that is the host itself. */
export function isLoopback(addr: string): boolean {
  return /^127\./.test(addr) || addr === '::1' || addr === '0:0:0:0:0:0:0:1';
}
