import { expect } from 'chai';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { containerdImage } from '../../../src/modules/containerd-image.ts';
import type { ContainerdImageInput } from '../../../src/modules/containerd-image.ts';
import { buildProbesScript } from '../../../src/executor/probe-script.ts';
import { CHECK, probeLocally } from './harness.ts';
import { removeTempDir, tempDir } from '../../support/temp-dir.ts';
import { execFileSync } from 'node:child_process';

const NAME = 'docker.io/library/orchestrate-busybox:latest';
const DIGEST = `sha256:${'a'.repeat(64)}`;
const OTHER = `sha256:${'b'.repeat(64)}`;
const ARCHIVE_SHA = 'c'.repeat(64);

/** `ctr -n k8s.io images ls` on a lab worker (containerd 2.2.9) after an apply imported two bundles. */
const LS_BUSYBOX = 'sha256:9238da2f117a377cc63ae642e52d5fb9f651b84c80069c182f0b2d1901421285';
const LS_PAUSE = 'sha256:8629b26f53f426e36f262c48573d31ebba7af53f13c3dec308cc7e6de0e0c1da';
const PAUSE = 'registry.k8s.io/pause:3.10.2';
const CTR_LS = [
  'REF                                                                     TYPE                                       DIGEST                                                                  SIZE      PLATFORMS   LABELS                                                          ',
  'docker.io/library/orchestrate-busybox:latest                            application/vnd.oci.image.manifest.v1+json sha256:9238da2f117a377cc63ae642e52d5fb9f651b84c80069c182f0b2d1901421285 1.9 MiB   linux/amd64 io.cri-containerd.image=managed,io.cri-containerd.pinned=pinned ',
  'registry.k8s.io/pause:3.10.2                                            application/vnd.oci.image.manifest.v1+json sha256:8629b26f53f426e36f262c48573d31ebba7af53f13c3dec308cc7e6de0e0c1da 680.6 KiB linux/amd64 io.cri-containerd.image=managed,io.cri-containerd.pinned=pinned ',
  'sha256:f2b838d0b55204c3ee833f283f2384b5c10555824d2084c2d3e46f7cf7d4255d application/vnd.oci.image.manifest.v1+json sha256:9238da2f117a377cc63ae642e52d5fb9f651b84c80069c182f0b2d1901421285 1.9 MiB   linux/amd64 io.cri-containerd.image=managed                                 ',
  '',
].join('\n');

const task = (more: Partial<ContainerdImageInput> = {}) =>
  containerdImage({
    archive: { file: '/mirror/busybox.tar', sha256: ARCHIVE_SHA },
    images: [{ name: NAME, digest: DIGEST }],
    ...more,
  });

describe('modules/containerd.image: the probe run with sh against a stand-in ctr', () => {
  let dir = '';
  let server: Server;
  const sock = () => join(dir, 'containerd.sock');
  /** A ctr that logs its arguments and prints CTR_LS for `images ls` (or fails with exitCode). */
  const fakeCtr = (exitCode = 0) => {
    const path = join(dir, 'ctr');
    writeFileSync(join(dir, 'ls.txt'), CTR_LS);
    writeFileSync(
      path,
      `#!/bin/sh\necho "$*" >> ${dir}/calls\n[ ${exitCode} -eq 0 ] || exit ${exitCode}\ncase "$*" in *"images ls") cat ${dir}/ls.txt ;; esac\n`,
    );
    chmodSync(path, 0o755);
    return path;
  };
  const local = (more: Partial<ContainerdImageInput>) => task({ address: sock(), ctr: join(dir, 'ctr'), ...more });
  const probed = (more: Partial<ContainerdImageInput> = {}) => {
    const a = local(more);
    return a.module.parse(probeLocally(a), a.params);
  };

  beforeEach(async () => {
    dir = tempDir();
    server = createServer();
    await new Promise<void>((resolve) => server.listen(sock(), resolve));
  });
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
    removeTempDir(dir);
  });

  it('GIVEN no ctr THEN ctr=absent', () => {
    expect(probed().unreachable).to.equal('ctr-absent');
  });

  it('GIVEN ctr but no socket THEN daemon=down, without asking ctr', () => {
    fakeCtr();
    expect(probed({ address: join(dir, 'none.sock') }).unreachable).to.equal('daemon-down');
    expect(() => readFileSync(join(dir, 'calls'))).to.throw(/ENOENT/);
  });

  it('GIVEN ctr failing (daemon not answering) THEN daemon=down', () => {
    fakeCtr(1);
    expect(probed().unreachable).to.equal('daemon-down');
  });

  it('GIVEN the captured listing THEN digest and labels per name; an unlisted name is absent', () => {
    fakeCtr();
    const state = probed({
      images: [
        { name: NAME, digest: DIGEST },
        { name: PAUSE, digest: OTHER },
        { name: 'x/y:1', digest: OTHER },
      ],
    });
    expect(state.unreachable).to.equal(undefined);
    expect(state.images.get(NAME)?.digest).to.equal(LS_BUSYBOX);
    expect(state.images.get(PAUSE)?.digest).to.equal(LS_PAUSE);
    expect(Object.fromEntries(state.images.get(NAME)!.labels)).to.deep.equal({
      'io.cri-containerd.image': 'managed',
      'io.cri-containerd.pinned': 'pinned',
    });
    expect(state.images.has('x/y:1')).to.equal(false);
  });

  it('GIVEN the captured listing and the bundle at its digest THEN no steps', () => {
    fakeCtr();
    const a = local({ images: [{ name: NAME, digest: LS_BUSYBOX }] });
    expect(a.module.plan(a.params, a.module.parse(probeLocally(a), a.params), CHECK)).to.deep.equal([]);
  });

  it('GIVEN two image tasks in one probe script THEN ctr images ls runs once for both', () => {
    fakeCtr();
    const a = local({});
    const b = local({ images: [{ name: PAUSE, digest: OTHER }] });
    const items = [a, b].map((t, i) => ({ key: `t${i}`, probe: t.module.probe(t.params, CHECK) }));
    execFileSync('sh', ['-s'], {
      input: buildProbesScript([{ role: 'r', items }]),
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    expect(readFileSync(join(dir, 'calls'), 'utf8')).to.equal(`-a ${sock()} -n k8s.io images ls\n`);
  });
});
