import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readOciArchive } from '../../../../kubernetes/artifacts/oci-archive.ts';
import { sha } from '../../../unit/kubernetes/artifacts/helpers.ts';
import { removeTempDir, tempDir } from '../../../support/temp-dir.ts';

const NAME = 'docker.io/library/orchestrate-busybox:latest';
const MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const D1 = `sha256:${sha('manifest one')}`;
const D2 = `sha256:${sha('manifest two')}`;

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

  it('GIVEN an archive written by GNU tar THEN each manifest as name, digest, media type', () => {
    const oci = join(dir, 'oci');
    mkdirSync(join(oci, 'blobs/sha256'), { recursive: true });
    writeFileSync(join(oci, 'blobs/sha256', D1.slice(7)), 'x'.repeat(3000));
    writeFileSync(join(oci, 'blobs/sha256', D2.slice(7)), 'y');
    writeFileSync(join(oci, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
    writeFileSync(join(oci, 'index.json'), index(named(NAME, D1), named('registry.k8s.io/pause:3.10', D2)));
    const file = join(dir, 'bundle.tar');
    execFileSync('tar', ['-cf', file, '-C', oci, '.']); // names ./index.json, ./blobs/...
    expect(readOciArchive(file)).to.deep.equal([
      { name: NAME, digest: D1, mediaType: MANIFEST },
      { name: 'registry.k8s.io/pause:3.10', digest: D2, mediaType: MANIFEST },
    ]);
  });
});
