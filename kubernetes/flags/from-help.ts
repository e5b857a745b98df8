// Reads the real components of one Kubernetes version (their --version and --help) into test/fixtures/flags.
// Usage: npx tsx kubernetes/flags/from-help.ts <version> [--lists] [--mirror DIR]
//   always: test/fixtures/flags/help/<minor>/<component>.txt   (the --help text, byte for byte)
//   --lists: test/fixtures/flags/<minor>/<component>.tsv       (the flag list, written from that --help)
// The binaries are taken from DIR/<version>/amd64/ (default: the machine's mirror, docs/artifacts.md), as
// `node src/cli/bin.js lab artifacts --kubernetes <version>` fills it. Only --version and --help are run.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FLAGS_DIR, listedMinors } from './generate.ts';
import { normalizeFlagName, parseHelp, renderFlagTsv, type HelpFlag } from './help.ts';
import { parseFlagList } from './tsv.ts';

/** The components that have flag lists (kubectl has none). */
export const LISTED_COMPONENTS = [
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'kubelet',
  'kube-proxy',
];

/** The machine's mirror of Kubernetes binaries: <dir>/<version>/<arch>/<binary>. */
export const KUBERNETES_MIRROR = '/var/cache/orchestrate/artifacts/kubernetes';

/** Where captured --help texts go: help/<minor>/<component>.txt. */
export const HELP_DIR = join(FLAGS_DIR, 'help');

/** Runs a binary with one argument (`--help`, `--version`) and returns what it printed on stdout. */
export function runPrinting(binary: string, arg: '--help' | '--version'): string {
  // Piped stdout: cobra finds no terminal width and prints every usage on one line (no wrapping).
  return execFileSync(binary, [arg], { encoding: 'utf8', timeout: 60_000, maxBuffer: 16 << 20 });
}

/** "1.37.2" -> "1.37". */
export const minorOf = (version: string): string => version.replace(/^v/, '').split('.').slice(0, 2).join('.');

/**
 * Pure: notes `--help` cannot give, carried from the previous minor's row of the same flag and printed type
 * (a boolean whose usage has a back-quoted word, so pflag prints that word as its type; a value of the flag
 * that is deprecated). Only for flags the help shows without a note and that were not deprecated before.
 */
export function carryNotes(flags: readonly HelpFlag[], previousTsv: string | undefined): HelpFlag[] {
  if (previousTsv === undefined) return [...flags];
  const before = new Map(parseFlagList(previousTsv).rows.map((r) => [normalizeFlagName(r.name), r]));
  return flags.map((f) => {
    const old = before.get(normalizeFlagName(f.name));
    if (f.note !== '' || old === undefined || old.deprecated || old.type !== f.type || old.note === '') return f;
    if (/reference page|shorthand/.test(old.note)) return f;
    return { ...f, note: old.note };
  });
}

/** Pure: the `# source:` line of a list written from a binary's --help. */
export function helpSource(component: string, versionOutput: string, binary: string, previousMinor?: string): string {
  const parts = [
    `${component} --version: "${versionOutput.trim()}" (${binary}, built from its Go module by \`orchestrate lab artifacts\`)`,
    'read from its --help by kubernetes/flags/from-help.ts (the text: test/fixtures/flags/help/)',
    'flags pflag hides from --help (MarkDeprecated, MarkHidden) cannot be listed here: known-omissions.tsv names those known',
  ];
  if (previousMinor !== undefined)
    parts.push(`notes --help cannot give carried from ${previousMinor}/${component}.tsv`);
  return parts.join('; ');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const version = args.find((a) => /^v?\d+\.\d+\.\d+$/.test(a))?.replace(/^v/, '');
  const mirrorAt = args.indexOf('--mirror');
  const mirror = mirrorAt >= 0 ? args[mirrorAt + 1]! : KUBERNETES_MIRROR;
  if (version === undefined) {
    process.stderr.write('usage: npx tsx kubernetes/flags/from-help.ts <version> [--lists] [--mirror DIR]\n');
    process.exit(5);
  }
  const minor = minorOf(version);
  const previous = listedMinors(FLAGS_DIR)
    .filter((m) => m !== minor && Number(m.split('.')[1]) < Number(minor.split('.')[1]))
    .at(-1);
  mkdirSync(join(HELP_DIR, minor), { recursive: true });
  if (args.includes('--lists')) mkdirSync(join(FLAGS_DIR, minor), { recursive: true });
  for (const component of LISTED_COMPONENTS) {
    const binary = join(mirror, version, 'amd64', component);
    if (!existsSync(binary))
      throw new Error(`${binary} does not exist: run node src/cli/bin.js lab artifacts --kubernetes ${version}`);
    const help = runPrinting(binary, '--help');
    writeFileSync(join(HELP_DIR, minor, `${component}.txt`), help);
    process.stdout.write(`wrote test/fixtures/flags/help/${minor}/${component}.txt\n`);
    if (!args.includes('--lists')) continue;
    const prevFile = previous !== undefined ? join(FLAGS_DIR, previous, `${component}.tsv`) : undefined;
    const prevTsv = prevFile !== undefined && existsSync(prevFile) ? readFileSync(prevFile, 'utf8') : undefined;
    const flags = carryNotes(parseHelp(help), prevTsv);
    const source = helpSource(component, runPrinting(binary, '--version'), binary, prevTsv ? previous : undefined);
    writeFileSync(join(FLAGS_DIR, minor, `${component}.tsv`), renderFlagTsv(source, flags));
    process.stdout.write(`wrote test/fixtures/flags/${minor}/${component}.tsv (${flags.length} flags)\n`);
  }
}
