import { expect } from 'chai';
import { planRole } from '../../../src/executor/plan-role.ts';
import type { Module } from '../../../src/modules/types.ts';
import type { Handler, Task } from '../../../src/executor/types.ts';
import { isOrchestrateError, type OrchestrateError } from '../../../src/errors.ts';

// A module whose probe output is the current value and whose plan sets the wanted one.
const value: Module<{ want: string }, string> = {
  id: 'test.value',
  probe: () => 'cat value',
  parse: (out) => out.trim(),
  plan: (p, have) => (have === p.want ? [] : [{ kind: 'run', summary: `set ${p.want}`, script: `echo ${p.want}` }]),
};
const restart: Module<{ name: string }, null> = {
  id: 'test.restart',
  probe: () => 'true',
  parse: () => null,
  plan: (p) => [{ kind: 'run', summary: `restart ${p.name}`, script: 'true' }],
};
const task = (name: string, want: string, notify?: Handler[]): Task => ({
  name,
  action: { module: value, params: { want } },
  ...(notify ? { notify } : {}),
});
const a: Handler = { name: 'restart a', action: { module: restart, params: { name: 'a' } } };
const b: Handler = { name: 'restart b', action: { module: restart, params: { name: 'b' } } };
const handlers: Handler[] = [a, b];
const ctx = { facts: undefined, diff: false };
const probe = (values: string[], pending: string[] = []) => ({
  byKey: new Map([...values.map((v, i) => [`t${i}`, v] as [string, string]), ['h0', ''], ['h1', '']]),
  pending,
});

describe('planRole', () => {
  it('GIVEN every value as wanted WHEN planned THEN no unit and no handler (a no-op)', () => {
    const plan = planRole('h1', 'r', [task('x', '1', [a])], handlers, probe(['1']), ctx);
    expect(plan.units).to.deep.equal([]);
    expect(plan.handlers).to.deep.equal([]);
  });

  it('GIVEN a changed task that notifies WHEN planned THEN its unit records the pending handler and the handler runs last', () => {
    const plan = planRole('h1', 'r', [task('x', '2', [b]), task('y', '1')], handlers, probe(['1', '1']), ctx);
    expect(plan.units.map((u) => u.key)).to.deep.equal(['t0', 'h1']);
    expect(plan.units[0]!.recordPending).to.deep.equal([
      { file: '/var/lib/orchestrate/pending/r--restart_b', handler: 'restart b' },
    ]);
    expect(plan.units[1]!.clearPending).to.equal('/var/lib/orchestrate/pending/r--restart_b');
  });

  it('GIVEN a handler left pending by a killed run WHEN nothing else changed THEN the handler still runs', () => {
    const plan = planRole('h1', 'r', [task('x', '1', [a])], handlers, probe(['1'], ['restart a']), ctx);
    expect(plan.handlers.map((h) => [h.handler.name, h.reason])).to.deep.equal([['restart a', 'pending']]);
  });

  it('GIVEN handlers notified in reverse order WHEN planned THEN they run in definition order, once each', () => {
    const plan = planRole('h1', 'r', [task('x', '2', [b, a]), task('y', '2', [a])], handlers, probe(['1', '1']), ctx);
    expect(plan.handlers.map((h) => h.handler.name)).to.deep.equal(['restart a', 'restart b']);
  });

  it('GIVEN a notify of a handler not in the role WHEN planned THEN PLAYBOOK_INVALID names the role, task and handler', () => {
    const c: Handler = { name: 'restart c', action: { module: restart, params: { name: 'c' } } };
    const err = catchError(() => planRole('h1', 'r', [task('x', '2', [c])], handlers, probe(['1']), ctx));
    expect(isOrchestrateError(err, 'PLAYBOOK_INVALID')).to.equal(true);
    expect(err.message).to.equal(
      `task "x" of role r notifies handler "restart c", which is not one of the role's handlers`,
    );
    expect(err.fix).to.match(/add that handler to role r's handlers .* \("restart a", "restart b"\)/);
  });

  it('GIVEN a notify of another handler object of the same name WHEN planned THEN the fix says to define it once', () => {
    const twin: Handler = { ...a };
    const err = catchError(() => planRole('h1', 'r', [task('x', '2', [twin])], handlers, probe(['1']), ctx));
    expect(err.fix).to.match(/another handler object named "restart a": define it once/);
  });
});

function catchError(fn: () => unknown): OrchestrateError {
  try {
    fn();
  } catch (err) {
    return err as OrchestrateError;
  }
  throw new Error('expected an error');
}
