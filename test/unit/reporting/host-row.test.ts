import { expect } from 'chai';
import { applyToRow, createRow, rowError, rowTitle } from '../../../src/reporting/host-row.ts';
import { buildRecap } from '../../../src/reporting/recap.ts';
import { scriptedRun } from './scripted-run.ts';

describe('reporting/host-row', () => {
  const events = scriptedRun();
  const recap = buildRecap(events);

  it('GIVEN events of a running host THEN the title reads host: role › task with live counts and changes', () => {
    const row = createRow('h1');
    expect(rowTitle(row, undefined)).to.equal('h1: waiting');
    for (const e of events.slice(0, 9)) if ('host' in e && e.host === 'h1') applyToRow(row, e);
    expect(rowTitle(row, recap.hosts['h1'])).to.equal(
      'h1: demo-web › write index.html  (ok=1 changed=2 failed=0 skipped=1)\n  ~ demo-web › write index.html',
    );
  });

  it('GIVEN a finished host THEN the title shows counts and hides older changes beyond the limit', () => {
    const row = createRow('h1');
    for (const e of events) if ('host' in e && e.host === 'h1') applyToRow(row, e);
    row.phase = 'done';
    expect(rowTitle(row, recap.hosts['h1'], 1)).to.equal(
      'h1: ok=1 changed=2 failed=0 skipped=1\n  … 1 earlier change(s)\n  ~ demo-web › handler reload nginx',
    );
  });

  it('GIVEN a failed or unreachable host THEN it is finished and the error carries the fix', () => {
    const failed = createRow('h2');
    const done = events.filter((e) => 'host' in e && e.host === 'h2').map((e) => applyToRow(failed, e));
    expect(done.at(-1)).to.equal(true);
    expect(rowError(failed)).to.equal(
      'TASK_FAILED: systemctl restart nginx exited 1\nJob for nginx.service failed\nfix: run journalctl -u nginx on h2',
    );
    const gone = createRow('h3');
    for (const e of events) if ('host' in e && e.host === 'h3') applyToRow(gone, e);
    expect(rowTitle(gone, recap.hosts['h3'])).to.equal('h3: unreachable');
    expect(rowError(gone)).to.match(/^UNREACHABLE: connect ECONNREFUSED/);
  });
});
