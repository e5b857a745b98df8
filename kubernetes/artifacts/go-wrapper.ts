// The wrapper module a component is built in: the usual way to build a program as a dependency (pure).

import type { GoProgram } from './go-programs.ts';

/** The Go version the wrappers declare; the machine's go must be at least this. */
export const WRAPPER_GO = '1.26.0';

/**
 * k8s.io/kubernetes requires its staging modules at v0.0.0 (its own go.work points them at ./staging),
 * which no proxy serves: every `k8s.io/X v0.0.0` requirement of its go.mod is a staging module.
 */
export function stagingModules(kubernetesGoMod: string): string[] {
  const out = new Set<string>();
  for (const line of kubernetesGoMod.split('\n')) {
    const m = /^\s*(?:require\s+)?(k8s\.io\/[A-Za-z0-9._-]+)\s+v0\.0\.0\s*(?:\/\/.*)?$/.exec(line);
    if (m) out.add(m[1]!);
  }
  return [...out].sort();
}

/** The staging modules' published version for a Kubernetes release: v1.X.Y(-pre) is published as v0.X.Y(-pre). */
export function stagingVersion(kubernetes: string): string {
  return `v0.${kubernetes.replace(/^v?\d+\./, '')}`;
}

/** Only the main module's godebug line counts: copy the one the built module declares, as its own builds use. */
export function godebugOf(goMod: string): string | undefined {
  return /^godebug\s+(\S+)\s*$/m.exec(goMod)?.[1];
}

/** Pure: the wrapper's go.mod. `staging` lists the modules to replace (empty unless stagingReplaces). */
export function renderWrapperGoMod(
  program: GoProgram,
  version: string,
  opts: { staging?: readonly string[]; godebug?: string | undefined } = {},
): string {
  const v = `v${version.replace(/^v/, '')}`;
  const lines = [`module orchestrate.invalid/build/${program.component}`, '', `go ${WRAPPER_GO}`, ''];
  if (opts.godebug !== undefined) lines.push(`godebug ${opts.godebug}`, '');
  lines.push('require (', ...program.modules.map((m) => `\t${m} ${v}`), ')', '');
  const staging = opts.staging ?? [];
  if (staging.length > 0) {
    const sv = stagingVersion(version);
    lines.push('replace (', ...staging.map((m) => `\t${m} => ${m} ${sv}`), ')', '');
  }
  return lines.join('\n');
}

/** Pure: a file that imports every main package, so `go mod tidy` resolves exactly what the build needs. */
export function renderToolsGo(program: GoProgram): string {
  return [
    '//go:build tools',
    '',
    '// Package build pins the programs built from this wrapper (never compiled: the tools tag is never set).',
    'package build',
    '',
    'import (',
    ...program.binaries.map((b) => `\t_ "${b.pkg}"`),
    ')',
    '',
  ].join('\n');
}
