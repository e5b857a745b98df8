// `orchestrate lab artifacts` through the real CLI, and buildMirror's refusals: none of them builds anything.

import { expect } from 'chai';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildMirror } from '../../../kubernetes/artifacts/build-mirror.ts';
import { MIRROR_DIR } from '../../../kubernetes/artifacts/lab-hook.ts';
import { controlArch } from '../../../kubernetes/artifacts/options.ts';
import { defaultReleaseLine } from '../../../kubernetes/cluster/release-sets.ts';
import { CACHE_DIR, LABS_ROOT } from '../../../src/lab/paths.ts';
import { caughtAsync } from '../../unit/inventory/helpers.ts';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));
const MIRROR = join(CACHE_DIR, MIRROR_DIR);
/** Every go command fails at once: should a test ever reach a build, it stops instead of compiling for minutes. */
const NO_GO = '/nonexistent/go';

interface CliResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** Runs `node src/cli/bin.js ARGS...` from the repo (never through a shell). */
function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['src/cli/bin.js', ...args],
      { cwd: REPO, env: { ...process.env, ORCHESTRATE_GO: NO_GO, ...env }, timeout: 120_000 },
      (err, stdout, stderr) => {
        const code = (err as { code?: unknown } | null)?.code;
        resolve({ status: typeof code === 'number' ? code : err ? -1 : 0, stdout, stderr, ms: Date.now() - t0 });
      },
    );
  });
}

/** Every path under dir with its size and mtime, except other fills' work dirs (.work), which come and go. */
function listing(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const rel of readdirSync(dir, { recursive: true }) as string[]) {
    if (rel === '.work' || rel.startsWith('.work/')) continue;
    const s = statSync(join(dir, rel));
    out.push(`${rel} ${s.isDirectory() ? 'dir' : s.size} ${s.mtimeMs}`);
  }
  return out.sort();
}

/** Top-level entries of a mirror besides the work root: component dirs, images, versions.json. */
const filled = (dir: string): string[] => readdirSync(dir).filter((n) => n !== '.work');

describe('CLI: orchestrate lab artifacts (no builds)', function () {
  this.timeout(120_000);

  before(async () => {
    // The first run after a source change compiles the engine: do it here, not inside a timed test.
    const r = await cli(['lab', '--help']);
    expect(r.status, r.stderr).to.equal(0);
  });

  it('GIVEN --kubernetes 1.99.0 THEN exit 4 naming the version and a fix, and the mirror is untouched', async () => {
    const before = listing(MIRROR);
    const r = await cli(['lab', 'artifacts', '--kubernetes', '1.99.0']);
    expect(r.status, r.stderr).to.equal(4);
    expect(r.stderr).to.contain('Kubernetes 1.99.0 has no release line');
    expect(r.stderr).to.match(/\n {2}fix: use a 1\.35\.x, 1\.36\.x or 1\.37\.x version/);
    expect(r.stderr).to.not.match(/\n\s+at .*:\d+:\d+\)?\n/);
    expect(r.stdout).to.equal('');
    expect(listing(MIRROR)).to.deep.equal(before);
  });

  it('GIVEN an extra argument THEN exit 5 naming it', async () => {
    const r = await cli(['lab', 'artifacts', 'extra']);
    expect(r.status, r.stderr).to.equal(5);
    expect(r.stderr).to.contain('lab artifacts takes no argument "extra"');
    expect(r.stderr).to.contain('fix: orchestrate lab --help');
  });

  it('GIVEN lab up N (a plain lab) with --kubernetes THEN exit 5: it picks the mirror of a cluster layout', async () => {
    // The bad --timeout is a tripwire: were the --kubernetes check gone, options parsing still stops before any host.
    const r = await cli(['lab', 'up', '3', '--kubernetes', '1.36.3', '--name', 'unit-guard', '--timeout', 'never']);
    expect(r.status, r.stderr).to.equal(5);
    expect(r.stderr).to.contain('--kubernetes picks the mirror of a cluster layout');
    expect(r.stderr).to.contain('--controllers/--workers');
    expect(existsSync(join(LABS_ROOT, 'unit-guard'))).to.equal(false);
  });

  it('GIVEN a warm mirror for the default line THEN exit 0 and `cached` in under 5 s, nothing built', async function () {
    const key = `${defaultReleaseLine().set.kubernetes}/${controlArch()}`;
    let recorded = false;
    try {
      recorded = key in (JSON.parse(readFileSync(join(MIRROR, 'versions.json'), 'utf8')) as { sets: object }).sets;
    } catch {
      // no mirror on this machine
    }
    if (!recorded) this.skip(); // `lab artifacts` (as .ci/run does) fills it first
    const r = await cli(['lab', 'artifacts']);
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.contain(`artifacts: ${MIRROR} (`);
    expect(r.stdout).to.match(/; cached\)\n$/);
    expect(r.stdout).to.not.contain('built ');
    expect(r.stderr).to.not.contain('artifacts: ');
    expect(r.ms, `took ${r.ms} ms`).to.be.below(5000);
  });
});

describe('kubernetes/artifacts/build-mirror: refusals before any build', function () {
  this.timeout(30_000);
  const set = defaultReleaseLine().set;
  let tmp: string;
  beforeEach(() => (tmp = mkdtempSync(join(tmpdir(), 'orch-build-mirror-'))));
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('GIVEN no go command THEN BUILD_FAILED naming it with a fix, and no component dir in the mirror', async () => {
    const dir = join(tmp, 'mirror');
    const err = await caughtAsync(() =>
      buildMirror({
        dir,
        cacheDir: join(tmp, 'cache'),
        set,
        arch: 'amd64',
        env: { ...process.env, ORCHESTRATE_GO: NO_GO },
      }),
    );
    expect(err.code).to.equal('BUILD_FAILED');
    expect(err.message).to.equal(`the go command is not installed (tried ${NO_GO})`);
    expect(err.fix).to.contain('/usr/local/go').and.to.contain('ORCHESTRATE_GO');
    expect(filled(dir)).to.deep.equal([]);
    expect(readdirSync(join(dir, '.work'))).to.deep.equal([]);
  });

  describe('GIVEN the mirror on an 8 MiB tmpfs', () => {
    let disk: string | undefined;
    before(function () {
      if (process.getuid?.() !== 0) this.skip();
      disk = mkdtempSync(join(tmpdir(), 'orch-tmpfs-'));
      try {
        execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', disk], { stdio: 'pipe' });
      } catch {
        rmSync(disk, { recursive: true, force: true });
        disk = undefined;
        this.skip(); // no CAP_SYS_ADMIN here
      }
    });
    after(() => {
      if (disk === undefined) return;
      execFileSync('umount', [disk]);
      rmSync(disk, { recursive: true, force: true });
    });

    it('THEN BUILD_FAILED about the free space, with a fix, before any go command; nothing left but the work root', async () => {
      const dir = join(disk!, 'mirror');
      mkdirSync(dir);
      const err = await caughtAsync(() =>
        buildMirror({
          dir,
          cacheDir: join(tmp, 'cache'),
          set,
          arch: 'amd64',
          env: { ...process.env, ORCHESTRATE_GO: NO_GO },
        }),
      );
      expect(err.code).to.equal('BUILD_FAILED');
      expect(err.message).to.equal(`the cache disk of ${dir} has 0.0 GiB free; the builds need 6 GiB`);
      expect(err.fix).to.equal(`free space on that disk (du -sh ${disk}/*), then run again`);
      expect(filled(dir)).to.deep.equal([]);
    });
  });
});
