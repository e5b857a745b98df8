import { expect } from 'chai';
import type { Facts } from '../../../src/facts/types.ts';
import { parseCapBounding, parseCgroupVersion, parseFacts } from '../../../src/facts/parse.ts';
import { fixture, type FixtureName } from './fixtures.ts';

const NOW = new Date('2025-01-02T03:04:05.000Z');

describe('facts/parse', () => {
  it('ubuntu2204: the whole Facts of a resolved-stub worker', () => {
    // GIVEN the reconstructed Ubuntu 22.04 output  WHEN parsed  THEN every fact
    const f = parseFacts(fixture('ubuntu2204'), NOW);
    expect(f.hostname).to.equal('worker-1');
    expect(f.fqdn).to.equal('worker-1');
    expect(f.os).to.deep.equal({ id: 'ubuntu', versionId: '22.04', prettyName: 'Ubuntu 22.04.4 LTS' });
    expect(f.arch).to.equal('amd64');
    expect(f.kernel).to.equal('5.15.0-105-generic');
    expect(f.addresses).to.have.length(7);
    expect(f.defaultRoute).to.deep.equal({ dst: 'default', gateway: '10.240.0.1', dev: 'ens5', src: '10.240.0.21' });
    expect(f.routes).to.have.length(6);
    expect(f.resolvConf).to.deep.equal({
      path: '/etc/resolv.conf',
      target: '/run/systemd/resolve/stub-resolv.conf',
      nameservers: ['127.0.0.53'],
      search: ['eu-west-1.compute.internal'],
    });
    expect(f.resolved).to.deep.equal({ active: true, stub: true, upstream: ['10.240.0.2'] });
    expect(f.swap).to.deep.equal({ totalKb: 0, devices: [] });
    expect(f.modules).to.include('br_netfilter');
    expect(f.modules).to.deep.equal([...new Set(f.modules)].sort());
    expect(f.systemd).to.deep.equal({ version: 249, running: true });
    expect(f.gatheredAt).to.equal('2025-01-02T03:04:05.000Z');
  });

  it('chroot: the captured lab rootfs without /proc still parses', () => {
    // GIVEN the captured chroot output (no /proc, hostname -f failed)  WHEN parsed  THEN defaults fill in
    const f: Facts = parseFacts(fixture('chroot'), NOW);
    expect(f.fqdn).to.equal(f.hostname);
    expect(f.swap).to.deep.equal({ totalKb: 0, devices: [] });
    expect(f.modules).to.deep.equal([]);
    expect(f.systemd).to.deep.equal({ version: 252, running: false });
    expect(f.resolved).to.deep.equal({ active: false, stub: false, upstream: [] });
  });

  type Row = {
    name: FixtureName;
    host: string;
    os: string;
    defaultGw: string | undefined;
    active: boolean;
    stub: boolean;
    upstream: string[];
    swapKb: number;
    systemd: number;
  };
  const rows: Row[] = [
    {
      name: 'vm',
      host: 'vm',
      os: 'debian 12',
      defaultGw: '192.0.2.1',
      active: false,
      stub: false,
      upstream: [],
      swapKb: 0,
      systemd: 252,
    },
    {
      name: 'vmIpText',
      host: 'vm',
      os: 'debian 12',
      defaultGw: '192.0.2.1',
      active: false,
      stub: false,
      upstream: [],
      swapKb: 0,
      systemd: 252,
    },
    {
      name: 'chroot',
      host: 'vm',
      os: 'debian 12',
      defaultGw: '192.0.2.1',
      active: false,
      stub: false,
      upstream: [],
      swapKb: 0,
      systemd: 252,
    },
    {
      name: 'netns',
      host: 'vm',
      os: 'debian 12',
      defaultGw: '10.0.0.1',
      active: false,
      stub: false,
      upstream: [],
      swapKb: 0,
      systemd: 252,
    },
    {
      name: 'netnsIpText',
      host: 'vm',
      os: 'debian 12',
      defaultGw: '10.0.0.1',
      active: false,
      stub: false,
      upstream: [],
      swapKb: 0,
      systemd: 252,
    },
    {
      name: 'ubuntu2004',
      host: 'controller-0',
      os: 'ubuntu 20.04',
      defaultGw: '10.0.2.2',
      active: true,
      stub: true,
      upstream: ['10.0.2.3'],
      swapKb: 2097148,
      systemd: 245,
    },
    {
      name: 'ubuntu2204',
      host: 'worker-1',
      os: 'ubuntu 22.04',
      defaultGw: '10.240.0.1',
      active: true,
      stub: true,
      upstream: ['10.240.0.2'],
      swapKb: 0,
      systemd: 249,
    },
    {
      name: 'debian12Plain',
      host: 'worker-0',
      os: 'debian 12',
      defaultGw: '192.168.122.1',
      active: false,
      stub: false,
      upstream: [],
      swapKb: 1000444,
      systemd: 252,
    },
  ];
  for (const row of rows) {
    it(`${row.name}: ${row.host}, ${row.os}, resolved active=${row.active} stub=${row.stub}`, () => {
      // GIVEN a fixture  WHEN parsed  THEN the facts the roles decide on
      const f = parseFacts(fixture(row.name), NOW);
      expect(f.hostname).to.equal(row.host);
      expect(`${f.os.id} ${f.os.versionId}`).to.equal(row.os);
      expect(f.defaultRoute?.gateway).to.equal(row.defaultGw);
      expect(f.resolved).to.deep.equal({ active: row.active, stub: row.stub, upstream: row.upstream });
      expect(f.swap.totalKb).to.equal(row.swapKb);
      expect(f.systemd.version).to.equal(row.systemd);
    });
  }

  it('text and JSON captures of one host give the same Facts', () => {
    expect(parseFacts(fixture('vmIpText'), NOW)).to.deep.equal(parseFacts(fixture('vm'), NOW));
    expect(parseFacts(fixture('netnsIpText'), NOW)).to.deep.equal(parseFacts(fixture('netns'), NOW));
  });
});

describe('facts/parse: cgroup and capabilities (captured on a lab host: an nspawn container, cgroup v1 hybrid)', () => {
  it('GIVEN the lab host THEN cgroup v1 and a bounding set without CAP_SYS_RESOURCE', () => {
    const f = parseFacts(fixture('labHost'), new Date(0));
    expect(f.cgroupVersion).to.equal(1);
    expect(f.capBounding).to.equal('00000004fcecbfff');
  });

  it('GIVEN output gathered before those sections existed THEN both unknown, never guessed', () => {
    const f = parseFacts(fixture('vm'), new Date(0));
    expect(f.cgroupVersion).to.equal(undefined);
    expect(f.capBounding).to.equal(undefined);
  });

  it('GIVEN the sections say v2 and garbage THEN 2 and unknown', () => {
    expect(parseCgroupVersion('2\n')).to.equal(2);
    expect(parseCapBounding('not hex')).to.equal(undefined);
  });
});
