// How a double fails: one named error, printed on stderr the way the real binary prints, exit 1.

/** A configuration problem the double found; its message is what the journal shows. */
export class DoubleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DoubleError';
  }
}

/** Collects every problem of a check phase, so one run reports all of them, not just the first. */
export class Problems {
  readonly list: string[] = [];

  /** Runs a check; a DoubleError (or any error) becomes one line, prefixed with what was checked. */
  check(what: string, fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.list.push(`${what}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  async checkAsync(what: string, fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (e) {
      this.list.push(`${what}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  add(line: string): void {
    this.list.push(line);
  }

  /** Throws one DoubleError listing every problem, when there is any. */
  throwIfAny(): void {
    if (this.list.length === 1) throw new DoubleError(this.list[0]!);
    if (this.list.length > 1) throw new DoubleError(`${this.list.length} problems:\n  ${this.list.join('\n  ')}`);
  }
}

/** One line on stderr (the journal), klog-ish: W for warnings, I for info. */
export function logLine(level: 'I' | 'W' | 'E', component: string, msg: string): void {
  process.stderr.write(`${level} ${new Date().toISOString()} ${component}[double] ${msg}\n`);
}
