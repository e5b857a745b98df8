import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUSY_MARKER, LOCKED_MARKER, lockCommand } from '../../../src/connection/host-lock.ts';

// The lock command is plain sh + flock: run it locally, exactly as the host would.
function run(cmd: string): { out: () => string; done: Promise<number | null>; end: () => void } {
  const child = spawn('sh', ['-c', cmd], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
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
});
