// Every certificate of the cluster (docs/kthw.md#certificates: KTHW's cfssl set plus per-member etcd certs): pure.

import type { ClusterModel, ClusterNode } from '../cluster/model-types.ts';
import { splitHosts, type CertSpec, type ExtKeyUsage, type Subject } from 'orchestrate';
import { CERT, checkNodeName } from './names.ts';

/** One certificate: its name in the state dir, what it must say, and how its key is treated. */
export interface CertEntry {
  readonly name: string;
  readonly spec: CertSpec;
  /** Reissue with the same key when it is still good (service-account: issued tokens stay valid). */
  readonly keepKey: boolean;
}

/** Lifetimes: the CA 10 years, leaves 1 year (KTHW's cfssl profile gives leaves 1 year). */
export interface Validity {
  readonly caValidityDays: number;
  readonly leafValidityDays: number;
}

/** C/ST/L/OU of every subject, as in KTHW's cfssl CSRs. */
const PLACE = { country: 'US', state: 'Oregon', locality: 'Portland' } as const;
const OU = 'Kubernetes The Hard Way';
const BOTH: readonly ExtKeyUsage[] = ['serverAuth', 'clientAuth'];

/** The cluster's CA, then every leaf, in a fixed order (the manifest and reports follow it). */
export function pkiCatalog(model: ClusterModel, validity: Validity): CertEntry[] {
  const bits = model.keySize;
  const leaf = (
    name: string,
    cn: string,
    o: readonly string[],
    hosts: readonly string[] = [],
    eku: readonly ExtKeyUsage[] = BOTH,
    keepKey = false,
  ): CertEntry => {
    const subject: Subject = { commonName: cn, organizations: o, organizationalUnit: OU, ...PLACE };
    const spec: CertSpec = {
      subject,
      ...splitHosts(hosts),
      keyUsages: ['digitalSignature', 'keyEncipherment'],
      extKeyUsages: eku,
      validityDays: validity.leafValidityDays,
      keyBits: bits,
    };
    return { name, spec, keepKey };
  };
  const ca: CertEntry = {
    name: CERT.ca,
    keepKey: true,
    spec: {
      subject: { commonName: 'Kubernetes', organizations: ['Kubernetes'], organizationalUnit: 'CA', ...PLACE },
      isCa: true,
      keyUsages: ['keyCertSign', 'cRLSign'],
      validityDays: validity.caValidityDays,
      keyBits: bits,
    },
  };
  return [
    ca,
    leaf(CERT.admin, 'admin', ['system:masters']),
    ...model.workers.map((w) =>
      leaf(
        CERT.kubelet(checkNodeName(w.name)),
        `system:node:${w.name}`,
        ['system:nodes'],
        [...nodeHosts(w), '127.0.0.1'],
      ),
    ),
    leaf(CERT.kubeProxy, 'system:kube-proxy', ['system:node-proxier']),
    leaf(CERT.controllerManager, 'system:kube-controller-manager', ['system:kube-controller-manager']),
    leaf(CERT.scheduler, 'system:kube-scheduler', ['system:kube-scheduler']),
    leaf(CERT.apiserver, 'kubernetes', ['Kubernetes'], apiserverHosts(model)),
    leaf(CERT.serviceAccount, 'service-accounts', ['Kubernetes'], [], BOTH, true),
    ...model.etcd.flatMap((m) => [
      leaf(CERT.etcdServer(checkNodeName(m.name)), m.name, [], [...nodeHosts(m), '127.0.0.1']),
      leaf(CERT.etcdPeer(m.name), m.name, [], [...nodeHosts(m), '127.0.0.1']),
    ]),
    leaf(CERT.apiserverEtcdClient, 'kube-apiserver-etcd-client', [], [], ['clientAuth']),
  ];
}

/** A node's name and every address it has (InternalIP, ExternalIP). */
function nodeHosts(n: ClusterNode): string[] {
  return [n.name, n.address, ...(n.externalAddress ? [n.externalAddress] : [])];
}

/** The apiserver's SANs: service IP, loopback, every controller IP, the API addresses and names, the in-cluster names. */
export function apiserverHosts(model: ClusterModel): string[] {
  const svc = ['kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster'];
  return [
    model.apiServiceIp,
    '127.0.0.1',
    ...model.controllers.flatMap((c) => [c.address, ...(c.externalAddress ? [c.externalAddress] : [])]),
    ...model.api.addresses,
    ...model.api.names,
    ...svc,
    `kubernetes.default.svc.${model.clusterDomain}`,
  ];
}
