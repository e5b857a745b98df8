// Image bundles on a real worker (containerd built from its module): the OCI archive of cluster.images.bundles is
// imported once, pinned; a second apply changes nothing; the same name at another digest is imported again.

import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readOciArchive } from '../../kubernetes/artifacts/oci-archive.ts';
import { controlArch } from '../../kubernetes/artifacts/options.ts';
import { BUSYBOX_IMAGE, busyboxImage } from './support/busybox-image.ts';
import { parse } from 'yaml';
import { cliJson, dropLab, freshLab, info, onHost } from './support/lab.ts';
import { uploadToHost } from './support/upload.ts';

const LAB = 'e2e-images';
const PLAYBOOK = 'playbooks/workers.ts';
const HOSTS = ['controller-0', 'worker-0'];
const TASK = `worker-0|container-runtime|image ${BUSYBOX_IMAGE}`;
const LIST = 'ctr -n k8s.io images ls';

/** The digest and labels `ctr images ls` shows for the busybox image on worker-0 ('' when absent). */
async function listed(): Promise<{ digest: string; labels: string }> {
  const row = (await onHost(LAB, 'worker-0', LIST)).split('\n').find((l) => l.startsWith(`${BUSYBOX_IMAGE} `));
  const cols = row?.trim().split(/\s+/) ?? [];
  return { digest: cols[2] ?? '', labels: cols.at(-1) ?? '' };
}

/** The busybox archive with its manifest rewritten (an annotation added): same name, another digest. */
function rebuiltArchive(from: string, dir: string): string {
  const oci = join(dir, 'rebuilt');
  execFileSync('mkdir', ['-p', oci]);
  execFileSync('tar', ['-xf', from, '-C', oci]);
  const index = JSON.parse(readFileSync(join(oci, 'index.json'), 'utf8')) as {
    manifests: { digest: string; size: number }[];
  };
  const entry = index.manifests[0]!;
  const manifest = JSON.parse(readFileSync(join(oci, 'blobs/sha256', entry.digest.slice(7)), 'utf8')) as object;
  const bytes = Buffer.from(JSON.stringify({ ...manifest, annotations: { 'orchestrate.test/rebuilt': 'yes' } }));
  const digest = createHash('sha256').update(bytes).digest('hex');
  writeFileSync(join(oci, 'blobs/sha256', digest), bytes);
  Object.assign(entry, { digest: `sha256:${digest}`, size: bytes.length });
  writeFileSync(join(oci, 'index.json'), JSON.stringify(index));
  const out = join(dir, 'rebuilt.tar');
  execFileSync('tar', ['-cf', out, '-C', oci, 'oci-layout', 'index.json', 'blobs']);
  return out;
}

describe('e2e: image bundles imported into containerd on a worker (cluster.images.bundles)', function () {
  this.timeout(600_000);
  let dir: string;
  let wanted: string;
  /** The lab inventory's cluster var (the mirror's versions and its relative image bundles) plus ours. */
  let cluster: { images: { bundles: string[] } };
  const apply = () => cliJson(LAB, ['apply', PLAYBOOK, '-e', JSON.stringify({ cluster })]);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'orch-e2e-images-'));
    const [, image] = await Promise.all([
      freshLab(LAB, { kind: 'cluster', controllers: 1, workers: 1 }),
      busyboxImage(),
    ]);
    copyFileSync(image, join(dir, `busybox-${controlArch()}.tar`));
    wanted = readOciArchive(image)[0]!.digest;
    const inventory = parse(readFileSync((await info(LAB)).inventory, 'utf8')) as {
      all: { vars: { cluster: typeof cluster } };
    };
    cluster = inventory.all.vars.cluster;
    cluster.images.bundles.push(join(dir, 'busybox-{arch}.tar'));
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await dropLab(LAB);
  });

  it('the first apply imports the bundle, pinned, and leaves no archive behind', async () => {
    const { code, report, stderr } = await apply();
    expect(code, stderr).to.equal(0);
    expect(report.changes.map((c) => `${c.host}|${c.role}|${c.task}`)).to.include(TASK);
    const first = await listed();
    expect(first.digest).to.equal(wanted);
    expect(first.labels.split(',')).to.include('io.cri-containerd.pinned=pinned');
    expect(await onHost(LAB, 'worker-0', 'ls -A /var/lib/orchestrate/images')).to.equal('');
  });

  it('the second apply changes nothing, in one round trip per host', async () => {
    const { code, report } = await apply();
    expect(code).to.equal(0);
    for (const h of HOSTS) expect([report.hosts[h]!.changed, report.hosts[h]!.roundTrips], h).to.deep.equal([0, 1]);
  });

  it('another image under the same name is replaced by the bundle on the next apply', async () => {
    await uploadToHost(LAB, 'worker-0', rebuiltArchive(await busyboxImage(), dir), '/root/rebuilt.tar');
    await onHost(LAB, 'worker-0', 'ctr -n k8s.io images import /root/rebuilt.tar >/dev/null && rm /root/rebuilt.tar');
    const replaced = await listed();
    expect(replaced.digest)
      .to.match(/^sha256:/)
      .and.not.equal(wanted);
    const { code, report } = await apply();
    expect(code).to.equal(0);
    expect(report.changes.map((c) => `${c.host}|${c.role}|${c.task}`)).to.deep.equal([TASK]);
    expect((await listed()).digest).to.equal(wanted);
  });
});
