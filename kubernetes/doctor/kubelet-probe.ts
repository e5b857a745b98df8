// What the kubelet really runs with: its unit's argv and the few KubeletConfiguration keys the checks
// read (flags win over the config file, as in the kubelet). Shell sets $x (argv), $cfg, $rcf/$rcset,
// $hov, and kv KEY prints a config key's value; the parser reads what it printed.

import { flagValue } from './probe-lib.ts';

/** The config keys printed as `kcfg KEY VALUE` (top-level in the YAML, or JSON). */
export const KUBELET_CONFIG_KEYS = ['podCIDR', 'tlsCertFile', 'resolvConf'] as const;
export type KubeletConfigKey = (typeof KUBELET_CONFIG_KEYS)[number];

// sed strips `KEY:` then a trailing comment, a JSON comma and one level of quotes.
const KV = [
  `kv() { [ -r "$cfg" ] || return 1; grep -Eq "^[[:space:]]*\\"?$1\\"?[[:space:]]*:" "$cfg" || return 1;`,
  `sed -n "s/^[[:space:]]*\\"\\{0,1\\}$1\\"\\{0,1\\}[[:space:]]*:[[:space:]]*//p" "$cfg" | head -n1 |`,
  `sed -e 's/[[:space:]]#.*$//' -e 's/[[:space:]]*,\\{0,1\\}[[:space:]]*$//' -e 's/^"\\(.*\\)"$/\\1/' -e "s/^'\\(.*\\)'$/\\1/"; }`,
].join(' ');

/** The shared part of every kubelet snippet: prints `argv W` lines (or argv-missing), the config and its keys. */
export const KUBELET_PROBE = [
  'set -f',
  `x=$(timeout 5 systemctl show -p ExecStart --value kubelet 2>/dev/null | sed -n 's/.*argv\\[\\]=\\([^;]*\\) ;.*/\\1/p' | head -n1)`,
  'cfg= rcf= rcset= hov= prev=',
  '[ -n "$x" ] || echo "argv-missing kubelet"',
  'for w in $x; do echo "argv $w"',
  '  case $w in --*) ;; *) case $prev in --config) cfg=$w;; --resolv-conf) rcf=$w; rcset=1;; --hostname-override) hov=$w;; esac;; esac',
  '  case $w in --config=*) cfg=${w#*=};; --resolv-conf=*) rcf=${w#*=}; rcset=1;; --hostname-override=*) hov=${w#*=};; esac',
  '  prev=$w; done',
  KV,
  'if [ -n "$cfg" ]; then if [ -r "$cfg" ]; then echo "config $cfg"; else echo "config-missing $cfg"; fi; fi',
  `for k in ${KUBELET_CONFIG_KEYS.join(' ')}; do if kv $k >/dev/null; then echo "kcfg $k $(kv $k)"; fi; done`,
].join('\n');

/** What KUBELET_PROBE printed. */
export interface KubeletSeen {
  /** undefined: no kubelet unit (not installed). */
  readonly argv: string[] | undefined;
  readonly configPath: string | undefined;
  readonly configMissing: boolean;
  /** Keys present in the config (a value may be ''). */
  readonly config: ReadonlyMap<KubeletConfigKey, string>;
}

/** Pure: the kubelet lines of a snippet's output (other lines are ignored). */
export function parseKubeletSeen(text: string): KubeletSeen {
  const lines = text.split('\n');
  const argv = lines.filter((l) => l.startsWith('argv ')).map((l) => l.slice(5));
  const missing = lines.some((l) => l === 'argv-missing kubelet');
  const config = new Map<KubeletConfigKey, string>();
  let configPath: string | undefined;
  let configMissing = false;
  for (const l of lines) {
    const m = /^kcfg (\S+) ?(.*)$/.exec(l);
    if (m && (KUBELET_CONFIG_KEYS as readonly string[]).includes(m[1]!))
      config.set(m[1] as KubeletConfigKey, m[2]!.trim());
    if (l.startsWith('config ')) configPath = l.slice(7);
    if (l.startsWith('config-missing ')) [configPath, configMissing] = [l.slice(15), true];
  }
  return { argv: missing || argv.length === 0 ? undefined : argv, configPath, configMissing, config };
}

/** The node name the kubelet registers: --hostname-override, else the hostname in lower case. */
export function nodeNameOf(seen: KubeletSeen, hostname: string): string {
  const override = seen.argv ? flagValue(seen.argv, 'hostname-override') : undefined;
  return (override ?? hostname).trim().toLowerCase();
}

/** A value the kubelet takes from a flag first, then from its config file. */
export function kubeletSetting(seen: KubeletSeen, flag: string, key: KubeletConfigKey): string | undefined {
  const fromFlag = seen.argv ? flagValue(seen.argv, flag) : undefined;
  return fromFlag ?? seen.config.get(key);
}

/** Only the certificate blocks of a file (a combined file's private key is never printed). */
export const CERT_BLOCKS = `sed -n '/-----BEGIN CERTIFICATE-----/,/-----END CERTIFICATE-----/p'`;
