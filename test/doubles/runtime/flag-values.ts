// Value shapes of parsed flags: by the type the reference page prints, and by name for IPs and CIDRs.

import type { FlagList } from './flag-list.ts';
import type { ParsedFlags } from './flag-parse.ts';
import { Problems } from './fail.ts';
import {
  isCidrList,
  isGoBool,
  isGoDuration,
  isGoFloat,
  isGoInt,
  isIp,
  isIpPort,
  isKeyValueList,
  isPortRange,
  isQuantity,
} from './values.ts';

type Check = (v: string) => string | undefined;
const need =
  (ok: (v: string) => boolean, why: string): Check =>
  (v) =>
    ok(v) ? undefined : why;

/** By the type column of the flag list. */
const BY_TYPE: Record<string, Check> = {
  '': need(isGoBool, 'strconv.ParseBool: invalid syntax'),
  bool: need(isGoBool, 'strconv.ParseBool: invalid syntax'),
  int: need((v) => isGoInt(v, 64), 'strconv.ParseInt: invalid syntax'),
  int32: need((v) => isGoInt(v, 32), 'strconv.ParseInt: invalid syntax or out of range for int32'),
  uint: need((v) => isGoInt(v, 64, true), 'strconv.ParseUint: invalid syntax'),
  float: need(isGoFloat, 'strconv.ParseFloat: invalid syntax'),
  duration: need(isGoDuration, `time: invalid duration (use Go syntax: 10s, 2m0s, 1h)`),
  Level: need((v) => isGoInt(v, 32), 'strconv.ParseInt: invalid syntax'),
  ipport: need(isIpPort, 'expected IP or IP:port'),
  quantity: need(isQuantity, 'quantities must match the regular expression'),
  "<a string in the form 'N1-N2'>": need(isPortRange, 'expected a port range N1-N2 with N1 <= N2'),
  "<comma-separated 'key=True|False' pairs>": need((v) => isKeyValueList(v, true), 'expected key=true|false pairs'),
  "<comma-separated 'key=value' pairs>": need((v) => isKeyValueList(v), 'expected key=value pairs'),
  colonSeparatedMultimapStringString: need((v) => isKeyValueList(v, true), 'expected [component:]key=true|false pairs'),
  '<key=value pairs>': need((v) => isKeyValueList(v), 'expected key=value pairs'),
  stringToString: need((v) => isKeyValueList(v), 'expected key=value pairs'),
  int32Slice: need((v) => v.split(',').every((x) => isGoInt(x.trim(), 32)), 'expected comma-separated int32s'),
  ProxyMode: need((v) => ['', 'iptables', 'ipvs', 'nftables', 'kernelspace'].includes(v), 'unknown proxy mode'),
  LocalMode: need(
    (v) => ['', 'ClusterCIDR', 'NodeCIDR', 'BridgeInterface', 'InterfaceNamePrefix'].includes(v),
    'unknown detect-local-mode',
  ),
};

const IP_FLAGS = new Set(['bind-address', 'advertise-address', 'address', 'peer-advertise-ip']);
const IP_LIST_FLAGS = new Set(['node-ip']);

/** By name: addresses, CIDRs and ranges, whatever type the page printed for them. */
function byName(name: string): Check | undefined {
  if (IP_FLAGS.has(name)) return need(isIp, 'not a valid IP address');
  if (IP_LIST_FLAGS.has(name)) return need((v) => v.split(',').every((s) => isIp(s.trim())), 'not a list of IPs');
  if (name === 'service-cluster-ip-range' || name.endsWith('-cidr') || name === 'cluster-cidr')
    return need((v) => isCidrList(v), 'expected one CIDR, or two of different families (dual stack)');
  if (name.endsWith('-cidrs')) return need((v) => v.split(',').every((s) => isCidrList(s.trim(), 1)), 'expected CIDRs');
  if (name.endsWith('-port') && name !== 'peer-advertise-port')
    return need((v) => isGoInt(v, 32) && Number(v) >= 0 && Number(v) <= 65535, 'not a port number (0-65535)');
  return undefined;
}

/** Every problem with the values given, in pflag's wording ("invalid argument ... for ... flag"). */
export function checkFlagValues(p: ParsedFlags, list: FlagList): Problems {
  const problems = new Problems();
  for (const [name, values] of p.values) {
    const spec = list.get(name);
    const checks = [BY_TYPE[spec?.type ?? 'string'], byName(name)].filter((c): c is Check => c !== undefined);
    for (const v of values) {
      for (const check of checks) {
        const why = check(v);
        if (why !== undefined) problems.add(`invalid argument ${JSON.stringify(v)} for "--${name}" flag: ${why}`);
      }
    }
  }
  return problems;
}
