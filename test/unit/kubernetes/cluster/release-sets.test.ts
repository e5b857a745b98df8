import { expect } from 'chai';
import { readClusterVars } from '../../../../kubernetes/cluster/read-vars.ts';
import {
  corednsImage,
  DEFAULT_MINOR,
  defaultReleaseLine,
  minorOf,
  pauseImage,
  RELEASE_LINES,
  releaseLineFor,
  type ReleaseSet,
} from '../../../../kubernetes/cluster/release-sets.ts';
import { DEFAULT_VERSIONS } from '../../../../kubernetes/cluster/vars.ts';
import { caught } from '../../inventory/helpers.ts';
import { kthwInventory } from './helpers.ts';

/** The versions the model reads from an inventory whose all.vars hold `cluster: {versions}`. */
const versionsOf = (versions: Record<string, unknown>): ReleaseSet =>
  readClusterVars(kthwInventory({ cluster: { versions } })).vars.versions;

const line = (minor: string) => RELEASE_LINES.find((l) => l.minor === minor)!.set;

describe('kubernetes/cluster/release-sets', () => {
  describe('the table', () => {
    it('GIVEN the lines THEN 1.35, 1.36, 1.37, oldest first; the default is 1.36 and DEFAULT_VERSIONS is its set', () => {
      expect(RELEASE_LINES.map((l) => l.minor)).to.deep.equal(['1.35', '1.36', '1.37']);
      expect(DEFAULT_MINOR).to.equal('1.36');
      expect(defaultReleaseLine().set).to.deep.equal(line('1.36'));
      expect(DEFAULT_VERSIONS).to.deep.equal(line('1.36'));
      expect(DEFAULT_VERSIONS.kubernetes).to.equal('1.36.3');
    });

    it('GIVEN every line THEN a reason for every pin, and pause as N.N(.N)', () => {
      for (const l of RELEASE_LINES) {
        expect(Object.keys(l.reasons).sort(), l.minor).to.deep.equal(Object.keys(l.set).sort());
        for (const [k, why] of Object.entries(l.reasons)) expect(why, `${l.minor} ${k}`).to.not.equal('');
        expect(l.set.pause, l.minor).to.match(/^\d+\.\d+(\.\d+)?$/);
      }
    });

    it('GIVEN versions THEN minorOf and releaseLineFor read the minor (with or without v)', () => {
      expect(minorOf('1.36.3')).to.equal('1.36');
      expect(minorOf('v1.35.0-rc.1')).to.equal('1.35');
      expect(minorOf('1.36')).to.equal(undefined);
      expect(releaseLineFor('v1.37.9')?.minor).to.equal('1.37');
      expect(releaseLineFor('1.33.1')).to.equal(undefined);
    });

    it('GIVEN tags THEN the image names the bundles carry', () => {
      expect(pauseImage('3.10.2')).to.equal('registry.k8s.io/pause:3.10.2');
      expect(corednsImage('1.14.3')).to.equal('registry.k8s.io/coredns/coredns:v1.14.3');
      expect(corednsImage('v1.14.3')).to.equal('registry.k8s.io/coredns/coredns:v1.14.3');
    });
  });

  describe('cluster.versions (vars)', () => {
    it('GIVEN no versions THEN the default line', () => {
      expect(versionsOf({})).to.deep.equal(line('1.36'));
    });

    it("GIVEN only kubernetes 1.35.4 THEN the 1.35 line's etcd, containerd and pause", () => {
      const v = versionsOf({ kubernetes: '1.35.4' });
      expect(v).to.deep.equal(line('1.35'));
      expect(v).to.include({ kubernetes: '1.35.4', etcd: '3.6.8', containerd: '2.2.9', pause: '3.10.1' });
    });

    it("GIVEN only kubernetes v1.37.0 THEN the 1.37 line's others, the version kept without v", () => {
      expect(versionsOf({ kubernetes: 'v1.37.0' })).to.deep.equal({ ...line('1.37'), kubernetes: '1.37.0' });
    });

    it('GIVEN kubernetes 1.35.4 and an etcd override THEN that etcd; every other key from the 1.35 line', () => {
      expect(versionsOf({ kubernetes: '1.35.4', etcd: 'v3.5.21' })).to.deep.equal({ ...line('1.35'), etcd: '3.5.21' });
    });

    it('GIVEN only a pause override THEN the default line with that pause', () => {
      expect(versionsOf({ pause: '3.9' })).to.deep.equal({ ...line('1.36'), pause: '3.9' });
    });

    it("GIVEN a minor with no line (1.33.1) THEN that kubernetes with the default line's other components", () => {
      expect(versionsOf({ kubernetes: '1.33.1' })).to.deep.equal({ ...line('1.36'), kubernetes: '1.33.1' });
    });

    it('GIVEN a pause that is not N.N(.N) THEN VARS_INVALID naming cluster.versions.pause', () => {
      for (const pause of ['v3.10', '3', '3.10.2.1', 'latest']) {
        const err = caught(() => versionsOf({ pause }));
        expect(err.code, pause).to.equal('VARS_INVALID');
        expect(err.message, pause).to.contain('cluster.versions.pause: expected a pause image tag such as 3.10.2');
      }
      expect(versionsOf({ pause: '3.10' }).pause).to.equal('3.10');
    });

    it('GIVEN an unknown key or a version that is no release THEN VARS_INVALID', () => {
      expect(caught(() => versionsOf({ kubeadm: '1.36.3' })).code).to.equal('VARS_INVALID');
      expect(caught(() => versionsOf({ etcd: 'latest' })).message).to.contain('cluster.versions.etcd');
    });
  });
});
