// defineRole refuses at definition what it can see: handlers named twice, and a literal task list notifying
// a handler the role does not list (tasks computed per host are checked when planned: plan-role.test.ts).

import { expect } from 'chai';
import { defineHandler, defineRole } from '../../../src/executor/define.ts';
import { isOrchestrateError, type OrchestrateError } from '../../../src/errors.ts';
import { command } from '../../../src/modules/index.ts';

const restart = defineHandler({ name: 'restart web', action: command({ run: 'true' }) });
const reload = defineHandler({ name: 'reload web', action: command({ run: 'true' }) });
const config = { name: 'config', action: command({ run: 'true', creates: '/etc/web' }) };

function definitionError(define: () => unknown): OrchestrateError {
  try {
    define();
  } catch (err) {
    expect(isOrchestrateError(err, 'PLAYBOOK_INVALID'), String(err)).to.equal(true);
    return err as OrchestrateError;
  }
  throw new Error('the role was defined');
}

describe('defineRole', () => {
  it('GIVEN a task notifying a handler not in the role WHEN defined THEN PLAYBOOK_INVALID names the role, task and handler, and the fix', () => {
    const err = definitionError(() =>
      defineRole({ name: 'web', tasks: [{ ...config, notify: [restart] }], handlers: [reload] }),
    );
    expect(err.message).to.equal(
      `task "config" of role web notifies handler "restart web", which is not one of the role's handlers`,
    );
    expect(err.fix).to.equal(
      `add that handler to role web's handlers (handlers: [..., restart]), or notify one of its handlers ("reload web")`,
    );
  });

  it('GIVEN a notify of a copy of the role’s handler WHEN defined THEN the fix says to define the handler once', () => {
    const err = definitionError(() =>
      defineRole({ name: 'web', tasks: [{ ...config, notify: [{ ...restart }] }], handlers: [restart] }),
    );
    expect(err.fix).to.match(/another handler object named "restart web": define it once/);
  });

  it('GIVEN two handlers of one name WHEN defined THEN PLAYBOOK_INVALID (the name is its journal file)', () => {
    const twin = defineHandler({ name: 'restart web', action: command({ run: 'false' }) });
    const err = definitionError(() => defineRole({ name: 'web', tasks: [], handlers: [restart, twin] }));
    expect(err.message).to.equal('role web has two handlers named "restart web"');
  });

  it('GIVEN notifies of the role’s own handlers WHEN defined THEN the role runs them; a literal list is its tasks on every host', () => {
    const role = defineRole({
      name: 'web',
      tasks: [{ ...config, notify: [restart, reload] }],
      handlers: [reload, restart],
    });
    expect(role.handlers).to.deep.equal([reload, restart]);
    expect(role.tasks(undefined as never, undefined)[0]!.notify).to.have.ordered.members([restart, reload]);
  });

  it('GIVEN defineHandler THEN the handler is frozen: the object a task names is the one the role runs', () => {
    expect(Object.isFrozen(restart)).to.equal(true);
  });
});
