// Parses /proc/swaps: a header, then one line per active swap area with its size in KiB.

/** Decodes the octal escapes the kernel uses for spaces and the like in swap file names. */
function unescapeOctal(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_m, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}

/** Total active swap in KiB and the swap devices/files; empty text (no /proc) means no swap known. */
export function parseSwaps(text: string): { totalKb: number; devices: string[] } {
  const devices: string[] = [];
  let totalKb = 0;
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 3 || fields[0] === 'Filename') continue;
    const size = Number(fields[2]);
    if (!Number.isFinite(size)) continue;
    devices.push(unescapeOctal(fields[0] ?? ''));
    totalKb += size;
  }
  return { totalKb, devices };
}
