/**
 * A forgiving reading of a header that does not match the Conventional Commits pattern, to explain
 * and repair `feat !: x`, `feat! : x`, `feat!(scope): x`, `feat (scope): x`, `feat(scope) !: x` and
 * `feat:x`. A hand-written scanner (linear, no backtracking) rather than a regex with optional spaces.
 */
import { COMMIT_TYPES } from '../commitTypes';
import { HEADER_PATTERN } from '../parse';
import type { ResolvedCommitLintConfig } from '../types';

export interface LenientHeader {
  readonly type: string;
  readonly scope: string | undefined;
  readonly bang: boolean;
  /** Length of the prefix up to the subject (colon and spaces after it included). */
  readonly prefixLength: number;
  readonly subject: string;
  /** The prefix as it should be: `type(scope)!: `. */
  readonly canonicalPrefix: string;
  /** The only problem is the missing space after the colon. */
  readonly onlyMissingSpace: boolean;
}

const isWordChar = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isBlank = (c: number): boolean => c === 32 || c === 9;

export function readLenientHeader(header: string): LenientHeader | undefined {
  if (HEADER_PATTERN.test(header)) return undefined;
  let i = 0;
  const n = header.length;
  while (i < n && isWordChar(header.charCodeAt(i))) i++;
  if (i === 0) return undefined;
  const type = header.slice(0, i);
  let bang = false;
  let scope: string | undefined;
  const skipBlanks = (): void => {
    while (i < n && isBlank(header.charCodeAt(i))) i++;
  };
  skipBlanks();
  if (header[i] === '!') {
    bang = true;
    i++;
    skipBlanks();
  }
  if (header[i] === '(') {
    const close = header.indexOf(')', i + 1);
    if (close === -1) return undefined;
    const inner = header.slice(i + 1, close);
    if (inner.includes('(')) return undefined;
    scope = inner;
    i = close + 1;
    skipBlanks();
  }
  if (header[i] === '!') {
    bang = true;
    i++;
    skipBlanks();
  }
  if (header[i] !== ':') return undefined;
  i++;
  const afterColon = i;
  skipBlanks();
  const subject = header.slice(i);
  if (subject.trim() === '') return undefined;
  const canonicalPrefix = `${type}${scope !== undefined ? `(${scope})` : ''}${bang ? '!' : ''}: `;
  // Already canonical: the pattern failed on the subject (a CR, U+2028 or U+2029 that `.` does not match), not
  // on the prefix, so there is nothing to repair here (a "fix" would rewrite the prefix as it is).
  if (header.slice(0, i) === canonicalPrefix) return undefined;
  const writtenPrefix = header.slice(0, afterColon);
  return {
    type,
    scope,
    bang,
    prefixLength: i,
    subject,
    canonicalPrefix,
    onlyMissingSpace: writtenPrefix === canonicalPrefix.slice(0, -1) && afterColon === i,
  };
}

/** Types a header may plausibly start with: the configured `type-enum`, else config-conventional's. */
export function knownTypes(config: ResolvedCommitLintConfig): readonly string[] {
  const setting = config.rules['type-enum'];
  if (setting && setting[0] > 0 && setting[1] !== 'never' && Array.isArray(setting[2])) {
    return (setting[2] as unknown[]).filter((t): t is string => typeof t === 'string');
  }
  return COMMIT_TYPES.map((t) => t.type);
}

export function isKnownType(type: string, config: ResolvedCommitLintConfig): boolean {
  const lower = type.toLowerCase();
  return knownTypes(config).some((t) => t.toLowerCase() === lower);
}
