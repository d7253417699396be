/** Building blocks shared by the rule files (kept out of rules/, which holds one file per rule and the registry). */
import type { Fix, TextEdit } from '../../findings';
import { caseInput, inputIsCase, isCase, isCaseName, toCase, type CaseName } from '../caseCheck';
import type { CleanLine } from '../text';
import type { RuleCondition, Span } from '../types';
import type { RuleContext, Violation } from './types';

/** commitlint's `@commitlint/message`: falsy parts dropped, joined with spaces. */
export function msg(parts: readonly (string | null | undefined | false)[]): string {
  return parts.filter(Boolean).join(' ');
}

export function violation(message: string, at: Span, fixes?: readonly Fix[]): Violation {
  return fixes && fixes.length > 0 ? { message, start: at.start, end: at.end, fixes } : { message, start: at.start, end: at.end };
}

export function fix(title: string, edits: readonly TextEdit[], preferred = false): Fix {
  return preferred ? { title, edits, preferred } : { title, edits };
}

export function replace(at: Span, newText: string): TextEdit {
  return { start: at.start, end: at.end, newText };
}

export function headerSpan(ctx: RuleContext): Span {
  return ctx.parsed.layout.header;
}

export function headerEnd(ctx: RuleContext): Span {
  const { end } = ctx.parsed.layout.header;
  return { start: end, end };
}

export function headerStartPoint(ctx: RuleContext): Span {
  const { start } = ctx.parsed.layout.header;
  return { start, end: start };
}

/** Span in the original text of a line of the cleaned message. */
export function lineSpan(_ctx: RuleContext, line: CleanLine): Span {
  return { start: line.origStart, end: line.origStart + line.text.length };
}

/** The line end the text uses, for inserted lines. */
export function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Lines of `prepared.lines` the parser counts as the body (or footer), in order. */
export function partLines(ctx: RuleContext, part: 'body' | 'footer'): CleanLine[] {
  const { model } = ctx;
  const range = part === 'body' ? model.bodyLines : model.footerLines;
  if (!range) return [];
  const out: CleanLine[] = [];
  for (const index of model.parserLines) {
    if (index < range.first) continue;
    if (index > range.last) break;
    out.push(model.prepared.lines[index] as CleanLine);
  }
  return out;
}

// ---- value checks ---------------------------------------------------------------------------------

export function needNumber(value: unknown): string | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0
    ? undefined
    : `value must be a non-negative number, got ${describe(value)}`;
}

export function optionalString(value: unknown): string | undefined {
  return value === undefined || typeof value === 'string' ? undefined : `value must be a string, got ${describe(value)}`;
}

export function needStringArray(value: unknown): string | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string')
    ? undefined
    : `value must be an array of strings, got ${describe(value)}`;
}

export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  try {
    const json = JSON.stringify(value);
    if (json !== undefined) return json.length > 80 ? `${json.slice(0, 77)}...` : json;
  } catch {
    // a value nested too deeply for JSON.stringify's stack (a config nested 100,000 deep): say what it is
  }
  return Array.isArray(value) ? 'an array' : typeof value;
}

// ---- case rules -----------------------------------------------------------------------------------

export interface CaseCheck {
  readonly when: RuleCondition;
  readonly case: CaseName;
}

function isCheckObject(v: unknown): v is { case: unknown; when?: unknown } {
  return typeof v === 'object' && v !== null && 'case' in v;
}

/** A case rule's value: a case name, a list of them, or `{ case, when }` objects. */
export function validateCases(value: unknown): string | undefined {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) return 'value must name at least one case';
  for (const item of list) {
    if (typeof item === 'string') {
      if (!isCaseName(item)) return `unknown case "${item}"`;
    } else if (isCheckObject(item)) {
      if (!isCaseName(item.case)) return `unknown case ${describe(item.case)}`;
      if (item.when !== undefined && item.when !== 'always' && item.when !== 'never') {
        return `"when" must be "always" or "never", got ${describe(item.when)}`;
      }
    } else {
      return `value must be a case name or a list of case names, got ${describe(item)}`;
    }
  }
  return undefined;
}

