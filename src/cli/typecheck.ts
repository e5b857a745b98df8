// A playbook that does not type-check does not run; the verdict is cached by the content
// hashes of every file the check read, so an unchanged re-run pays nothing for it.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { CompilerOptions } from 'typescript';
import { OrchestrateError } from '../errors.ts';

interface CacheEntry {
  readonly files: Record<string, string>; // path -> sha256
}

const hashFile = (p: string): string | undefined => {
  try {
    return createHash('sha256').update(readFileSync(p)).digest('hex');
  } catch {
    return undefined;
  }
};

/** Type-checks the entry files (the playbook, a TS inventory) with the nearest tsconfig.json. */
export async function typecheck(entries: readonly string[], cacheDir: string): Promise<void> {
  checkPlaybookFile(entries[0]!);
  const roots = entries.map((e) => resolve(e));
  const key = createHash('sha256').update(roots.join('\0')).digest('hex').slice(0, 16);
  const cacheFile = join(cacheDir, `typecheck-${key}.json`);
  if (cacheHit(cacheFile)) return;
  const ts = (await import('typescript')).default;
  const configPath = ts.findConfigFile(dirname(roots[0]!), ts.sys.fileExists, 'tsconfig.json');
  let options: CompilerOptions = {
    strict: true,
    noEmit: true,
    allowImportingTsExtensions: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    skipLibCheck: true,
  };
  if (configPath) {
    const cfg = ts.readConfigFile(configPath, ts.sys.readFile);
    // With the config's name, `types` resolve from its directory: a playbook checks the same from any cwd.
    options = ts.parseJsonConfigFileContent(cfg.config, ts.sys, dirname(configPath), undefined, configPath).options;
  }
  const program = ts.createProgram(roots, { ...options, noEmit: true });
  const diags = ts.getPreEmitDiagnostics(program);
  if (diags.length > 0) {
    const text = ts.formatDiagnostics(diags.slice(0, 20), {
      getCanonicalFileName: (f) => f,
      getCurrentDirectory: () => process.cwd(),
      getNewLine: () => '\n',
    });
    const what =
      entries.length > 1 ? `playbook ${entries[0]} (with inventory ${entries[1]})` : `playbook ${entries[0]}`;
    throw new OrchestrateError(
      'PLAYBOOK_INVALID',
      `${what} does not type-check (${diags.length} errors):\n${text.trim()}`,
      {
        fix: 'fix the types above (run `npx tsc --noEmit -p .` to see them all); a playbook that does not type-check never runs',
      },
    );
  }
  const files: Record<string, string> = {};
  for (const sf of program.getSourceFiles()) {
    if (sf.fileName.includes('/node_modules/')) continue; // packages change only with the lock file
    files[sf.fileName] = hashFile(sf.fileName) ?? '';
  }
  const lock = configPath ? join(dirname(configPath), 'package-lock.json') : undefined;
  if (lock && existsSync(lock)) files[lock] = hashFile(lock) ?? '';
  if (configPath) files[configPath] = hashFile(configPath) ?? '';
  mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
  const tmp = `${cacheFile}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ files } satisfies CacheEntry), { mode: 0o600 });
  renameSync(tmp, cacheFile);
}

/** A missing or non-TypeScript playbook is refused by name, not by a compiler message. */
function checkPlaybookFile(path: string): void {
  if (!existsSync(resolve(path)))
    throw new OrchestrateError('PLAYBOOK_INVALID', `playbook ${path} does not exist`, {
      fix: 'pass the path of a playbook module, e.g. orchestrate apply playbooks/demo.ts',
    });
  if (!/\.(m?ts|m?js)$/.test(path))
    throw new OrchestrateError(
      'PLAYBOOK_INVALID',
      `playbook ${path} is not a TypeScript module: playbooks are .ts files (Ansible's YAML playbooks are not read)`,
      { fix: 'write it in TypeScript: export default definePlaybook({ name, plays: [...] }), as in playbooks/demo.ts' },
    );
}

function cacheHit(cacheFile: string): boolean {
  if (!existsSync(cacheFile)) return false;
  try {
    const entry = JSON.parse(readFileSync(cacheFile, 'utf8')) as CacheEntry;
    return Object.entries(entry.files).every(([p, h]) => hashFile(p) === h);
  } catch {
    return false;
  }
}
