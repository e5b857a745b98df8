// "Did you mean": the known names closest to a mistyped one.

/** Up to `max` names within a small edit distance of `name` (or sharing its prefix), closest first. */
export function closeNames(name: string, known: Iterable<string>, max = 3): string[] {
  const limit = Math.max(1, Math.floor(name.length / 3));
  const scored: [number, string][] = [];
  for (const candidate of known) {
    if (candidate === name) continue;
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    const prefix = name.length >= 3 && candidate.toLowerCase().startsWith(name.toLowerCase());
    if (d <= limit || prefix) scored.push([prefix ? Math.min(d, limit) : d, candidate]);
  }
  scored.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1));
  return scored.slice(0, max).map(([, n]) => n);
}

/** Levenshtein distance with adjacent transpositions (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        rows[0]![j] = j;
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/** ` (did you mean web-1, web-2?)` or nothing. */
export function didYouMean(name: string, known: Iterable<string>): string {
  const close = closeNames(name, known);
  return close.length === 0 ? '' : ` (did you mean ${close.join(', ')}?)`;
}
