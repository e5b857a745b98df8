// What a set of files on a lab host holds (sha256, absent or empty), temp leftovers beside them, and
// which services were started after their input files last changed.

import { sh } from '../../../src/shell/quote.ts';
import { onHost } from './lab.ts';

/** path -> sha256 | 'absent' | 'empty' */
export type FileStates = Map<string, string>;

/** One ssh round trip: the state of every path, and any `.NAME.orchestrate-tmp` left in their dirs. */
export async function scanFiles(
  lab: string,
  host: string,
  paths: readonly string[],
): Promise<{ files: FileStates; leftovers: string[] }> {
  const dirs = [...new Set(paths.map((p) => p.replace(/\/[^/]*$/, '') || '/'))];
  const lines = paths.map(
    (p) =>
      sh`if [ ! -e ${p} ]; then echo "absent ${p}"; elif [ ! -s ${p} ]; then echo "empty ${p}"; else echo "$(sha256sum < ${p} | cut -d" " -f1) ${p}"; fi`,
  );
  lines.push(
    sh`for d in ${dirs}; do find "$d" -maxdepth 1 -name '*.orchestrate-tmp*' 2>/dev/null | sed 's/^/leftover /'; done`,
  );
  const out = await onHost(lab, host, lines.join('\n'));
  const files: FileStates = new Map();
  const leftovers: string[] = [];
  for (const line of out.split('\n').filter(Boolean)) {
    const [state, path] = [line.slice(0, line.indexOf(' ')), line.slice(line.indexOf(' ') + 1)];
    if (state === 'leftover') leftovers.push(path);
    else files.set(path, state);
  }
  return { files, leftovers };
}

/**
 * For each of `services` (the ones a handler restarts): its inputs are its unit and every managed
 * path the unit names, and (one level down) every managed path those text files name. Returns the
 * services started before one of their inputs was last written ("svc: path").
 */
export async function staleServices(
  lab: string,
  host: string,
  managed: readonly string[],
  services: readonly string[],
): Promise<string[]> {
  const texts = managed.filter((p) => !p.startsWith('/usr/local/bin/') && !p.startsWith('/opt/cni/bin/'));
  const dump = await onHost(
    lab,
    host,
    texts.map((p) => sh`printf '\\n@@file %s\\n' ${p}; head -c 65536 ${p} 2>/dev/null`).join('\n'),
  );
  const content = new Map<string, string>();
  for (const part of dump.split('\n@@file ').slice(1)) {
    const nl = part.indexOf('\n');
    content.set(part.slice(0, nl), part.slice(nl + 1));
  }
  const named = (text: string) => managed.filter((p) => text.includes(p));
  const checks: string[] = [];
  for (const svc of services) {
    const unit = `/etc/systemd/system/${svc}.service`;
    const inputs = new Set([unit, ...named(content.get(unit) ?? '')]);
    for (const p of [...inputs]) for (const q of named(content.get(p) ?? '')) inputs.add(q);
    checks.push(
      sh`printf '@@svc %s %s\n' ${svc} "$(systemctl show --timestamp=unix -p ActiveEnterTimestamp --value ${svc})"; stat -c '%Y %n' ${[...inputs]} 2>/dev/null || true`,
    );
  }
  const out = await onHost(lab, host, checks.join('\n'));
  const stale: string[] = [];
  let svc = '';
  let since = Number.NaN;
  for (const line of out.split('\n').filter(Boolean)) {
    const [first = '', second = '', third = ''] = line.split(' ');
    if (first === '@@svc') {
      [svc, since] = [second, Number(third.replace(/^@/, ''))];
      continue;
    }
    if (!(since >= Number(first))) stale.push(`${svc} (active since @${since}): ${second} written at @${first}`);
  }
  return stale;
}
