import type { Finding, Fix } from '../../../../src/core/findings';
import { lintCommitMessage, resolveCommitLintConfig, type RuleSetting } from '../../../../src/core/commits';
import type { CommitLintResult } from '../../../../src/core/commits';
import type { MessageModel } from '../../../../src/core/commits/parse';

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

/** Everything a rule can see of a model, as plain data (the offset map sampled at every offset). */
export function modelAsData(model: MessageModel): unknown {
  const { prepared } = model;
  const offsets: number[] = [];
  for (let i = -1; i <= prepared.cleaned.length + 1; i++) offsets.push(prepared.toOriginal(i));
  return {
    original: prepared.original,
    cleaned: prepared.cleaned,
    lines: prepared.lines,
    offsets,
    parsed: model.parsed,
    empty: model.empty,
    headerLine: model.headerLine,
    bodyLines: model.bodyLines,
    footerLines: model.footerLines,
    parserLines: model.parserLines,
    footerStartIndex: model.footerStartIndex,
  };
}
