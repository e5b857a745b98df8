// A test playbook whose one task logs its start and end on the host around a sleep: for lock tests.

import { definePlaybook, defineRole } from '../../../src/executor/define.ts';
import { command } from '../../../src/modules/index.ts';
import { sh } from '../../../src/shell/quote.ts';

const interleave = defineRole({
  name: 'interleave',
  tasks: (ctx) => [
    {
      name: 'logged work',
      action: command({
        run: sh`mkdir -p /var/lib/interleave; tag=${String(ctx.host.vars['run_tag'] ?? 'x')}; echo "start $tag $(date +%s%N)" >> /var/lib/interleave/log; sleep ${Number(ctx.host.vars['run_secs'] ?? 3)}; echo "end $tag $(date +%s%N)" >> /var/lib/interleave/log`,
      }),
    },
  ],
});

export default definePlaybook({
  name: 'interleave',
  plays: [{ name: 'interleave', hosts: 'all', roles: [interleave] }],
});
