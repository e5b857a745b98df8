// A role of 20 idempotent tasks, for the no-op re-run benchmark.

import {
  defineHandler,
  definePlaybook,
  defineRole,
  directory,
  file,
  kernelModule,
  managedBlock,
  systemdService,
  sysctl,
  systemdUnit,
} from 'orchestrate';

const restart = defineHandler({
  name: 'restart',
  action: systemdService({ name: 'bench-sleep', state: 'restarted' }),
});

const twenty = defineRole({
  name: 'twenty',
  tasks: (ctx) => [
    ...[1, 2, 3, 4].map((i) => ({ name: `dir ${i}`, action: directory({ path: `/opt/bench/d${i}`, mode: '0755' }) })),
    ...Array.from({ length: 10 }, (_, i) => ({
      name: `file ${i}`,
      action: file({
        path: `/opt/bench/d${(i % 4) + 1}/f${i}.pem`,
        content: `${ctx.host.name} ${i}\n`.repeat(40),
        mode: '0600',
      }),
    })),
    {
      name: 'sysctl',
      action: sysctl({
        file: '70-bench.conf',
        values: { 'net.ipv4.ip_forward': 1, 'net.ipv4.conf.all.forwarding': 1 },
      }),
    },
    { name: 'module', action: kernelModule({ name: 'br_netfilter' }) },
    {
      name: 'hosts block',
      action: managedBlock({
        path: '/etc/hosts',
        id: 'bench',
        block: ctx.playHosts.map((h) => `${h.address} ${h.name}`).join('\n'),
      }),
    },
    {
      name: 'unit',
      action: systemdUnit({
        name: 'bench-sleep.service',
        content: '[Service]\nExecStart=/bin/sleep infinity\n[Install]\nWantedBy=multi-user.target\n',
      }),
      notify: [restart],
    },
    { name: 'service', action: systemdService({ name: 'bench-sleep', enabled: true, state: 'started' }) },
    { name: 'config', action: file({ path: '/opt/bench/config', content: 'x=1\n' }), notify: [restart] },
  ],
  handlers: [restart],
});

export default definePlaybook({ name: 'noop20', plays: [{ name: 'bench', hosts: 'all', roles: [twenty] }] });
