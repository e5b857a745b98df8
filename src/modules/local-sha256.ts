// The control machine's side of artifacts: a streaming sha256 of a local file (kept out of planners).

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** sha256 hex of a local file, streamed so large binaries never sit in memory. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
