import { expect } from 'chai';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  findGo,
  goCaches,
  goEnv,
  lastLines,
  parseGoVersion,
  saysDiskFull,
  saysNotServed,
} from '../../../../kubernetes/artifacts/go-tool.ts';
import { removeTempDir, tempDir } from '../../../support/temp-dir.ts';

/** What the go command prints for a version proxy.golang.org does not have. */
const NOT_FOUND = [
  'go: k8s.io/kubernetes@v1.99.0: reading https://proxy.golang.org/k8s.io/kubernetes/@v/v1.99.0.info: 404 Not Found',
  '\tserver response: not found: k8s.io/kubernetes@v1.99.0: invalid version: unknown revision v1.99.0',
].join('\n');
/** `go mod download -json`'s Error for a version a filtering proxy withholds (this machine's network answers so). */
const WITHHELD =
  'k8s.io/kubernetes@v1.99.0: reading https://proxy.golang.org/k8s.io/kubernetes/@v/v1.99.0.info: 403 Forbidden\n\tserver response: This module version is not available.';
/** A retracted/removed module version. */
const GONE =
  'go: example.com/mod@v1.0.0: reading https://proxy.golang.org/example.com/mod/@v/v1.0.0.zip: 410 Gone\n\tserver response: not found: example.com/mod@v1.0.0: unrecognized import path';
/** A Kubernetes link step on a full disk. */
const LINK_FULL = [
  '# k8s.io/kubernetes/cmd/kube-apiserver',
  '/usr/local/go/pkg/tool/linux_amd64/link: flushing $WORK/b001/exe/a.out: write $WORK/b001/exe/a.out: no space left on device',
].join('\n');
/** A module download on a full disk. */
const EXTRACT_FULL =
  'go: k8s.io/api@v0.36.3: write /var/cache/orchestrate/go/mod/cache/download/k8s.io/api/@v/v0.36.3.zip: no space left on device';
const COMPILE_ERROR = [
  '# github.com/opencontainers/runc/libcontainer/seccomp/patchbpf',
  'libcontainer/seccomp/patchbpf/enosys_linux.go:21:10: fatal error: seccomp.h: No such file or directory',
  'compilation terminated.',
].join('\n');
const OFFLINE =
  'go: k8s.io/kubernetes@v1.36.3: Get "https://proxy.golang.org/k8s.io/kubernetes/@v/v1.36.3.info": dial tcp: lookup proxy.golang.org on 127.0.0.53:53: no such host';

