import { expect } from 'chai';
import {
  cidrProblem,
  containsCidr,
  containsIp,
  formatCidr,
  formatIpv4,
  isIpv4,
  lastAddress,
  nthAddress,
  overlaps,
  parseCidr,
  parseIpv4,
  subnet,
  subnetCount,
} from '../../../../kubernetes/cluster/cidr.ts';

const c = (text: string) => parseCidr(text)!;

describe('kubernetes/cluster/cidr', () => {
  it('parses and formats IPv4 addresses, refusing malformed ones', () => {
    expect(parseIpv4('10.240.0.10')).to.equal(10 * 2 ** 24 + 240 * 2 ** 16 + 10);
    expect(formatIpv4(parseIpv4('255.255.255.255')!)).to.equal('255.255.255.255');
    expect(formatIpv4(0)).to.equal('0.0.0.0');
    for (const bad of ['10.0.0', '10.0.0.256', '10.0.0.01', 'a.b.c.d', '', '10.0.0.0/8', '::1', ' 10.0.0.1'])
      expect(isIpv4(bad), bad).to.equal(false);
  });

  it('says why a CIDR is malformed', () => {
    expect(cidrProblem('10.200.0.0/16')).to.equal(undefined);
    expect(cidrProblem('10.200.0.0')).to.match(/ADDRESS\/PREFIX/);
    expect(cidrProblem('10.200.0.0/33')).to.match(/longer than 32/);
    expect(cidrProblem('10.200.1.0/16')).to.match(/host bits are set: the network is 10\.200\.0\.0\/16/);
    expect(cidrProblem('10.300.0.0/16')).to.match(/not an IPv4 address/);
    expect(parseCidr('10.200.1.0/16')).to.equal(undefined);
    expect(formatCidr(c('0.0.0.0/0'))).to.equal('0.0.0.0/0');
  });

  it('containment and overlap', () => {
    expect(containsIp(c('10.32.0.0/24'), parseIpv4('10.32.0.10')!)).to.equal(true);
    expect(containsIp(c('10.32.0.0/24'), parseIpv4('10.32.1.0')!)).to.equal(false);
    expect(containsCidr(c('10.200.0.0/16'), c('10.200.5.0/24'))).to.equal(true);
    expect(containsCidr(c('10.200.0.0/24'), c('10.200.0.0/16'))).to.equal(false);
    expect(overlaps(c('10.0.0.0/8'), c('10.32.0.0/24'))).to.equal(true);
    expect(overlaps(c('10.32.0.0/24'), c('10.0.0.0/8'))).to.equal(true);
    expect(overlaps(c('10.200.0.0/16'), c('10.32.0.0/24'))).to.equal(false);
    expect(overlaps(c('10.0.0.0/24'), c('10.0.1.0/24'))).to.equal(false);
    expect(formatIpv4(lastAddress(c('10.32.0.0/24')))).to.equal('10.32.0.255');
  });

  it('nth address and subnets', () => {
    expect(formatIpv4(nthAddress(c('10.32.0.0/24'), 1)!)).to.equal('10.32.0.1');
    expect(nthAddress(c('10.32.0.0/32'), 1)).to.equal(undefined);
    expect(subnetCount(c('10.200.0.0/16'), 24)).to.equal(256);
    expect(subnetCount(c('10.200.0.0/16'), 8)).to.equal(0);
    expect(formatCidr(subnet(c('10.200.0.0/16'), 24, 0)!)).to.equal('10.200.0.0/24');
    expect(formatCidr(subnet(c('10.200.0.0/16'), 24, 255)!)).to.equal('10.200.255.0/24');
    expect(subnet(c('10.200.0.0/16'), 24, 256)).to.equal(undefined);
    expect(formatCidr(subnet(c('10.200.0.0/16'), 26, 5)!)).to.equal('10.200.1.64/26');
  });
});
