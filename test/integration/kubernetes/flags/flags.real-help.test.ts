// The flag lists against the real programs: every component's TSV (plus known-omissions.tsv) against its `--help`,
// for each version whose binaries are in the machine's mirror. Spawns the binaries, but only with --help.

import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { KUBERNETES_MIRROR, LISTED_COMPONENTS } from '../../../../kubernetes/flags/from-help.ts';
import { listedMinors } from '../../../../kubernetes/flags/generate.ts';
import { helpDifferences, parseHelp } from '../../../../kubernetes/flags/help.ts';
import { parseFlagList, parseOmissions } from '../../../../kubernetes/flags/tsv.ts';
import { FLAGS_DIR } from '../../../unit/roles/control-plane/helpers.ts';

const run = promisify(execFile);
/** The mirror (docs/artifacts.md layout below `kubernetes/`); ORCHESTRATE_K8S_MIRROR points elsewhere. */
const MIRROR = process.env.ORCHESTRATE_K8S_MIRROR ?? KUBERNETES_MIRROR;
const binaryOf = (version: string, component: string): string => join(MIRROR, version, 'amd64', component);

/** The mirror's versions of a minor whose five listed components are all there ("1.36" -> ["1.36.3"]). */
function versionsOf(minor: string): string[] {
  if (!existsSync(MIRROR)) return [];
  return readdirSync(MIRROR)
    .filter((v) => v.startsWith(`${minor}.`) && /^\d+\.\d+\.\d+$/.test(v))
    .filter((v) => LISTED_COMPONENTS.every((c) => existsSync(binaryOf(v, c))));
}

describe('control-plane flags: the lists against the real programs (--help)', function () {
  this.timeout(120_000);
  const omissions = readFileSync(join(FLAGS_DIR, 'known-omissions.tsv'), 'utf8');

  for (const minor of listedMinors(FLAGS_DIR)) {
    const versions = versionsOf(minor);
    if (versions.length === 0) {
      it(`${minor}: skipped, no ${minor}.x binaries (all of ${LISTED_COMPONENTS.join(', ')}) under ${MIRROR}; put them at ${MIRROR}/${minor}.N/amd64/ (docs/artifacts.md; node src/cli/bin.js lab artifacts --kubernetes V builds the minors of kubernetes/cluster/release-sets.ts)`, function () {
        this.skip();
      });
      continue;
    }
    describe(`${minor} (${versions.map((v) => `v${v}`).join(', ')})`, () => {
      /** version -> component -> its --help. */
      const help = new Map<string, Map<string, string>>();
      before(async () => {
        // Piped stdout: cobra finds no terminal width and does not wrap, as from-help.ts captured it.
        for (const version of versions) {
          const outs = await Promise.all(
            LISTED_COMPONENTS.map((c) =>
              run(binaryOf(version, c), ['--help'], { timeout: 60_000, maxBuffer: 16 << 20 }),
            ),
          );
          help.set(version, new Map(LISTED_COMPONENTS.map((c, i) => [c, outs[i]!.stdout])));
        }
      });

      for (const version of versions)
        it(`GIVEN the five components of ${version} WHEN each list is compared with its --help THEN no flag differs`, () => {
          const diffs = LISTED_COMPONENTS.flatMap((c) => {
            const list = parseFlagList(readFileSync(join(FLAGS_DIR, minor, `${c}.tsv`), 'utf8'));
            const label = `${c} ${minor} (v${version})`;
            const printed = parseHelp(help.get(version)!.get(c)!);
            return helpDifferences(label, c, list.rows, parseOmissions(omissions, c, minor), printed);
          });
          const why = `fix test/fixtures/flags/${minor}/ (the program is the truth):\n${diffs.join('\n')}`;
          expect(diffs, why).to.deep.equal([]);
        });

      it(`GIVEN test/fixtures/flags/help/${minor}/ WHEN compared with the binaries' --help THEN each text is one of theirs`, () => {
        const stale = LISTED_COMPONENTS.filter((c) => {
          const file = join(FLAGS_DIR, 'help', minor, `${c}.txt`);
          const text = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
          return !versions.some((v) => help.get(v)!.get(c) === text);
        });
        expect(stale, `run npx tsx kubernetes/flags/from-help.ts ${versions.at(-1)}`).to.deep.equal([]);
      });
    });
  }
});
