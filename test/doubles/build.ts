// buildDoubles: one self-contained executable per Kubernetes component, with that version's flag list inside.

import { build } from 'esbuild';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The daemons: their doubles check every flag against the version's list in test/fixtures/flags. */
export const SERVER_COMPONENTS = [
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'kubelet',
  'kube-proxy',
] as const;
export type ServerComponent = (typeof SERVER_COMPONENTS)[number];
/** Every double built (the names of the real binaries); kubectl's implements a subset and has no flag list. */
export const DOUBLE_COMPONENTS = [...SERVER_COMPONENTS, 'kubectl'] as const;
export type DoubleComponent = (typeof DOUBLE_COMPONENTS)[number];

/** Where the doubles expect node inside a lab host (bind /usr/bin/node there read-only). */
export const DOUBLE_NODE_PATH = '/opt/orchestrate-test/node';

const FLAGS_DIR = fileURLToPath(new URL('../fixtures/flags/', import.meta.url));
const ENTRY = fileURLToPath(new URL('./runtime/entry.ts', import.meta.url));

/**
 * Line 1 for sh; line 2 is an sh command and, for node, a string statement plus a comment.
 * ORCHESTRATE_TEST_NODE lets unit tests run a double with this machine's node.
 */
const HEADER = `#!/bin/sh
':' //; n="\${ORCHESTRATE_TEST_NODE:-${DOUBLE_NODE_PATH}}"; [ -x "$n" ] || { echo "orchestrate test double: no node at $n (lab up --bind-ro /usr/bin/node:${DOUBLE_NODE_PATH})" >&2; exit 127; }; exec "$n" "$0" "$@"
`;

/** "v1.32.3" | "1.32.3" | "1.32" -> full version and the flag list directory. */
export function parseDoubleVersion(version: string): { full: string; minor: string } {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?$/.exec(version);
  if (!m) throw new Error(`doubles: version ${JSON.stringify(version)} is not like v1.32.3`);
  return { full: `${m[1]}.${m[2]}.${m[3] ?? '0'}`, minor: `${m[1]}.${m[2]}` };
}

/** The bundle of one component (text, header included). */
async function bundle(component: DoubleComponent, full: string, minor: string, omissionsTsv: string): Promise<string> {
  const flagsTsv =
    component === 'kubectl'
      ? ''
      : await readFile(join(FLAGS_DIR, minor, `${component}.tsv`), 'utf8').catch(() => {
          throw new Error(`doubles: no flag list for ${component} ${minor} in test/fixtures/flags/${minor}/`);
        });
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    write: false,
    logLevel: 'silent',
    legalComments: 'none',
    // Installed under a package.json with "type": "module", node would read the file as ESM: require from there too.
    banner: { js: "var require = typeof require === 'function' ? require : process.getBuiltinModule;" },
    define: { ORCHESTRATE_DOUBLE_EMBED: JSON.stringify({ component, version: full, minor, flagsTsv, omissionsTsv }) },
  });
  return HEADER + result.outputFiles[0]!.text;
}

/** Builds every double into outDir/<component> (mode 0755); returns component -> path. */
export async function buildDoubles(outDir: string, version: string): Promise<Record<DoubleComponent, string>> {
  const { full, minor } = parseDoubleVersion(version);
  const omissions = await readFile(join(FLAGS_DIR, 'known-omissions.tsv'), 'utf8');
  await mkdir(outDir, { recursive: true });
  const out = {} as Record<DoubleComponent, string>;
  await Promise.all(
    DOUBLE_COMPONENTS.map(async (c) => {
      const path = join(outDir, c);
      await writeFile(path, await bundle(c, full, minor, omissions));
      await chmod(path, 0o755);
      out[c] = path;
    }),
  );
  return out;
}
