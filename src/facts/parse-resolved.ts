// systemd-resolved state: is it running, and is /etc/resolv.conf its loopback stub.

import { posix } from 'node:path';
import type { ResolvConf } from './types.ts';

// Loopback listeners of systemd-resolved: the stub (127.0.0.53) and, since v247, the proxy (127.0.0.54).
const STUB_NAMESERVERS = new Set(['127.0.0.53', '127.0.0.54']);

// Files resolved writes under /run/systemd/resolve that carry its stub address.
const STUB_FILES = new Set(['/run/systemd/resolve/stub-resolv.conf', '/run/systemd/resolve/resolv.conf.stub']);

/** `systemctl is-active` prints "active" (or "reloading") for a running unit; anything else is not. */
export function parseIsActive(text: string): boolean {
  const state = text.trim().split('\n')[0]?.trim();
  return state === 'active' || state === 'reloading';
}

/**
 * Resolves the symlink target readlink printed: `readlink -f` gives an absolute path; the plain
 * readlink fallback may give one relative to /etc. Empty (not a symlink) gives undefined.
 */
export function resolveLinkTarget(path: string, text: string): string | undefined {
  const t = text.trim().split('\n')[0]?.trim() ?? '';
  if (t === '') return undefined;
  const abs = posix.resolve(posix.dirname(path), t);
  return abs === path ? undefined : abs;
}

/**
 * /etc/resolv.conf is the resolved stub when it links to a stub file, or names a stub address:
 * pods given this file would loop DNS back to themselves (docs/kthw.md#coredns-loop).
 */
export function isResolvedStub(conf: ResolvConf): boolean {
  if (conf.target !== undefined && STUB_FILES.has(conf.target)) return true;
  return conf.nameservers.some((ns) => STUB_NAMESERVERS.has(ns));
}
