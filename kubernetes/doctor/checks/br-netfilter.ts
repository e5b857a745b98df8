// br_netfilter is present and bridge-nf-call-iptables / ip_forward are 1 on every worker; without them
// same-node Service replies skip de-NAT: "reply from unexpected source" (docs/kthw.md#br-netfilter).

import { posix } from 'node:path';
import { defineCheck, finding, type Finding } from 'orchestrate';
import type { KthwDoctorContext } from '../context.ts';

const ID = 'br-netfilter';
const IPT = 'net.bridge.bridge-nf-call-iptables';
const IP6T = 'net.bridge.bridge-nf-call-ip6tables';
const FWD = 'net.ipv4.ip_forward';
const KEYS = [IPT, IP6T, FWD];

// systemd-sysctl's and systemd-modules-load's dirs, highest precedence first for files of the same name.
const SYSCTL_DIRS = ['/etc/sysctl.d', '/run/sysctl.d', '/usr/local/lib/sysctl.d', '/usr/lib/sysctl.d', '/lib/sysctl.d'];
const MODULE_DIRS = [
  '/etc/modules-load.d',
  '/run/modules-load.d',
  '/usr/local/lib/modules-load.d',
  '/usr/lib/modules-load.d',
  '/lib/modules-load.d',
];

/** Read-only: where the module shows, the live values, and every persisted line that sets them. */
export const BR_NETFILTER_PROBE = [
  '[ -d /sys/module/br_netfilter ] && echo "module sysfs"',
  'grep -q \'^br_netfilter \' /proc/modules 2>/dev/null && echo "module loaded"',
  `grep -Eq '/br[-_]netfilter\\.ko' "/lib/modules/$(uname -r)/modules.builtin" 2>/dev/null && echo "module builtin"`,
  `for k in ${KEYS.map((k) => k.replace(/\./g, '/')).join(' ')}; do if [ -r /proc/sys/$k ]; then echo "sysctl $k $(cat /proc/sys/$k)"; else echo "sysctl-missing $k"; fi; done`,
  `for f in ${MODULE_DIRS.map((d) => `${d}/*.conf`).join(' ')} /etc/modules; do [ -r "$f" ] && grep -Eq '^[[:space:]]*br[-_]netfilter([[:space:]]|$)' "$f" && echo "persist-module $f"; done`,
  `for f in ${SYSCTL_DIRS.map((d) => `${d}/*.conf`).join(' ')} /etc/sysctl.conf; do [ -r "$f" ] && grep -E '^[[:space:]]*-?net[./](bridge[./]bridge-nf-call-ip6?tables|ipv4[./]ip_forward)[[:space:]]*=' "$f" | sed "s|^|persist-sysctl $f |"; done`,
].join('\n');

export const brNetfilter = defineCheck<KthwDoctorContext>({
  id: ID,
  title: 'br_netfilter present, bridge-nf-call-iptables and ip_forward set and persisted on every worker',
  probe: (host, { isWorker }) => (isWorker(host) ? BR_NETFILTER_PROBE : undefined),
  judge: (outputs) => {
    const out: Finding[] = [];
    for (const [host, o] of outputs) if (o.ok) out.push(judgeBrNetfilter(host, parseBrNetfilter(o.text)));
    return out;
  },
});

export interface BrNetfilterState {
  /** Where the module showed: sysfs, loaded (/proc/modules), builtin. */
  readonly module: readonly string[];
  /** Live values by dotted key; absent = no /proc/sys entry (module not loaded). */
  readonly live: ReadonlyMap<string, string>;
  /** Files listing br_netfilter for boot. */
  readonly moduleFiles: readonly string[];
  /** The value each key gets at boot and the file that sets it last. */
  readonly persisted: ReadonlyMap<string, { value: string; file: string }>;
}

