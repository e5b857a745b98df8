import { expect } from 'chai';
import { groupMergeOrder, mergeVarLayers } from '../../../src/inventory/vars.ts';
import { fromYaml } from './helpers.ts';

// One inventory, every precedence level: each host sees `v` from the most specific level that sets it.
const INVENTORY = `
all:
  vars: {v: all, only_all: 1}
  children:
    parent:
      vars: {v: parent, ansible_user: from-parent}
      children:
        child:
          vars: {v: child}
          hosts:
            in-child:
            with-host-var: {v: host}
      hosts:
        in-parent:
    alpha:
      vars: {v: alpha}
      hosts:
        two-groups:
    beta:
      vars: {v: beta}
      hosts:
        two-groups:
    low:
      vars: {v: low, ansible_group_priority: 10}
      hosts:
        prio:
    zeta:
      vars: {v: zeta}
      hosts:
        prio:
  hosts:
    bare:
`;

describe('inventory/vars', () => {
  describe('GIVEN vars set at every level', () => {
    const inv = fromYaml(INVENTORY);
    const table: [string, string, string][] = [
      ['bare', 'all', 'all.vars is the lowest level'],
      ['in-parent', 'parent', 'group vars beat all.vars'],
      ['in-child', 'child', 'a child group beats its parent (deeper wins)'],
      ['with-host-var', 'host', 'host vars beat group vars'],
      ['two-groups', 'beta', 'same depth: the alphabetically later group wins'],
      ['prio', 'low', 'same depth: a higher ansible_group_priority wins over the name'],
    ];
    for (const [host, want, why] of table)
      it(`THEN ${host} sees v=${want} (${why})`, () => {
        expect(inv.hosts.get(host)!.vars['v']).to.equal(want);
        expect(inv.hosts.get(host)!.vars['only_all']).to.equal(1);
      });

    it('THEN connection settings come from the merged vars (a group sets ansible_user)', () => {
      expect(inv.hosts.get('in-child')!.user).to.equal('from-parent');
      expect(inv.hosts.get('bare')!.user).to.equal('me');
    });
    it('THEN Host.groups lists all, then the groups in precedence order', () => {
      expect(inv.hosts.get('in-child')!.groups).to.deep.equal(['all', 'parent', 'child']);
      expect(inv.hosts.get('prio')!.groups).to.deep.equal(['all', 'zeta', 'low']);
    });
    it('THEN ansible_group_priority does not leak into host vars', () => {
      expect(inv.hosts.get('prio')!.vars).not.to.have.property('ansible_group_priority');
    });
  });

  describe('GIVEN extra vars', () => {
    it('THEN they beat host vars and connection vars alike', () => {
      const inv = fromYaml(INVENTORY, { extraVars: { v: 'extra', ansible_user: 'cli' } });
      for (const h of inv.hosts.values()) {
        expect(h.vars['v'], h.name).to.equal('extra');
        expect(h.user, h.name).to.equal('cli');
      }
    });
  });

  describe('GIVEN a map var set at two levels', () => {
    it('THEN the higher level replaces it whole (shallow merge, as Ansible hash_behaviour=replace)', () => {
      const inv = fromYaml('all:\n  vars: {cfg: {a: 1, b: 2}}\n  hosts:\n    h: {cfg: {a: 9}}\n');
      expect(inv.hosts.get('h')!.vars['cfg']).to.deep.equal({ a: 9 });
    });
  });

  describe('GIVEN a group reached through two parents of different depth', () => {
    it('THEN its depth is the longest path, so it beats both parents', () => {
      const inv = fromYaml(`
all:
  children:
    top: {vars: {v: top}, children: {mid: {vars: {v: mid}, children: {leaf: {vars: {v: leaf}, hosts: {h: }}}}}}
    zz: {vars: {v: zz}, children: {leaf: }}
`);
      expect(inv.hosts.get('h')!.vars['v']).to.equal('leaf');
      expect(inv.hosts.get('h')!.groups).to.deep.equal(['all', 'top', 'zz', 'mid', 'leaf']);
    });
  });

  describe('mergeVarLayers', () => {
    it('GIVEN layers WHEN merged THEN the last layer wins per key and its origin is kept', () => {
      const m = mergeVarLayers([
        { origin: 'a', vars: { x: 1, y: 1 } },
        { origin: 'b', vars: { y: 2 } },
      ]);
      expect(m).to.deep.equal({ vars: { x: 1, y: 2 }, origins: { x: 'a', y: 'b' } });
    });
  });

  describe('groupMergeOrder', () => {
    it('GIVEN groups WHEN ordered THEN by depth, then priority, then name', () => {
      const order = groupMergeOrder([
        { name: 'b', depth: 2, priority: 1 },
        { name: 'a', depth: 2, priority: 1 },
        { name: 'z', depth: 1, priority: 1 },
        { name: 'c', depth: 2, priority: 0 },
      ]).map((g) => g.name);
      expect(order).to.deep.equal(['z', 'c', 'a', 'b']);
    });
  });
});
