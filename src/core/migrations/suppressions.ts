// `release-hygiene-ignore <rule>[, <rule>]: <reason>` in a comment (`--`, `/* */`, `#`, `//`). It silences the
// findings of those rules on the comment's own line (trailing comment) or on the next line with code. A reason
// is required: without one the comment silences nothing and is itself reported.
import { MIGRATION_RULES, RULE_ALIASES } from './rules';
import type { MigrationRuleId, Suppression } from './types';

const PATTERN = /release-hygiene-ignore\s+([a-z][a-z0-9-]*(?:\s*,\s*[a-z][a-z0-9-]*)*)\s*(?::\s*(.*?))?\s*(?:\*\/)?\s*$/;

export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
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
  const starts = lineStarts(text);
  const found: Suppression[] = [];
  for (const comment of comments) {
    const body = text.slice(comment.start, comment.end);
    const m = PATTERN.exec(body);
    if (!m) continue;
    const line = lineOf(starts, comment.start);
    let applies = line;
    if (!codeLines.has(line) || firstCodeAfter(text, starts, line, comment.start)) {
      applies = line + 1;
      while (applies < starts.length && !codeLines.has(applies)) applies++;
    }
    const reason = (m[2] ?? '').trim();
    for (const name of m[1]!.split(',').map((s) => s.trim())) {
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
