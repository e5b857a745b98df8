import { expect } from 'chai';
import { buildRecap } from '../../../src/reporting/recap.ts';
import { createTtyRenderer } from '../../../src/reporting/tty-renderer.ts';
import { scriptedRun } from './scripted-run.ts';

// The drawing itself is checked by eye in a terminal; here: the listr2 plumbing starts and stops cleanly.
describe('reporting/tty-renderer', () => {
  it('GIVEN a run that ends THEN end() resolves once every host row has finished', async () => {
    const tty = createTtyRenderer({ renderer: 'silent' });
    const events = scriptedRun();
    for (const e of events) tty.sink(e);
    tty.sink({ type: 'run-end', recap: buildRecap(events) });
    await tty.end();
    await tty.end();
  });

  it('GIVEN a run interrupted before run-end THEN end() still stops the view', async () => {
    const tty = createTtyRenderer({ renderer: 'silent' });
    for (const e of scriptedRun().slice(0, 6)) tty.sink(e);
    await tty.end();
  });

  it('GIVEN no run-start at all THEN end() resolves immediately', async () => {
    await createTtyRenderer({ renderer: 'silent' }).end();
  });

  it('GIVEN --diff THEN diffs are written after the live view stopped', async () => {
    let text = '';
    const out = { write: (s: string) => ((text += s), true), rows: 40 } as unknown as NodeJS.WriteStream;
    const tty = createTtyRenderer({ renderer: 'silent', diff: true, out });
    const events = scriptedRun();
    for (const e of events) tty.sink(e);
    tty.sink({ type: 'run-end', recap: buildRecap(events) });
    await tty.end();
    expect(text).to.contain('[h1] demo-web › write index.html');
    expect(text).to.contain('+new');
  });
});
