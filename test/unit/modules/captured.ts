// Probe output captured on a Debian 12 host (dash, GNU coreutils 9.1, iproute2 6.1, systemd 252 tools),
// by running each module's probe with /bin/sh. Tests parse these exact bytes.

import { createHash } from 'node:crypto';

/** statProbe of a 12-byte 0644 root file "hello\nworld\n", content fetched (--diff). */
export const FILE_WITH_CONTENT =
  'type=file\nparent=yes\nmode=644\nuid=0\nowner=root\ngid=0\ngroup=root\nsize=12\nsha256=4a1e67f2fe1d1cc7b31d0ca2ec441da4778203a036a77da10344c85e24ff0f92\ncontent=aGVsbG8Kd29ybGQK\n';
/** The same file without --diff. */
export const FILE_NO_CONTENT =
  'type=file\nparent=yes\nmode=644\nuid=0\nowner=root\ngid=0\ngroup=root\nsize=12\nsha256=4a1e67f2fe1d1cc7b31d0ca2ec441da4778203a036a77da10344c85e24ff0f92\n';
export const HELLO_WORLD = 'hello\nworld\n';
export const ABSENT_NO_PARENT = 'type=absent\nparent=no\n';
export const ABSENT = 'type=absent\nparent=yes\n';
export const DIRECTORY = 'type=directory\nparent=yes\nmode=755\nuid=0\nowner=root\ngid=0\ngroup=root\nsize=4096\n';
export const SYMLINK = 'type=link\nparent=yes\nmode=777\nuid=0\nowner=root\ngid=0\ngroup=root\nsize=6\n';
/** "secret\n", 0600 nobody:nogroup. */
export const NOBODY_0600 =
  'type=file\nparent=yes\nmode=600\nuid=65534\nowner=nobody\ngid=65534\ngroup=nogroup\nsize=7\nsha256=b37e50cedcd3e3f1ff64f4afc0422084ae694253cf399326868e07a35f4a45fb\n';
/** 9 bytes starting with NUL, content fetched. */
export const BINARY =
  'type=file\nparent=yes\nmode=644\nuid=0\nowner=root\ngid=0\ngroup=root\nsize=9\nsha256=9731877356f0f905076ab2599539e76a9c8779543d5ee3689f29b7ee70c51ea9\ncontent=AAECYmluYXJ5\n';

/** A stat capture with its keys prefixed, as modules that stat several paths print it. */
export function prefixed(prefix: string, output: string): string {
  return output
    .split('\n')
    .map((l) => (l === '' ? l : prefix + l))
    .join('\n');
}

/** A capture of a file with other content: size, sha256 and content lines recomputed, format unchanged. */
export function fileWith(content: string, base = FILE_WITH_CONTENT): string {
  const bytes = Buffer.from(content);
  return base
    .replace(/^size=.*$/m, `size=${bytes.length}`)
    .replace(/^sha256=.*$/m, `sha256=${sha256(bytes)}`)
    .replace(/^content=.*$/m, `content=${bytes.toString('base64')}`);
}

function sha256(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}

/** sysctl probe, no file yet, on a host with forwarding off and br_netfilter loaded. */
export const SYSCTL_FRESH =
  'file.type=absent\nfile.parent=yes\nruntime.net.ipv4.ip_forward=0 \nruntime.net.ipv4.ip_local_port_range=32768 60999 \nruntime.net.bridge.bridge-nf-call-iptables=1 \n';

/** kernel.module probe in a container: no /proc/modules, no /lib/modules. */
export const KMOD_CONTAINER = 'loaded=no\nbuiltin=no\nconf.type=absent\nconf.parent=yes\n';

/** apt.package probe for coreutils, socat, nosuchpkg (dpkg-query prints nothing for the unknown one). */
export const APT_PROBE =
  'pkg=coreutils 9.1-1 install ok installed\npkg=socat 1.7.4.4-2 install ok installed\nnow=1795710140\ncache_mtime=1795708948\nlists=3\n';

/** systemd.service probe of an installed but disabled unit, on a host where systemd is not PID 1. */
export const SERVICE_DISABLED = 'enabled=disabled\nactive=inactive\n';

/** route probe for 198.51.100.0/24 via 192.0.2.1: nothing persisted, no such route. */
export const ROUTE_FRESH =
  'file.type=absent\nfile.parent=no\nunit.type=absent\nunit.parent=yes\nunit_enabled=not-found\nrt.198.51.100.0/24=\n';
/** `ip route show exact default` on the same host. */
export const IP_ROUTE_DEFAULT = 'default via 192.0.2.1 dev eth0 ';
