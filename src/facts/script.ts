// The one POSIX sh script that gathers every fact family in a single round trip.
// Each section tolerates a missing tool or file: it then prints nothing, and the parser decides.

import { raw, sh } from '../shell/quote.ts';
import { SECTION_MARKER, type SectionName } from './sections.ts';

const OS_RELEASE = '/etc/os-release';
const OS_RELEASE_FALLBACK = '/usr/lib/os-release';
/** The resolver file every host has; parse.ts reports it as resolvConf.path. */
export const RESOLV_CONF = '/etc/resolv.conf';
const RESOLVED_UPSTREAM = '/run/systemd/resolve/resolv.conf';
const SYSTEMD_RUNTIME_DIR = '/run/systemd/system';

/** Prints one section's marker (see sections.ts) through the script's `facts_mark` function. */
function mark(name: SectionName): string {
  return sh`facts_mark ${name}`;
}

/** `ip -j ARGS` when it yields JSON (iproute2 >= 4.13/4.17), else the text form under its own name. */
function ipJsonOrText(
  json: SectionName,
  text: SectionName,
  args: readonly string[],
  textArgs: readonly string[],
): string {
  return [
    sh`j=$(ip -j ${args} 2>/dev/null) || j=`,
    sh`case $j in '['*) ${raw(mark(json))}; printf '%s\\n' "$j" ;; *) ${raw(mark(text))}; ip ${textArgs} 2>/dev/null ;; esac`,
  ].join('\n');
}

/** Section name and the shell that prints its body; an ordered literal list, as printed. */
const SECTIONS: readonly (readonly [SectionName, string] | string)[] = [
  ['os-release', sh`catf ${OS_RELEASE} || catf ${OS_RELEASE_FALLBACK}`],
  ['arch', sh`dpkg --print-architecture 2>/dev/null || uname -m 2>/dev/null`],
  // The kernel's own files say what uname -r and hostname print; the commands remain the fallback.
  ['kernel', 'catf /proc/sys/kernel/osrelease || uname -r 2>/dev/null'],
  ['hostname', 'catf /proc/sys/kernel/hostname || hostname 2>/dev/null || uname -n 2>/dev/null'],
  ['fqdn', sh`hostname -f 2>/dev/null`],
  ipJsonOrText('ip-addr-json', 'ip-addr-text', ['addr', 'show'], ['-o', 'addr', 'show']),
  ipJsonOrText('ip-route-json', 'ip-route-text', ['route', 'show'], ['route', 'show']),
  ['resolv-conf', sh`catf ${RESOLV_CONF}`],
  [
    'resolv-target',
    sh`if [ -L ${RESOLV_CONF} ]; then readlink -f ${RESOLV_CONF} 2>/dev/null || readlink ${RESOLV_CONF} 2>/dev/null; fi`,
  ],
  ['resolved-active', sh`systemctl is-active systemd-resolved 2>/dev/null`],
  ['resolved-upstream', sh`catf ${RESOLVED_UPSTREAM}`],
  ['swaps', 'catf /proc/swaps'],
  ['modules', sh`cat /proc/modules 2>/dev/null`],
  [
    'modules-builtin',
    sh`{ IFS= read -r r </proc/sys/kernel/osrelease || r=$(uname -r); } 2>/dev/null; cat "/lib/modules/$r/modules.builtin" 2>/dev/null`,
  ],
  ['systemd-version', sh`systemctl --version 2>/dev/null`],
  ['systemd-running', sh`if [ -d ${SYSTEMD_RUNTIME_DIR} ]; then echo yes; else echo no; fi`],
  // The unified hierarchy alone at /sys/fs/cgroup is cgroup v2; a tmpfs there (v1 or hybrid) is v1 to the kubelet.
  // The capabilities any process of this login can ever have (a container's are a subset of the machine's).
  ['cap-bounding', 'while read -r k v; do [ "$k" = CapBnd: ] && echo "$v"; done </proc/self/status 2>/dev/null'],
  [
    'cgroup-fs',
    'if [ -e /sys/fs/cgroup/cgroup.controllers ]; then echo 2; elif [ -d /sys/fs/cgroup ]; then echo 1; fi',
  ],
];

/**
 * Builds the gather script: C locale, sbin on PATH for non-root logins, then every section.
 * One brace group read from /dev/null: sh parses it whole before running it, so no command can
 * swallow the rest of a script that arrives on stdin (`sh -s`). `then` (another whole script) runs
 * after the facts, in the same round trip.
 */
export function factsScript(then = ''): string {
  const lines = [
    '{',
    'LC_ALL=C; export LC_ALL',
    'PATH="$PATH:/usr/sbin:/sbin"; export PATH',
    sh`facts_mark() { printf '\\n%s %s\\n' ${SECTION_MARKER} "$1"; }`,
    // cat for small files, with builtins only (dash reads byte by byte: large files keep cat).
    'catf() { [ -r "$1" ] || return 1; while IFS= read -r l || [ -n "$l" ]; do printf \'%s\\n\' "$l"; done < "$1"; }',
    ...SECTIONS.map((s) => (typeof s === 'string' ? s : `${mark(s[0])}\n${s[1]}`)),
    mark('end'),
    '} </dev/null',
    ...(then ? [then] : []),
    'exit 0',
  ];
  return lines.join('\n') + '\n';
}