export function caseChecks(value: unknown): CaseCheck[] {
  const list: unknown[] = Array.isArray(value) ? value : [value];
  const out: CaseCheck[] = [];
  for (const item of list) {
    if (typeof item === 'string' && isCaseName(item)) out.push({ when: 'always', case: item });
    else if (isCheckObject(item) && isCaseName(item.case)) {
      out.push({ when: item.when === 'never' ? 'never' : 'always', case: item.case });
    }
  }
  return out;
}

/** A case rule's value read once per configuration (its `compile`), for the check of every message. */
export interface CompiledCases {
  readonly checks: readonly CaseCheck[];
  /**
   * Whether the rule passes a text whose case input starts with an ASCII lower-case letter, when the checks settle it
   * without looking further: every case named is one `inputIsCase` answers "no" for such a text from its first
   * character (sentence, upper, start and pascal case). Undefined when some case needs the text.
   */
  readonly lowerLedPasses: boolean | undefined;
}

/** The cases a text led by an ASCII lower-case letter never has (see `inputIsCase`). */
const NEVER_LOWER_LED: ReadonlySet<string> = new Set(['sentence-case', 'sentencecase', 'upper-case', 'uppercase', 'start-case', 'pascal-case']);

export function compileCases(value: unknown, when: RuleCondition): CompiledCases {
  const checks = caseChecks(value);
  let lowerLedPasses: boolean | undefined;
  if (checks.every((c) => NEVER_LOWER_LED.has(c.case))) {
    // No check's case holds, so an "always" check never matches and a "never" check always does.
    const matched = checks.some((c) => c.when === 'never');
    lowerLedPasses = matched === (when !== 'never');
  }
  return { checks, lowerLedPasses };
}

/** The compiled checks when `compiled` is compileCases' result, else the checks read from the value now. */
export function casesOf(value: unknown, compiled: unknown): readonly CaseCheck[] {
  return compiled !== undefined ? (compiled as CompiledCases).checks : caseChecks(value);
}

/**
 * commitlint's case-rule verdict: with `always` some check must hold; with `never` none may. `test`
 * answers whether the text has a case. Returns the failure message, or undefined when it passes.
 */
export function caseVerdict(
  subjectName: string,
  when: RuleCondition,
  checks: readonly CaseCheck[],
  test: (c: CaseCheck) => boolean,
): string | undefined {
  const matches: CaseCheck[] = [];
  for (const check of checks) if (check.when === 'never' ? !test(check) : test(check)) matches.push(check);
  const result = matches.length > 0;
  const negated = when === 'never';
  if (negated ? !result : result) return undefined;
  const reported = negated && result ? matches : checks;
  return msg([`${subjectName} must`, negated ? 'not' : null, `be ${reported.map((c) => c.case).join(', ')}`]);
}

/**
 * Whether `caseVerdict(…, simpleIsCase(text))` passes, computed without building its message:
 * "always" passes when some check matches, "never" when none does.
 */
export function simpleCasePasses(text: string, when: RuleCondition, checks: readonly CaseCheck[]): boolean {
  const input = caseInput(text);
  let matched = false;
  for (const check of checks) {
    const has = inputIsCase(input, check.case);
    if (check.when === 'never' ? !has : has) {
      matched = true;
      break;
    }
  }
  return matched === (when !== 'never');
}

export function simpleIsCase(text: string): (c: CaseCheck) => boolean {
  return (c) => isCase(text, c.case);
}

/** A fix converting `text` (at `at`) to the first `always` case that changes it. */
export function caseFixes(text: string, at: Span, when: RuleCondition, checks: readonly CaseCheck[], what: string): Fix[] {
  if (when !== 'always') return [];
  const fixes: Fix[] = [];
  for (const check of checks) {
    if (check.when !== 'always') continue;
    const converted = toCase(text, check.case);
    if (converted && converted !== text && !fixes.some((f) => f.edits[0]?.newText === converted)) {
      fixes.push(fix(`Change ${what} to ${check.case}: ${converted}`, [replace(at, converted)], fixes.length === 0));
    }
  }
  return fixes.slice(0, 3);
}
