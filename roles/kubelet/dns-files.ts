// The files dns.upstream becomes: a systemd-resolved drop-in, or a resolv.conf of the kubelet's own.

import { MANAGED_HEADER } from 'orchestrate/module-kit';

/** Pure: [Resolve] DNS= reset (drops a loopback DNS= of resolved.conf), then the upstream servers. */
export function renderResolvedDropIn(upstream: readonly string[]): string {
  return [
    MANAGED_HEADER,
    '# dns.upstream: real upstream servers, so pods (and CoreDNS) never get a loopback nameserver.',
    '[Resolve]',
    'DNS=',
    `DNS=${upstream.join(' ')}`,
    '',
  ].join('\n');
}

/** Pure: resolv.conf(5) for pods when systemd-resolved does not run: dns.upstream and the host's search list. */
export function renderKubeletResolvConf(upstream: readonly string[], search: readonly string[]): string {
  return [
    MANAGED_HEADER,
    '# The kubelet resolvConf: what pods with dnsPolicy Default (CoreDNS) resolve through; from dns.upstream.',
    ...upstream.map((ns) => `nameserver ${ns}`),
    ...(search.length > 0 ? [`search ${search.join(' ')}`] : []),
    '',
  ].join('\n');
}
