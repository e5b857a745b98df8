// A test playbook: a role rolled out one host at a time (serial: 1) whose health gate fails on h1.

import { definePlaybook, defineRole } from '../../../src/executor/define.ts';
import { file } from '../../../src/modules/index.ts';

const gated = defineRole({
  name: 'gated',
  serial: 1,
  tasks: (ctx) => [
    {
      name: 'rollout marker',
      action: file({ path: '/var/lib/gatetest/version', content: `${String(ctx.host.vars['gate_version'] ?? 1)}\n` }),
    },
  ],
  health: () => ({ name: 'not on h1', check: 'test "$(hostname)" != h1', retries: 2, delayMs: 200 }),
});

export default definePlaybook({ name: 'serial-gate', plays: [{ name: 'gated', hosts: 'h1:h2', roles: [gated] }] });
