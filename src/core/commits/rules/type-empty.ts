import { headerSpan, headerStartPoint, msg, violation } from '../ruleKit/shared';
import { PASS, type RuleDefinition } from '../ruleKit/types';

export const typeEmpty: RuleDefinition = {
  id: 'type-empty',
  origin: 'commitlint',
  check(ctx, when) {
    const negated = when === 'never';
    const notEmpty = (ctx.parsed.type ?? '').length > 0;
    if (negated ? notEmpty : !notEmpty) return PASS;
    const message = msg(['type', negated ? 'may not' : 'must', 'be empty']);
    if (!negated) return [violation(message, ctx.parsed.layout.type ?? headerSpan(ctx))];
    // No type: the header did not parse (flag it whole) or it starts with the colon.
    const parsedHeader = ctx.parsed.layout.subject !== undefined;
    return [violation(message, parsedHeader ? headerStartPoint(ctx) : headerSpan(ctx))];
  },
};
