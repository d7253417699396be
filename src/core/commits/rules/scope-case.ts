import { isCase, toCase } from '../caseCheck';
import { caseChecks, caseVerdict, describe, fix, replace, validateCases, violation } from '../ruleKit/shared';
import { PASS, type RuleDefinition } from '../ruleKit/types';
import { escapeRegExp as escapeRe } from '../../regexp';

const DEFAULT_DELIMITERS = ['/', '\\', ','];

/** `{ cases, delimiters }` form, or the plain case-rule forms. */
function parts(value: unknown): { cases: unknown; delimiters: readonly string[] } {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const v = value as { cases?: unknown; delimiters?: unknown };
    const delimiters = Array.isArray(v.delimiters) && v.delimiters.length > 0 ? (v.delimiters as string[]) : DEFAULT_DELIMITERS;
    return { cases: v.cases, delimiters };
  }
  return { cases: value, delimiters: DEFAULT_DELIMITERS };
}

export function delimiterRegex(delimiters: readonly string[]): RegExp {
  return new RegExp(delimiters.map((d) => (d === ',' ? ', ?' : escapeRe(d))).join('|'));
}

export const scopeCase: RuleDefinition = {
  id: 'scope-case',
  origin: 'commitlint',
  validate(value) {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const v = value as { cases?: unknown; delimiters?: unknown };
      if (v.delimiters !== undefined && !(Array.isArray(v.delimiters) && v.delimiters.every((d) => typeof d === 'string'))) {
        return `"delimiters" must be an array of strings, got ${describe(v.delimiters)}`;
      }
      if (!Array.isArray(v.cases)) return `"cases" must be an array of case names, got ${describe(v.cases)}`;
      return validateCases(v.cases);
    }
    return validateCases(value);
  },
  check(ctx, when, value) {
    const { scope } = ctx.parsed;
    const at = ctx.parsed.layout.scope;
    if (!scope || !at) return PASS;
    const { cases, delimiters } = parts(value);
    const checks = caseChecks(cases);
    const re = delimiterRegex(delimiters);
    const segments = scope.split(re);
    const failure = caseVerdict('scope', when, checks, (c) =>
      segments.every((segment) => re.test(segment) || isCase(segment, c.case)),
    );
    if (!failure) return PASS;
    const fixes = [];
    if (when === 'always') {
      const target = checks.find((c) => c.when === 'always');
      if (target) {
        // Convert each segment, keeping the delimiters as written.
        const global = new RegExp(re.source, 'g');
        let out = '';
        let last = 0;
        for (const m of scope.matchAll(global)) {
          if (m[0].length === 0) break;
          out += toCase(scope.slice(last, m.index), target.case) + m[0];
          last = m.index + m[0].length;
        }
        out += toCase(scope.slice(last), target.case);
        if (out && out !== scope) fixes.push(fix(`Change scope to ${target.case}: ${out}`, [replace(at, out)], true));
      }
    }
    return [violation(failure, at, fixes)];
  },
};
