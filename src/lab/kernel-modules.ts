// Built-in kernel modules, listed so `modprobe X` succeeds in hosts of a kernel without loadable modules.

import { readFile, readdir } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';

/** Modules the roles and container runtimes probe, with the config symbol that builds each in. */
const KNOWN: ReadonlyArray<readonly [string, string, string]> = [
  ['br_netfilter', 'BRIDGE_NETFILTER', 'net/bridge'],
  ['bridge', 'BRIDGE', 'net/bridge'],
  ['overlay', 'OVERLAY_FS', 'fs/overlayfs'],
  ['veth', 'VETH', 'drivers/net'],
  ['vxlan', 'VXLAN', 'drivers/net/vxlan'],
  ['dummy', 'DUMMY', 'drivers/net'],
  ['tun', 'TUN', 'drivers/net'],
  ['ipip', 'NET_IPIP', 'net/ipv4'],
  ['wireguard', 'WIREGUARD', 'drivers/net/wireguard'],
  ['8021q', 'VLAN_8021Q', 'net/8021q'],
  ['nfnetlink', 'NETFILTER_NETLINK', 'net/netfilter'],
  ['nf_conntrack', 'NF_CONNTRACK', 'net/netfilter'],
  ['nf_conntrack_netlink', 'NF_CT_NETLINK', 'net/netfilter'],
  ['nf_nat', 'NF_NAT', 'net/netfilter'],
  ['nf_tables', 'NF_TABLES', 'net/netfilter'],
  ['nft_chain_nat', 'NFT_NAT', 'net/netfilter'],
  ['nft_compat', 'NFT_COMPAT', 'net/netfilter'],
  ['nf_defrag_ipv4', 'NF_DEFRAG_IPV4', 'net/ipv4/netfilter'],
  ['x_tables', 'NETFILTER_XTABLES', 'net/netfilter'],
  ['ip_tables', 'IP_NF_IPTABLES', 'net/ipv4/netfilter'],
  ['iptable_filter', 'IP_NF_FILTER', 'net/ipv4/netfilter'],
  ['iptable_nat', 'IP_NF_NAT', 'net/ipv4/netfilter'],
  ['iptable_mangle', 'IP_NF_MANGLE', 'net/ipv4/netfilter'],
  ['iptable_raw', 'IP_NF_RAW', 'net/ipv4/netfilter'],
  ['ip6_tables', 'IP6_NF_IPTABLES', 'net/ipv6/netfilter'],
  ['ip6table_filter', 'IP6_NF_FILTER', 'net/ipv6/netfilter'],
  ['ip6table_nat', 'IP6_NF_NAT', 'net/ipv6/netfilter'],
  ['ip6table_mangle', 'IP6_NF_MANGLE', 'net/ipv6/netfilter'],
  ['xt_conntrack', 'NETFILTER_XT_MATCH_CONNTRACK', 'net/netfilter'],
  ['xt_MASQUERADE', 'NETFILTER_XT_TARGET_MASQUERADE', 'net/netfilter'],
  ['xt_mark', 'NETFILTER_XT_MARK', 'net/netfilter'],
  ['xt_comment', 'NETFILTER_XT_MATCH_COMMENT', 'net/netfilter'],
  ['xt_multiport', 'NETFILTER_XT_MATCH_MULTIPORT', 'net/netfilter'],
  ['xt_addrtype', 'NETFILTER_XT_MATCH_ADDRTYPE', 'net/netfilter'],
  ['xt_nat', 'NETFILTER_XT_NAT', 'net/netfilter'],
  ['xt_statistic', 'NETFILTER_XT_MATCH_STATISTIC', 'net/netfilter'],
  ['xt_physdev', 'NETFILTER_XT_MATCH_PHYSDEV', 'net/netfilter'],
  ['xt_set', 'NETFILTER_XT_SET', 'net/netfilter'],
  ['xt_tcpudp', 'NETFILTER_XTABLES', 'net/netfilter'],
  ['ip_set', 'IP_SET', 'net/netfilter/ipset'],
  ['ip_set_hash_ip', 'IP_SET_HASH_IP', 'net/netfilter/ipset'],
  ['ip_set_hash_net', 'IP_SET_HASH_NET', 'net/netfilter/ipset'],
  ['ip_vs', 'IP_VS', 'net/netfilter/ipvs'],
  ['ip_vs_rr', 'IP_VS_RR', 'net/netfilter/ipvs'],
  ['ip_vs_wrr', 'IP_VS_WRR', 'net/netfilter/ipvs'],
  ['ip_vs_sh', 'IP_VS_SH', 'net/netfilter/ipvs'],
];

/** Pure: the `CONFIG_X=y` symbols of a kernel config text. */
export function builtinSymbols(config: string): Set<string> {
  const out = new Set<string>();
  for (const m of config.matchAll(/^CONFIG_([A-Z0-9_]+)=y$/gm)) out.add(m[1]!);
  return out;
}

/** Pure: modules.builtin lines for the known modules built in, plus names seen in /sys/module. */
export function modulesBuiltin(symbols: ReadonlySet<string>, sysModules: readonly string[]): string[] {
  const lines = new Map<string, string>();
  for (const [name, symbol, dir] of KNOWN) {
    if (symbols.has(symbol)) lines.set(name, `kernel/${dir}/${name}.ko`);
  }
  for (const name of sysModules) if (!lines.has(name)) lines.set(name, `kernel/builtin/${name}.ko`);
  return [...lines.values()].sort();
}

/** Reads /proc/config.gz and /sys/module of this machine (either may be missing). */
export async function machineModulesBuiltin(): Promise<string[]> {
  let config = '';
  try {
    config = gunzipSync(await readFile('/proc/config.gz')).toString();
  } catch {
    // no config exposed: rely on /sys/module only
  }
  const sys = await readdir('/sys/module').catch(() => [] as string[]);
  return modulesBuiltin(builtinSymbols(config), sys);
}
