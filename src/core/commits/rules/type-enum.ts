import { fix, msg, needStringArray, replace, violation } from '../ruleKit/shared';
import { suggest } from '../ruleKit/typo';
import { PASS, type RuleDefinition } from '../ruleKit/types';

export const typeEnum: RuleDefinition = {
  id: 'type-enum',
  origin: 'commitlint',
  validate: needStringArray,
  check(ctx, when, value) {
    const { type } = ctx.parsed;
    const at = ctx.parsed.layout.type;
    if (!type || !at) return PASS;
    const values = Array.isArray(value) ? (value as string[]) : [];
    const negated = when === 'never';
    const result = values.includes(type);
    if (negated ? !result : result) return PASS;
    const message = msg(['type must', negated ? 'not' : null, `be one of [${values.join(', ')}]`]);
    const fixes = negated
      ? []
      : suggest(type, values).map((s, i) => fix(`Change type to ${s}`, [replace(at, s)], i === 0));
    return [violation(message, at, fixes)];
  },
};
