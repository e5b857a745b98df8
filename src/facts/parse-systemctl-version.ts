// Parses the systemd version from the first line of `systemctl --version` ("systemd 252 (252.39-1~deb12u2)").

/** The major version number, or undefined when systemctl is missing or prints something else. */
export function parseSystemctlVersion(text: string): number | undefined {
  const first = text.split('\n').find((l) => l.trim() !== '') ?? '';
  const m = /^\s*systemd\s+(\d+)/.exec(first);
  return m?.[1] === undefined ? undefined : Number(m[1]);
}
