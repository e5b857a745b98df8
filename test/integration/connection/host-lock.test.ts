import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUSY_MARKER, LOCKED_MARKER, lockCommand } from '../../../src/connection/host-lock.ts';
import { LockedScriptReader, RAN_MARKER } from '../../../src/connection/locked-script.ts';

// The lock command is plain sh + flock: run it locally, exactly as the host would.
function run(cmd: string, input = ''): { out: () => string; done: Promise<number | null>; end: () => void } {
  const child = spawn('sh', ['-c', cmd], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  if (input !== '') child.stdin.write(input);
  return { out: () => out, done: new Promise((r) => child.on('exit', (c) => r(c))), end: () => child.stdin.end() };
}

async function until(cond: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('connection/host-lock (lockCommand, run locally)', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lock-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('holds the lock while stdin stays open, refuses a second holder with its info, frees it on EOF', async function () {
    this.timeout(10_000);
    const path = join(dir, 'sub dir', 'orchestrate.lock');
    const a = run(lockCommand(path, 1000, "run A (pid 1) it's me"));
    await until(() => a.out().includes(LOCKED_MARKER), 3000);
    expect(await readFile(`${path}.holder`, 'utf8')).to.equal("run A (pid 1) it's me\n");

    const started = Date.now();
    const b = run(lockCommand(path, 300, 'run B'));
    b.end();
    expect(await b.done).to.equal(75);
    expect(Date.now() - started).to.be.below(2000);
    expect(b.out()).to.contain(BUSY_MARKER).and.contain("run A (pid 1) it's me");

    a.end();
    expect(await a.done).to.equal(0);
    const c = run(lockCommand(path, 1000, 'run C'));
    await until(() => c.out().includes(LOCKED_MARKER), 3000);
    c.end();
    await c.done;
  });

  it('GIVEN a script on stdin THEN it runs once the lock is held, its output framed, and the lock stays held', async function () {
    this.timeout(10_000);
    const path = join(dir, 'orchestrate.lock');
    const script = "{\nprintf 'ü line\\n'; exit 3\n} </dev/null\n";
    const a = run(lockCommand(path, 1000, 'run A', { bytes: Buffer.byteLength(script), timeoutMs: 5000 }), script);
    await until(() => a.out().includes(RAN_MARKER), 3000);
    const reader = new LockedScriptReader();
    const after = a.out().slice(a.out().indexOf(`${LOCKED_MARKER}\n`) + LOCKED_MARKER.length + 1);
    expect(reader.push(Buffer.from(after))).to.equal(3);
    expect(reader.output()).to.equal('ü line\n');
    const b = run(lockCommand(path, 200, 'run B'));
    b.end();
    expect(await b.done).to.equal(75);
    a.end();
    expect(await a.done).to.equal(0);
  });
});
