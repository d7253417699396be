// The commit linter's invariants and configurations, shared by the properties and their regression cases.
import assert from 'node:assert/strict';
import {
  DEFAULT_COMMITLINT_CONFIG,
  lintCommitMessage,
  resolveCommitLintConfig,
  type CommitLintResult,
  type LintCommitOptions,
  type ResolvedCommitLintConfig,
} from '../../../src/core/commits';
import { applyEdits, assertRangeInside } from './harness';

/** Every rule on, with values that real configurations use, on top of config-angular. */
function everyRuleConfig(): ResolvedCommitLintConfig {
  const { config, problems } = resolveCommitLintConfig([
    {
      source: 'fuzz',
      config: {
        extends: ['@commitlint/config-angular'],
        rules: {
          'body-case': [2, 'always', 'lower-case'],
          'body-empty': [2, 'never'],
          'body-full-stop': [2, 'always', '.'],
          'body-max-length': [2, 'always', 500],
          'body-max-line-length': [2, 'always', 40],
          'body-min-length': [2, 'always', 5],
          'breaking-change-exclamation-mark': [2, 'always'],
          'footer-empty': [2, 'never'],
          'footer-max-length': [2, 'always', 200],
          'footer-max-line-length': [2, 'always', 50],
          'footer-min-length': [2, 'always', 3],
          'header-case': [2, 'always', 'lower-case'],
          'header-full-stop': [2, 'never', '.'],
          'header-min-length': [2, 'always', 10],
          'references-empty': [2, 'never'],
          'scope-case': [2, 'always', 'kebab-case'],
          'scope-empty': [2, 'never'],
          'scope-enum': [2, 'always', ['api', 'ui', 'core']],
          'scope-max-length': [2, 'always', 10],
          'scope-min-length': [2, 'always', 2],
          'signed-off-by': [2, 'always', 'Signed-off-by:'],
          'subject-max-length': [2, 'always', 50],
          'subject-min-length': [2, 'always', 3],
          'trailer-exists': [2, 'always', 'Signed-off-by:'],
          'type-max-length': [2, 'always', 8],
          'type-min-length': [2, 'always', 2],
        },
      },
    },
  ]);
  assert.deepEqual(problems, [], 'the fuzz configuration is valid');
  return config;
}

export const CONFIGS: ReadonlyMap<string, ResolvedCommitLintConfig> = new Map([
  ['config-conventional', DEFAULT_COMMITLINT_CONFIG],
  ['every rule on', everyRuleConfig()],
]);
export const configNamed = (name: string): ResolvedCommitLintConfig => CONFIGS.get(name)!;

// ─── Invariants ───────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Fixes that need not clear their own rule, with the reason. Empty: every offered fix clears the rule it
 * fixes at that place.
 */
const FIX_EXCEPTIONS: ReadonlyArray<{ readonly ruleId: string; readonly reason: string }> = [];

export function checkResult(text: string, result: CommitLintResult): void {
  for (const finding of result.findings) {
    assertRangeInside(text, finding, `${finding.ruleId} finding`);
    // A rule that throws is caught by the linter and reported as this message: for the fuzz it is a defect.
    assert.doesNotMatch(finding.message, /^rule \S+ failed: /, `a rule threw: ${finding.message}`);
    for (const fix of finding.fixes ?? []) for (const edit of fix.edits) assertRangeInside(text, edit, `${finding.ruleId} fix "${fix.title}"`);
  }
  assert.equal(result.valid, !result.findings.some((f) => f.severity === 'error'));
  for (const [name, span] of Object.entries(result.parsed.layout)) if (span) assertRangeInside(text, span, `layout.${name}`);
  // Fixes edit the header through its span: the span must hold exactly the header the rules read.
  const { header } = result.parsed.layout;
  assert.equal(text.slice(header.start, header.end), result.parsed.header, 'the header span holds the parsed header');
}

export function lint(text: string, options: LintCommitOptions): CommitLintResult {
  const result = lintCommitMessage(text, options);
  checkResult(text, result);
  return result;
}

/** After each offered fix, its rule reports fewer findings than before (the fixed one is gone). */
export function assertFixClears(text: string, options: LintCommitOptions, before: CommitLintResult): void {
  for (const finding of before.findings) {
    if (FIX_EXCEPTIONS.some((e) => e.ruleId === finding.ruleId)) continue;
    const count = before.findings.filter((f) => f.ruleId === finding.ruleId).length;
    for (const fix of finding.fixes ?? []) {
      const fixed = applyEdits(text, fix.edits);
      const after = lint(fixed, options).findings.filter((f) => f.ruleId === finding.ruleId);
      assert.ok(
        after.length < count,
        `fix "${fix.title}" of ${finding.ruleId} left it reported: ${JSON.stringify(text)} → ${JSON.stringify(fixed)}: ${after.map((f) => f.message).join('; ')}`,
      );
    }
  }
}

