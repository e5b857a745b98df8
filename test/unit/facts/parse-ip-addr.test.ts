import { expect } from 'chai';
import type { Address } from '../../../src/facts/types.ts';
import { parseIpAddrJson } from '../../../src/facts/parse-ip-addr-json.ts';
import { parseIpAddrText } from '../../../src/facts/parse-ip-addr-text.ts';
import { section, type FixtureName } from './fixtures.ts';

const a = (iface: string, family: 'inet' | 'inet6', address: string, prefix: number): Address => ({
  iface,
  family,
  address,
  prefix,
});

const VM: Address[] = [
  a('lo', 'inet', '127.0.0.1', 8),
  a('lo', 'inet6', '::1', 128),
  a('eth0', 'inet', '192.0.2.2', 24),
  a('eth0', 'inet6', 'fd00::2', 64),
  a('eth0', 'inet6', 'fe80::fc:ff:fe00:1', 64),
];

describe('facts/parse-ip-addr', () => {
  describe('json (ip -j addr)', () => {
    const cases: [FixtureName, (list: Address[]) => void][] = [
      ['vm', (l) => expect(l).to.deep.equal(VM)],
      ['chroot', (l) => expect(l).to.deep.equal(VM)],
      ['netns', (l) => expect(l).to.deep.include(a('d1', 'inet', '10.9.0.1', 32))],
      [
        'ubuntu2004',
        (l) =>
          expect(l.filter((x) => x.family === 'inet')).to.deep.equal([
            a('lo', 'inet', '127.0.0.1', 8),
            a('enp0s3', 'inet', '10.0.2.15', 24),
            a('enp0s8', 'inet', '192.168.56.11', 24),
          ]),
      ],
      [
        'ubuntu2204',
        (l) => {
          expect(l).to.deep.include(a('ens5', 'inet', '10.240.0.21', 24));
          expect(l).to.deep.include(a('cnio0', 'inet', '10.200.1.1', 24));
          expect(l.filter((x) => x.iface === 'veth7a1c2b3d')).to.deep.equal([
            a('veth7a1c2b3d', 'inet6', 'fe80::ac15:9bff:fe40:2e61', 64),
          ]);
        },
      ],
      [
        'debian12Plain',
        (l) =>
          expect(l.map((x) => x.address)).to.deep.equal([
            '127.0.0.1',
            '::1',
            '192.168.122.20',
            'fe80::5054:ff:fe12:3420',
          ]),
      ],
    ];
    for (const [name, check] of cases) {
      it(`${name}: every inet/inet6 address`, () => {
        // GIVEN the ip-addr-json section  WHEN parsed  THEN the addresses
        check(parseIpAddrJson(section(name, 'ip-addr-json')));
      });
    }

    it('skips links without addresses and odd entries', () => {
      const json = '[{"ifname":"x","addr_info":[]},{"ifname":"y","addr_info":[{}]},{"ifname":"z"},{"addr_info":[]}]';
      expect(parseIpAddrJson(json)).to.deep.equal([]);
    });

    it('treats empty output (no ip) as no addresses, and rejects non-JSON', () => {
      expect(parseIpAddrJson('')).to.deep.equal([]);
      expect(() => parseIpAddrJson('[{')).to.throw();
      expect(() => parseIpAddrJson('{}')).to.throw(/array/);
    });
  });

  describe('text (ip -o addr)', () => {
    it('vmIpText: the same addresses the JSON form gives', () => {
      // GIVEN text and JSON captured on the same host  WHEN both parsed  THEN equal
      expect(parseIpAddrText(section('vmIpText', 'ip-addr-text'))).to.deep.equal(VM);
    });

    it('netnsIpText: the same addresses the JSON form gives, peer address included', () => {
      const text = parseIpAddrText(section('netnsIpText', 'ip-addr-text'));
      expect(text).to.deep.equal(parseIpAddrJson(section('netns', 'ip-addr-json')));
      expect(text).to.deep.include(a('d1', 'inet', '10.9.0.1', 32));
    });

    const lines: [string, string, Address[]][] = [
      [
        'a veth name with @peer',
        '5: veth0@if4    inet 10.0.0.1/24 scope global veth0\\       valid_lft forever',
        [a('veth0', 'inet', '10.0.0.1', 24)],
      ],
      [
        'no prefix means a host address',
        '2: tun0    inet 10.8.0.1 scope global tun0',
        [a('tun0', 'inet', '10.8.0.1', 32)],
      ],
      ['link lines and blanks are skipped', '2: eth0: <BROADCAST> mtu 1500\n\n', []],
    ];
    for (const [title, text, want] of lines) {
      it(title, () => expect(parseIpAddrText(text)).to.deep.equal(want));
    }
  });
});
