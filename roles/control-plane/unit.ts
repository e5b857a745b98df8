// The systemd unit of a control-plane component (KTHW's [Unit]/[Service]/[Install] shape, shared by all three).

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

/** Pure: one ExecStart word as systemd reads it: `%` and `$` doubled, quoted when it has blanks or quotes. */
export function systemdWord(word: string): string {
  const escaped = word.replace(/%/g, '%%').replace(/\$/g, '$$$$');
  if (!/[\s"'\\;]/.test(escaped) && escaped !== '') return escaped;
  return `"${escaped.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Pure: the unit file, one flag per continued line. */
export function renderComponentUnit(u: ComponentUnit): string {
  const words = [u.binary, ...u.args].map(systemdWord);
  return [
    '[Unit]',
    `Description=${u.description}`,
    'Documentation=https://github.com/kubernetes/kubernetes',
    '',
    '[Service]',
    `ExecStart=${words.map((w, i) => `${i === 0 ? '' : '  '}${w}${i < words.length - 1 ? ' \\' : ''}`).join('\n')}`,
    'Restart=on-failure',
    'RestartSec=5',
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    '',
  ].join('\n');
}
