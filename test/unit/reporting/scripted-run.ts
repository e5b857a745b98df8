// A scripted run shared by the reporting tests: h1 changes, h2 fails a task, h3 is unreachable.

import type { ErrorInfo, RunEvent } from '../../../src/reporting/events.ts';

export const taskFailure: ErrorInfo = {
  code: 'TASK_FAILED',
  message: 'systemctl restart nginx exited 1\nJob for nginx.service failed',
  fix: 'run journalctl -u nginx on h2',
};

export const unreachable: ErrorInfo = {
  code: 'UNREACHABLE',
  message: 'connect ECONNREFUSED 10.0.0.3:22',
  fix: 'check that sshd listens on 10.0.0.3:22',
};

/** The events of one run, in the order the executor emits them. */
export function scriptedRun(check = false): RunEvent[] {
  const t = (
    host: string,
    task: string,
    status: 'ok' | 'changed' | 'skipped' | 'failed',
    extra: Partial<RunEvent> = {},
  ): RunEvent => ({ type: 'task', host, role: 'demo-web', task, status, steps: [], diffs: [], ...extra }) as RunEvent;
  return [
    { type: 'run-start', playbook: 'site.ts', hosts: ['h1', 'h2', 'h3'], check, runId: 'run-1' },
    { type: 'play-start', play: 'web', hosts: ['h1', 'h2', 'h3'] },
    { type: 'host-connected', host: 'h1' },
    { type: 'host-connected', host: 'h2' },
    { type: 'host-unreachable', host: 'h3', error: unreachable },
    { type: 'role-start', host: 'h1', role: 'demo-web' },
    { type: 'role-start', host: 'h2', role: 'demo-web' },
    t('h1', 'install nginx', 'ok'),
    t('h1', 'write index.html', 'changed', {
      steps: ['upload /var/www/index.html'],
      diffs: ['--- /var/www/index.html\n+++ /var/www/index.html\n@@ -1 +1 @@\n-old\n+new\n'],
    }),
    t('h1', 'debug page', 'skipped'),
    t('h2', 'install nginx', 'ok'),
    t('h2', 'write index.html', 'failed', { error: taskFailure }),
    { type: 'host-failed', host: 'h2', error: taskFailure },
    { type: 'handler', host: 'h1', role: 'demo-web', handler: 'reload nginx', status: 'changed' },
    { type: 'health', host: 'h1', role: 'demo-web', gate: 'http 200', passed: true, detail: '' },
    { type: 'role-end', host: 'h1', role: 'demo-web', changed: 2 },
  ];
}
