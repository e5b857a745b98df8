// etcd alone: the cluster model, the PKI and the artifacts prepared locally, then the etcd members.

import { definePlaybook } from 'orchestrate';
import { etcd } from '../roles/etcd/index.ts';
import { prepareCluster } from '../kubernetes/cluster/prepare.ts';

export default definePlaybook({
  name: 'etcd',
  prepare: (ctx) => prepareCluster(ctx, [{ binary: 'etcd' }, { binary: 'etcdctl' }]),
  plays: [{ name: 'etcd members', hosts: 'etcd', roles: [etcd] }],
});
