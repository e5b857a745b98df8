import { expect } from 'chai';
import { componentComplete, imageBundle, type BuiltMirror } from '../../../../kubernetes/artifacts/build-mirror.ts';
import { goProgram } from '../../../../kubernetes/artifacts/go-programs.ts';
import {
  LAB_NODE_VARS,
  mirrorSummary,
  mirrorVars,
  releaseSetFor,
  stepLine,
} from '../../../../kubernetes/artifacts/lab-hook.ts';
import { renderSums } from '../../../../kubernetes/artifacts/layout.ts';
import { readClusterVars } from '../../../../kubernetes/cluster/read-vars.ts';
import { RELEASE_LINES } from '../../../../kubernetes/cluster/release-sets.ts';
import { kubeProxyVars } from '../../../../roles/kube-proxy/index.ts';
import { kubeletVars } from '../../../../roles/kubelet/vars.ts';
import { caught, fromYaml } from '../../inventory/helpers.ts';
import { sha } from './helpers.ts';

const line = (minor: string) => RELEASE_LINES.find((l) => l.minor === minor)!.set;

/** SHA256SUMS naming the given `<arch>/<binary>` paths. */
const sums = (...paths: string[]): string => renderSums(new Map(paths.map((p) => [p, sha(p)])));

const ETCD = goProgram('etcd');

/** A mirror as buildMirror returns it for the default line (amd64). */
function builtMirror(built: string[] = [], seconds = 0): BuiltMirror {
  const set = line('1.36');
  return {
    dir: '/var/cache/orchestrate/artifacts',
    arch: 'amd64',
    set,
    images: {
      pause: {
        image: 'pause',
        tag: '3.10.2',
        name: 'registry.k8s.io/pause:3.10.2',
        bundle: imageBundle('pause', '3.10.2'),
      },
      coredns: {
        image: 'coredns',
        tag: 'v1.14.3',
        name: 'registry.k8s.io/coredns/coredns:v1.14.3',
        bundle: imageBundle('coredns', 'v1.14.3'),
      },
      workload: {
        image: 'busybox',
        tag: '1.35.0-2',
        name: 'localhost/orchestrate/busybox:1.35.0-2',
        bundle: imageBundle('busybox', '1.35.0-2'),
      },
    },
    built,
    seconds,
  };
}

