// apt.package: Debian packages installed (only the missing ones) or removed, with a cache refresh when stale.

import type { Action, Module, RunStep } from './types.ts';
import { action } from './types.ts';
import { sh } from '../shell/quote.ts';
import { invalid, parseFields } from './lib/fields.ts';
import { badParam, checkName } from './lib/params.ts';
import { runStep } from './lib/steps.ts';

export interface AptPackageParams {
  /** Package names, optionally pinned: 'containerd', 'etcd-server=3.4.23-1'. */
  readonly names: readonly string[];
  readonly state: 'present' | 'absent';
  /** Run `apt-get update` before installing when the cache is missing or older than cacheValidTime. */
  readonly updateCache: boolean;
  /** Seconds (default 3600). */
  readonly cacheValidTime: number;
  /** absent: purge config files too. */
  readonly purge: boolean;
}

export interface AptPackageInput {
  readonly names: readonly string[];
  readonly state?: 'present' | 'absent';
  readonly updateCache?: boolean;
  readonly cacheValidTime?: number;
  readonly purge?: boolean;
}

export interface AptPackageState {
  /** Installed packages (dpkg status word 'installed') and their versions. */
  readonly installed: ReadonlyMap<string, string>;
  /** Seconds since the last successful `apt-get update`; Infinity when there are no package lists. */
  readonly cacheAge: number;
}

const ENV = 'DEBIAN_FRONTEND=noninteractive';
const OPTS = '-y -q -o DPkg::Lock::Timeout=300 -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold';

/** 'pkg=1.0' -> 'pkg'; 'pkg:amd64' -> 'pkg' (dpkg-query prints bare names). */
function bareName(spec: string): string {
  return spec.replace(/[:=].*$/, '');
}

export const aptPackageModule: Module<AptPackageParams, AptPackageState> = {
  id: 'apt.package',
  probe: (p) =>
    [
      sh`dpkg-query -W -f=${'pkg=${Package} ${Version} ${Status}\\n'} ${p.names.map((n) => n.replace(/=.*$/, ''))} 2>/dev/null`,
      'echo "now=$(date +%s)"',
      'm=$(stat -c %Y /var/lib/apt/periodic/update-success-stamp 2>/dev/null || stat -c %Y /var/lib/apt/lists 2>/dev/null)',
      'echo "cache_mtime=${m:-0}"',
      'echo "lists=$(ls /var/lib/apt/lists 2>/dev/null | grep -c \'_Packages\')"',
    ].join('\n'),
  parse(stdout) {
    const f = parseFields('apt.package', stdout);
    const installed = new Map<string, string>();
    for (const line of f.all('pkg')) {
      const words = line.split(' ');
      if (words.length < 4) throw invalid('apt.package', `dpkg-query line "${line}"`);
      if (words[words.length - 1] === 'installed') installed.set(words[0]!, words.slice(1, -3).join(' '));
    }
    const now = Number(f.need('now'));
    const mtime = Number(f.need('cache_mtime'));
    const lists = Number(f.need('lists'));
    if (![now, mtime, lists].every(Number.isFinite)) throw invalid('apt.package', 'non-numeric cache fields');
    return { installed, cacheAge: lists === 0 || mtime === 0 ? Infinity : Math.max(0, now - mtime) };
  },
  plan(p, have) {
    const steps: RunStep[] = [];
    if (p.state === 'absent') {
      const present = p.names.map(bareName).filter((n) => have.installed.has(n));
      const verb = p.purge ? 'purge' : 'remove';
      if (present.length > 0)
        steps.push(
          runStep(`apt-get ${verb} ${present.join(' ')}`, sh`${ENV} apt-get ${verb} ${OPTS.split(' ')} ${present}`),
        );
      return steps;
    }
    const missing = p.names.filter((spec) => {
      const version = have.installed.get(bareName(spec));
      const pin = /=(.+)$/.exec(spec)?.[1];
      return version === undefined || (pin !== undefined && version !== pin);
    });
    if (missing.length === 0) return [];
    if (p.updateCache && have.cacheAge > p.cacheValidTime) steps.push(runStep('apt-get update', sh`apt-get update -q`));
    steps.push(
      runStep(
        `apt-get install ${missing.join(' ')}`,
        sh`${ENV} apt-get install ${OPTS.split(' ')} --no-install-recommends ${missing}`,
      ),
    );
    return steps;
  },
};

/** An apt task: installs only what dpkg does not list as installed; `apt-get update` only when needed. */
export function aptPackage(p: AptPackageInput): Action<AptPackageParams, AptPackageState> {
  if (p.names.length === 0) throw badParam('apt.package', 'names is empty');
  for (const n of p.names)
    checkName('apt.package', 'package', n, /^[a-z0-9][a-z0-9+.-]+(:[a-z0-9-]+)?(=[A-Za-z0-9.+~:-]+)?$/);
  const cacheValidTime = p.cacheValidTime ?? 3600;
  if (!(cacheValidTime >= 0)) throw badParam('apt.package', 'cacheValidTime must be >= 0 seconds');
  return action(aptPackageModule, {
    names: [...p.names],
    state: p.state ?? 'present',
    updateCache: p.updateCache ?? true,
    cacheValidTime,
    purge: p.purge ?? false,
  });
}
