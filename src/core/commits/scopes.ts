/** Scopes used in a history, most used first (ties: most recent first, assuming newest-first input). */
export function rankScopes(_messages: Iterable<string>): { readonly scope: string; readonly count: number }[] {
  throw new Error('not implemented yet');
}
