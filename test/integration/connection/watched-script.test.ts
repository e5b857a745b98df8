import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TRUNCATED_EXIT, watchedScriptShell, withTrailer } from '../../../src/connection/watched-script.ts';

interface Run {
  readonly out: Promise<{ code: number | null; stdout: string; stderr: string }>;
  readonly stdin: NodeJS.WritableStream;
}

/** Runs the watched shell locally as sshd would: the script (cut to `send` bytes) on stdin, stdin left open. */
function run(script: string, timeoutMs = 10_000, send?: number): Run {
  const input = Buffer.from(withTrailer(script));
  const child = spawn('sh', ['-c', watchedScriptShell(input.length, timeoutMs)], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.write(input.subarray(0, send ?? input.length));
  const out = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  return { out, stdin: child.stdin };
}

const waitFor = async (cond: () => boolean, ms: number): Promise<boolean> => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return cond();
};

describe('connection/watched-script', () => {
  let dir = '';
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'orch-watched-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('GIVEN the whole script with stdin left open THEN it runs once, with its output, exit code and final newlines', async () => {
    const script = `printf '%s|' "a b" 'c$d' "\\\\"; echo; printf 'x\\n\\n' >&2; exit 7\n\n\n`;
    const r = run(script);
    const res = await r.out;
    expect(res).to.deep.equal({ code: 7, stdout: 'a b|c$d|\\|\n', stderr: 'x\n\n' });
  });

  it('GIVEN a 300 kB script THEN every byte arrives, multi-byte characters included', async () => {
    const big = Array.from({ length: 10_000 }, (_, i) => `: ligne ${i} — padding`).join('\n');
    const res = await run(`${big}\necho done é`).out;
    expect(res.stdout).to.equal('done é\n');
    expect(res.code).to.equal(0);
  });

  it('GIVEN stdin ends before the whole script arrived THEN nothing runs and it exits TRUNCATED_EXIT', async () => {
    const marker = join(dir, 'ran');
    const script = `touch ${marker}\necho ran\n`;
    for (const send of [10, Buffer.byteLength(script) + 3]) {
      const r = run(script, 10_000, send);
      r.stdin.end();
      const res = await r.out;
      expect(res.code, `${send} bytes sent`).to.equal(TRUNCATED_EXIT);
      expect(res.stderr).to.contain('arrived truncated; nothing was run');
      expect(res.stdout).to.equal('');
    }
    expect(existsSync(marker)).to.equal(false);
  });

  it('GIVEN stdin closes mid-script (the connection died) THEN the watchdog stops the script at once', async () => {
    const started = join(dir, 'started');
    const after = join(dir, 'after');
    const r = run(`touch ${started}; sleep 30; touch ${after}\n`);
    expect(await waitFor(() => existsSync(started), 5_000), 'the script started').to.equal(true);
    const t0 = Date.now();
    r.stdin.end();
    const res = await r.out;
    expect(Date.now() - t0, 'stopped well before its 30 s sleep').to.be.below(3_000);
    expect(res.code).to.not.equal(0);
    await new Promise((res2) => setTimeout(res2, 300));
    expect(existsSync(after), 'the rest of the script never ran').to.equal(false);
  });

  it('GIVEN the script outlives its remote limit THEN timeout ends it without help from the watchdog', async () => {
    const res = await run('sleep 30\n', 100).out; // remote limit: ceil(0.1) + 1 = 2 s
    expect(res.code).to.equal(124);
  });
});
