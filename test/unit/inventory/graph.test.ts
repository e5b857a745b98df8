import { expect } from 'chai';
import { inventoryJson, renderGraph } from '../../../src/inventory/graph.ts';
import { caught, fromYaml, PATTERN_INVENTORY } from './helpers.ts';

describe('inventory/graph', () => {
  const inv = fromYaml(PATTERN_INVENTORY);

  describe('GIVEN an inventory WHEN drawn with --graph', () => {
    it('THEN it matches ansible-inventory --graph: children, then hosts, sorted; all lists no hosts itself', () => {
      expect(renderGraph(inv)).to.equal(
        [
          '@all:',
          '  |--@db:',
          '  |  |--db-1',
          '  |  |--db-2',
          '  |--@empty:',
          '  |--@prod:',
          '  |  |--db-1',
          '  |  |--web-1',
          '  |--@ungrouped:',
          '  |  |--bastion',
          '  |--@web:',
          '  |  |--@canary:',
          '  |  |  |--web-3',
          '  |  |--web-1',
          '  |  |--web-2',
          '  |  |--web-3',
        ].join('\n'),
      );
    });
    it('THEN with a pattern only the selected hosts and the groups holding them are drawn', () => {
      expect(renderGraph(inv, 'canary:db-1')).to.equal(
        [
          '@all:',
          '  |--@db:',
          '  |  |--db-1',
          '  |--@prod:',
          '  |  |--db-1',
          '  |--@web:',
          '  |  |--@canary:',
          '  |  |  |--web-3',
          '  |  |--web-3',
        ].join('\n'),
      );
    });
    it('THEN a bad pattern is PATTERN_INVALID', () => {
      expect(caught(() => renderGraph(inv, 'nope')).code).to.equal('PATTERN_INVALID');
    });
  });

  describe('GIVEN a pattern WHEN the JSON view is asked for', () => {
    const view = inventoryJson(fromYaml(PATTERN_INVENTORY, { extraVars: { x: 1 } }), 'prod');
    it('THEN it lists the selected hosts with resolved settings and vars', () => {
      expect(Object.keys(view.hosts)).to.deep.equal(['web-1', 'db-1']);
      expect(view.hosts['web-1']).to.deep.equal({
        address: 'web-1',
        port: 22,
        user: 'me',
        become: false,
        identityFile: null,
        jump: null,
        proxyCommand: null,
        groups: ['all', 'prod', 'web'],
        vars: { x: 1 },
      });
    });
    it('THEN it lists only the groups holding a selected host, members narrowed', () => {
      expect(Object.keys(view.groups)).to.deep.equal(['all', 'web', 'db', 'prod']);
      expect(view.groups['web']).to.deep.equal({ hosts: ['web-1'], children: [], vars: {} });
      expect(view.groups['all']!.children).to.deep.equal(['web', 'db', 'prod']);
    });
    it('THEN it round-trips through JSON with the inventory-wide settings', () => {
      const parsed = JSON.parse(JSON.stringify(view)) as typeof view;
      expect(parsed).to.deep.include({
        pattern: 'prod',
        hostKeyPolicy: 'strict',
        knownHostsFile: '/home/me/.ssh/known_hosts',
      });
    });
  });
});
