import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { goProgram } from '../../../../kubernetes/artifacts/go-programs.ts';
import {
  godebugOf,
  renderToolsGo,
  renderWrapperGoMod,
  stagingModules,
  stagingVersion,
  WRAPPER_GO,
} from '../../../../kubernetes/artifacts/go-wrapper.ts';

const FIXTURE = fileURLToPath(new URL('../../../fixtures/artifacts/kubernetes-v1.36.3.go.mod', import.meta.url));
/** k8s.io/kubernetes v1.36.3's go.mod, as the module proxy serves it. */
const KUBERNETES_GO_MOD = readFileSync(FIXTURE, 'utf8');

/** Every `k8s.io/X v0.0.0` that go.mod requires: its staging modules the build needs. */
const STAGING_1_36 = [
  'k8s.io/api',
  'k8s.io/apiextensions-apiserver',
  'k8s.io/apimachinery',
  'k8s.io/apiserver',
  'k8s.io/cli-runtime',
  'k8s.io/client-go',
  'k8s.io/cloud-provider',
  'k8s.io/cluster-bootstrap',
  'k8s.io/code-generator',
  'k8s.io/component-base',
  'k8s.io/component-helpers',
  'k8s.io/controller-manager',
  'k8s.io/cri-api',
  'k8s.io/cri-client',
  'k8s.io/cri-streaming',
  'k8s.io/csi-translation-lib',
  'k8s.io/dynamic-resource-allocation',
  'k8s.io/endpointslice',
  'k8s.io/externaljwt',
  'k8s.io/kms',
  'k8s.io/kube-aggregator',
  'k8s.io/kube-controller-manager',
  'k8s.io/kube-proxy',
  'k8s.io/kube-scheduler',
  'k8s.io/kubectl',
  'k8s.io/kubelet',
  'k8s.io/metrics',
  'k8s.io/mount-utils',
  'k8s.io/pod-security-admission',
  'k8s.io/sample-apiserver',
  'k8s.io/streaming',
];

