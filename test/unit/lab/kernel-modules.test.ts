import { expect } from 'chai';
import { builtinSymbols, modulesBuiltin } from '../../../src/lab/kernel-modules.ts';

// Lines from /proc/config.gz of a kernel built without loadable modules.
const CONFIG = `# CONFIG_MODULES is not set
CONFIG_BRIDGE_NETFILTER=y
CONFIG_BRIDGE=y
CONFIG_OVERLAY_FS=y
CONFIG_NF_CONNTRACK=y
CONFIG_VXLAN=y
# CONFIG_IP_VS is not set
CONFIG_NETFILTER_XT_MATCH_CONNTRACK=y
CONFIG_VETH=m
`;

describe('lab/kernel-modules', () => {
  it('reads only =y symbols', () => {
    const s = builtinSymbols(CONFIG);
    expect(s.has('BRIDGE_NETFILTER')).to.equal(true);
    expect(s.has('IP_VS')).to.equal(false);
    expect(s.has('VETH')).to.equal(false);
  });

  it('lists built-in modules only: br_netfilter and overlay yes, ip_vs (absent) never', () => {
    const lines = modulesBuiltin(builtinSymbols(CONFIG), []);
    expect(lines).to.include('kernel/net/bridge/br_netfilter.ko');
    expect(lines).to.include('kernel/fs/overlayfs/overlay.ko');
    expect(lines).to.include('kernel/net/netfilter/xt_conntrack.ko');
    expect(lines.some((l) => l.includes('ip_vs'))).to.equal(false);
    expect(lines.some((l) => l.includes('veth'))).to.equal(false);
  });

  it('adds /sys/module names once, sorted', () => {
    const lines = modulesBuiltin(builtinSymbols(CONFIG), ['nf_conntrack', 'xt_recent']);
    expect(lines.filter((l) => l.endsWith('/nf_conntrack.ko'))).to.have.length(1);
    expect(lines).to.include('kernel/builtin/xt_recent.ko');
    expect(lines).to.deep.equal([...lines].sort());
  });
});
