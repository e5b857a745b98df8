import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RoleContext } from '../../../../src/executor/types.ts';
import type { ContainerdImageParams } from '../../../../src/modules/containerd-image.ts';
import { imageTasks } from '../../../../roles/container-runtime/images.ts';
import { containerRuntime } from '../../../../roles/container-runtime/index.ts';
import { RUNTIME_BINARIES } from '../../../../roles/container-runtime/paths.ts';
import { BINARIES } from '../../../../kubernetes/artifacts/catalog.ts';
import { caught } from '../../../unit/inventory/helpers.ts';
import { putBinary, sha } from '../../../unit/kubernetes/artifacts/helpers.ts';
import { kthwInventory } from '../../../unit/kubernetes/cluster/helpers.ts';
import { roleContext } from '../../../unit/roles/container-runtime/role-context.ts';
import { tasksFor } from '../../../../src/testing.ts';
import { removeTempDir, tempDir } from '../../../support/temp-dir.ts';

const BUSYBOX = 'docker.io/library/orchestrate-busybox:latest';
const PAUSE = 'registry.k8s.io/pause:3.10';
const digest = (s: string) => `sha256:${sha(s)}`;

describe('roles/container-runtime/images (cluster.images.bundles)', () => {
  let state = '';
  beforeEach(() => (state = tempDir('orch-cluster-')));
  afterEach(() => removeTempDir(state));

  /** An OCI archive at path (GNU tar, as ctr export and the e2e image write) naming these images. */
  const bundle = (path: string, images: Record<string, string>) => {
    const oci = join(state, 'oci');
    mkdirSync(join(oci, 'blobs/sha256'), { recursive: true });
    mkdirSync(join(path, '..'), { recursive: true });
    const manifests = Object.entries(images).map(([name, d]) => ({
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: d,
      size: 2,
      annotations: { 'io.containerd.image.name': name },
    }));
    for (const d of Object.values(images)) writeFileSync(join(oci, 'blobs/sha256', d.slice(7)), '{}');
    writeFileSync(join(oci, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests }));
    writeFileSync(join(oci, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
    execFileSync('tar', ['-cf', path, '-C', oci, 'oci-layout', 'index.json', 'blobs']);
    return path;
  };
  const ctxWith = (artifactsDir?: string): RoleContext<unknown> => ({
    ...roleContext(kthwInventory({ controllers: 1, workers: 1 }), state, 'worker-0'),
    artifactsDir,
  });
  const params = (t: { action: { params: unknown } }) => t.action.params as ContainerdImageParams;

  it('GIVEN an absolute bundle with {arch} THEN one task named for its first image, the archive by its sha256', () => {
    const file = bundle(join(state, 'images/base-amd64.tar'), { [BUSYBOX]: digest('1'), [PAUSE]: digest('2') });
    const tasks = imageTasks(ctxWith(), { imageBundles: [join(state, 'images/base-{arch}.tar')] });
    expect(tasks.map((t) => t.name)).to.deep.equal([`image ${BUSYBOX}`]);
    const p = params(tasks[0]!);
    expect(p.archive).to.deep.equal({ file, sha256: sha(readFileSync(file)) });
    expect(p.images).to.deep.equal([
      { name: BUSYBOX, digest: digest('1') },
      { name: PAUSE, digest: digest('2') },
    ]);
    expect([p.namespace, p.address, p.ctr]).to.deep.equal([
      'k8s.io',
      '/run/containerd/containerd.sock',
      '/usr/local/bin/ctr',
    ]);
  });

  it('GIVEN a relative bundle THEN it is read from the artifacts mirror', () => {
    const mirror = join(state, 'mirror');
    const file = bundle(join(mirror, 'images/amd64/pause.tar'), { [PAUSE]: digest('2') });
    const [task] = imageTasks(ctxWith(mirror), { imageBundles: ['images/{arch}/pause.tar'] });
    expect(params(task!).archive.file).to.equal(file);
  });

  it('GIVEN two bundles holding one name at two digests THEN VARS_INVALID (they would re-import each other)', () => {
    const a = bundle(join(state, 'a.tar'), { [PAUSE]: digest('2') });
    const b = bundle(join(state, 'b.tar'), { [PAUSE]: digest('3') });
    const err = caught(() => imageTasks(ctxWith(), { imageBundles: [a, b] }));
    expect(err.code).to.equal('VARS_INVALID');
    expect(err.message).to.contain(`${PAUSE} is in ${a} and in ${b}`);
  });

  it('GIVEN the role with a bundle THEN its task comes right after containerd runs; none without bundles', () => {
    for (const name of RUNTIME_BINARIES)
      putBinary(join(state, 'artifacts'), { component: BINARIES[name]!, version: '1.6.20', arch: 'amd64', name }, name);
    const versions = { containerd: '1.6.20', runc: '1.6.20', cni: '1.6.20' };
    const file = bundle(join(state, 'busybox.tar'), { [BUSYBOX]: digest('1') });
    const names = (bundles: string[]) => {
      const inv = kthwInventory({ controllers: 1, workers: 1, cluster: { versions, images: { bundles } } });
      return tasksFor(containerRuntime, roleContext(inv, state, 'worker-0')).map((t) => t.name);
    };
    expect(names([file]).slice(-2)).to.deep.equal(['running', `image ${BUSYBOX}`]);
    expect(names([]).at(-1)).to.equal('running');
  });
});
