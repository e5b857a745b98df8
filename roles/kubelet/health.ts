// The kubelet's health gate: its healthz answers, and the resolv.conf it gives pods is loop-free.

import { sh } from 'orchestrate';
import { KUBELET_HEALTHZ } from './config.ts';

/** A nameserver line naming this host (127/8, ::1, 0.0.0.0), as a grep -E pattern. */
const LOOPBACK_LINE = '^[[:space:]]*nameserver[[:space:]]+(127\\.|::1([[:space:]]|$)|0\\.0\\.0\\.0)';

/** Shell, exit 0 when the file names a nameserver and none of them is this host. */
export function resolvLoopCheck(resolvConf: string): string {
  return [
    sh`if grep -Eq ${LOOPBACK_LINE} ${resolvConf}; then echo ${`${resolvConf} lists a loopback nameserver: CoreDNS would loop; set dns.upstream`}; exit 1; fi`,
    sh`grep -Eq '^[[:space:]]*nameserver[[:space:]]' ${resolvConf} || { echo ${`${resolvConf} lists no nameserver`}; exit 1; }`,
  ].join('\n');
}

/**
 * Shell, exit 0 when healthy. The resolv check catches what facts could not: a resolved that, after the
 * drop-in restart, still lists a loopback server (a per-link DNS= from DHCP or networkd).
 */
export function kubeletHealthCheck(resolvConf: string): string {
  const url = `http://${KUBELET_HEALTHZ.address}:${KUBELET_HEALTHZ.port}/healthz`;
  return [sh`curl -fsS --max-time 5 ${url} || exit 1`, resolvLoopCheck(resolvConf)].join('\n');
}
