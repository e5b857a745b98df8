// Swap stays off across reboots: swap lines of /etc/fstab commented out (the kubelet's failSwapOn defaults to true).

/** The prefix put before a disabled line, so the operator sees who did it (and a re-run recognizes it). */
export const DISABLED_PREFIX = '#swapoff(orchestrate)# ';

/** True for an active fstab entry whose type (3rd field) is swap. */
export function isSwapLine(line: string): boolean {
  const t = line.trim();
  if (t === '' || t.startsWith('#')) return false;
  return t.split(/\s+/)[2] === 'swap';
}

/** Pure: the fstab text with every active swap entry commented out; the same text when there is none. */
export function withoutSwap(text: string): string {
  if (!text.split('\n').some(isSwapLine)) return text;
  return text
    .split('\n')
    .map((l) => (isSwapLine(l) ? `${DISABLED_PREFIX}${l}` : l))
    .join('\n');
}
