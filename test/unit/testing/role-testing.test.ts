// 'orchestrate/testing': a role's tasks and plans without hosts, as a role author uses it (through the
// package's name), on the demo-base role.

import { expect } from 'chai';
import { OrchestrateError, defineRole, file } from 'orchestrate';
import {
  planTask,
  roleContext,
  roleHealth,
  rolePlan,
  roleTasks,
  sampleFacts,
  taskProbe,
  testInventory,
} from 'orchestrate/testing';
import { demoBase } from '../../../roles/demo-base/index.ts';

const GATEWAY = sampleFacts({
  defaultRoute: { dst: 'default', gateway: '10.240.0.1', dev: 'eth0', src: undefined },
});
const byName = <T extends { name: string }>(tasks: readonly T[], name: string): T =>
  tasks.find((t) => t.name === name)!;

describe('orchestrate/testing: a role without hosts', () => {
  it('GIVEN no options THEN the tasks for one host h1 with Debian 12 facts and the schema’s default vars', () => {
    const tasks = roleTasks(demoBase);
    expect(tasks.map((t) => t.name)).to.deep.equal([
      'packages present',
      'state directory',
      'forwarding on',
      'br_netfilter loaded',
      'every play host in /etc/hosts',
      'route to the demo range',
      'initialise once',
    ]);
    expect(byName(tasks, 'packages present').action.params).to.deep.include({ names: ['socat', 'iproute2', 'procps'] });
    // The sample facts have no default route: the route task is skipped.
    expect(byName(tasks, 'route to the demo range').when).to.equal(false);
  });

  it('GIVEN facts, vars and an inventory THEN the tasks follow them', () => {
    const inventory = testInventory({ hosts: { web1: { address: '10.0.0.11' }, web2: { address: '10.0.0.12' } } });
    const tasks = roleTasks(demoBase, { inventory, host: 'web2', facts: GATEWAY, vars: { demo_packages: ['jq'] } });
    expect(byName(tasks, 'packages present').action.params).to.deep.include({ names: ['jq'] });
    expect(byName(tasks, 'route to the demo range').when).to.equal(true);
    expect(byName(tasks, 'every play host in /etc/hosts').action.params).to.deep.include({
      block: '10.0.0.11 web1\n10.0.0.12 web2',
    });
    expect(roleContext(demoBase, { inventory, host: 'web2' }).host.name).to.equal('web2');
  });

  it('GIVEN vars the role’s schema refuses THEN its error; an unknown host THEN INVENTORY_INVALID', () => {
    expect(() => roleTasks(demoBase, { vars: { demo_packages: 'jq' } })).to.throw(/demo_packages/);
    expect(() => roleTasks(demoBase, { host: 'nope' }))
      .to.throw(OrchestrateError)
      .with.property('code', 'INVENTORY_INVALID');
  });

  it('GIVEN what a probe printed THEN the task’s plan: steps to take, or none', () => {
    const dir = byName(roleTasks(demoBase), 'state directory');
    expect(taskProbe(dir)).to.contain('/var/lib/demo');
    const absent = planTask(dir, 'type=absent\nparent=yes\n');
    expect(absent.map((s) => s.summary)).to.deep.equal(['mkdir -p /var/lib/demo', 'chmod 0755 /var/lib/demo']);
    const there = 'type=directory\nparent=yes\nmode=755\nuid=0\nowner=root\ngid=0\ngroup=root\nsize=4096\n';
    expect(planTask(dir, there)).to.deep.equal([]);
  });

  it('GIVEN probe outputs by task name THEN the role’s plan; a task without one is named', () => {
    const outputs = { 'state directory': 'type=absent\nparent=yes\n' };
    const one = {
      ...demoBase,
      tasks: (ctx: Parameters<typeof demoBase.tasks>[0]) => [byName(demoBase.tasks(ctx, undefined), 'state directory')],
    };
    const plan = rolePlan(one, outputs);
    expect(plan.map((p) => [p.task.name, p.steps.length])).to.deep.equal([['state directory', 2]]);
    expect(() => rolePlan(demoBase, outputs))
      .to.throw(OrchestrateError)
      .with.property('message', 'no probe output given for task "packages present"');
  });

  it('GIVEN a role with a context THEN roleTasks and roleHealth hand what it derives on that host to tasks and health', () => {
    const role = defineRole({
      name: 'ctx',
      context: (ctx) => ({ path: `/etc/${ctx.host.name}.conf` }),
      tasks: (_ctx, c) => [{ name: 'conf', action: file({ path: c.path, content: 'x\n' }) }],
      health: (_ctx, c) => ({ name: 'conf there', check: `test -f ${c.path}`, retries: 1, delayMs: 0 }),
    });
    const inventory = testInventory({ hosts: { web1: {} } });
    expect(roleTasks(role, { inventory })[0]!.action.params).to.deep.include({ path: '/etc/web1.conf' });
    expect(roleHealth(role, { inventory })?.check).to.equal('test -f /etc/web1.conf');
  });
});
