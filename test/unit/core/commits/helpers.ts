import type { Finding, Fix } from '../../../../src/core/findings';
import { lintCommitMessage, resolveCommitLintConfig, type RuleSetting } from '../../../../src/core/commits';
import type { CommitLintResult } from '../../../../src/core/commits';

/** Applies a fix's edits (non-overlapping) to `text`. */
export function applyFix(text: string, fix: Fix): string {
  let out = text;
  for (const edit of [...fix.edits].sort((a, b) => b.start - a.start)) {
    out = out.slice(0, edit.start) + edit.newText + out.slice(edit.end);
  }
  return out;
}

/** Lints with exactly one rule configured (and nothing else, ours included). */
export function lintWithRule(
  message: string,
  rule: string,
  setting: RuleSetting,
  commentChar: string | null = null,
): CommitLintResult {
  const { config, problems } = resolveCommitLintConfig([{ config: { rules: { [rule]: setting } }, source: 'test' }]);
  if (problems.length > 0) throw new Error(problems.map((p) => p.message).join('\n'));
  const only = { ...config, rules: { [rule]: setting } };
  return lintCommitMessage(message, { config: only, commentChar });
}

export function findingsOf(result: CommitLintResult, rule: string): Finding[] {
  return result.findings.filter((f) => f.ruleId === rule);
}
