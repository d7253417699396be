import { headerSpan, msg, violation } from '../ruleKit/shared';
import { PASS, type RuleDefinition } from '../ruleKit/types';

export const bodyEmpty: RuleDefinition = {
  id: 'body-empty',
  origin: 'commitlint',
  check(ctx, when) {
    const negated = when === 'never';
    const notEmpty = (ctx.parsed.body ?? '').length > 0;
    if (negated ? notEmpty : !notEmpty) return PASS;
    const message = msg(['body', negated ? 'may not' : 'must', 'be empty']);
    return [violation(message, negated ? headerSpan(ctx) : (ctx.parsed.layout.body ?? headerSpan(ctx)))];
  },
};
