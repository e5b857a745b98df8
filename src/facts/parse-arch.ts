// Normalizes the architecture to dpkg's names, whether it came from dpkg or from `uname -m`.

const UNAME_TO_DPKG: Readonly<Record<string, string>> = {
  x86_64: 'amd64',
  aarch64: 'arm64',
  armv7l: 'armhf',
  armv6l: 'armel',
  i386: 'i386',
  i486: 'i386',
  i586: 'i386',
  i686: 'i386',
  ppc64le: 'ppc64el',
  s390x: 's390x',
  riscv64: 'riscv64',
};

/** Artifact URLs use dpkg names (amd64, arm64): map kernel machine names onto them. */
export function normalizeArch(raw: string): string {
  const a = raw.trim();
  return UNAME_TO_DPKG[a] ?? a;
}
