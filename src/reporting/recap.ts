// The recap is computed from events (never asserted by the executor): counts per host and the changes.

import { mask } from '../secret.ts';
import type { EventSink, HostRecap, Recap, RunEvent } from './events.ts';
import { paint } from './paint.ts';

export interface RecapCollector {
  /** Attach with bus.on(collector.sink); run-end events are ignored (they carry our output). */
  readonly sink: EventSink;
  /** The executor fills in exec requests made on a host's connection. */
  setRoundTrips(host: string, n: number): void;
  /** A snapshot of the recap so far. */
  recap(): Recap;
  /** The live counters of one host (read-only; cheap, for renderers). */
  host(name: string): Readonly<HostRecap> | undefined;
}

const emptyHost = (): HostRecap => ({
  ok: 0,
  changed: 0,
  failed: 0,
  skipped: 0,
  unreachable: false,
  roundTrips: 0,
});

/** Accumulates a Recap from events: handlers that ran count as changed; a failed host counts once at least. */
export function createRecapCollector(): RecapCollector {
  const hosts = new Map<string, HostRecap>();
  const changes: Recap['changes'] = [];
  let check = false;
  const hostOf = (name: string): HostRecap => {
    let h = hosts.get(name);
    if (!h) hosts.set(name, (h = emptyHost()));
    return h;
  };

  const sink: EventSink = (e: RunEvent) => {
    switch (e.type) {
      case 'run-start':
        check = e.check;
        for (const name of e.hosts) hostOf(name);
        return;
      case 'task': {
        const h = hostOf(e.host);
        h[e.status] += 1;
        if (e.status === 'changed') changes.push({ host: e.host, role: e.role, task: e.task });
        return;
      }
      case 'handler': {
        const h = hostOf(e.host);
        if (e.status === 'failed') h.failed += 1;
        else if (e.status === 'skipped') h.skipped += 1;
        else {
          // A handler that ran (a restart, a reload) is a change on the host.
          h.changed += 1;
          changes.push({ host: e.host, role: e.role, task: `handler: ${e.handler}` });
        }
        return;
      }
      case 'host-failed': {
        const h = hostOf(e.host);
        // Failures outside a task (lock held, health gate, become) still mark the host failed.
        if (h.failed === 0) h.failed = 1;
        return;
      }
      case 'host-unreachable':
        hostOf(e.host).unreachable = true;
        return;
      case 'play-start':
      case 'host-connected':
      case 'role-start':
      case 'health':
      case 'role-end':
      case 'run-end':
        return;
    }
  };

  const recap = (): Recap => {
    const out: Record<string, HostRecap> = {};
    for (const [name, h] of hosts) out[name] = { ...h };
    const ok = [...hosts.values()].every((h) => h.failed === 0 && !h.unreachable);
    return { ok, check, hosts: out, changes: changes.map((c) => ({ ...c })) };
  };

  return {
    sink,
    setRoundTrips: (host, n) => void (hostOf(host).roundTrips = n),
    recap,
    host: (name) => hosts.get(name),
  };
}

/** Builds the Recap of a finished sequence of events (tests, replays of a run log). */
export function buildRecap(events: Iterable<RunEvent>): Recap {
  const c = createRecapCollector();
  for (const e of events) c.sink(e);
  return c.recap();
}

/** Hosts that failed or were unreachable: the content of the retry file. */
export function failedHosts(recap: Recap): string[] {
  return Object.entries(recap.hosts)
    .filter(([, h]) => h.failed > 0 || h.unreachable)
    .map(([name]) => name);
}

/** The Ansible-like PLAY RECAP table, plus rt=N round trips; masked. */
export function formatRecap(recap: Recap, opts: { color?: boolean } = {}): string {
  const p = paint(opts.color ?? false);
  const names = Object.keys(recap.hosts);
  const width = Math.max(26, ...names.map((n) => n.length));
  const field = (label: string, n: number, on: (s: string) => string) => {
    const text = `${label}=${n}`.padEnd(label.length + 5);
    return n > 0 ? on(text) : text;
  };
  const title = recap.check ? 'PLAY RECAP (check mode) ' : 'PLAY RECAP ';
  const lines = [title.padEnd(79, '*')];
  for (const name of names) {
    const h = recap.hosts[name]!;
    const hostColor = h.failed > 0 || h.unreachable ? p.red : h.changed > 0 ? p.yellow : p.green;
    lines.push(
      [
        `${hostColor(name.padEnd(width))} :`,
        field('ok', h.ok, p.green),
        field('changed', h.changed, p.yellow),
        field('unreachable', h.unreachable ? 1 : 0, p.red),
        field('failed', h.failed, p.red),
        field('skipped', h.skipped, p.cyan),
        `rt=${h.roundTrips}`,
      ].join(' '),
    );
  }
  return mask(lines.join('\n'));
}
