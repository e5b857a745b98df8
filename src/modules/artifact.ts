// artifact: a local file (a binary, an archive) placed on the host, verified by its pinned sha256.

import type { Action, Module } from './types.ts';
import { action } from './types.ts';
import { parseFields } from './lib/fields.ts';
import { badParam, checkPath, normalizeMode } from './lib/params.ts';
import type { FileStat } from './lib/stat.ts';
import { parseStat, statProbe } from './lib/stat.ts';
import { planFile } from './lib/file-plan.ts';

export interface ArtifactParams {
  /** Local path on the control machine; read by the executor only when an upload is planned. */
  readonly src: string;
  /** Expected sha256 (hex) of src: compared with the host's copy, checked again after upload. */
  readonly sha256: string;
  readonly dest: string;
  readonly mode: string;
  readonly owner: string | undefined;
  readonly group: string | undefined;
}

export interface ArtifactInput {
  readonly src: string;
  readonly sha256: string;
  readonly dest: string;
  /** Default '0644' (binaries want '0755'). */
  readonly mode?: string | number;
  readonly owner?: string;
  readonly group?: string;
}

export const artifactModule: Module<ArtifactParams, FileStat> = {
  id: 'artifact',
  // Never the content: artifacts are large and binary; the sha256 decides (recorded at install, sha-stamp.ts).
  probe: (p) => statProbe(p.dest, { recordedSha: true }),
  parse: (stdout) => parseStat(parseFields('artifact', stdout)),
  plan: (p, have, ctx) =>
    planFile(
      {
        path: p.dest,
        source: { file: p.src, sha256: p.sha256 },
        sha256: p.sha256,
        mode: p.mode,
        owner: p.owner,
        group: p.group,
      },
      have,
      ctx,
    ),
};

/** An artifact task: uploaded only when the host's sha256 differs from the pin (see sha256File). */
export function artifact(p: ArtifactInput): Action<ArtifactParams, FileStat> {
  const sha256 = p.sha256.toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw badParam('artifact', `sha256 of ${p.src} must be 64 hex digits`);
  if (p.src === '') throw badParam('artifact', 'src is empty');
  return action(artifactModule, {
    src: p.src,
    sha256,
    dest: checkPath('artifact', p.dest),
    mode: normalizeMode('artifact', p.mode ?? '0644'),
    owner: p.owner,
    group: p.group,
  });
}
