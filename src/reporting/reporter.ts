// The shape every reporter shares, so the CLI attaches any of them the same way and awaits its end.

import type { EventSink } from './events.ts';

export interface Reporter {
  /** Attach with bus.on(reporter.sink). */
  readonly sink: EventSink;
  /** Finishes output (stops the live view, flushes and closes files); safe to call twice. */
  end(): Promise<void>;
}
