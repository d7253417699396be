// `release-hygiene-ignore <rule>[, <rule>]: <reason>` in a comment (`--`, `/* */`, `#`, `//`). It silences the
// findings of those rules on the comment's own line (trailing comment) or on the next line with code. A reason
// is required: without one the comment silences nothing and is itself reported.
import { MIGRATION_RULES, RULE_ALIASES } from './rules';
import type { MigrationRuleId, Suppression } from './types';
import { lineStartOffsets } from '../report/region';

/** Every suppression comment holds it: a file without it has none (analyse.ts skips the search). */
export const SUPPRESSION_KEYWORD = 'release-hygiene-ignore';
/** After the keyword: the rule names, and the blanks before a `:` or the end. */
const RULE_LIST = /^\s+([a-z][a-z0-9-]*(?:\s*,\s*[a-z][a-z0-9-]*)*)\s*/;

/**
 * `release-hygiene-ignore <rules>[: <reason>]` at the end of a comment body (before a closing `*\/`), read in
 * steps: as one expression with a lazy reason before optional trailing blanks, a reason followed by a long
 * run of spaces took minutes (10,000 spaces: over two minutes). The reason is one line.
 */
export function readSuppressionComment(body: string): { readonly rules: string; readonly reason: string } | undefined {
  let core = body.trimEnd();
  if (core.endsWith('*/')) core = core.slice(0, -2).trimEnd();
  for (let at = core.indexOf(SUPPRESSION_KEYWORD); at !== -1; at = core.indexOf(SUPPRESSION_KEYWORD, at + 1)) {
    const list = RULE_LIST.exec(core.slice(at + SUPPRESSION_KEYWORD.length));
    if (!list) continue;
    const rest = core.slice(at + SUPPRESSION_KEYWORD.length + list[0].length);
    if (rest === '') return { rules: list[1]!, reason: '' };
    if (rest[0] !== ':') continue;
    const reason = rest.slice(1).replace(/^\s+/, '');
    if (!/[\n\r\u2028\u2029]/.test(reason)) return { rules: list[1]!, reason };
  }
  return undefined;
}

export function lineOf(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function resolveRuleId(name: string): MigrationRuleId | null {
  if (name in MIGRATION_RULES) return name as MigrationRuleId;
  return RULE_ALIASES[name] ?? null;
}

/**
 * Suppressions from comment tokens (given by the file's lexer, so a string that looks like a comment is not one).
 * `codeLines` are the 0-based lines that hold code (tokens other than comments), to find "the next code line".
 */
export function parseSuppressions(text: string, comments: ReadonlyArray<{ start: number; end: number }>, codeLines: ReadonlySet<number>): Suppression[] {
  const starts = lineStartOffsets(text);
  const found: Suppression[] = [];
  for (const comment of comments) {
    const body = text.slice(comment.start, comment.end);
    const m = readSuppressionComment(body);
    if (!m) continue;
    const line = lineOf(starts, comment.start);
    let applies = line;
    if (!codeLines.has(line) || firstCodeAfter(text, starts, line, comment.start)) {
      applies = line + 1;
      while (applies < starts.length && !codeLines.has(applies)) applies++;
    }
    const reason = m.reason.trim();
    for (const name of m.rules.split(',').map((s) => s.trim())) {
      const ruleId = resolveRuleId(name);
      if (!ruleId) continue;
      found.push({ ruleId, reason, start: comment.start, end: comment.end, appliesToLine: applies, valid: reason.length > 0 });
    }
  }
  return found;
}

/** True when the comment is the first thing on its line (code on the line, if any, is after it). */
function firstCodeAfter(text: string, starts: readonly number[], line: number, offset: number): boolean {
  return text.slice(starts[line]!, offset).trim() === '';
}
