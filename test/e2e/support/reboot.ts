// Guest reboots for persistence tests: `systemctl reboot` inside the host, then wait until it is back.

import { setTimeout as sleep } from 'node:timers/promises';
import { labSshRun, waitReady } from '../../../src/lab/index.ts';

/** /run is a tmpfs: the marker is gone only once the host really went down and came back. */
const MARKER = '/run/orchestrate-e2e-before-reboot';

/** Reboots one host from inside and resolves when it has booted again and is ready. */
export async function rebootHost(lab: string, host: string, timeoutMs = 120_000): Promise<void> {
  const marked = await labSshRun(lab, host, `touch ${MARKER}`);
  if (marked.code !== 0) throw new Error(`on ${host}: cannot write ${MARKER}: ${marked.stderr}`);
  // The connection may drop before ssh reports a status: any exit is fine here.
  await labSshRun(lab, host, 'systemctl reboot', 15_000);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await labSshRun(lab, host, `[ ! -e ${MARKER} ]`, 10_000).catch(() => ({ code: 255 }));
    if (r.code === 0) break;
    if (Date.now() > deadline) throw new Error(`${host} did not come back from a reboot within ${timeoutMs} ms`);
    await sleep(300);
  }
  await waitReady(lab, host);
}
