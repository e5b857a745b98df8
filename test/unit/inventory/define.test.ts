import { expect } from 'chai';
import { defineInventory } from '../../../src/inventory/define.ts';
import { fromSpec } from './helpers.ts';

interface ClusterVars {
  podCidr: string;
  workers: number;
}

describe('inventory/define', () => {
  describe('GIVEN a spec WHEN defined THEN it is wrapped for the loader, unchanged', () => {
    it('THEN kind and spec are set and frozen', () => {
      const spec = { hosts: { a: { port: 2200 } } };
      const defined = defineInventory(spec);
      expect(defined).to.deep.equal({ kind: 'orchestrate.inventory', spec });
      expect(Object.isFrozen(defined)).to.equal(true);
    });
    it('THEN the loader builds it like a plain spec', () => {
      const inv = fromSpec(
        defineInventory<ClusterVars>({
          vars: { podCidr: '10.200.0.0/16' },
          hosts: { a: { vars: { workers: 2 } } },
        }) as never,
      );
      expect(inv.hosts.get('a')!.vars).to.deep.equal({ podCidr: '10.200.0.0/16', workers: 2 });
    });
  });

  describe('GIVEN a vars type WHEN a spec is checked by tsc', () => {
    it('THEN wrong vars do not compile (the @ts-expect-error lines are the test)', () => {
      defineInventory<ClusterVars>({
        vars: { podCidr: '10.200.0.0/16', ansible_user: 'admin' },
        groups: {
          // @ts-expect-error workers must be a number
          workers: { vars: { workers: 'three' } },
          // @ts-expect-error unknown var for this inventory
          extra: { vars: { podCIDR: 'typo' } },
        },
        // @ts-expect-error hostKeyPolicy is strict | accept-new
        hostKeyPolicy: 'off',
      });
      // Without a type argument, any vars are accepted (V is never inferred from the first vars map).
      defineInventory({ vars: { a: 1 }, hosts: { h: { vars: { b: 'x' } } } });
      // @ts-expect-error port is a number
      defineInventory({ hosts: { h: { port: '22' } } });
      expect(true).to.equal(true);
    });
  });
});
