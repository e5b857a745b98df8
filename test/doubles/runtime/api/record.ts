// requests.jsonl: every API request the apiserver double answered, one JSON object a line.

import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** One recorded request (what e2e tests read back). */
export interface RecordedRequest {
  readonly time: string;
  readonly method: string;
  /** Path without the query, %-escapes decoded. */
  readonly path: string;
  readonly query: Record<string, string>;
  readonly contentType?: string;
  readonly fieldManager?: string;
  readonly user: string;
  readonly groups: readonly string[];
  readonly status: number;
  /** Parsed JSON/YAML body, or the raw text when it did not parse. */
  readonly body?: unknown;
}

/** Appends to <dir>/requests.jsonl (synchronously: a test may read it the moment the reply arrives). */
export class RequestLog {
  readonly file: string;

  constructor(dir: string) {
    mkdirSync(dir, { recursive: true });
    this.file = join(dir, 'requests.jsonl');
  }

  write(r: RecordedRequest): void {
    appendFileSync(this.file, `${JSON.stringify(r)}\n`);
  }
}
