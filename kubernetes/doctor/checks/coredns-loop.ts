// The resolv.conf the kubelet hands to pods (dnsPolicy Default: CoreDNS's upstream) lists no loopback
// nameserver; else CoreDNS forwards to itself ("plugin/loop: Loop ... detected", docs/kthw.md#coredns-loop).

import { defineCheck, finding, type Finding } from 'orchestrate';
import { parseResolvConf } from 'orchestrate/module-kit';
import { isLoopbackNameserver } from '../../../roles/kubelet/loopback.ts';
import { RESOLVED_UPSTREAM_FILE, UPSTREAM_DROP_IN } from '../../../roles/kubelet/resolv-conf.ts';
import type { KthwDoctorContext } from '../context.ts';
import { KUBELET_PROBE, parseKubeletSeen } from '../kubelet-probe.ts';

const ID = 'coredns-loop';
const STUB_FILES = ['/run/systemd/resolve/stub-resolv.conf', '/run/systemd/resolve/resolv.conf.stub'];
const STUB_ADDRS = ['127.0.0.53', '127.0.0.54'];

/** Read-only: which file pods get (flag, config key or the default), its content, resolved's upstream file. */
export const COREDNS_LOOP_PROBE = [
  KUBELET_PROBE,
  'if [ -n "$x" ]; then',
  '  if [ -n "$rcset" ]; then p=$rcf; s=flag; elif kv resolvConf >/dev/null; then p=$(kv resolvConf); s=config; else p=/etc/resolv.conf; s=default; fi',
  '  echo "pods-resolv $s $p"',
  '  if [ -n "$p" ]; then echo "real $(readlink -f -- "$p" 2>/dev/null)"; if [ -r "$p" ]; then sed "s/^/rc| /" "$p"; else echo "pods-resolv-missing"; fi; fi',
  'fi',
  `if [ -r ${RESOLVED_UPSTREAM_FILE} ]; then sed "s/^/up| /" ${RESOLVED_UPSTREAM_FILE}; else echo "upstream-missing"; fi`,
  'echo "resolved $(timeout 5 systemctl is-active systemd-resolved 2>/dev/null | head -n1)"',
].join('\n');

export const corednsLoop = defineCheck<KthwDoctorContext>({
  id: ID,
  title: 'the resolv.conf the kubelet gives pods has no loopback nameserver (no CoreDNS loop)',
  probe: (host, { isWorker }) => (isWorker(host) ? COREDNS_LOOP_PROBE : undefined),
  judge: (outputs) => {
    const out: Finding[] = [];
    for (const [host, o] of outputs) if (o.ok) out.push(judgeCorednsLoop(host, parsePodsResolv(o.text)));
    return out;
  },
});

/** What the probe saw on one worker. */
export interface PodsResolv {
  readonly kubelet: boolean;
  /** Where the path came from: --resolv-conf, the config's resolvConf, or the kubelet's default. */
  readonly source: 'flag' | 'config' | 'default' | undefined;
  /** '' when resolvConf is set empty (pods get no host DNS). */
  readonly path: string;
  readonly realPath: string;
  /** undefined when the file is missing. */
  readonly content: string | undefined;
  /** resolved's upstream file, undefined when it does not exist. */
  readonly upstream: string | undefined;
  readonly resolvedActive: boolean;
}

/** Pure: the probe's output. */
export function parsePodsResolv(text: string): PodsResolv {
  const lines = text.split('\n');
  const body = (prefix: string) => {
    const got = lines.filter((l) => l.startsWith(prefix)).map((l) => l.slice(prefix.length));
    return got.join('\n');
  };
  const head = /^pods-resolv (flag|config|default) ?(.*)$/.exec(lines.find((l) => l.startsWith('pods-resolv ')) ?? '');
  const path = head?.[2]?.trim() ?? '';
  const real = lines
    .find((l) => l.startsWith('real '))
    ?.slice(5)
    .trim();
  return {
    kubelet: parseKubeletSeen(text).argv !== undefined,
    source: head?.[1] as PodsResolv['source'],
    path,
    realPath: real || path,
    content: head && path !== '' && !lines.includes('pods-resolv-missing') ? body('rc| ') : undefined,
    upstream: lines.includes('upstream-missing') ? undefined : body('up| '),
    resolvedActive: /^resolved (active|reloading)$/m.test(text),
  };
}

