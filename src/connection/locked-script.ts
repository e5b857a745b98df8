// A script run on the host lock's channel once the lock is held: how it is started and read back.

import { sh } from '../shell/quote.ts';

export const RAN_MARKER = '__orchestrate_ran__';
const TAIL = new RegExp(`\\n${RAN_MARKER} (\\d+)\\n$`);

/**
 * Shell that reads exactly `bytes` of script from stdin (the rest of stdin keeps the lock), runs
 * it under GNU timeout as exec() does, then prints RAN_MARKER and its exit status on its own line.
 */
export function lockedScriptShell(bytes: number, timeoutMs: number): string {
  const secs = Math.ceil(timeoutMs / 1000) + 1;
  return sh`head -c ${bytes} | timeout -k 5 ${secs} sh -s; printf '\n%s %s\n' ${RAN_MARKER} "$?"`;
}

/** Collects the script's stdout; push() returns its exit status once the closing marker arrived. */
export class LockedScriptReader {
  readonly #chunks: Buffer[] = [];
  #size = 0;
  #end = -1;

  push(chunk: Buffer): number | undefined {
    this.#chunks.push(chunk);
    this.#size += chunk.length;
    // Nothing follows the marker (the channel then only waits), so it is always at the very end.
    const tail = this.#tail(64);
    const m = TAIL.exec(tail);
    if (!m) return undefined;
    this.#end = this.#size - (tail.length - m.index);
    return Number(m[1]);
  }

  /** The script's stdout, exactly as it printed it. */
  output(): string {
    return Buffer.concat(this.#chunks).subarray(0, this.#end).toString('utf8');
  }

  /** The last n bytes received, as latin1 (byte offsets equal string offsets). */
  #tail(n: number): string {
    const parts: Buffer[] = [];
    let have = 0;
    for (let i = this.#chunks.length - 1; i >= 0 && have < n; i--) {
      parts.unshift(this.#chunks[i]!);
      have += this.#chunks[i]!.length;
    }
    const joined = Buffer.concat(parts);
    return joined.subarray(Math.max(0, joined.length - n)).toString('latin1');
  }
}
