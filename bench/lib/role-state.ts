// The certsvc role's footprint on a host: wiped between first-apply samples, and digested to compare the tools.

import pLimit from 'p-limit';
import { labSshRun } from '../../src/lab/index.ts';
import { CERTSVC_PATHS } from '../roles/certsvc.ts';
import { sh } from '../../src/shell/quote.ts';

const limit = pLimit(8);

async function onHost(lab: string, host: string, script: string): Promise<string> {
  const r = await labSshRun(lab, host, script);
  if (r.code !== 0) throw new Error(`${host}: exit ${r.code}: ${r.stderr}`);
  return r.stdout;
}

/** Back to a fresh host for the role: unit stopped and gone, files gone, sysctls at the kernel's defaults. */
export async function resetRole(lab: string, hosts: readonly string[]): Promise<void> {
  const script = [
    'systemctl disable --now certsvc.service >/dev/null 2>&1 || true',
    sh`rm -rf ${CERTSVC_PATHS}`,
    'rm -f /var/lib/orchestrate/pending/certsvc--*',
    'systemctl daemon-reload',
    'sysctl -qw net.ipv4.ip_forward=0 net.ipv4.tcp_keepalive_time=7200',
  ].join('\n');
  await Promise.all(hosts.map((h) => limit(() => onHost(lab, h, script))));
}

/** Everything the role decides on one host: paths, modes, owners, bytes, unit state, runtime sysctls. */
export async function roleDigest(lab: string, host: string): Promise<string> {
  const script = [
    sh`find ${CERTSVC_PATHS} -exec stat -c '%n %F %a %U:%G %s' {} + | sort`,
    sh`find ${CERTSVC_PATHS} -type f -exec sha256sum {} + | sort -k2`,
    'systemctl is-enabled certsvc; systemctl is-active certsvc',
    'sysctl net.ipv4.ip_forward net.ipv4.tcp_keepalive_time',
  ].join('\n');
  return onHost(lab, host, script);
}
