/** Likely-typo suggestions (optimal string alignment distance, transpositions count once). */

/** Three rows of the distance table, reused between calls (grown when a longer word comes). */
let rowsA = new Float64Array(72);
let rowsB = new Float64Array(72);
let rowsC = new Float64Array(72);

export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  if (rowsA.length < cols) {
    rowsA = new Float64Array(cols);
    rowsB = new Float64Array(cols);
    rowsC = new Float64Array(cols);
  }
  let prevPrev = rowsA;
  let prev = rowsB;
  let cur = rowsC;
  for (let j = 0; j < cols; j++) {
    prevPrev[j] = 0;
    prev[j] = j;
  }
  for (let i = 1; i < rows; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    const aPrev = i > 1 ? a.charCodeAt(i - 2) : -1;
    for (let j = 1; j < cols; j++) {
      const bj = b.charCodeAt(j - 1);
      const cost = ai === bj ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && aPrev === bj) v = Math.min(v, (prevPrev[j - 2] as number) + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    const recycled = prevPrev;
    prevPrev = prev;
    prev = cur;
    cur = recycled;
  }
  return prev[cols - 1] as number;
}

/**
 * Suggestions already computed (the same wrong type recurs through a history), per candidate list
 * (a configuration's `type-enum`, …). The list's contents are kept and compared, so a list changed in
 * place starts afresh. Bounded; cleared when full.
 */
const SUGGESTIONS = new WeakMap<readonly string[], { readonly snapshot: readonly string[]; readonly memo: Map<string, readonly string[]> }>();
const SUGGESTIONS_PER_LIST = 512;

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Up to `max` candidates within distance `limit` of `word` (case-insensitive), closest first. */
export function suggest(word: string, candidates: readonly string[], limit = 2, max = 3): string[] {
  if (word.length > 64) return [];
  let entry = SUGGESTIONS.get(candidates);
  if (!entry || !sameList(entry.snapshot, candidates)) {
    entry = { snapshot: [...candidates], memo: new Map() };
    SUGGESTIONS.set(candidates, entry);
  }
  // `limit` and `max` are numbers: the key "limit,max,word" is unambiguous.
  const key = `${limit},${max},${word}`;
  const known = entry.memo.get(key);
  if (known) return [...known];
  const result = computeSuggestions(word, candidates, limit, max);
  if (entry.memo.size >= SUGGESTIONS_PER_LIST) entry.memo.clear();
  entry.memo.set(key, result);
  return [...result];
}

function computeSuggestions(word: string, candidates: readonly string[], limit: number, max: number): string[] {
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
