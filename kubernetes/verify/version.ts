// Is the API real Kubernetes? Its /version, read as evidence, never as proof (see deployment.ts for the rule).

export interface VersionInfo {
  readonly gitVersion: string;
  readonly platform: string | undefined;
  readonly goVersion: string | undefined;
}

/** The fields of a /version body, or undefined when it is not one. */
export function parseVersion(body: string): VersionInfo | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch {
    return undefined;
  }
  const v = doc as { gitVersion?: unknown; platform?: unknown; goVersion?: unknown };
  if (typeof v?.gitVersion !== 'string') return undefined;
  const str = (x: unknown) => (typeof x === 'string' ? x : undefined);
  return { gitVersion: v.gitVersion, platform: str(v.platform), goVersion: str(v.goVersion) };
}

/**
 * An upstream release's gitVersion: vMAJOR.MINOR.PATCH, optionally -alpha.N / -beta.N / -rc.N, optionally
 * +build metadata (k3s: v1.32.3+k3s1). Vendor builds (v1.32.3-eks-1a2b3c, -gke.100) are not, and still
 * verify normally when their pods run: this alone never turns a result into "cannot verify".
 */
export function isReleaseVersion(gitVersion: string): boolean {
  return /^v\d+\.\d+\.\d+(-(alpha|beta|rc)\.\d+)?(\+[0-9A-Za-z.-]+)?$/.test(gitVersion);
}
