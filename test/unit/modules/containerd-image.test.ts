import { expect } from 'chai';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { containerdImage } from '../../../src/modules/containerd-image.ts';
import type { ContainerdImageInput } from '../../../src/modules/containerd-image.ts';
import type { Step, WriteStep } from '../../../src/modules/types.ts';
import { buildProbesScript } from '../../../src/executor/probe-script.ts';
import { isOrchestrateError } from '../../../src/errors.ts';
import { CHECK, probeLocally, tempDir } from './harness.ts';
import { execFileSync } from 'node:child_process';

const NAME = 'docker.io/library/orchestrate-busybox:latest';
const DIGEST = `sha256:${'a'.repeat(64)}`;
const OTHER = `sha256:${'b'.repeat(64)}`;
const ARCHIVE_SHA = 'c'.repeat(64);
const UPLOAD = `/var/lib/orchestrate/images/${ARCHIVE_SHA}.tar`;
const PIN = 'io.cri-containerd.pinned=pinned';

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

/** Each step as `kind: summary`, for readable tables. */
const said = (steps: readonly Step[]) => steps.map((s) => `${s.kind}: ${s.summary}`);

const IMPORT = [
  'run: wait for containerd on /run/containerd/containerd.sock',
  'run: mkdir -p /var/lib/orchestrate/images',
  `write: upload /mirror/busybox.tar to ${UPLOAD}`,
  `run: import ${NAME} (${PIN})`,
  `run: remove ${UPLOAD}`,
];

describe('modules/containerd.image', () => {
  const cases: { given: string; probe: string; then: string[] }[] = [
    { given: 'the image at the wanted digest, pinned', probe: `daemon=up\nimage=${NAME} ${DIGEST} ${PIN}\n`, then: [] },
    { given: 'the image absent', probe: `daemon=up\nimage=${NAME} absent\n`, then: IMPORT },
    { given: 'the same name at another digest', probe: `daemon=up\nimage=${NAME} ${OTHER} ${PIN}\n`, then: IMPORT },
    { given: 'containerd not running', probe: 'daemon=down\n', then: IMPORT },
    { given: 'no ctr yet (first apply)', probe: 'ctr=absent\n', then: IMPORT },
    {
      given: 'the image at the wanted digest, not pinned',
      probe: `daemon=up\nimage=${NAME} ${DIGEST} -\n`,
      then: [`run: label ${NAME} (${PIN})`],
    },
  ];
  for (const c of cases)
    it(`GIVEN ${c.given} WHEN planned THEN ${c.then.length === 0 ? 'no steps' : c.then.length === 1 ? 'a label step' : 'an import'}`, () => {
      const a = task();
      expect(said(a.module.plan(a.params, a.module.parse(c.probe, a.params), CHECK))).to.deep.equal(c.then);
    });

  it('GIVEN extra labels THEN an image missing one is labeled, with the pin', () => {
    const a = task({ labels: { 'example.com/bundle': 'v1' } });
    const steps = a.module.plan(
      a.params,
      a.module.parse(`daemon=up\nimage=${NAME} ${DIGEST} ${PIN}\n`, a.params),
      CHECK,
    );
    expect(said(steps)).to.deep.equal([`run: label ${NAME} (example.com/bundle=v1, ${PIN})`]);
    expect(steps[0]!.kind === 'run' && steps[0].script).to.contain(`images label ${NAME} example.com/bundle=v1 ${PIN}`);
  });

  it('GIVEN an import THEN the archive is uploaded from the local file by its sha256, imported for all platforms, pinned, removed', () => {
    const a = task();
    const steps = a.module.plan(a.params, a.module.parse('daemon=down\n', a.params), CHECK);
    const write = steps[2] as WriteStep;
    expect(write.source).to.deep.equal({ file: '/mirror/busybox.tar', sha256: ARCHIVE_SHA });
    expect([write.path, write.mode]).to.deep.equal([UPLOAD, '0600']);
    const run = (i: number) => (steps[i]!.kind === 'run' ? steps[i].script : '');
    const ctr = '/usr/local/bin/ctr -a /run/containerd/containerd.sock -n k8s.io';
    expect(run(3)).to.contain(`${ctr} images import --all-platforms ${UPLOAD} ||`);
    expect(run(3)).to.contain(`${ctr} images label ${NAME} ${PIN} >/dev/null`);
    expect(run(4)).to.match(new RegExp(`^rm -f ${UPLOAD} /var/lib/orchestrate/sums/[0-9a-f]{40}$`));
    expect(run(0)).to.contain('-ge 30');
  });

  it('GIVEN probe output without a line for a requested image, or garbage THEN PROBE_INVALID', () => {
    const a = task();
    for (const out of [
      'daemon=up\n',
      'daemon=up\nimage=other absent\n',
      `daemon=up\nimage=${NAME} latest -\n`,
      'what\n',
    ])
      expect(() => a.module.parse(out, a.params), out)
        .to.throw()
        .that.satisfies((e: unknown) => isOrchestrateError(e, 'PROBE_INVALID'));
  });

  it('GIVEN bad input WHEN built THEN PLAYBOOK_INVALID', () => {
    const bad: Partial<ContainerdImageInput>[] = [
      { archive: { file: '/x.tar', sha256: 'abc' } },
      { images: [] },
      { images: [{ name: NAME, digest: 'sha256:abc' }] },
      { images: [{ name: 'a b', digest: DIGEST }] },
      {
        images: [
          { name: NAME, digest: DIGEST },
          { name: NAME, digest: OTHER },
        ],
      },
      { namespace: 'k8s io' },
      { address: 'run/containerd.sock' },
      { labels: { 'a,b': 'c' } },
    ];
    for (const more of bad)
      expect(() => task(more), JSON.stringify(more))
        .to.throw()
        .that.satisfies((e: unknown) => isOrchestrateError(e, 'PLAYBOOK_INVALID'));
  });
});

describe('modules/containerd.image: the probe run with sh against a stand-in ctr', () => {
  let dir: ReturnType<typeof tempDir>;
  let server: Server;
  const sock = () => join(dir.path, 'containerd.sock');
  /** A ctr that logs its arguments and prints CTR_LS for `images ls` (or fails with exitCode). */
  const fakeCtr = (exitCode = 0) => {
    const path = join(dir.path, 'ctr');
    writeFileSync(join(dir.path, 'ls.txt'), CTR_LS);
    writeFileSync(
      path,
      `#!/bin/sh\necho "$*" >> ${dir.path}/calls\n[ ${exitCode} -eq 0 ] || exit ${exitCode}\ncase "$*" in *"images ls") cat ${dir.path}/ls.txt ;; esac\n`,
    );
    chmodSync(path, 0o755);
    return path;
  };
  const local = (more: Partial<ContainerdImageInput>) => task({ address: sock(), ctr: join(dir.path, 'ctr'), ...more });
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
    dir.remove();
  });

  it('GIVEN no ctr THEN ctr=absent', () => {
    expect(probed().unreachable).to.equal('ctr-absent');
  });

  it('GIVEN ctr but no socket THEN daemon=down, without asking ctr', () => {
    fakeCtr();
    expect(probed({ address: join(dir.path, 'none.sock') }).unreachable).to.equal('daemon-down');
    expect(() => readFileSync(join(dir.path, 'calls'))).to.throw(/ENOENT/);
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
    expect(readFileSync(join(dir.path, 'calls'), 'utf8')).to.equal(`-a ${sock()} -n k8s.io images ls\n`);
  });
});
