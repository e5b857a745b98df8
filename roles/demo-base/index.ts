// demo-base: the host-level modules (packages, sysctl, kernel module, managed block, route, guarded command).

import { z } from 'zod';
import { defineRole, aptPackage, command, directory, kernelModule, managedBlock, route, sysctl } from 'orchestrate';

export const demoBaseVars = z.object({
  /** Packages that must be present (the lab's hosts have no route to a mirror: keep these preinstalled ones). */
  demo_packages: z.array(z.string()).default(['socat', 'iproute2', 'procps']),
  /** A route every host gets, via its default gateway (a documentation range: nothing is sent there). */
  demo_route: z.string().default('198.51.100.0/24'),
});

export const demoBase = defineRole({
  name: 'demo-base',
  vars: demoBaseVars,
  tags: ['base'],
  taskTags: ['init'],
  tasks: (ctx) => {
    const gateway = ctx.facts.defaultRoute?.gateway;
    return [
      { name: 'packages present', action: aptPackage({ names: ctx.vars.demo_packages }) },
      { name: 'state directory', action: directory({ path: '/var/lib/demo', mode: '0755' }) },
      { name: 'forwarding on', action: sysctl({ file: '60-demo.conf', values: { 'net.ipv4.ip_forward': 1 } }) },
      { name: 'br_netfilter loaded', action: kernelModule({ name: 'br_netfilter' }) },
      {
        name: 'every play host in /etc/hosts',
        // Built from the inventory, not from the hosts in --limit: other hosts stay known.
        action: managedBlock({
          path: '/etc/hosts',
          id: 'demo',
          block: ctx.playHosts.map((h) => `${h.address} ${h.name}`).join('\n'),
        }),
      },
      {
        name: 'route to the demo range',
        action: route({ dst: ctx.vars.demo_route, via: gateway ?? '0.0.0.0' }),
        when: gateway !== undefined,
      },
      {
        name: 'initialise once',
        action: command({ run: 'date -u +%FT%TZ > /var/lib/demo/initialized', creates: '/var/lib/demo/initialized' }),
        tags: ['init'],
      },
    ];
  },
});
