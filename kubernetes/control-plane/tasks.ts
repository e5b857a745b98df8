// The tasks every control-plane component shares: its binary, its files, its unit, its inputs record, running.

import {
  artifact,
  defineHandler,
  file,
  systemdService,
  systemdUnit,
  unitPath,
  type Handler,
  type RoleContext,
  type Task,
  type Content,
} from 'orchestrate';
import { artifactOptions, resolveArtifactSync } from '../artifacts/index.ts';
import type { ClusterModel } from '../cluster/model-types.ts';
import { pkiFileTasks, pkiFilesFor } from '../pki/index.ts';
import { inputsPath, renderInputs } from './inputs.ts';
import { BIN_DIR } from './unit.ts';
import { checkFlagVersion } from '../flags/version.ts';

/** The three components, named as their binaries, units and PKI components. */
export type ControlPlaneComponent = 'kube-apiserver' | 'kube-controller-manager' | 'kube-scheduler';

/** A file of a component besides its PKI (the scheduler's config). */
export interface ComponentFile {
  readonly path: string;
  readonly content: Content;
  readonly mode: '0644' | '0600';
}

const restart = (component: ControlPlaneComponent): Handler =>
  defineHandler({ name: `restart ${component}`, action: systemdService({ name: component, state: 'restarted' }) });

/** One handler object per component: the role lists it and its tasks notify it (the same object). */
const RESTARTS: Readonly<Record<ControlPlaneComponent, Handler>> = {
  'kube-apiserver': restart('kube-apiserver'),
  'kube-controller-manager': restart('kube-controller-manager'),
  'kube-scheduler': restart('kube-scheduler'),
};

/** The one handler of a component's role: restart that service and nothing else. */
export function restartHandler(component: ControlPlaneComponent): Handler {
  return RESTARTS[component];
}

/**
 * The tasks of one component on one controller; every input (binary, PKI files, config, unit, and the inputs
 * record that also catches shared files another role wrote first) notifies its restart.
 */
export function componentTasks(
  ctx: RoleContext<unknown>,
  model: ClusterModel,
  component: ControlPlaneComponent,
  unit: string,
  extraFiles: readonly ComponentFile[] = [],
): Task[] {
  checkFlagVersion(model.versions.kubernetes);
  const notify = [restartHandler(component)];
  const bin = resolveArtifactSync(component, model.versions.kubernetes, ctx.facts.arch, artifactOptions(ctx));
  const binPath = `${BIN_DIR}/${component}`;
  const unitName = `${component}.service`;
  const pki = pkiFilesFor(model, ctx.stateDir, ctx.host.name, component);
  const inputs = renderInputs([
    { path: binPath, sha256: bin.sha256 },
    ...pki,
    ...extraFiles,
    { path: unitPath({ name: unitName, dropIn: undefined }), content: unit },
  ]);
  return [
    {
      name: `${component} binary`,
      action: artifact({ src: bin.path, sha256: bin.sha256, dest: binPath, mode: '0755' }),
      notify,
    },
    ...pkiFileTasks(pki, notify),
    ...extraFiles.map((f) => ({
      name: `config ${f.path}`,
      action: file({ path: f.path, content: f.content, mode: f.mode }),
      notify,
    })),
    { name: 'unit', action: systemdUnit({ name: unitName, content: unit }), notify },
    { name: 'inputs record', action: file({ path: inputsPath(component), content: inputs }), notify },
    { name: 'running', action: systemdService({ name: component, enabled: true, state: 'started' }) },
  ];
}
