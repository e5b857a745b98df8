// Mounts the lab makes (overlays, the containerd disk), and taking every one of them down again.

import { readFile } from 'node:fs/promises';
import { run, runOk } from './proc.ts';

/** Pure: a /proc/self/mountinfo field with its octal escapes (\040 for a space) decoded. */
export function unescapeMountField(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
}

/** Pure: mount points listed in /proc/self/mountinfo text (octal escapes decoded), in mount order. */
export function parseMountinfo(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const field = line.split(' ')[4];
    if (field) out.push(unescapeMountField(field));
  }
  return out;
}

/** Pure: mount points at or below dir, deepest (latest) first: the order to unmount them. */
export function mountsUnder(points: readonly string[], dir: string): string[] {
  const base = dir.replace(/\/+$/, '');
  const hits = points.filter((p) => p === base || p.startsWith(`${base}/`));
  return [...new Set(hits.reverse())].sort((a, b) => b.split('/').length - a.split('/').length);
}

/** Current mount points at or below dir, deepest first. */
export async function currentMountsUnder(dir: string): Promise<string[]> {
  return mountsUnder(parseMountinfo(await readFile('/proc/self/mountinfo', 'utf8')), dir);
}

/** Mounts an overlay of lower (read-only base) and a host's upper/work at merged. */
export async function mountOverlay(lower: string, upper: string, work: string, merged: string): Promise<void> {
  const opts = `lowerdir=${lower},upperdir=${upper},workdir=${work}`;
  await runOk(['mount', '-t', 'overlay', 'overlay', '-o', opts, merged]);
}

/** True when path is itself a mount point. */
export async function isMounted(path: string): Promise<boolean> {
  return (await currentMountsUnder(path)).includes(path.replace(/\/+$/, ''));
}

/** Unmounts everything at or below dir; a busy mount is retried, then detached lazily. */
export async function unmountUnder(dir: string): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const points = await currentMountsUnder(dir);
    if (points.length === 0) return;
    for (const p of points) await run(['umount', p]);
    if (attempt >= 10) for (const p of await currentMountsUnder(dir)) await run(['umount', '-l', p]);
    if ((await currentMountsUnder(dir)).length) await new Promise((r) => setTimeout(r, 250));
  }
  const left = await currentMountsUnder(dir);
  if (left.length) await runOk(['umount', '-l', ...left]);
}
