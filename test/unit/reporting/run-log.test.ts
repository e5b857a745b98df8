import { expect } from 'chai';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRunLog, writeRetryFile } from '../../../src/reporting/run-log.ts';
import { registerSecret, secret, SECRET_MASK } from '../../../src/secret.ts';
import { scriptedRun } from './scripted-run.ts';

describe('reporting/run-log', () => {
  let stateDir: string;
  beforeEach(() => (stateDir = mkdtempSync(join(tmpdir(), 'orchestrate-runlog-'))));
  afterEach(() => rmSync(stateDir, { recursive: true, force: true }));

  it('GIVEN a run WHEN logged THEN every event is one JSON line in a 0600 file under a 0700 runs dir', async () => {
    const log = createRunLog({ stateDir, runId: 'run-1' });
    for (const e of scriptedRun()) log.sink(e);
    await log.end();
    await log.end(); // idempotent
    expect(log.path).to.equal(join(stateDir, 'runs', 'run-1.jsonl'));
    expect(statSync(log.path).mode & 0o777).to.equal(0o600);
    expect(statSync(join(stateDir, 'runs')).mode & 0o777).to.equal(0o700);
    const lines = readFileSync(log.path, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).to.have.length(scriptedRun().length);
    expect(lines[0]).to.include({ type: 'run-start', runId: 'run-1', level: 'info', msg: 'run-start' });
    const failed = lines.find((l) => l.type === 'task' && l.status === 'failed');
    expect(failed).to.include({ level: 'error', host: 'h2' });
    expect(failed.error.fix).to.equal('run journalctl -u nginx on h2');
  });

  it('never writes a registered secret: messages, diffs, errors, remote output, escaped forms', async () => {
    const pw = 'Sup3r"Secret\\Value-log';
    const pem =
      '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIGhhcmRjb2RlZC10ZXN0LWtleS1ub3QtcmVhbA\n-----END PRIVATE KEY-----\n';
    registerSecret(pw);
    registerSecret(pem);
    const log = createRunLog({ stateDir, runId: 'run-2', verbose: true });
    log.sink({
      type: 'task',
      host: 'h1',
      role: 'pki',
      task: `write key ${pw}`,
      status: 'failed',
      steps: [`echo ${pw}`],
      diffs: [`+${pem}`],
      error: { code: 'TASK_FAILED', message: `bad key:\n${pem}`, fix: `rotate ${pw}` },
    });
    log.sink({ type: 'host-failed', host: 'h1', error: { code: 'TASK_FAILED', message: pw, fix: undefined } });
    log.remoteOutput('h1', 'apply', { stdout: pem, stderr: `sudo: ${pw}`, exitCode: 1 });
    log.logger.info(
      { password: 'hunter22', token: 'tok-1234', nested: { privateKey: 'pk-1234' }, pw: secret('wrapped-9876') },
      `note ${pw}`,
    );
    log.logger.info({ file: { path: '/etc/x', sensitive: true, content: 'very private content' } }, 'upload');
    await log.end();
    const text = readFileSync(log.path, 'utf8');
    for (const leak of [
      'Value-log',
      'MC4CAQAwBQYDK2VwBCIEIGhhcmRjb2RlZC10ZXN0LWtleS1ub3QtcmVhbA',
      'hunter22',
      'tok-1234',
      'pk-1234',
      'wrapped-9876',
      'very private content',
    ]) {
      expect(text, leak).not.to.contain(leak);
    }
    expect(text).to.contain(SECRET_MASK);
    expect(text).to.contain('"event":"remote-output"');
  });

  it('GIVEN events after end() THEN they are dropped without throwing', async () => {
    const log = createRunLog({ stateDir, runId: 'run-4' });
    await log.end();
    expect(() => log.sink({ type: 'host-connected', host: 'h1' })).not.to.throw();
  });

  it('GIVEN no -v THEN remote output (debug) is not written', async () => {
    const log = createRunLog({ stateDir, runId: 'run-3' });
    log.remoteOutput('h1', 'probe', { stdout: '{}', stderr: '' });
    await log.end();
    expect(readFileSync(log.path, 'utf8')).to.equal('');
  });

  it('GIVEN failed hosts THEN last-failed lists them one a line (0600); GIVEN none THEN it is removed', () => {
    const path = writeRetryFile(stateDir, ['h2', 'h3']);
    expect(path).to.equal(join(stateDir, 'runs', 'last-failed'));
    expect(readFileSync(path, 'utf8')).to.equal('h2\nh3\n');
    expect(statSync(path).mode & 0o777).to.equal(0o600);
    expect(writeRetryFile(stateDir, [])).to.equal(path);
    expect(existsSync(path)).to.equal(false);
    writeRetryFile(stateDir, []); // removing twice is fine
  });
});
