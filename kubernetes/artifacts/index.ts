// The artifacts API for role and playbook authors: version table, resolver, run options.

export { ARCHES, BINARIES, CNI_PLUGINS, downloadFor, type Arch, type Component, type Download } from './catalog.ts';
export { binaryPath, sumsPath, versionDir } from './layout.ts';
export {
  artifactOptions,
  controlArch,
  inventoryArtifactsDir,
  prefetchArtifacts,
  targetArches,
  type ArtifactContext,
} from './options.ts';
export { pinnedSha256 } from './pins.ts';
export { resolveArtifact, resolveArtifactSync, type ArtifactOptions, type ResolvedArtifact } from './resolve.ts';
export type { FetchLike } from './download.ts';
