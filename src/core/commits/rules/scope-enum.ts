import { delimiterRegex } from './scope-case';
import { describe, fix, msg, replace, violation } from '../ruleKit/shared';
import { suggest } from '../ruleKit/typo';
import { PASS, type RuleDefinition } from '../ruleKit/types';

const DEFAULT_DELIMITERS = ['/', '\\', ','];

function parts(value: unknown): { scopes: readonly string[]; delimiters: readonly string[] } {
  if (Array.isArray(value)) return { scopes: value as string[], delimiters: DEFAULT_DELIMITERS };
  const v = (value ?? {}) as { scopes?: unknown; delimiters?: unknown };
  const scopes = Array.isArray(v.scopes) ? (v.scopes as string[]) : [];
  const delimiters = Array.isArray(v.delimiters) && v.delimiters.length > 0 ? (v.delimiters as string[]) : DEFAULT_DELIMITERS;
  return { scopes, delimiters };
}

const isStrings = (v: unknown): boolean => Array.isArray(v) && v.every((s) => typeof s === 'string');

export const scopeEnum: RuleDefinition = {
  id: 'scope-enum',
  origin: 'commitlint',
  validate(value) {
    if (Array.isArray(value)) return isStrings(value) ? undefined : `value must be an array of strings, got ${describe(value)}`;
    if (typeof value === 'object' && value !== null) {
      const v = value as { scopes?: unknown; delimiters?: unknown };
      if (!isStrings(v.scopes)) return `"scopes" must be an array of strings, got ${describe(v.scopes)}`;
      if (v.delimiters !== undefined && !isStrings(v.delimiters)) {
        return `"delimiters" must be an array of strings, got ${describe(v.delimiters)}`;
      }
      return undefined;
    }
    return `value must be an array of scopes or { scopes, delimiters }, got ${describe(value)}`;
  },
  check(ctx, when, value) {
    const { scope } = ctx.parsed;
    const at = ctx.parsed.layout.scope;
    const { scopes, delimiters } = parts(value);
    if (!scope || !at || scopes.length === 0) return PASS;
    const segments = scope.split(delimiterRegex(delimiters));
    const inEnum = (s: string): boolean => scopes.includes(s);
    const negated = when === 'never';
    const valid = negated ? !segments.some(inEnum) && !inEnum(scope) : segments.every(inEnum) || inEnum(scope);
    if (valid) return PASS;
    const message = msg(['scope must', negated ? 'not' : null, `be one of [${scopes.join(', ')}]`]);
    const fixes =
      negated || segments.length !== 1
        ? []
        : suggest(scope, scopes).map((s, i) => fix(`Change scope to ${s}`, [replace(at, s)], i === 0));
    return [violation(message, at, fixes)];
  },
};
