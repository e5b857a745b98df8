// Everything the executor reports, as typed events; renderers, the logger and the recap listen.

export type TaskStatus = 'ok' | 'changed' | 'skipped' | 'failed';

export interface ErrorInfo {
  readonly code: string;
  readonly message: string;
  readonly fix: string | undefined;
}

export type RunEvent =
  | { type: 'run-start'; playbook: string; hosts: string[]; check: boolean; runId: string }
  | { type: 'play-start'; play: string; hosts: string[] }
  | { type: 'host-connected'; host: string }
  | { type: 'role-start'; host: string; role: string }
  | {
      type: 'task';
      host: string;
      role: string;
      task: string;
      status: TaskStatus;
      /** Summaries of the steps planned (check) or applied. */
      steps: string[];
      /** Unified diffs, secrets masked (only with --diff). */
      diffs: string[];
      error?: ErrorInfo;
    }
  | { type: 'handler'; host: string; role: string; handler: string; status: TaskStatus }
  | { type: 'health'; host: string; role: string; gate: string; passed: boolean; detail: string }
  | { type: 'role-end'; host: string; role: string; changed: number }
  | { type: 'host-failed'; host: string; error: ErrorInfo }
  | { type: 'host-unreachable'; host: string; error: ErrorInfo }
  | { type: 'run-end'; recap: Recap };

export interface HostRecap {
  ok: number;
  changed: number;
  failed: number;
  skipped: number;
  unreachable: boolean;
  /** Exec requests made on this host's connection (round trips). */
  roundTrips: number;
}

export interface Recap {
  ok: boolean;
  check: boolean;
  hosts: Record<string, HostRecap>;
  changes: { host: string; role: string; task: string }[];
}

export type EventSink = (event: RunEvent) => void;
