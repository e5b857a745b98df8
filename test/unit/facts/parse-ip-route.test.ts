import { expect } from 'chai';
import type { Route } from '../../../src/facts/types.ts';
import { parseIpRouteJson } from '../../../src/facts/parse-ip-route-json.ts';
import { parseIpRouteText } from '../../../src/facts/parse-ip-route-text.ts';
import { toCidr } from '../../../src/facts/cidr.ts';
import { section, type FixtureName } from './fixtures.ts';

const r = (dst: string, gateway?: string, dev?: string, src?: string): Route => ({ dst, gateway, dev, src });

/** JSON leaves absent fields out; compare the shape consumers see. */
const norm = (routes: Route[]): Route[] => routes.map((x) => r(x.dst, x.gateway, x.dev, x.src));

const VM = [r('default', '192.0.2.1', 'eth0'), r('192.0.2.0/24', undefined, 'eth0', '192.0.2.2')];

// The captured namespace: multipath default, host route, via inet6, unreachable, blackhole.
const NETNS = [
  r('default', '10.0.0.1', 'd0'),
  r('10.0.0.0/24', undefined, 'd0', '10.0.0.2'),
  r('10.1.0.0/24', undefined, 'd1', '10.1.0.2'),
  r('10.9.0.2/32', undefined, 'd1', '10.9.0.1'),
  r('10.50.0.0/16', 'fe80::1', 'd0'),
  r('10.66.0.0/16'),
  r('10.200.1.0/24', '10.0.0.11', 'd0'),
  r('10.200.5.0/24'),
  r('192.168.7.7/32', undefined, 'd1'),
];

describe('facts/parse-ip-route', () => {
  describe('json (ip -j route)', () => {
    const cases: [FixtureName, Route[]][] = [
      ['vm', VM],
      ['chroot', VM],
      ['netns', NETNS],
      [
        'ubuntu2004',
        [
          r('default', '10.0.2.2', 'enp0s3', '10.0.2.15'),
          r('10.0.2.0/24', undefined, 'enp0s3', '10.0.2.15'),
          r('10.0.2.2/32', undefined, 'enp0s3', '10.0.2.15'),
          r('192.168.56.0/24', undefined, 'enp0s8', '192.168.56.11'),
        ],
      ],
      [
        'ubuntu2204',
        [
          r('default', '10.240.0.1', 'ens5', '10.240.0.21'),
          r('10.200.0.0/24', '10.240.0.20', 'ens5'),
          r('10.200.1.0/24', undefined, 'cnio0', '10.200.1.1'),
          r('10.240.0.0/24', undefined, 'ens5', '10.240.0.21'),
          r('10.240.0.1/32', undefined, 'ens5', '10.240.0.21'),
          r('10.240.0.2/32', undefined, 'ens5', '10.240.0.21'),
        ],
      ],
      [
        'debian12Plain',
        [
          r('default', '192.168.122.1', 'eth0'),
          r('10.200.1.0/24', '192.168.122.21', 'eth0'),
          r('192.168.122.0/24', undefined, 'eth0', '192.168.122.20'),
        ],
      ],
    ];
    for (const [name, want] of cases) {
      it(`${name}: every route`, () => {
        // GIVEN the ip-route-json section  WHEN parsed  THEN the routes in kernel order
        expect(norm(parseIpRouteJson(section(name, 'ip-route-json')))).to.deep.equal(want);
      });
    }

    it('reads the older "multipath" key like "nexthops"', () => {
      const json =
        '[{"dst":"default","multipath":[{"gateway":"10.0.0.1","dev":"a"},{"gateway":"10.0.0.2","dev":"b"}]}]';
      expect(norm(parseIpRouteJson(json))).to.deep.equal([r('default', '10.0.0.1', 'a')]);
    });

    it('treats empty output as no routes, and rejects non-JSON', () => {
      expect(parseIpRouteJson('')).to.deep.equal([]);
      expect(parseIpRouteJson('[]')).to.deep.equal([]);
      expect(() => parseIpRouteJson('default via 1.2.3.4')).to.throw();
    });
  });

  describe('text (ip route)', () => {
    const cases: [FixtureName, Route[]][] = [
      ['vmIpText', VM],
      ['netnsIpText', NETNS],
    ];
    for (const [name, want] of cases) {
      it(`${name}: the same routes the JSON form gives`, () => {
        // GIVEN text captured beside the JSON  WHEN parsed  THEN equal routes
        expect(norm(parseIpRouteText(section(name, 'ip-route-text')))).to.deep.equal(want);
      });
    }

    const lines: [string, string, Route[]][] = [
      [
        'dhcp default with src and metric',
        'default via 10.0.2.2 dev enp0s3 proto dhcp src 10.0.2.15 metric 100 ',
        [r('default', '10.0.2.2', 'enp0s3', '10.0.2.15')],
      ],
      ['device-only default', 'default dev ppp0 scope link', [r('default', undefined, 'ppp0')]],
      ['ipv6 host route', '2001:db8::1 dev eth0 metric 1024 pref medium', [r('2001:db8::1/128', undefined, 'eth0')]],
      ['stray nexthop line', '\tnexthop via 10.0.0.1 dev d0 weight 1', []],
    ];
    for (const [title, text, want] of lines) {
      it(title, () => expect(norm(parseIpRouteText(text))).to.deep.equal(want));
    }
  });

  describe('toCidr', () => {
    const cases: [string, string][] = [
      ['default', 'default'],
      ['10.0.0.0/8', '10.0.0.0/8'],
      ['10.9.0.2', '10.9.0.2/32'],
      ['fe80::1', 'fe80::1/128'],
    ];
    for (const [dst, want] of cases) it(`${dst} -> ${want}`, () => expect(toCidr(dst)).to.equal(want));
  });
});