describe('kubernetes/artifacts/go-wrapper (pure)', () => {
  describe('stagingModules', () => {
    it('GIVEN the go.mod of k8s.io/kubernetes v1.36.3 THEN exactly its v0.0.0 k8s.io requirements, sorted', () => {
      const staging = stagingModules(KUBERNETES_GO_MOD);
      expect(staging).to.deep.equal(STAGING_1_36);
      expect(staging).to.have.length(31);
      expect(staging).to.include.members(['k8s.io/api', 'k8s.io/cri-streaming', 'k8s.io/streaming']);
    });

    it('GIVEN k8s.io modules at pseudo-versions or real versions THEN they are not staging modules', () => {
      const staging = stagingModules(KUBERNETES_GO_MOD);
      expect(KUBERNETES_GO_MOD).to.match(/\tk8s\.io\/kube-openapi v0\.0\.0-\d{14}-[0-9a-f]{12}\n/);
      expect(KUBERNETES_GO_MOD).to.match(/\tk8s\.io\/utils v0\.0\.0-\d{14}-[0-9a-f]{12}\n/);
      expect(staging).to.not.include.members(['k8s.io/kube-openapi']);
      expect(staging).to.not.include.members(['k8s.io/utils']);
      expect(staging).to.not.include.members(['k8s.io/klog/v2', 'k8s.io/system-validators', 'k8s.io/gengo/v2']);
    });

    it("GIVEN the go.mod's own replace block THEN every module found is one it points at ./staging (the unrequired samples are not needed)", () => {
      const replaced = [...KUBERNETES_GO_MOD.matchAll(/^\t(k8s\.io\/\S+) => \.\/staging\/src\/\1$/gm)].map((m) => m[1]);
      expect(replaced).to.have.length(33);
      expect(replaced).to.include.members(stagingModules(KUBERNETES_GO_MOD));
      const unrequired = replaced.filter((m) => !stagingModules(KUBERNETES_GO_MOD).includes(m!));
      expect(unrequired).to.deep.equal(['k8s.io/sample-cli-plugin', 'k8s.io/sample-controller']);
    });

    it('GIVEN single-line requires, // indirect and CRLF line ends THEN those count too; replace lines do not', () => {
      const mod = [
        'module example.com/x',
        'require k8s.io/api v0.0.0',
        'require (',
        '\tk8s.io/apimachinery v0.0.0 // indirect',
        '\tk8s.io/client-go v0.0.0\r',
        '\tk8s.io/utils v0.0.0-20260210185600-b8788abfbbc2',
        ')',
        'replace k8s.io/kubelet v0.0.0 => ./staging/src/k8s.io/kubelet',
      ].join('\n');
      expect(stagingModules(mod)).to.deep.equal(['k8s.io/api', 'k8s.io/apimachinery', 'k8s.io/client-go']);
    });
  });

  describe('stagingVersion', () => {
    it('GIVEN a release, with or without v THEN v0.MINOR.PATCH; a prerelease keeps its suffix', () => {
      expect(stagingVersion('1.36.3')).to.equal('v0.36.3');
      expect(stagingVersion('v1.35.4')).to.equal('v0.35.4');
      expect(stagingVersion('1.37.0-rc.1')).to.equal('v0.37.0-rc.1');
    });
  });

  describe('godebugOf', () => {
    it("GIVEN Kubernetes' go.mod THEN its godebug setting", () => {
      expect(godebugOf(KUBERNETES_GO_MOD)).to.equal('default=go1.26');
    });

    it('GIVEN a go.mod without a godebug directive THEN undefined (a dependency named godebug is no directive)', () => {
      expect(godebugOf('module x\n\ngo 1.24.0\n\nrequire github.com/kylelemons/godebug v1.1.0\n')).to.equal(undefined);
    });
  });

  describe('renderWrapperGoMod', () => {
    it('GIVEN kubernetes with its staging modules and godebug THEN a require of the release and a replace per module', () => {
      const k8s = goProgram('kubernetes');
      const text = renderWrapperGoMod(k8s, '1.36.3', {
        staging: stagingModules(KUBERNETES_GO_MOD),
        godebug: godebugOf(KUBERNETES_GO_MOD),
      });
      const head = [
        'module orchestrate.invalid/build/kubernetes',
        '',
        `go ${WRAPPER_GO}`,
        '',
        'godebug default=go1.26',
        '',
        'require (',
        '\tk8s.io/kubernetes v1.36.3',
        ')',
        '',
        'replace (',
        '\tk8s.io/api => k8s.io/api v0.36.3',
      ].join('\n');
      expect(text.startsWith(`${head}\n`), text).to.equal(true);
      const replaces = text.split('\n').filter((l) => l.includes(' => '));
      expect(replaces).to.have.length(31);
      expect(replaces).to.include('\tk8s.io/cri-streaming => k8s.io/cri-streaming v0.36.3');
      expect(replaces).to.include('\tk8s.io/streaming => k8s.io/streaming v0.36.3');
      expect(text.endsWith('\tk8s.io/streaming => k8s.io/streaming v0.36.3\n)\n'), text).to.equal(true);
    });

    it('GIVEN a v-prefixed version THEN the require has one v', () => {
      expect(renderWrapperGoMod(goProgram('kubernetes'), 'v1.36.3')).to.contain('\tk8s.io/kubernetes v1.36.3\n');
    });

    it('GIVEN etcd and no options THEN its three modules at one version, no godebug and no replace', () => {
      expect(renderWrapperGoMod(goProgram('etcd'), '3.6.8')).to.equal(
        [
          'module orchestrate.invalid/build/etcd',
          '',
          `go ${WRAPPER_GO}`,
          '',
          'require (',
          '\tgo.etcd.io/etcd/server/v3 v3.6.8',
          '\tgo.etcd.io/etcd/etcdctl/v3 v3.6.8',
          '\tgo.etcd.io/etcd/etcdutl/v3 v3.6.8',
          ')',
          '',
        ].join('\n'),
      );
    });

    it('GIVEN an empty staging list THEN no replace block', () => {
      const text = renderWrapperGoMod(goProgram('containerd'), '2.2.9', { staging: [], godebug: undefined });
      expect(text).to.not.contain('replace');
      expect(text).to.not.contain('godebug');
      expect(text).to.contain('\tgithub.com/containerd/containerd/v2 v2.2.9\n');
    });
  });

  describe('renderToolsGo', () => {
    it('GIVEN kubernetes THEN a tools-tagged file importing the six main packages', () => {
      expect(renderToolsGo(goProgram('kubernetes'))).to.equal(
        [
          '//go:build tools',
          '',
          '// Package build pins the programs built from this wrapper (never compiled: the tools tag is never set).',
          'package build',
          '',
          'import (',
          '\t_ "k8s.io/kubernetes/cmd/kube-apiserver"',
          '\t_ "k8s.io/kubernetes/cmd/kube-controller-manager"',
          '\t_ "k8s.io/kubernetes/cmd/kube-scheduler"',
          '\t_ "k8s.io/kubernetes/cmd/kubelet"',
          '\t_ "k8s.io/kubernetes/cmd/kube-proxy"',
          '\t_ "k8s.io/kubernetes/cmd/kubectl"',
          ')',
          '',
        ].join('\n'),
      );
    });

    it('GIVEN etcd THEN one import per program, each module its own main package', () => {
      const text = renderToolsGo(goProgram('etcd'));
      expect(text.split('\n').filter((l) => l.startsWith('\t_ '))).to.deep.equal([
        '\t_ "go.etcd.io/etcd/server/v3"',
        '\t_ "go.etcd.io/etcd/etcdctl/v3"',
        '\t_ "go.etcd.io/etcd/etcdutl/v3"',
      ]);
    });
  });
});
