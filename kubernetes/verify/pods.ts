// Pure readers of Pod and Deployment JSON: which pod runs, and if none, the first reason the API gives.

export interface PodView {
  readonly name: string;
  readonly phase: string;
  readonly node: string | undefined;
  readonly ip: string | undefined;
  readonly labels: Readonly<Record<string, string>>;
  /** PodScheduled=False: "reason: message". */
  readonly unschedulable: string | undefined;
  /** A container waiting or terminated: "reason: message". */
  readonly container: string | undefined;
}

interface PodJson {
  metadata?: { name?: string; labels?: Record<string, string> };
  spec?: { nodeName?: string };
  status?: {
    phase?: string;
    podIP?: string;
    conditions?: { type?: string; status?: string; reason?: string; message?: string }[];
    containerStatuses?: {
      state?: Record<string, { reason?: string; message?: string; exitCode?: number } | undefined>;
    }[];
  };
}

const why = (reason?: string, message?: string): string | undefined =>
  reason || message ? [reason, message].filter(Boolean).join(': ') : undefined;

/** One Pod object as the tests need it. */
export function podView(json: unknown): PodView | undefined {
  const p = json as PodJson | undefined;
  const name = p?.metadata?.name;
  if (typeof name !== 'string') return undefined;
  const sched = p?.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False');
  const states = (p?.status?.containerStatuses ?? []).map((c) => c.state?.['waiting'] ?? c.state?.['terminated']);
  const stuck = states.find((s) => s !== undefined && (s.reason || s.message));
  return {
    name,
    phase: p?.status?.phase ?? 'Unknown',
    node: p?.spec?.nodeName || undefined,
    ip: p?.status?.podIP || undefined,
    labels: p?.metadata?.labels ?? {},
    unschedulable: sched ? why(sched.reason, sched.message) : undefined,
    container: stuck ? why(stuck.reason, stuck.message) : undefined,
  };
}

/** The pods of a PodList that carry every given label (an API that ignores labelSelector is filtered here). */
export function podsWithLabels(list: unknown, labels: Readonly<Record<string, string>>): PodView[] {
  const items = (list as { items?: unknown[] } | undefined)?.items ?? [];
  return items
    .map(podView)
    .filter((p): p is PodView => p !== undefined && Object.entries(labels).every(([k, v]) => p.labels[k] === v));
}

export interface DeploymentView {
  readonly observed: boolean;
  readonly conditions: readonly string[];
}

/** Whether a controller acted on the Deployment (status.observedGeneration), and its conditions. */
export function deploymentView(json: unknown): DeploymentView {
  const d = json as
    | { status?: { observedGeneration?: number; conditions?: { type?: string; reason?: string; message?: string }[] } }
    | undefined;
  return {
    observed: typeof d?.status?.observedGeneration === 'number',
    conditions: (d?.status?.conditions ?? []).map((c) => `${c.type ?? '?'}: ${why(c.reason, c.message) ?? ''}`),
  };
}

/** One evidence line per pod. */
export const podLine = (p: PodView): string =>
  `pod ${p.name}: ${p.phase}${p.node ? ` on ${p.node}` : ', not scheduled'}${p.ip ? ` (${p.ip})` : ''}` +
  `${p.unschedulable ? `; ${p.unschedulable}` : ''}${p.container ? `; ${p.container}` : ''}`;
