import { expect } from 'chai';
import { renderBridgeConf, renderLoopbackConf } from '../../../../roles/container-runtime/cni.ts';
import { cniSpecVersion, containerdConfigVersion } from '../../../../roles/container-runtime/versions.ts';

describe('roles/container-runtime/cni', () => {
  it("GIVEN a node's pod CIDR THEN KTHW's bridge conf over it (cni0, gateway, masquerade, host-local)", () => {
    expect(JSON.parse(renderBridgeConf('10.200.1.0/24', '1.0.0'))).to.deep.equal({
      cniVersion: '1.0.0',
      name: 'bridge',
      type: 'bridge',
      bridge: 'cni0',
      isGateway: true,
      ipMasq: true,
      ipam: { type: 'host-local', ranges: [[{ subnet: '10.200.1.0/24' }]], routes: [{ dst: '0.0.0.0/0' }] },
    });
    expect(renderBridgeConf('10.200.1.0/24', '1.0.0')).to.match(/\n$/);
  });

  it('THEN the loopback conf', () => {
    expect(JSON.parse(renderLoopbackConf('0.4.0'))).to.deep.equal({
      cniVersion: '0.4.0',
      name: 'lo',
      type: 'loopback',
    });
  });

  const versions: { cni: string; containerd: string; then: string }[] = [
    { cni: '1.1.1', containerd: '1.6.20', then: '1.0.0' }, // Debian 12
    { cni: '1.6.2', containerd: '2.1.0', then: '1.0.0' }, // the defaults
    { cni: '0.9.1', containerd: '1.6.20', then: '0.4.0' }, // plugins before spec 1.0
    { cni: '1.1.1', containerd: '1.5.18', then: '0.4.0' }, // libcni before spec 1.0
  ];
  for (const v of versions)
    it(`GIVEN plugins ${v.cni} and containerd ${v.containerd} THEN cniVersion ${v.then}`, () => {
      expect(cniSpecVersion(v.cni, v.containerd)).to.equal(v.then);
    });

  it('GIVEN containerd 1.x or 2.x THEN the config version follows the major version', () => {
    expect([containerdConfigVersion('1.6.20'), containerdConfigVersion('v2.1.0')]).to.deep.equal([2, 3]);
  });
});
