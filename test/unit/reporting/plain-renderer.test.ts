import { expect } from 'chai';
import { createPlainRenderer, type PlainOptions } from '../../../src/reporting/plain-renderer.ts';
import type { RunEvent } from '../../../src/reporting/events.ts';
import { registerSecret, SECRET_MASK } from '../../../src/secret.ts';
import { scriptedRun } from './scripted-run.ts';

/** Renders events into a fake stream and returns the lines written. */
function render(events: RunEvent[], opts: PlainOptions = {}): string[] {
  let text = '';
  const r = createPlainRenderer({ write: (s: string) => (text += s) }, opts);
  for (const e of events) r.sink(e);
  return text.split('\n').slice(0, -1);
}

describe('reporting/plain-renderer', () => {
  it('GIVEN the default options THEN only changes, failures and unreachable hosts are told, prefixed by host', () => {
    expect(render(scriptedRun())).to.deep.equal([
      'PLAYBOOK site.ts: 3 host(s)',
      'PLAY [web] h1, h2, h3',
      '[h3] UNREACHABLE (UNREACHABLE)',
      '[h3]   connect ECONNREFUSED 10.0.0.3:22',
      '[h3]   fix: check that sshd listens on 10.0.0.3:22',
      '[h1] demo-web › write index.html: changed',
      '[h2] demo-web › write index.html: failed',
      '[h2]   systemctl restart nginx exited 1',
      '[h2]   Job for nginx.service failed',
      '[h2]   fix: run journalctl -u nginx on h2',
      '[h2] FAILED: remaining tasks on this host are skipped',
      '[h1] demo-web › handler reload nginx: changed',
    ]);
  });

  it('GIVEN -v THEN ok and skipped tasks, connections and roles are told too, and the steps applied', () => {
    const lines = render(scriptedRun(), { verbose: true });
    expect(lines).to.include('[h1] connected');
    expect(lines).to.include('[h1] demo-web: start');
    expect(lines).to.include('[h1] demo-web › install nginx: ok');
    expect(lines).to.include('[h1] demo-web › debug page: skipped');
    expect(lines).to.include('[h1]   - upload /var/www/index.html');
    expect(lines).to.include('[h1] demo-web › health http 200: passed');
    expect(lines).to.include('[h1] demo-web: done, changed=2');
  });

  it('GIVEN check mode THEN changes read "would change" and list their planned steps', () => {
    const lines = render(scriptedRun(true));
    expect(lines[0]).to.equal('PLAYBOOK site.ts: 3 host(s) (check mode)');
    expect(lines).to.include('[h1] demo-web › write index.html: would change');
    expect(lines).to.include('[h1]   - upload /var/www/index.html');
  });

  it('GIVEN --diff THEN diffs are printed, colored only when color is on', () => {
    const plain = render(scriptedRun(), { diff: true });
    const at = plain.indexOf('[h1] demo-web › write index.html: changed');
    expect(plain.slice(at + 1, at + 6)).to.deep.equal([
      '--- /var/www/index.html',
      '+++ /var/www/index.html',
      '@@ -1 +1 @@',
      '-old',
      '+new',
    ]);
    expect(plain.join('\n')).not.to.contain('\u001b[');
    const colored = render(scriptedRun(), { diff: true, color: true });
    expect(colored).to.include('\u001b[32m+new\u001b[39m');
  });

  it('GIVEN a host failed without a failed task THEN the error is told in full with its fix', () => {
    const lines = render([
      { type: 'host-failed', host: 'c1', error: { code: 'LOCK_HELD', message: 'held by pid 42', fix: 'wait' } },
    ]);
    expect(lines).to.deep.equal(['[c1] FAILED (LOCK_HELD)', '[c1]   held by pid 42', '[c1]   fix: wait']);
  });

  it('masks registered secrets in messages, diffs and errors, even multi-line ones split by prefixes', () => {
    const key = '-----BEGIN KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END KEY-----';
    registerSecret('s3cr3t-plain-1');
    registerSecret(key);
    const lines = render(
      [
        {
          type: 'task',
          host: 'h1',
          role: 'pki',
          task: 'write s3cr3t-plain-1',
          status: 'failed',
          steps: [],
          diffs: [`+${key}`],
          error: { code: 'TASK_FAILED', message: `could not write\n${key}`, fix: undefined },
        },
      ],
      { diff: true },
    ).join('\n');
    expect(lines).not.to.contain('s3cr3t-plain-1');
    expect(lines).not.to.contain('MIIEvQIBADANBgkqhkiG9w0BAQEFAASC');
    expect(lines).to.contain(SECRET_MASK);
  });
});