/** Pure: the probe's output; persisted values follow systemd-sysctl (by file name, /etc first, last one wins). */
export function parseBrNetfilter(text: string): BrNetfilterState {
  const module: string[] = [];
  const live = new Map<string, string>();
  const moduleFiles: string[] = [];
  const lines: { file: string; key: string; value: string }[] = [];
  for (const l of text.split('\n')) {
    let m: RegExpExecArray | null;
    if ((m = /^module (\S+)$/.exec(l))) module.push(m[1]!);
    else if ((m = /^sysctl (\S+) (.*)$/.exec(l))) live.set(m[1]!.replace(/\//g, '.'), m[2]!.trim());
    else if ((m = /^persist-module (\S+)$/.exec(l))) moduleFiles.push(m[1]!);
    else if ((m = /^persist-sysctl (\S+) \s*-?([^=\s]+)\s*=\s*(\S*)/.exec(l)))
      lines.push({ file: m[1]!, key: m[2]!.replace(/\//g, '.'), value: m[3]! });
  }
  // Same name in several dirs: only the highest-precedence one is read; /etc/sysctl.conf comes last.
  const rank = (f: string) => (f === '/etc/sysctl.conf' ? 99 : SYSCTL_DIRS.indexOf(posix.dirname(f)));
  const chosen = new Map<string, string>();
  for (const f of [...new Set(lines.map((l) => l.file))].sort((a, b) => rank(a) - rank(b))) {
    const name = f === '/etc/sysctl.conf' ? '\uffff' : posix.basename(f);
    if (!chosen.has(name)) chosen.set(name, f);
  }
  const persisted = new Map<string, { value: string; file: string }>();
  for (const [, file] of [...chosen].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    for (const l of lines) if (l.file === file) persisted.set(l.key, { value: l.value, file });
  return { module, live, moduleFiles: [...new Set(moduleFiles)], persisted };
}

/** Pure: one worker's verdict. */
export function judgeBrNetfilter(host: string, s: BrNetfilterState): Finding {
  const bridge = s.live.has(IPT);
  const evidence = [
    `br_netfilter: ${s.module.length > 0 ? s.module.join(', ') : bridge ? 'built in (/proc/sys/net/bridge exists)' : 'absent (no /proc/sys/net/bridge)'}`,
    ...KEYS.map(
      (k) =>
        `${k} = ${s.live.get(k) ?? '(no such key)'}${s.persisted.has(k) ? ` (at boot: ${s.persisted.get(k)!.value} from ${s.persisted.get(k)!.file})` : ' (not persisted)'}`,
    ),
    `modules-load: ${s.moduleFiles.length > 0 ? s.moduleFiles.join(', ') : 'br_netfilter not listed'}`,
  ];
  const persistFix =
    'persist them: br_netfilter in /etc/modules-load.d/br_netfilter.conf and the sysctls in /etc/sysctl.d/kubernetes.conf (orchestrate apply playbooks/cluster.ts --role node-prep does both)';
  const problems: string[] = [];
  const now: string[] = [];
  if (!bridge) {
    problems.push('br_netfilter is not loaded (no /proc/sys/net/bridge)');
    now.push('modprobe br_netfilter');
  } else if (s.live.get(IPT) !== '1') {
    problems.push(`${IPT} is ${s.live.get(IPT)}`);
  }
  if (!bridge || s.live.get(IPT) !== '1') now.push(`sysctl -w ${IPT}=1 ${IP6T}=1`);
  if (s.live.get(FWD) !== '1') {
    problems.push(`${FWD} is ${s.live.get(FWD) ?? 'unreadable'}: the node does not forward pod traffic`);
    now.push(`sysctl -w ${FWD}=1`);
  }
  if (problems.length > 0) {
    const reply = !bridge || s.live.get(IPT) !== '1';
    return finding(
      ID,
      host,
      'fail',
      `${problems.join('; ')} on ${host}` +
        (reply
          ? ': replies from a pod on the same bridge skip the Service de-NAT ("reply from unexpected source": pods reaching a Service IP get replies from the pod IP directly)'
          : ''),
      evidence,
      `on ${host}: ${now.join('; ')}; then ${persistFix}`,
    );
  }
  // The kernel sets bridge-nf-call-iptables to 1 when the module loads: only an explicit 0 at boot undoes it.
  const lost: string[] = [];
  // No loadable-module trace but /proc/sys/net/bridge exists: built in (e.g. no /proc/modules, no /lib/modules).
  const builtin =
    s.module.includes('builtin') || (bridge && !s.module.includes('loaded') && !s.module.includes('sysfs'));
  if (!builtin && s.moduleFiles.length === 0) lost.push('br_netfilter is not listed in any modules-load.d file');
  if (s.persisted.get(IPT)?.value === '0') lost.push(`${s.persisted.get(IPT)!.file} sets ${IPT} = 0 at boot`);
  const fwd = s.persisted.get(FWD);
  if (fwd?.value !== '1')
    lost.push(
      fwd ? `${fwd.file} sets ${FWD} = ${fwd.value} at boot` : `${FWD} = 1 is not persisted in any sysctl.d file`,
    );
  if (lost.length > 0)
    return finding(
      ID,
      host,
      'warn',
      `set now on ${host}, but a reboot would lose it: ${lost.join('; ')}`,
      evidence,
      persistFix,
    );
  return finding(ID, host, 'ok', `br_netfilter present, ${IPT}=1, ${FWD}=1, persisted for boot`, evidence);
}
