import { headerSpan, msg, violation } from '../ruleKit/shared';
import { PASS, type RuleDefinition } from '../ruleKit/types';

export const referencesEmpty: RuleDefinition = {
  id: 'references-empty',
  origin: 'commitlint',
  check(ctx, when) {
    const negated = when === 'always';
    const notEmpty = ctx.parsed.references.length > 0;
    if (negated ? !notEmpty : notEmpty) return PASS;
    return [violation(msg(['references', negated ? 'must' : 'may not', 'be empty']), headerSpan(ctx))];
  },
};