describe('kubernetes/artifacts/build-mirror and lab-hook (pure parts)', () => {
  describe('componentComplete', () => {
    it('GIVEN SHA256SUMS with every binary for the arch THEN complete', () => {
      expect(componentComplete(sums('amd64/etcd', 'amd64/etcdctl', 'amd64/etcdutl'), ETCD, 'amd64')).to.equal(true);
    });

    it('GIVEN one binary missing for the arch THEN not complete', () => {
      expect(componentComplete(sums('amd64/etcd', 'amd64/etcdctl'), ETCD, 'amd64')).to.equal(false);
    });

    it('GIVEN every binary, but for another arch THEN not complete for this one', () => {
      const arm = sums('arm64/etcd', 'arm64/etcdctl', 'arm64/etcdutl');
      expect(componentComplete(arm, ETCD, 'amd64')).to.equal(false);
      expect(componentComplete(arm, ETCD, 'arm64')).to.equal(true);
    });

    it("GIVEN both arches, sha256sum's binary-mode `*` and stray lines THEN each arch complete", () => {
      const text = `${sums('amd64/etcd', 'amd64/etcdctl', 'arm64/etcd', 'arm64/etcdctl', 'arm64/etcdutl')}${sha(
        'x',
      )} *amd64/etcdutl\n# comment\n\n`;
      expect(componentComplete(text, ETCD, 'amd64')).to.equal(true);
      expect(componentComplete(text, ETCD, 'arm64')).to.equal(true);
    });

    it('GIVEN an empty SHA256SUMS THEN not complete', () => {
      expect(componentComplete('', goProgram('kubernetes'), 'amd64')).to.equal(false);
    });
  });

  describe('imageBundle', () => {
    it('GIVEN an image and tag THEN its archive relative to the mirror, {arch} left for the host', () => {
      expect(imageBundle('pause', '3.10.2')).to.equal('images/pause/3.10.2/{arch}/image.oci.tar');
      expect(imageBundle('coredns', 'v1.14.3')).to.equal('images/coredns/v1.14.3/{arch}/image.oci.tar');
    });
  });

  describe('releaseSetFor (lab artifacts --kubernetes)', () => {
    it('GIVEN no version THEN the default line', () => {
      expect(releaseSetFor(undefined)).to.deep.equal(line('1.36'));
    });

    it("GIVEN 1.36.9 THEN the 1.36 line with that patch; v1.35.4 THEN the 1.35 line's own", () => {
      expect(releaseSetFor('1.36.9')).to.deep.equal({ ...line('1.36'), kubernetes: '1.36.9' });
      expect(releaseSetFor('v1.35.4')).to.deep.equal(line('1.35'));
    });

    it('GIVEN a minor with no line (1.99.0, 1.33.1) THEN VARS_INVALID naming it, with a fix', () => {
      for (const v of ['1.99.0', '1.33.1']) {
        const err = caught(() => releaseSetFor(v));
        expect(err.code).to.equal('VARS_INVALID');
        expect(err.message).to.contain(`Kubernetes ${v}`);
        expect(err.fix).to.contain('1.36.x').and.to.contain('release-sets.ts');
      }
    });

    it('GIVEN no patch or a prerelease THEN VARS_INVALID (a build needs a released X.Y.Z)', () => {
      for (const v of ['1.36', '1.36.0-rc.1', 'latest'])
        expect(caught(() => releaseSetFor(v)).code, v).to.equal('VARS_INVALID');
    });
  });

  describe('mirrorVars', () => {
    const vars = mirrorVars(builtMirror());

    it('GIVEN a built mirror THEN its dir, its set, the three bundles in order and the workload image for verify', () => {
      expect(vars['artifacts_dir']).to.equal('/var/cache/orchestrate/artifacts');
      expect(vars['cluster']).to.deep.equal({
        versions: line('1.36'),
        images: {
          bundles: [
            'images/pause/3.10.2/{arch}/image.oci.tar',
            'images/coredns/v1.14.3/{arch}/image.oci.tar',
            'images/busybox/1.35.0-2/{arch}/image.oci.tar',
          ],
        },
      });
      expect(vars['verify_image']).to.equal('localhost/orchestrate/busybox:1.35.0-2');
    });

    it('GIVEN a lab THEN the container-only kubelet and kube-proxy settings', () => {
      expect(vars['kubelet']).to.deep.equal({ local_storage_capacity_isolation: false });
      expect(vars['kube_proxy']).to.deep.equal({ conntrack_max_per_core: 0 });
      expect(vars).to.include(LAB_NODE_VARS);
    });

    it('GIVEN the vars in an inventory THEN the cluster, kubelet and kube-proxy schemas accept them as they are', () => {
      const inv = fromYaml(`all:\n  vars: ${JSON.stringify(vars)}\n  hosts:\n    controller-0:\n    worker-0:\n`);
      const cluster = readClusterVars(inv).vars;
      expect(cluster.versions).to.deep.equal(line('1.36'));
      expect(cluster.images.bundles).to.have.length(3);
      expect(kubeletVars.parse(vars).kubelet.local_storage_capacity_isolation).to.equal(false);
      expect(kubeProxyVars.parse(vars).kube_proxy.conntrack_max_per_core).to.equal(0);
    });

    it("GIVEN the vars THEN a copy of the set: changing them leaves the mirror's set alone", () => {
      const m = builtMirror();
      const v = mirrorVars(m) as { cluster: { versions: Record<string, string> } };
      v.cluster.versions['etcd'] = '0.0.0';
      expect(m.set.etcd).to.equal('3.6.8');
    });
  });

  describe('mirrorSummary', () => {
    it('GIVEN nothing built THEN one line saying cached', () => {
      expect(mirrorSummary(builtMirror())).to.equal(
        'artifacts: /var/cache/orchestrate/artifacts (amd64: kubernetes 1.36.3, etcd 3.6.8, containerd 2.2.9, runc 1.4.4, cni 1.9.1, crictl 1.37.0; images pause, coredns, localhost/orchestrate/busybox:1.35.0-2; cached)',
      );
    });

    it('GIVEN parts built THEN how many and how long', () => {
      expect(mirrorSummary(builtMirror(['kubernetes 1.36.9', 'image registry.k8s.io/pause:3.10.2'], 612.4))).to.match(
        /; built 2 part\(s\) in 612 s\)$/,
      );
    });
  });

  describe('stepLine', () => {
    const step = { component: 'kubernetes', version: '1.36.3', binary: 'kube-apiserver', seconds: 0 };

    it('GIVEN a start and a done THEN a plain line each, the time in whole seconds', () => {
      expect(stepLine({ ...step, phase: 'start' })).to.equal('artifacts: kubernetes 1.36.3: kube-apiserver ...');
      expect(stepLine({ ...step, phase: 'done', seconds: 21.4 })).to.equal(
        'artifacts: kubernetes 1.36.3: kube-apiserver done in 21 s',
      );
    });

    it("GIVEN the module step THEN it reads 'resolve modules'", () => {
      expect(stepLine({ ...step, binary: 'module', phase: 'done', seconds: 3 })).to.equal(
        'artifacts: kubernetes 1.36.3: resolve modules done in 3 s',
      );
    });

    it('GIVEN a cached step THEN no line (a warm mirror prints only its summary)', () => {
      expect(stepLine({ ...step, binary: '*', phase: 'cached' })).to.equal(undefined);
    });
  });
});
