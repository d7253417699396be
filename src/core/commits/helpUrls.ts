/** Documentation of commitlint's rules. */
export const COMMITLINT_RULES_URL = 'https://commitlint.js.org/reference/rules.html';
/** Documentation of Release Hygiene's own commit rules (one anchor per rule id). */
export const RELEASE_HYGIENE_RULES_URL = 'https://example.invalid/release-hygiene/blob/main/docs/rules.md';

export function helpUrlFor(ruleId: string, origin: 'commitlint' | 'release-hygiene'): string {
  return `${origin === 'commitlint' ? COMMITLINT_RULES_URL : RELEASE_HYGIENE_RULES_URL}#${ruleId}`;
}
