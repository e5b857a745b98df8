// etcd: binaries, per-member certs, data dir 0700, a Type=notify unit; every member starts together
// on first bootstrap, later restarts go one member at a time behind `etcdctl endpoint health`.

import { defineHandler, defineRole, artifact, directory, systemdService, systemdUnit } from 'orchestrate';
import { buildClusterModel, etcdMemberOf } from '../../kubernetes/cluster/index.ts';
import { artifactOptions, resolveArtifactSync } from '../../kubernetes/artifacts/index.ts';
import { ETCD_PKI, pkiFileTasks, pkiFilesFor } from '../../kubernetes/pki/index.ts';
import { ETCD_BIN, ETCD_DATA_DIR, ETCDCTL_BIN, etcdctlLocal, renderEtcdUnit } from './unit.ts';

const restart = defineHandler({ name: 'restart etcd', action: systemdService({ name: 'etcd', state: 'restarted' }) });

export const etcd = defineRole({
  name: 'etcd',
  tags: ['etcd'],
  rolling: 1,
  context: (ctx) => {
    const model = buildClusterModel(ctx.inventory, ctx.stateDir);
    return { model, me: etcdMemberOf(model, ctx.host.name, 'etcd') };
  },
  tasks: (ctx, { model, me }) => {
    const opts = artifactOptions(ctx);
    const bin = (name: 'etcd' | 'etcdctl') => resolveArtifactSync(name, model.versions.etcd, ctx.facts.arch, opts);
    const etcdBin = bin('etcd');
    const etcdctlBin = bin('etcdctl');
    return [
      { name: 'config dir', action: directory({ path: ETCD_PKI.dir, mode: '0700' }) },
      { name: 'data dir', action: directory({ path: ETCD_DATA_DIR, mode: '0700' }) },
      {
        name: 'etcd binary',
        action: artifact({ src: etcdBin.path, sha256: etcdBin.sha256, dest: ETCD_BIN, mode: '0755' }),
        notify: [restart],
      },
      {
        name: 'etcdctl binary',
        action: artifact({ src: etcdctlBin.path, sha256: etcdctlBin.sha256, dest: ETCDCTL_BIN, mode: '0755' }),
      },
      ...pkiFileTasks(pkiFilesFor(model, ctx.stateDir, ctx.host.name, 'etcd'), [restart]),
      {
        name: 'unit',
        action: systemdUnit({ name: 'etcd.service', content: renderEtcdUnit(model, me) }),
        notify: [restart],
      },
      { name: 'running', action: systemdService({ name: 'etcd', enabled: true, state: 'started' }) },
    ];
  },
  handlers: [restart],
  health: () => ({
    name: 'etcdctl endpoint health',
    check: etcdctlLocal('endpoint health --command-timeout=3s'),
    retries: 30,
    delayMs: 1000,
  }),
});
