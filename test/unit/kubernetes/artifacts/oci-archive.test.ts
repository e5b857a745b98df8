import { expect } from 'chai';
import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readOciArchive } from '../../../../kubernetes/artifacts/oci-archive.ts';
import { caught } from '../../inventory/helpers.ts';
import { sha } from './helpers.ts';
import { removeTempDir, tempDir } from '../../../support/temp-dir.ts';

const NAME = 'docker.io/library/orchestrate-busybox:latest';
const MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const D1 = `sha256:${sha('manifest one')}`;
const D2 = `sha256:${sha('manifest two')}`;

/** One ustar entry: a POSIX header (checksum included) and its data padded to 512-byte blocks. */
function entry(name: string, data: Buffer | string, type = '0'): Buffer {
  const body = Buffer.from(data);
  const h = Buffer.alloc(512);
  h.write(name, 0, 100);
  h.write('0000644\0', 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  h.write(`${body.length.toString(8).padStart(11, '0')}\0`, 124);
  h.write('00000000000\0', 136);
  h.write('        ', 148);
  h.write(type, 156);
  h.write('ustar\0' + '00', 257);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return Buffer.concat([h, body, Buffer.alloc((512 - (body.length % 512)) % 512)]);
}

/** A tar of the entries plus its two zero end blocks. */
const bare = (...entries: Buffer[]) => Buffer.concat([...entries, Buffer.alloc(1024)]);
/** The same, with manifest blobs for D1 and D2 first. */
const tar = (...entries: Buffer[]) =>
  bare(entry(`blobs/sha256/${D1.slice(7)}`, '{}'), entry(`./blobs/sha256/${D2.slice(7)}`, '{}'), ...entries);

const index = (...manifests: object[]) => JSON.stringify({ schemaVersion: 2, manifests });
const named = (name: string, digest: string) => ({
  mediaType: MANIFEST,
  digest,
  size: 10,
  annotations: { 'io.containerd.image.name': name, 'org.opencontainers.image.ref.name': 'latest' },
});

describe('kubernetes/artifacts/oci-archive', () => {
  let dir = '';
  beforeEach(() => (dir = tempDir('orch-oci-')));
  afterEach(() => removeTempDir(dir));
  const write = (name: string, bytes: Buffer | string) => {
    writeFileSync(join(dir, name), bytes);
    return join(dir, name);
  };

  it('GIVEN a pax path after a large blob THEN index.json is still found', () => {
    const file = write(
      'pax.tar',
      tar(
        entry('./blobs/sha256/aa', Buffer.alloc(70_000, 1)),
        entry('PaxHeaders/x', '19 path=index.json\n', 'x'),
        entry('some-truncated-name', index(named(NAME, D1))),
      ),
    );
    expect(readOciArchive(file).map((i) => i.name)).to.deep.equal([NAME]);
  });

  it('GIVEN only org.opencontainers.image.ref.name THEN a full reference is the name, a bare tag is refused', () => {
    const ref = (r: string) => ({
      mediaType: MANIFEST,
      digest: D1,
      annotations: { 'org.opencontainers.image.ref.name': r },
    });
    const full = write('full.tar', tar(entry('index.json', index(ref('registry.example:5000/team/app:1.2')))));
    expect(readOciArchive(full)[0]!.name).to.equal('registry.example:5000/team/app:1.2');
    for (const r of ['latest', 'app:1.2', 'team/app:1.2']) {
      const err = caught(() =>
        readOciArchive(write(`${r.replace(/\W/g, '_')}.tar`, tar(entry('index.json', index(ref(r)))))),
      );
      expect(err.code, r).to.equal('VARS_INVALID');
      expect(err.message).to.contain('has no image name');
      expect(err.fix).to.contain('io.containerd.image.name').and.contain(`"${r}"`);
    }
  });

  it('GIVEN the same file unchanged THEN it is read once; a new mtime reads it again', () => {
    const file = write('b.tar', tar(entry('index.json', index(named(NAME, D1)))));
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    const first = readOciArchive(file);
    write('b.tar', tar(entry('index.json', index(named(NAME, D2)))));
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    expect(readOciArchive(file)).to.equal(first);
    utimesSync(file, 1_700_000_000, 1_700_000_005);
    expect(readOciArchive(file)[0]!.digest).to.equal(D2);
  });

  const errors: { given: string; bytes?: Buffer | string; message: RegExp; fix: RegExp }[] = [
    { given: 'no file', message: /cannot be read \(ENOENT\)/, fix: /put the OCI image archive at .*ctr images export/ },
    { given: 'random bytes', bytes: Buffer.alloc(2048, 7), message: /is not a tar archive/, fix: /plain tar/ },
    {
      given: 'a gzip file',
      bytes: Buffer.from([0x1f, 0x8b, 8, 0, ...Array(600).fill(0)]),
      message: /gzip/,
      fix: /gunzip/,
    },
    { given: 'an empty file', bytes: '', message: /not a tar archive \(empty\)/, fix: /plain tar/ },
    {
      given: 'a docker-save archive (manifest.json only)',
      bytes: tar(entry('manifest.json', '[]')),
      message: /has no index\.json/,
      fix: /OCI archive/,
    },
    {
      given: 'a truncated archive',
      bytes: entry('blobs/sha256/aa', Buffer.alloc(4096)).subarray(0, 1024),
      message: /is truncated/,
      fix: /copy the archive again/,
    },
    {
      given: 'a manifest without any name',
      bytes: tar(entry('index.json', index({ mediaType: MANIFEST, digest: D1 }))),
      message: /manifests\[0\] \(sha256:[0-9a-f]{64}\) has no image name/,
      fix: /io\.containerd\.image\.name/,
    },
    {
      given: 'a manifest whose blob is not in the archive',
      bytes: bare(entry('index.json', index(named(NAME, D1)))),
      message: new RegExp(`names ${NAME} \\(${D1}\\) but holds no blobs/sha256/${D1.slice(7)}`),
      fix: /export the image again/,
    },
    {
      given: 'an index with no manifests',
      bytes: tar(entry('index.json', index())),
      message: /lists no manifests/,
      fix: /ctr images export/,
    },
  ];
  for (const c of errors)
    it(`GIVEN ${c.given} THEN VARS_INVALID naming the file, with a fix`, () => {
      const file = c.bytes === undefined ? join(dir, 'missing.tar') : write('bad.tar', c.bytes);
      const err = caught(() => readOciArchive(file));
      expect(err.code).to.equal('VARS_INVALID');
      expect(err.message).to.contain(`image bundle ${file} `).and.match(c.message);
      expect(err.fix).to.match(c.fix);
    });
});
