import { expect } from 'chai';
import { VERSION_KEY } from '../../../../kubernetes/artifacts/build-mirror.ts';
import { componentOf } from '../../../../kubernetes/artifacts/catalog.ts';
import { GO_PROGRAMS, goProgram } from '../../../../kubernetes/artifacts/go-programs.ts';
import { RELEASE_LINES, type ReleaseSet } from '../../../../kubernetes/cluster/release-sets.ts';

const RELEASED = '2026-05-12T17:04:21Z';

describe('kubernetes/artifacts/go-programs (the catalog of built components)', () => {
  describe('kubernetes', () => {
    const flags = goProgram('kubernetes').ldflags('1.36.3', RELEASED);

    for (const pkg of ['k8s.io/component-base/version', 'k8s.io/client-go/pkg/version'])
      it(`GIVEN 1.36.3 THEN the ldflags stamp ${pkg} as hack/lib/version.sh does`, () => {
        expect(flags).to.include.members([
          `-X ${pkg}.gitVersion=v1.36.3`,
          `-X ${pkg}.gitMajor=1`,
          `-X ${pkg}.gitMinor=36`,
          `-X ${pkg}.gitTreeState=archive`,
          `-X ${pkg}.buildDate=${RELEASED}`,
        ]);
      });

    it('GIVEN any release THEN only -X stamps, five per package, nothing else', () => {
      expect(flags).to.have.length(10);
      expect(flags.every((f) => /^-X k8s\.io\/\S+\.\w+=\S+$/.test(f))).to.equal(true);
      expect(goProgram('kubernetes').ldflags('1.35.4', RELEASED)).to.include(
        '-X k8s.io/component-base/version.gitMinor=35',
      );
    });

    it("GIVEN the program THEN six binaries from k8s.io/kubernetes/cmd, no cgo, Kubernetes' own tags, staging replaced", () => {
      const k = goProgram('kubernetes');
      expect(k.modules).to.deep.equal(['k8s.io/kubernetes']);
      expect(k.binaries.map((b) => b.name)).to.deep.equal([
        'kube-apiserver',
        'kube-controller-manager',
        'kube-scheduler',
        'kubelet',
        'kube-proxy',
        'kubectl',
      ]);
      expect(k.binaries.every((b) => b.pkg === `k8s.io/kubernetes/cmd/${b.name}`)).to.equal(true);
      expect(k).to.include({ cgo: false, stagingReplaces: true });
      expect(k.tags).to.deep.equal(['selinux', 'notest']);
    });
  });

  describe('runc', () => {
    it('GIVEN runc THEN cgo on, static, with the seccomp tag (as its make static)', () => {
      const r = goProgram('runc');
      expect(r.cgo).to.equal(true);
      expect(r.tags).to.include('seccomp');
      expect(r.ldflags('1.4.4', RELEASED)).to.deep.equal(['-X main.version=1.4.4', '-extldflags=-static']);
    });

    it('GIVEN every other component THEN cgo off (only runc needs C)', () => {
      expect(GO_PROGRAMS.filter((p) => p.cgo).map((p) => p.component)).to.deep.equal(['runc']);
      expect(GO_PROGRAMS.filter((p) => p.stagingReplaces).map((p) => p.component)).to.deep.equal(['kubernetes']);
    });
  });

  describe('the catalog as a whole', () => {
    it('GIVEN GO_PROGRAMS THEN each component once, kubernetes last, every binary name unique', () => {
      const components = GO_PROGRAMS.map((p) => p.component);
      expect(new Set(components).size).to.equal(components.length);
      expect(components).to.have.members(Object.keys(VERSION_KEY));
      expect(components.at(-1)).to.equal('kubernetes');
      const names = GO_PROGRAMS.flatMap((p) => p.binaries.map((b) => b.name));
      expect(new Set(names).size).to.equal(names.length);
    });

    it('GIVEN a release component THEN every binary built is one the roles resolve under that component', () => {
      for (const p of GO_PROGRAMS.filter((x) => x.component !== 'coredns'))
        for (const b of p.binaries) expect(componentOf(b.name), `${p.component}: ${b.name}`).to.equal(p.component);
    });

    it('GIVEN each component THEN goProgram finds it', () => {
      for (const p of GO_PROGRAMS) expect(goProgram(p.component)).to.equal(p);
    });

    it('GIVEN every component THEN it has a version key in the release sets', () => {
      const keys = Object.keys(RELEASE_LINES[0]!.set);
      for (const p of GO_PROGRAMS) expect(keys, p.component).to.include(VERSION_KEY[p.component]);
    });

    it('GIVEN every release line THEN it names a release version for every component', () => {
      for (const line of RELEASE_LINES)
        for (const p of GO_PROGRAMS) {
          const v = line.set[VERSION_KEY[p.component] as keyof ReleaseSet];
          expect(v, `${line.minor}: ${p.component}`).to.match(/^\d+\.\d+\.\d+$/);
        }
    });

    it('GIVEN every release line THEN its kubernetes is of its minor', () => {
      for (const line of RELEASE_LINES) expect(line.set.kubernetes.startsWith(`${line.minor}.`)).to.equal(true);
    });
  });
});
