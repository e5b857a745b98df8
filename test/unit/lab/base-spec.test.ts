import { expect } from 'chai';
import { baseKey, baseSpec, basePaths, PACKAGES, PYTHON_PACKAGES } from '../../../src/lab/base-spec.ts';

describe('lab/base-spec', () => {
  const spec = baseSpec(['kernel/net/bridge/br_netfilter.ko'], '6.1.0-test');

  it('includes the NOTES packages and python3-minimal', () => {
    for (const p of ['systemd', 'openssh-server', 'iptables', 'kmod', 'conntrack', 'libseccomp2', 'python3-minimal']) {
      expect(PACKAGES).to.include(p);
    }
  });

  it('the key is stable, 16 hex digits, and ignores package order', () => {
    const key = baseKey(spec);
    expect(key).to.match(/^[0-9a-f]{16}$/);
    expect(baseKey({ ...spec, packages: [...spec.packages].reverse() })).to.equal(key);
  });

  it('the key changes with the package list, prep version, kernel and module list', () => {
    const key = baseKey(spec);
    expect(baseKey({ ...spec, packages: [...spec.packages, 'vim'] })).to.not.equal(key);
    expect(baseKey({ ...spec, prepVersion: spec.prepVersion + 1 })).to.not.equal(key);
    expect(baseKey({ ...spec, kernel: '6.2.0' })).to.not.equal(key);
    expect(baseKey({ ...spec, modulesBuiltin: [] })).to.not.equal(key);
  });

  it('the python variant adds a full python3 and is cached under its own key', () => {
    const py = baseSpec(spec.modulesBuiltin, spec.kernel, { withPython: true });
    expect(PYTHON_PACKAGES).to.include('python3');
    expect(py.packages).to.include.members([...PACKAGES, 'python3']);
    expect(baseKey(py)).to.not.equal(baseKey(spec));
    expect(baseKey(baseSpec(spec.modulesBuiltin, spec.kernel, { withPython: false }))).to.equal(baseKey(spec));
  });

  it('cache and unpack paths carry the key', () => {
    expect(basePaths('abc')).to.deep.include({
      dir: '/var/lib/orchestrate/lab-base/abc',
      tarball: '/var/cache/orchestrate/lab-base-abc.tar.zst',
    });
  });
});