/** Pure: one worker's verdict. */
export function judgeCorednsLoop(host: string, r: PodsResolv): Finding {
  if (!r.kubelet)
    return finding(
      ID,
      host,
      'warn',
      `no kubelet unit on ${host} (systemctl show kubelet has no ExecStart): not a KTHW worker?`,
      [],
      'install the kubelet (orchestrate apply playbooks/cluster.ts --role kubelet), or take the host out of the workers group',
    );
  const from =
    r.source === 'flag'
      ? '--resolv-conf'
      : r.source === 'config'
        ? 'resolvConf in the kubelet config'
        : 'the default (no resolvConf)';
  const where = `${r.path}${r.realPath !== r.path ? ` -> ${r.realPath}` : ''}`;
  const up = r.upstream === undefined ? undefined : parseResolvConf(r.upstream).nameservers;
  const evidence = [
    `pods get ${where || '(nothing: resolvConf is empty)'}, from ${from}`,
    ...(r.content ?? '')
      .split('\n')
      .filter((l) => /^\s*(nameserver|search|domain|options)\b/.test(l))
      .map((l) => `  ${l.trim()}`),
    up === undefined
      ? `${RESOLVED_UPSTREAM_FILE}: absent`
      : `${RESOLVED_UPSTREAM_FILE}: nameserver ${up.join(', ') || '(none)'}`,
    `systemd-resolved: ${r.resolvedActive ? 'active' : 'not active'}`,
  ];
  const recreate =
    'then restart the kubelet and recreate the CoreDNS pods (pods keep the resolv.conf they started with)';
  if (r.path === '')
    return finding(
      ID,
      host,
      'warn',
      `the kubelet on ${host} gives pods no resolv.conf (resolvConf is empty): CoreDNS has no upstream for names outside the cluster`,
      evidence,
      `set resolvConf to a file with real nameservers (${RESOLVED_UPSTREAM_FILE} when systemd-resolved runs), ${recreate}`,
    );
  if (r.content === undefined)
    return finding(
      ID,
      host,
      'fail',
      `${r.path}, the resolv.conf the kubelet gives pods on ${host}, does not exist: pods cannot be created`,
      evidence,
      `point resolvConf at an existing file with real nameservers (orchestrate apply playbooks/cluster.ts --role kubelet chooses one), ${recreate}`,
    );
  const servers = parseResolvConf(r.content).nameservers;
  const loopback = servers.filter(isLoopbackNameserver);
  const upstreamFix =
    `set the var dns.upstream to your real DNS servers for ${host} and run orchestrate apply playbooks/cluster.ts --role kubelet ` +
    (r.resolvedActive
      ? `(it writes DNS= into ${UPSTREAM_DROP_IN}, restarts systemd-resolved and gives pods ${RESOLVED_UPSTREAM_FILE})`
      : '(it writes /etc/orchestrate/kubelet-resolv.conf and gives pods that file)') +
    `; ${recreate}`;
  if (loopback.length > 0) {
    const stub = STUB_FILES.includes(r.realPath) || loopback.some((a) => STUB_ADDRS.includes(a));
    const what = stub
      ? `is the systemd-resolved stub (${loopback.join(', ')})`
      : `lists the loopback nameserver ${loopback.join(', ')}`;
    const upGood = up !== undefined && up.length > 0 && !up.some(isLoopbackNameserver);
    const fix = upGood
      ? `give pods resolved's upstream file, which lists ${up.join(', ')}: resolvConf: ${RESOLVED_UPSTREAM_FILE} in the kubelet config (orchestrate apply playbooks/cluster.ts --role kubelet does this), ${recreate}`
      : up !== undefined
        ? `${RESOLVED_UPSTREAM_FILE} is no way out: it lists ${up.length > 0 ? `only loopback (${up.join(', ')})` : 'no nameserver'}; ${upstreamFix}`
        : upstreamFix;
    return finding(
      ID,
      host,
      'fail',
      `${where}, the resolv.conf the kubelet gives pods on ${host}, ${what}: CoreDNS forwards to itself, a CoreDNS forwarding loop ("[FATAL] plugin/loop: Loop ... detected", CrashLoopBackOff)`,
      evidence,
      fix,
    );
  }
  if (servers.length === 0)
    return finding(
      ID,
      host,
      'warn',
      `${where}, the resolv.conf the kubelet gives pods on ${host}, lists no nameserver (resolvers then ask 127.0.0.1: CoreDNS would loop)`,
      evidence,
      upstreamFix,
    );
  return finding(ID, host, 'ok', `pods get ${where} with nameserver ${servers.join(', ')}: no loopback`, evidence);
}
