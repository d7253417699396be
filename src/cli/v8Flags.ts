/** Whether this V8 has `--interrupt-budget` (V8 11, Node 20); V8 12 (Node 22) dropped it and rejects it aloud. */
export function interruptBudgetKnown(v8Version: string): boolean {
  return /^11\./.test(v8Version);
}
