// A tiny typed event bus: the executor emits once, every reporter (renderer, log, recap) listens.

import type { EventSink, RunEvent } from './events.ts';

export interface Bus {
  /** Delivers the event to every listener, in subscription order, synchronously. */
  readonly emit: EventSink;
  /** Subscribes a listener; returns the function that unsubscribes it. */
  on(sink: EventSink): () => void;
}

/** Called when a listener throws; the run goes on and the listener stays subscribed. */
export type ListenerErrorHandler = (err: unknown, event: RunEvent) => void;

/** Creates a bus; a throwing listener never breaks the run (its error goes to onError). */
export function createBus(onError: ListenerErrorHandler = () => {}): Bus {
  let sinks: readonly EventSink[] = [];
  const emit: EventSink = (event) => {
    // Iterate over a snapshot so (un)subscribing inside a listener is safe.
    for (const sink of sinks) {
      try {
        sink(event);
      } catch (err) {
        try {
          onError(err, event);
        } catch {
          // The error handler itself must not break the run either.
        }
      }
    }
  };
  const on = (sink: EventSink): (() => void) => {
    sinks = [...sinks, sink];
    return () => {
      sinks = sinks.filter((s) => s !== sink);
    };
  };
  return { emit, on };
}
