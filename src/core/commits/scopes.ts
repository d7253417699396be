import { BREAKING_HEADER_PATTERN, HEADER_PATTERN } from './parse';

/**
 * Scopes used in a history, most used first (ties: first seen first — the most recent when the input
 * is newest first). A comma list (`feat(api, cli): …`) also counts each of its scopes.
 */
export function rankScopes(messages: Iterable<string>): { readonly scope: string; readonly count: number }[] {
  const counts = new Map<string, { count: number; order: number }>();
  let order = 0;
  const add = (scope: string): void => {
    if (!scope) return;
    const entry = counts.get(scope);
    if (entry) entry.count++;
    else counts.set(scope, { count: 1, order: order++ });
  };
  for (const message of messages) {
    if (typeof message !== 'string') continue;
    const nl = message.indexOf('\n');
    let first = nl === -1 ? message : message.slice(0, nl);
    if (first.endsWith('\r')) first = first.slice(0, -1);
    // The header patterns alone (as the parser applies them), on the first line only: no full parse.
    const m = BREAKING_HEADER_PATTERN.exec(first) ?? HEADER_PATTERN.exec(first);
    const scope = m?.[2]?.trim();
    if (!scope) continue;
    add(scope);
    if (scope.includes(',')) {
      const parts = new Set(scope.split(',').map((s) => s.trim()).filter(Boolean));
      for (const part of parts) if (part !== scope) add(part);
    }
  }
  return [...counts.entries()]
    .sort((a, b) => b[1].count - a[1].count || a[1].order - b[1].order)
    .map(([scope, { count }]) => ({ scope, count }));
}
