import { msg, needStringArray, violation } from '../ruleKit/shared';
import { PASS, type RuleDefinition } from '../ruleKit/types';

const DEFAULT_DELIMITERS = ['/', '\\', ','];

export const scopeDelimiterStyle: RuleDefinition = {
  id: 'scope-delimiter-style',
  origin: 'commitlint',
  validate: (value) => (value === undefined ? undefined : needStringArray(value)),
  check(ctx, when, value) {
    const { scope } = ctx.parsed;
    const at = ctx.parsed.layout.scope;
    if (!scope || !at) return PASS;
    const delimiters = Array.isArray(value) && value.length > 0 ? (value as string[]) : DEFAULT_DELIMITERS;
    const found = new Set((scope.match(/[^A-Za-z0-9-_]+/g) ?? []).map((d) => (d.trim() === ',' ? ',' : d)));
    const allAllowed = [...found].every((d) => delimiters.includes(d));
    const isNever = when === 'never';
    if (isNever ? !allAllowed : allAllowed) return PASS;
    return [violation(msg([`scope delimiters must ${isNever ? 'not ' : ''}be one of [${delimiters.join(', ')}]`]), at)];
  },
};
