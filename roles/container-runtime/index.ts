// container-runtime: containerd, runc and the CNI plugins from the artifacts, a containerd config in the
// schema its version reads, the upstream unit, the bridge + loopback CNI confs over the node's pod CIDR.

import {
  defineHandler,
  defineRole,
  CAPABILITY,
  hasCapability,
  artifact,
  directory,
  file,
  systemdService,
  systemdUnit,
  type Handler,
  type RoleContext,
  type Task,
} from 'orchestrate';
import { buildClusterModel, pauseImage, workerOf } from '../../kubernetes/cluster/index.ts';
import type { ComponentVersions } from '../../kubernetes/cluster/index.ts';
import { artifactOptions, resolveArtifactSync } from '../../kubernetes/artifacts/index.ts';
import { BRIDGE_CONF, LOOPBACK_CONF, renderBridgeConf, renderLoopbackConf } from './cni.ts';
import { renderContainerdConfig } from './containerd-config.ts';
import { renderCrictlConfig } from './crictl.ts';
import { imageTasks } from './images.ts';
import * as paths from './paths.ts';
import { renderContainerdUnit } from './unit.ts';
import { cniSpecVersion } from './versions.ts';

const restart = defineHandler({
  name: 'restart containerd',
  action: systemdService({ name: 'containerd', state: 'restarted' }),
});

/** One artifact task per binary: uploaded only when the host's sha256 differs. */
function binaryTasks(ctx: RoleContext<unknown>, versions: ComponentVersions): Task[] {
  const opts = artifactOptions(ctx);
  const install = (binary: string, version: string, dest: string, notify: readonly Handler[]): Task => {
    const a = resolveArtifactSync(binary, version, ctx.facts.arch, opts);
    return {
      name: `${binary} binary`,
      action: artifact({ src: a.path, sha256: a.sha256, dest, mode: '0755' }),
      notify,
    };
  };
  return [
    ...paths.CONTAINERD_BINARIES.map((b) =>
      install(b, versions.containerd, `${paths.BIN_DIR}/${b}`, b === 'containerd' ? [restart] : []),
    ),
    // Shims, ctr and runc are run per container: new containers use the new ones, no restart needed.
    install('runc', versions.runc, paths.RUNC_BIN, []),
    ...paths.CNI_PLUGIN_BINARIES.map((b) => install(b, versions.cni, `${paths.CNI_BIN_DIR}/${b}`, [])),
  ];
}

/** Workers only: it needs the node's pod CIDR; the health gate is containerd answering on its socket. */
export const containerRuntime = defineRole({
  name: 'container-runtime',
  tags: ['container-runtime', 'containerd'],
  // The model's worker entry for this host: the role needs its pod CIDR.
  context: (ctx) => {
    const model = buildClusterModel(ctx.inventory, ctx.stateDir);
    return { model, me: workerOf(model, ctx.host.name, 'container-runtime') };
  },
  tasks: (ctx, { model, me }) => {
    const cniVersion = cniSpecVersion(model.versions.cni, model.versions.containerd);
    return [
      { name: 'config dir', action: directory({ path: paths.CONTAINERD_CONFIG_DIR, mode: '0755' }) },
      { name: 'CNI bin dir', action: directory({ path: paths.CNI_BIN_DIR, mode: '0755' }) },
      { name: 'CNI conf dir', action: directory({ path: paths.CNI_CONF_DIR, mode: '0755' }) },
      ...binaryTasks(ctx, model.versions),
      {
        name: 'config.toml',
        action: file({
          path: paths.CONTAINERD_CONFIG,
          content: renderContainerdConfig(model.versions.containerd, {
            sandboxImage: pauseImage(model.versions.pause),
            // A host that is a container without CAP_SYS_RESOURCE cannot give a pod a lower OOM score than its own.
            restrictOomScoreAdj: hasCapability(ctx.facts.capBounding, CAPABILITY.SYS_RESOURCE) === false,
          }),
        }),
        notify: [restart],
      },
      // CNI confs need no restart: containerd watches the conf dir; pods created afterwards get them.
      {
        name: BRIDGE_CONF,
        action: file({
          path: `${paths.CNI_CONF_DIR}/${BRIDGE_CONF}`,
          content: renderBridgeConf(me.podCidr, cniVersion),
        }),
      },
      {
        name: LOOPBACK_CONF,
        action: file({ path: `${paths.CNI_CONF_DIR}/${LOOPBACK_CONF}`, content: renderLoopbackConf(cniVersion) }),
      },
      { name: 'crictl.yaml', action: file({ path: paths.CRICTL_CONFIG, content: renderCrictlConfig() }) },
      {
        name: 'unit',
        action: systemdUnit({ name: 'containerd.service', content: renderContainerdUnit() }),
        notify: [restart],
      },
      { name: 'running', action: systemdService({ name: 'containerd', enabled: true, state: 'started' }) },
      ...imageTasks(ctx, model),
    ];
  },
  handlers: [restart],
  health: () => ({
    name: 'ctr version',
    check: `${paths.CTR_BIN} --address ${paths.CONTAINERD_SOCKET} version`,
    retries: 30,
    delayMs: 1000,
  }),
});
