import { expect } from 'chai';
import { containerdImage } from '../../../src/modules/containerd-image.ts';
import type { ContainerdImageInput } from '../../../src/modules/containerd-image.ts';
import type { Step, WriteStep } from '../../../src/modules/types.ts';
import { isOrchestrateError } from '../../../src/errors.ts';
import { CHECK } from './plan.ts';

const NAME = 'docker.io/library/orchestrate-busybox:latest';
const DIGEST = `sha256:${'a'.repeat(64)}`;
const OTHER = `sha256:${'b'.repeat(64)}`;
const ARCHIVE_SHA = 'c'.repeat(64);
const UPLOAD = `/var/lib/orchestrate/images/${ARCHIVE_SHA}.tar`;
const PIN = 'io.cri-containerd.pinned=pinned';

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
