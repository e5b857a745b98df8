// containerd.service as upstream ships it: Delegate and KillMode=process keep containers
// running across a containerd restart; Type=notify makes `systemctl start` wait until it serves.

import { CONTAINERD_BIN } from './paths.ts';
import { execLine, renderUnitFile } from 'orchestrate';

/** Pure: the unit file. */
export function renderContainerdUnit(): string {
  return renderUnitFile({
    unit: [
      ['Description', 'containerd container runtime'],
      ['Documentation', 'https://containerd.io'],
      ['After', 'network.target local-fs.target'],
    ],
    service: [
      ['ExecStartPre', execLine(['/sbin/modprobe', 'overlay'], '-')],
      ['ExecStart', execLine([CONTAINERD_BIN])],
      ['Type', 'notify'],
      ['Delegate', 'yes'],
      ['KillMode', 'process'],
      ['Restart', 'always'],
      ['RestartSec', '5'],
      ['LimitNPROC', 'infinity'],
      ['LimitCORE', 'infinity'],
      ['LimitNOFILE', '1048576'],
      ['TasksMax', 'infinity'],
      ['OOMScoreAdjust', '-999'],
    ],
    install: [['WantedBy', 'multi-user.target']],
  });
}
