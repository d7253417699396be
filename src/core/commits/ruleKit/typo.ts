/** Likely-typo suggestions (optimal string alignment distance, transpositions count once). */

export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  let prevPrev = new Array<number>(cols).fill(0);
  let prev = Array.from({ length: cols }, (_, j) => j);
  for (let i = 1; i < rows; i++) {
    const cur = new Array<number>(cols).fill(0);
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (prevPrev[j - 2] as number) + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    prevPrev = prev;
    prev = cur;
  }
  return prev[cols - 1] as number;
}

/** Up to `max` candidates within distance `limit` of `word` (case-insensitive), closest first. */
export function suggest(word: string, candidates: readonly string[], limit = 2, max = 3): string[] {
  if (word.length > 64) return [];
  const lower = word.toLowerCase();
  const scored: { c: string; d: number; i: number }[] = [];
  candidates.forEach((c, i) => {
    if (c === word) return;
    const d = editDistance(lower, c.toLowerCase(), limit);
    // Very short words are too easy to reach: "ab" is two edits from any 2-letter type.
    if (d <= limit && d < Math.max(lower.length, c.length)) scored.push({ c, d, i });
  });
  scored.sort((x, y) => x.d - y.d || x.i - y.i);
  return scored.slice(0, max).map((s) => s.c);
}
