// A test playbook with a change, a long step and a handler: the window fault tests break a host in.

import { defineHandler, definePlaybook, defineRole } from '../../../src/executor/define.ts';
import { command, directory, file } from '../../../src/modules/index.ts';

const recordRestart = defineHandler({
  name: 'record restart',
  action: command({ run: 'date +%s%N >> /var/lib/faultslow/restarts' }),
});

const faultSlow = defineRole({
  name: 'fault-slow',
  tasks: (ctx) => [
    { name: 'work dir', action: directory({ path: '/var/lib/faultslow' }) },
    {
      name: 'config',
      action: file({
        path: '/var/lib/faultslow/config',
        content: `version ${String(ctx.host.vars['slow_version'] ?? 1)}\n`,
      }),
      notify: [recordRestart],
    },
    {
      name: 'long step',
      action: command({ run: 'sleep 12; touch /var/lib/faultslow/slept', creates: '/var/lib/faultslow/slept' }),
    },
  ],
  handlers: [recordRestart],
});

export default definePlaybook({
  name: 'fault-slow',
  plays: [{ name: 'fault slow', hosts: 'all', roles: [faultSlow] }],
});
