import { expect } from 'chai';
import { join } from 'node:path';
import type { ArtifactParams, FileParams } from '../../../../src/modules/index.ts';
import { containerRuntime } from '../../../../roles/container-runtime/index.ts';
import { RUNTIME_BINARIES } from '../../../../roles/container-runtime/paths.ts';
import { BINARIES } from '../../../../kubernetes/artifacts/catalog.ts';
import { caught } from '../../inventory/helpers.ts';
import { putBinary } from '../../kubernetes/artifacts/helpers.ts';
import { kthwInventory } from '../../kubernetes/cluster/helpers.ts';
import { roleContext } from './role-context.ts';
import { healthFor, tasksFor } from '../../../../src/testing.ts';
import { removeTempDir, tempDir } from '../../../support/temp-dir.ts';

const DEBIAN = { containerd: '1.6.20', runc: '1.1.5', cni: '1.1.1' };
const DEFAULTS = { containerd: '2.1.0', runc: '1.3.0', cni: '1.6.2' };
const KEY = { containerd: 'containerd', 'cni-plugins': 'cni', runc: 'runc' } as const;

describe('roles/container-runtime (tasks)', () => {
  let state = '';
  beforeEach(() => (state = tempDir('orch-cluster-')));
  afterEach(() => removeTempDir(state));

  /** Fake binaries of these versions in the state dir's artifact cache, then the tasks of host. */
  const tasksOf = (host: string, versions: typeof DEBIAN) => {
    for (const name of RUNTIME_BINARIES) {
      const component = BINARIES[name] as keyof typeof KEY;
      putBinary(join(state, 'artifacts'), { component, version: versions[KEY[component]], arch: 'amd64', name }, name);
    }
    const inv = kthwInventory({ controllers: 1, workers: 2, cluster: { versions } });
    return tasksFor(containerRuntime, roleContext(inv, state, host));
  };
  const params = <P>(tasks: ReturnType<typeof tasksOf>, name: string): P => {
    const t = tasks.find((x) => x.name === name);
    if (!t) throw new Error(`no task ${name}: ${tasks.map((x) => x.name).join(', ')}`);
    return t.action.params as P;
  };

  it("GIVEN Debian 12 versions THEN a version 2 config, cniVersion 1.0.0 over this node's pod CIDR", () => {
    const tasks = tasksOf('worker-1', DEBIAN);
    expect(String(params<FileParams>(tasks, 'config.toml').content)).to.match(/^version = 2$/m);
    const bridge = JSON.parse(String(params<FileParams>(tasks, '10-bridge.conf').content)) as Record<string, unknown>;
    expect(bridge['cniVersion']).to.equal('1.0.0');
    expect(JSON.stringify(bridge['ipam'])).to.contain('10.200.1.0/24');
  });

  it('GIVEN the default versions THEN a version 3 config', () => {
    const tasks = tasksOf('worker-0', DEFAULTS);
    expect(String(params<FileParams>(tasks, 'config.toml').content)).to.match(/^version = 3$/m);
  });

  it('THEN every binary goes where the unit, the config and CNI look for it; only containerd restarts', () => {
    const tasks = tasksOf('worker-0', DEBIAN);
    const dests = tasks
      .filter((t) => t.name.endsWith(' binary'))
      .map((t) => [(t.action.params as ArtifactParams).dest, (t.notify ?? []).map((h) => h.name)]);
    expect(dests).to.deep.equal([
      ['/usr/local/bin/containerd', ['restart containerd']],
      ['/usr/local/bin/containerd-shim-runc-v2', []],
      ['/usr/local/bin/ctr', []],
      ['/usr/local/bin/runc', []],
      ['/opt/cni/bin/bridge', []],
      ['/opt/cni/bin/host-local', []],
      ['/opt/cni/bin/loopback', []],
      ['/opt/cni/bin/portmap', []],
    ]);
  });

  it('THEN config and unit changes restart containerd; CNI confs do not', () => {
    const tasks = tasksOf('worker-0', DEBIAN);
    const notify = (n: string) => (tasks.find((t) => t.name === n)?.notify ?? []).map((h) => h.name);
    expect(notify('config.toml')).to.deep.equal(['restart containerd']);
    expect(notify('unit')).to.deep.equal(['restart containerd']);
    expect(notify('10-bridge.conf')).to.deep.equal([]);
    expect(tasks.at(-1)!.name).to.equal('running');
  });

  it('GIVEN a controller THEN PLAYBOOK_INVALID with the fix', () => {
    const err = caught(() => tasksOf('controller-0', DEBIAN));
    expect(err.code).to.equal('PLAYBOOK_INVALID');
    expect(err.fix).to.contain('workers group');
  });

  it('THEN the health gate asks containerd itself for its version', () => {
    const gate = healthFor(containerRuntime, roleContext(kthwInventory(), state, 'worker-0'));
    expect(gate?.check).to.equal('/usr/local/bin/ctr --address /run/containerd/containerd.sock version');
  });
});
