// Which resolv.conf the kubelet gives pods (dnsPolicy Default: CoreDNS's upstream), chosen from the facts.

import { OrchestrateError, type Facts } from 'orchestrate';
import { isLoopbackNameserver } from './loopback.ts';

/** systemd-resolved's list of the real upstream servers (never the 127.0.0.53 stub). */
export const RESOLVED_UPSTREAM_FILE = '/run/systemd/resolve/resolv.conf';
/** Our resolved drop-in carrying dns.upstream. */
export const UPSTREAM_DROP_IN = '/etc/systemd/resolved.conf.d/orchestrate-upstream.conf';
/** The file written for the kubelet when dns.upstream is set and systemd-resolved does not run. */
export const KUBELET_RESOLV_FILE = '/etc/orchestrate/kubelet-resolv.conf';

/** The decision: use a host file as it is, or make one from dns.upstream (through resolved, or our own file). */
export type ResolvChoice =
  | { readonly kind: 'host-file'; readonly path: string }
  | {
      readonly kind: 'resolved-drop-in';
      readonly path: typeof RESOLVED_UPSTREAM_FILE;
      readonly upstream: readonly string[];
    }
  | {
      readonly kind: 'kubelet-file';
      readonly path: typeof KUBELET_RESOLV_FILE;
      readonly upstream: readonly string[];
      readonly search: readonly string[];
    };

/**
 * Pure. With dns.upstream: resolved running -> drop-in + resolved's upstream file; else our own file.
 * Without: the stub -> resolved's upstream file; else /etc/resolv.conf. A chosen file with a loopback
 * nameserver (or none: resolvers then ask 127.0.0.1) stops the role: CoreDNS would loop.
 */
export function chooseResolvConf(
  host: string,
  facts: Pick<Facts, 'resolvConf' | 'resolved'>,
  upstream: readonly string[] | undefined,
): ResolvChoice {
  if (upstream !== undefined && upstream.length > 0)
    return facts.resolved.active
      ? { kind: 'resolved-drop-in', path: RESOLVED_UPSTREAM_FILE, upstream }
      : { kind: 'kubelet-file', path: KUBELET_RESOLV_FILE, upstream, search: facts.resolvConf.search };
  const [path, nameservers] = facts.resolved.stub
    ? [RESOLVED_UPSTREAM_FILE, facts.resolved.upstream]
    : [facts.resolvConf.path, facts.resolvConf.nameservers];
  const loopback = nameservers.filter(isLoopbackNameserver);
  if (loopback.length === 0 && nameservers.length > 0) return { kind: 'host-file', path };
  throw corednsLoop(host, path, loopback, facts.resolved.active);
}

function corednsLoop(host: string, path: string, loopback: readonly string[], resolved: boolean): OrchestrateError {
  const what =
    loopback.length > 0
      ? `lists the loopback nameserver ${loopback.join(', ')}`
      : 'lists no nameserver (resolvers then ask 127.0.0.1)';
  const where = resolved
    ? `writes them as DNS= in ${UPSTREAM_DROP_IN}, restarts systemd-resolved and gives pods ${RESOLVED_UPSTREAM_FILE}`
    : `writes them to ${KUBELET_RESOLV_FILE} and gives pods that file`;
  return new OrchestrateError(
    'PLAN_CONFLICT',
    `${host}: ${path}, the resolv.conf the kubelet would give pods, ${what}: CoreDNS (dnsPolicy Default, ` +
      '"forward . /etc/resolv.conf") would forward queries to itself, a CoreDNS forwarding loop ' +
      '("[FATAL] plugin/loop: Loop ... detected", CrashLoopBackOff)',
    {
      host,
      fix:
        `set the var dns.upstream to your real DNS servers for ${host} (inventory host/group vars, or ` +
        `-e '{"dns":{"upstream":["192.0.2.53"]}}'); the kubelet role then ${where}`,
    },
  );
}
