import { expect } from 'chai';
import { buildRecap, createRecapCollector, failedHosts, formatRecap } from '../../../src/reporting/recap.ts';
import { scriptedRun } from './scripted-run.ts';

describe('reporting/recap', () => {
  it('GIVEN a scripted run WHEN built THEN counts per host, handlers as changes, unreachable flagged', () => {
    const recap = buildRecap(scriptedRun());
    expect(recap.ok).to.equal(false);
    expect(recap.check).to.equal(false);
    expect(recap.hosts).to.deep.equal({
      h1: { ok: 1, changed: 2, failed: 0, skipped: 1, unreachable: false, roundTrips: 0 },
      h2: { ok: 1, changed: 0, failed: 1, skipped: 0, unreachable: false, roundTrips: 0 },
      h3: { ok: 0, changed: 0, failed: 0, skipped: 0, unreachable: true, roundTrips: 0 },
    });
    expect(recap.changes).to.deep.equal([
      { host: 'h1', role: 'demo-web', task: 'write index.html' },
      { host: 'h1', role: 'demo-web', task: 'handler: reload nginx' },
    ]);
    expect(failedHosts(recap)).to.deep.equal(['h2', 'h3']);
  });

  it('GIVEN a host failed outside any task WHEN built THEN it counts one failure', () => {
    const recap = buildRecap([
      { type: 'run-start', playbook: 'p', hosts: ['a'], check: true, runId: 'r' },
      { type: 'host-failed', host: 'a', error: { code: 'LOCK_HELD', message: 'locked', fix: undefined } },
    ]);
    expect(recap.hosts['a']!.failed).to.equal(1);
    expect(recap.check).to.equal(true);
    expect(recap.ok).to.equal(false);
  });

  it('GIVEN a clean run WHEN round trips are set THEN ok and rt are reported', () => {
    const c = createRecapCollector();
    c.sink({ type: 'run-start', playbook: 'p', hosts: ['a', 'b'], check: false, runId: 'r' });
    c.sink({ type: 'task', host: 'a', role: 'x', task: 't', status: 'ok', steps: [], diffs: [] });
    c.setRoundTrips('a', 3);
    const recap = c.recap();
    expect(recap.ok).to.equal(true);
    expect(recap.hosts['a']!.roundTrips).to.equal(3);
    expect(recap.hosts['b']).to.deep.include({ ok: 0, roundTrips: 0 });
    // A snapshot does not move with later events.
    c.sink({ type: 'task', host: 'a', role: 'x', task: 't', status: 'ok', steps: [], diffs: [] });
    expect(recap.hosts['a']!.ok).to.equal(1);
  });

  it('formats the Ansible-like PLAY RECAP table with rt=N, no color by default', () => {
    const recap = buildRecap(scriptedRun());
    recap.hosts['h1']!.roundTrips = 4;
    const lines = formatRecap(recap).split('\n');
    expect(lines[0]).to.match(/^PLAY RECAP \*+$/);
    expect(lines[1]).to.equal(
      `${'h1'.padEnd(26)} : ok=1    changed=2    unreachable=0    failed=0    skipped=1    rt=4`,
    );
    expect(lines[3]).to.contain('h3').and.contain('unreachable=1');
    expect(formatRecap(recap)).not.to.contain('\u001b[');
    expect(formatRecap(recap, { color: true })).to.contain('\u001b[');
  });
});
