// kube-apiserver and kube-controller-manager agree on --service-cluster-ip-range, it is set (else the
// apiserver falls back to 10.0.0.0/24), and the cluster DNS IP lies inside it.

import { defineCheck, finding, type Finding } from 'orchestrate';
import type { ClusterModel } from '../../cluster/index.ts';
import { containsIp, parseCidr, parseIpv4 } from '../../cluster/cidr.ts';
import type { KthwDoctorContext } from '../context.ts';
import { flagValue, parseUnitArgv, unitArgvProbe } from '../probe-lib.ts';

const ID = 'service-cidr';
const FLAG = 'service-cluster-ip-range';

export const serviceCidr = defineCheck<KthwDoctorContext>({
  id: ID,
  title: 'apiserver and controller-manager use the same service CIDR, which holds the cluster DNS IP',
  probe: (host, { isController }) =>
    isController(host)
      ? [
          'echo "@@unit kube-apiserver"',
          unitArgvProbe('kube-apiserver'),
          'echo "@@unit kube-controller-manager"',
          unitArgvProbe('kube-controller-manager'),
        ].join('\n')
      : undefined,
  judge: (outputs, { model }) => {
    const out: Finding[] = [];
    for (const [host, o] of outputs) if (o.ok) out.push(judgeServiceCidr(host, o.text, model));
    return out;
  },
});

/** Pure: splits the probe output per unit and judges the two flags. */
export function judgeServiceCidr(
  host: string,
  text: string,
  model: Pick<ClusterModel, 'serviceCidr' | 'dnsIp'>,
): Finding {
  const [, api = '', kcm = ''] = text.split(/^@@unit .*$/m);
  const apiArgv = parseUnitArgv(api);
  const kcmArgv = parseUnitArgv(kcm);
  const a = apiArgv ? flagValue(apiArgv, FLAG) : undefined;
  const k = kcmArgv ? flagValue(kcmArgv, FLAG) : undefined;
  const evidence = [
    `kube-apiserver: ${apiArgv ? (a ? `--${FLAG}=${a}` : `no --${FLAG}`) : 'no unit'}`,
    `kube-controller-manager: ${kcmArgv ? (k ? `--${FLAG}=${k}` : `no --${FLAG}`) : 'no unit'}`,
    `inventory: service_cidr ${model.serviceCidr}, cluster DNS ${model.dnsIp}`,
  ];
  const fix = `set --${FLAG}=${model.serviceCidr} on both (orchestrate's control-plane roles always do: orchestrate apply --role kube-apiserver,kube-controller-manager)`;
  if (!apiArgv || !kcmArgv)
    return finding(
      ID,
      host,
      'warn',
      `${!apiArgv ? 'kube-apiserver' : 'kube-controller-manager'} has no unit here: cannot compare`,
      evidence,
      fix,
    );
  if (a === undefined)
    return finding(
      ID,
      host,
      'fail',
      `kube-apiserver has no --${FLAG}: it falls back to 10.0.0.0/24, away from the cluster DNS IP ${model.dnsIp}`,
      evidence,
      fix,
    );
  if (k === undefined || k !== a)
    return finding(
      ID,
      host,
      'fail',
      `kube-controller-manager ${k === undefined ? `has no --${FLAG}` : `uses ${k}`} while kube-apiserver uses ${a}`,
      evidence,
      fix,
    );
  if (!inCidr(model.dnsIp, a))
    return finding(
      ID,
      host,
      'fail',
      `the cluster DNS IP ${model.dnsIp} (kubelet clusterDNS) is outside the service CIDR ${a}: the kube-dns Service cannot get it`,
      evidence,
      fix,
    );
  if (a !== model.serviceCidr)
    return finding(
      ID,
      host,
      'warn',
      `both use ${a}, but the inventory says ${model.serviceCidr}`,
      evidence,
      `re-run orchestrate apply, or correct service_cidr in the inventory`,
    );
  return finding(ID, host, 'ok', `both use ${a}, which holds the cluster DNS IP ${model.dnsIp}`);
}

/** The IPv4 address lies inside the CIDR (false when either does not parse). */
function inCidr(ip: string, cidr: string): boolean {
  const c = parseCidr(cidr);
  const n = parseIpv4(ip);
  return c !== undefined && n !== undefined && containsIp(c, n);
}
