// systemd.service: a unit enabled or not, and started, stopped, restarted or reloaded.

import type { Action, Module, RunStep } from './types.ts';
import { action } from './types.ts';
import { sh } from '../shell/quote.ts';
import { parseFields } from './lib/fields.ts';
import { checkName } from './lib/params.ts';
import { PlanConflict, runStep } from './lib/steps.ts';
import { unitStateProbe } from './lib/systemctl.ts';

export type SystemdServiceGoal = 'started' | 'stopped' | 'restarted' | 'reloaded';

export interface SystemdServiceParams {
  readonly name: string;
  /** undefined: boot-time enablement is not managed. */
  readonly enabled: boolean | undefined;
  /** undefined: the running state is not managed. restarted/reloaded always act (for handlers). */
  readonly state: SystemdServiceGoal | undefined;
}

export interface SystemdServiceInput {
  readonly name: string;
  readonly enabled?: boolean;
  readonly state?: SystemdServiceGoal;
}

/** `systemctl is-enabled` and `is-active` words; a missing unit reads 'not-found' / 'inactive'. */
export interface SystemdServiceState {
  readonly enabled: string;
  readonly active: string;
}

/** is-enabled words that need no `systemctl enable` (static units cannot be enabled at all). */
const ENABLED = new Set(['enabled', 'static', 'alias', 'indirect', 'generated', 'transient']);
/** is-enabled words that `systemctl disable` changes. */
const DISABLEABLE = new Set(['enabled', 'enabled-runtime', 'linked', 'linked-runtime']);
/** is-active words of a unit that is running or on its way there (activating covers Restart= delays). */
const RUNNING = new Set(['active', 'reloading', 'activating', 'refreshing']);

/** One systemctl step with a readable summary. */
function systemctl(verb: string, name: string): RunStep {
  return runStep(`systemctl ${verb} ${name}`, sh`systemctl ${verb} ${name}`);
}

export const systemdServiceModule: Module<SystemdServiceParams, SystemdServiceState> = {
  id: 'systemd.service',
  probe: (p) => unitStateProbe(p.name),
  parse(stdout) {
    const f = parseFields('systemd.service', stdout);
    return { enabled: f.need('enabled'), active: f.need('active') };
  },
  plan(p, have) {
    const wantsUp = p.enabled === true || p.state === 'started' || p.state === 'restarted' || p.state === 'reloaded';
    if (wantsUp && have.enabled.startsWith('masked'))
      throw new PlanConflict(`${p.name} is masked; run \`systemctl unmask ${p.name}\` if it should run here`);
    const steps: RunStep[] = [];
    if (p.enabled === true && !ENABLED.has(have.enabled)) steps.push(systemctl('enable', p.name));
    if (p.enabled === false && DISABLEABLE.has(have.enabled)) steps.push(systemctl('disable', p.name));
    const running = RUNNING.has(have.active);
    if (p.state === 'started' && !running) steps.push(systemctl('start', p.name));
    if (p.state === 'stopped' && running) steps.push(systemctl('stop', p.name));
    if (p.state === 'restarted') steps.push(systemctl('restart', p.name));
    // A stopped unit has nothing to reload: start it, which reads the new configuration anyway.
    if (p.state === 'reloaded') steps.push(systemctl(running ? 'reload' : 'start', p.name));
    return steps;
  },
};

/** A service task; a missing unit plans enable/start (its unit file may be written earlier in the role). */
export function systemdService(p: SystemdServiceInput): Action<SystemdServiceParams, SystemdServiceState> {
  const name = checkName('systemd.service', 'unit name', p.name, /^[A-Za-z0-9@_.:\\-]+$/);
  return action(systemdServiceModule, { name, enabled: p.enabled, state: p.state });
}
