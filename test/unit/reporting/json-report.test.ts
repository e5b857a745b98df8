import { expect } from 'chai';
import { formatJsonReport, toJsonReport } from '../../../src/reporting/json-report.ts';
import { buildRecap } from '../../../src/reporting/recap.ts';
import { registerSecret, SECRET_MASK } from '../../../src/secret.ts';
import { scriptedRun } from './scripted-run.ts';

describe('reporting/json-report', () => {
  it('GIVEN a recap WHEN converted THEN it has exactly the documented shape', () => {
    const report = toJsonReport(buildRecap(scriptedRun(true)));
    expect(Object.keys(report).sort()).to.deep.equal(['changes', 'check', 'hosts', 'ok']);
    expect(report.ok).to.equal(false);
    expect(report.check).to.equal(true);
    expect(report.hosts['h3']).to.deep.equal({
      ok: 0,
      changed: 0,
      failed: 0,
      skipped: 0,
      unreachable: true,
      roundTrips: 0,
    });
    for (const h of Object.values(report.hosts)) {
      expect(Object.keys(h).sort()).to.deep.equal(['changed', 'failed', 'ok', 'roundTrips', 'skipped', 'unreachable']);
    }
    expect(report.changes[0]).to.deep.equal({ host: 'h1', role: 'demo-web', task: 'write index.html' });
    expect(JSON.parse(formatJsonReport(buildRecap(scriptedRun())))).to.have.property('hosts');
  });

  it('masks registered secrets, including ones JSON would escape', () => {
    const pw = 'pa"ss\\word-json-1';
    registerSecret(pw);
    const recap = buildRecap([
      { type: 'run-start', playbook: 'p', hosts: ['a'], check: false, runId: 'r' },
      { type: 'task', host: 'a', role: 'db', task: `set password ${pw}`, status: 'changed', steps: [], diffs: [] },
    ]);
    const text = formatJsonReport(recap);
    expect(text).not.to.contain('word-json-1');
    expect(JSON.parse(text).changes[0].task).to.equal(`set password ${SECRET_MASK}`);
  });
});