describe('kubernetes/artifacts/go-tool', () => {
  describe('parseGoVersion', () => {
    it('GIVEN `go version` output THEN [major, minor]', () => {
      expect(parseGoVersion('go version go1.26.8 linux/amd64\n')).to.deep.equal([1, 26]);
      expect(parseGoVersion('go version go1.26rc1 linux/arm64')).to.deep.equal([1, 26]);
      expect(parseGoVersion('go version go1.9 linux/amd64')).to.deep.equal([1, 9]);
      expect(parseGoVersion('go version go1.100.0 linux/amd64')).to.deep.equal([1, 100]);
    });

    it('GIVEN a failure or other output THEN undefined', () => {
      expect(parseGoVersion('go: cannot find GOROOT directory: /usr/local/go')).to.equal(undefined);
      expect(parseGoVersion('')).to.equal(undefined);
    });
  });

  describe('saysDiskFull', () => {
    it('GIVEN a link, a download or a cache write on a full disk THEN true', () => {
      expect(saysDiskFull(LINK_FULL)).to.equal(true);
      expect(saysDiskFull(EXTRACT_FULL)).to.equal(true);
      expect(saysDiskFull('go: could not write to build cache: disk quota exceeded')).to.equal(true);
      expect(saysDiskFull('Error: ENOSPC: no space left on device, write')).to.equal(true);
    });

    it('GIVEN a missing version, a compile error or no network THEN false', () => {
      for (const out of [NOT_FOUND, WITHHELD, GONE, COMPILE_ERROR, OFFLINE])
        expect(saysDiskFull(out), out).to.equal(false);
    });
  });

  describe('saysNotServed', () => {
    it('GIVEN the proxy has no such version (404, 410, 403 with its reason) THEN true', () => {
      expect(saysNotServed(NOT_FOUND)).to.equal(true);
      expect(saysNotServed(GONE)).to.equal(true);
      expect(saysNotServed(WITHHELD)).to.equal(true);
      expect(saysNotServed('go: module github.com/coredns/coredns: no matching versions for query "v9"')).to.equal(
        true,
      );
      expect(saysNotServed('go: go.etcd.io/etcd/etcdctl/v3@v3.9.0: invalid version: unknown revision v3.9.0')).to.equal(
        true,
      );
    });

    it('GIVEN a full disk, a compile error or no network THEN false (those are build failures)', () => {
      for (const out of [LINK_FULL, EXTRACT_FULL, COMPILE_ERROR, OFFLINE])
        expect(saysNotServed(out), out).to.equal(false);
    });
  });

  describe('findGo', () => {
    let tmp = '';
    beforeEach(() => (tmp = tempDir('orch-go-')));
    afterEach(() => removeTempDir(tmp));

    /** A dir holding an executable (or plain, or directory) named go. */
    const dirWithGo = (name: string, kind: 'exe' | 'plain' | 'dir' = 'exe'): string => {
      const dir = join(tmp, name);
      mkdirSync(dir, { recursive: true });
      if (kind === 'dir') mkdirSync(join(dir, 'go'));
      else {
        writeFileSync(join(dir, 'go'), '#!/bin/sh\n');
        chmodSync(join(dir, 'go'), kind === 'exe' ? 0o755 : 0o644);
      }
      return dir;
    };

    it('GIVEN ORCHESTRATE_GO THEN that path, whatever PATH holds (even when it does not exist)', () => {
      const onPath = dirWithGo('bin');
      expect(findGo({ ORCHESTRATE_GO: '/nonexistent/go', PATH: onPath })).to.equal('/nonexistent/go');
    });

    it('GIVEN an empty ORCHESTRATE_GO THEN it is ignored: the first go on PATH', () => {
      const first = dirWithGo('first');
      const second = dirWithGo('second');
      expect(findGo({ ORCHESTRATE_GO: '', PATH: `:${join(tmp, 'none')}:${first}:${second}` })).to.equal(
        join(first, 'go'),
      );
    });

    it('GIVEN PATH dirs whose go is a directory or not executable THEN they are skipped', () => {
      const home = dirWithGo('home', 'dir'); // $HOME/go, GOPATH's default, with $HOME on PATH
      const plain = dirWithGo('plain', 'plain');
      const real = dirWithGo('real');
      expect(findGo({ PATH: `${home}:${plain}:${real}` })).to.equal(join(real, 'go'));
    });

    it('GIVEN no go anywhere on PATH (or no PATH) THEN the official install path', () => {
      expect(findGo({ PATH: join(tmp, 'none') })).to.equal('/usr/local/go/bin/go');
      expect(findGo({})).to.equal('/usr/local/go/bin/go');
    });
  });

  describe('goEnv and runGo', () => {
    let tmp = '';
    beforeEach(() => (tmp = tempDir('orch-go-')));
    afterEach(() => removeTempDir(tmp));

    it('GIVEN the caches THEN our caches, no toolchain download, -mod=mod, cgo as asked, the caller env kept', () => {
      const caches = goCaches('/var/cache/orchestrate');
      expect(caches).to.deep.equal({
        modCache: '/var/cache/orchestrate/go/mod',
        buildCache: '/var/cache/orchestrate/go/build',
      });
      const env = goEnv(caches, true, { PATH: '/bin', GOFLAGS: '-buildvcs=false', CGO_ENABLED: '0' });
      expect(env).to.deep.equal({
        PATH: '/bin',
        GOMODCACHE: '/var/cache/orchestrate/go/mod',
        GOCACHE: '/var/cache/orchestrate/go/build',
        GOTOOLCHAIN: 'local',
        GOFLAGS: '-mod=mod',
        CGO_ENABLED: '1',
        LC_ALL: 'C',
      });
      expect(goEnv(caches, false, {})['CGO_ENABLED']).to.equal('0');
    });

    it('GIVEN long output THEN lastLines keeps the last n lines', () => {
      const out = Array.from({ length: 40 }, (_, i) => `line ${i}`).join('\n');
      expect(lastLines(`${out}\n\n`, 3)).to.equal('line 37\nline 38\nline 39');
      expect(lastLines(out).split('\n')).to.have.length(15);
    });
  });
});
