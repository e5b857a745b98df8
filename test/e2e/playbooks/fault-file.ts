// A test playbook that writes one file whose size and content come from vars: for the disk-full test.

import { definePlaybook, defineRole } from '../../../src/executor/define.ts';
import { file } from '../../../src/modules/index.ts';

const faultFile = defineRole({
  name: 'fault-file',
  tasks: (ctx) => [
    {
      name: 'data file',
      action: file({
        path: '/srv/faulttest/data',
        content: `version ${String(ctx.host.vars['fault_version'] ?? 1)}\n`.repeat(
          Number(ctx.host.vars['fault_lines'] ?? 1),
        ),
      }),
    },
  ],
});

export default definePlaybook({
  name: 'fault-file',
  plays: [{ name: 'fault file', hosts: 'all', roles: [faultFile] }],
});
