// The apt side of the Debian mirror: `apt-get download` (updating the lists only when needed) and `dpkg-deb`.

import { execFile } from 'node:child_process';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { OrchestrateError } from 'orchestrate';

const ENV = { ...process.env, LC_ALL: 'C', DEBIAN_FRONTEND: 'noninteractive' };

/** Runs argv (no shell) in cwd; resolves stdout, rejects with the command and its stderr. */
export function sh(argv: readonly string[], cwd?: string, timeoutMs = 600_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      argv[0]!,
      argv.slice(1),
      { cwd, env: ENV, timeout: timeoutMs, maxBuffer: 16 << 20 },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`${argv.join(' ')}: ${String(stderr).trim() || err.message}`, { cause: err }));
        else resolve(String(stdout));
      },
    );
  });
}

/** True when apt has package lists (else `apt-get download` finds nothing). */
async function hasLists(listsDir = '/var/lib/apt/lists'): Promise<boolean> {
  const names = await readdir(listsDir).catch(() => [] as string[]);
  return names.some((n) => n.includes('_Packages'));
}

/** Downloads the .debs of `packages` into dir; runs `apt-get update` first only when lists are missing or stale. */
export async function aptDownload(
  dir: string,
  packages: readonly string[],
  log: (line: string) => void,
): Promise<string[]> {
  // As root, apt's _apt sandbox user cannot write into dir; root downloads it (the packages are verified by apt).
  const download = ['apt-get', '-q', '-o', 'APT::Sandbox::User=root', 'download', ...packages];
  if (!(await hasLists())) {
    log('artifacts: apt-get update (no package lists yet)');
    await sh(['apt-get', '-q', 'update']);
  }
  try {
    await sh(download, dir);
  } catch (first) {
    log(`artifacts: apt-get download failed (${(first as Error).message.split('\n')[0]}); apt-get update, then again`);
    await sh(['apt-get', '-q', 'update']);
    try {
      await sh(download, dir);
    } catch (err) {
      throw new OrchestrateError(
        'LAB_ERROR',
        `cannot download Debian packages ${packages.join(' ')}: ${(err as Error).message}`,
        {
          fix: "check the machine's apt sources (`apt-get update` must work), or skip the mirror with `lab up --no-mirror`",
          cause: err,
        },
      );
    }
  }
  return (await readdir(dir)).filter((n) => n.endsWith('.deb')).map((n) => join(dir, n));
}

/** A .deb's Package and Version fields. */
export async function debInfo(deb: string): Promise<{ package: string; version: string }> {
  const out = await sh(['dpkg-deb', '-f', deb, 'Package', 'Version']);
  const field = (k: string) => new RegExp(`^${k}: (.+)$`, 'm').exec(out)?.[1]?.trim() ?? '';
  return { package: field('Package'), version: field('Version') };
}

/** `dpkg-deb -x deb dir`: the package's files, unpacked without installing anything. */
export async function debExtract(deb: string, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await sh(['dpkg-deb', '-x', deb, dir]);
}

/** The machine's dpkg architecture (amd64, arm64). */
export async function dpkgArch(): Promise<string> {
  return (await sh(['dpkg', '--print-architecture'])).trim();
}
