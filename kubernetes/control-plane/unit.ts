// The systemd unit of a control-plane component (KTHW's [Unit]/[Service]/[Install] shape, shared by all three).

import { execLines, renderUnitFile } from 'orchestrate';

/** Where the components' binaries are installed (as in KTHW). */
export const BIN_DIR = '/usr/local/bin';

/** What differs between the three units. */
export interface ComponentUnit {
  /** "Kubernetes API Server" | "Kubernetes Controller Manager" | "Kubernetes Scheduler". */
  readonly description: string;
  /** Absolute path of the binary. */
  readonly binary: string;
  /** renderFlags() output: one word each. */
  readonly args: readonly string[];
}

/** Pure: the unit file, one flag per continued line. */
export function renderComponentUnit(u: ComponentUnit): string {
  return renderUnitFile({
    unit: [
      ['Description', u.description],
      ['Documentation', 'https://github.com/kubernetes/kubernetes'],
    ],
    service: [
      ['ExecStart', execLines(u.binary, u.args)],
      ['Restart', 'on-failure'],
      ['RestartSec', '5'],
    ],
    install: [['WantedBy', 'multi-user.target']],
  });
}
