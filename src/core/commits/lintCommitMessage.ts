import type { Finding } from '../findings';
import { releaseEffectOfType } from './commitTypes';
import { helpUrlFor } from './helpUrls';
import { matchIgnore } from './ignores';
import { buildModel, type MessageModel } from './parse';
import { RULES_BY_ID } from './rules';
import type { RuleContext, RuleDefinition } from './ruleKit/types';
import { DEFAULT_TRAILER_SETTINGS } from './trailers';
import { normaliseCommentChar } from './text';
import type { CommitLintResult, CommitLintVerdict, LintCommitOptions, ReleaseEffect, ResolvedCommitLintConfig, RuleCondition, RuleSetting } from './types';

/** A rule that is on (level 1 or 2, known, with a condition), with what the linter adds to its findings. */
interface ActiveRule {
  readonly name: string;
  readonly rule: RuleDefinition;
  readonly when: RuleCondition;
  readonly value: unknown;
  readonly severity: 'error' | 'warning';
  readonly helpUrl: string;
  /** `rule.compile(value, when)`, once per configuration; undefined without one (or when it threw). */
  readonly compiled: unknown;
}

function compiledValue(rule: RuleDefinition, value: unknown, when: RuleCondition): unknown {
  if (!rule.compile) return undefined;
  try {
    return rule.compile(value, when);
  } catch {
    // The rule reads the value itself on every message, and reports what is wrong with it there.
    return undefined;
  }
}

/**
 * The rules a configuration turns on, in the configuration's order, computed once per configuration
 * object (configurations are immutable once resolved). Rules that are off are never visited.
 */
const ACTIVE_RULES = new WeakMap<ResolvedCommitLintConfig, { readonly rules: RulesConfigRef; readonly active: readonly ActiveRule[] }>();
type RulesConfigRef = ResolvedCommitLintConfig['rules'];

function activeRules(config: ResolvedCommitLintConfig): readonly ActiveRule[] {
  const cached = ACTIVE_RULES.get(config);
  // The rules object is compared too, in case a caller swapped it on a mutable config object.
  if (cached && cached.rules === config.rules) return cached.active;
  const active: ActiveRule[] = [];
  for (const [name, setting] of Object.entries(config.rules) as [string, RuleSetting][]) {
    const level = setting[0];
    if (level !== 1 && level !== 2) continue;
    const rule = RULES_BY_ID.get(name);
    const when = setting[1];
    if (!rule || (when !== 'always' && when !== 'never')) continue;
    const value = setting[2];
    const severity = level === 2 ? 'error' : 'warning';
    active.push({ name, rule, when, value, severity, helpUrl: helpUrlFor(name, rule.origin), compiled: compiledValue(rule, value, when) });
  }
  ACTIVE_RULES.set(config, { rules: config.rules, active });
  return active;
}

function releaseEffectOf(model: MessageModel, ignored: boolean): ReleaseEffect {
  const { parsed } = model;
  if (model.empty) return { bump: 'none', reason: 'empty message: no release effect' };
  if (parsed.revert) return { bump: 'patch', reason: 'reverts a commit: patch (as semantic-release)' };
  if (ignored) return { bump: 'none', reason: 'ignored (merge, fixup!, release commit, …): no release effect' };
  if (parsed.type === null) return releaseEffectOfType(null, false);
  const footerBreaking = parsed.notes.length > 0 && !model.parsed.layout.bang;
  if (parsed.breaking) {
    return {
      bump: 'major',
      reason: footerBreaking ? `${parsed.notes[0]?.title ?? 'BREAKING CHANGE'} footer: major` : `"!" after the type (breaking change): major`,
    };
  }
  return releaseEffectOfType(parsed.type, false);
}

/** Whether a default or configured ignore matches the (non-empty) message. */
function isIgnored(model: MessageModel, config: ResolvedCommitLintConfig): boolean {
  if (model.empty) return false;
  try {
    return matchIgnore(model.prepared.cleaned, config.defaultIgnores !== false, config.ignores ?? []) !== undefined;
  } catch {
    return false;
  }
}

/** Every active rule's findings on a message that is neither empty nor ignored, sorted by offset, errors first. */
function runRules(model: MessageModel, input: string, options: LintCommitOptions): Finding[] {
  const config = options.config;
  const ctx: RuleContext = {
    model,
    parsed: model.parsed,
    text: input,
    config,
    trailers: options.trailers ?? DEFAULT_TRAILER_SETTINGS,
    commentChar: normaliseCommentChar(options.commentChar) ?? '#',
  };
  const findings: Finding[] = [];
  const active = activeRules(config);
  // Indexed loops, no iterator objects: in a short batch most of this runs before it is optimised (issue #13).
  for (let r = 0; r < active.length; r++) {
    const { name, rule, when, value, severity, helpUrl, compiled } = active[r] as ActiveRule;
    let violations;
    try {
      violations = rule.check(ctx, when, value, compiled);
    } catch (error) {
      // A rule bug must not take the editor down; report it where it can be seen.
      findings.push({
        ruleId: name,
        severity: 'warning',
        message: `rule ${name} failed: ${error instanceof Error ? error.message : String(error)}`,
        start: 0,
        end: 0,
      });
      continue;
    }
    for (let i = 0; i < violations.length; i++) {
      const v = violations[i]!;
      findings.push(
        v.fixes && v.fixes.length > 0
          ? { ruleId: name, severity, message: v.message, start: v.start, end: v.end, helpUrl, fixes: v.fixes }
          : { ruleId: name, severity, message: v.message, start: v.start, end: v.end, helpUrl },
      );
    }
  }
  if (findings.length > 1) findings.sort((a, b) => a.start - b.start || (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return findings;
}

function hasError(findings: readonly Finding[]): boolean {
  for (let i = 0; i < findings.length; i++) if (findings[i]!.severity === 'error') return true;
  return false;
}

const NO_FINDINGS: readonly Finding[] = Object.freeze([]) as readonly Finding[];

/** Lints one commit message. Never throws on any input: problems are findings. */
export function lintCommitMessage(text: string, options: LintCommitOptions): CommitLintResult {
  const input = typeof text === 'string' ? text : '';
  const model = buildModel(input, options.commentChar);
  const ignored = isIgnored(model, options.config);
  const releaseEffect = releaseEffectOf(model, ignored);
  if (model.empty || ignored) return { valid: true, ignored, findings: [], parsed: model.parsed, releaseEffect };
  const findings = runRules(model, input, options);
  return { valid: !hasError(findings), ignored: false, findings, parsed: model.parsed, releaseEffect };
}

/**
 * `lintCommitMessage`'s verdict alone (valid, ignored, findings), without the parse and the release effect it
 * returns besides: for batch outputs that print neither (`lint-message --jsonl`). Same answers on every input.
 * The findings of an empty or ignored message are one shared frozen empty list.
 */
export function lintCommitVerdict(text: string, options: LintCommitOptions): CommitLintVerdict {
  const input = typeof text === 'string' ? text : '';
  const model = buildModel(input, options.commentChar);
  const ignored = isIgnored(model, options.config);
  if (model.empty || ignored) return { valid: true, ignored, findings: NO_FINDINGS };
  const findings = runRules(model, input, options);
  return { valid: !hasError(findings), ignored: false, findings };
}
