import { expect } from 'chai';
import { createBus } from '../../../src/reporting/bus.ts';
import type { RunEvent } from '../../../src/reporting/events.ts';

const event: RunEvent = { type: 'host-connected', host: 'h1' };

describe('reporting/bus', () => {
  it('fans out to every listener in order, synchronously', () => {
    const bus = createBus();
    const seen: string[] = [];
    bus.on(() => seen.push('a'));
    bus.on(() => seen.push('b'));
    bus.emit(event);
    expect(seen).to.deep.equal(['a', 'b']);
  });

  it('GIVEN a throwing listener THEN the others still get the event and it stays subscribed', () => {
    const errors: unknown[] = [];
    const bus = createBus((err) => errors.push(err));
    let count = 0;
    bus.on(() => {
      throw new Error('boom');
    });
    bus.on(() => count++);
    bus.emit(event);
    bus.emit(event);
    expect(count).to.equal(2);
    expect(errors).to.have.length(2);
  });

  it('GIVEN an error handler that throws too THEN the run still goes on', () => {
    const bus = createBus(() => {
      throw new Error('handler boom');
    });
    bus.on(() => {
      throw new Error('boom');
    });
    expect(() => bus.emit(event)).not.to.throw();
  });

  it('unsubscribes, also from inside a listener during an emit', () => {
    const bus = createBus();
    const seen: string[] = [];
    const off = bus.on(() => {
      seen.push('a');
      off();
    });
    bus.on(() => seen.push('b'));
    bus.emit(event);
    bus.emit(event);
    expect(seen).to.deep.equal(['a', 'b', 'b']);
  });
});
