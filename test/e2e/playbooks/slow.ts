// A test playbook with a change, a slow step and a handler: for crash and lock tests.

import { defineHandler, definePlaybook, defineRole } from '../../../src/executor/define.ts';
import { command, directory, file } from '../../../src/modules/index.ts';

const recordRestart = defineHandler({
  name: 'record restart',
  action: command({ run: 'date +%s%N >> /var/lib/slowtest/restarts' }),
});

const slow = defineRole({
  name: 'slow',
  tasks: (ctx) => [
    { name: 'work dir', action: directory({ path: '/var/lib/slowtest' }) },
    {
      name: 'config',
      action: file({
        path: '/var/lib/slowtest/config',
        content: `version ${String(ctx.host.vars['slow_version'] ?? 1)}\n`,
      }),
      notify: [recordRestart],
    },
    {
      name: 'slow step',
      action: command({ run: 'sleep 4; touch /var/lib/slowtest/slept', creates: '/var/lib/slowtest/slept' }),
    },
  ],
  handlers: [recordRestart],
});

export default definePlaybook({ name: 'slow', plays: [{ name: 'slow', hosts: 'all', roles: [slow] }] });
