import { headerSpan, msg, violation } from '../ruleKit/shared';
import { PASS, type RuleDefinition } from '../ruleKit/types';

export const footerEmpty: RuleDefinition = {
  id: 'footer-empty',
  origin: 'commitlint',
  check(ctx, when) {
    const negated = when === 'never';
    const notEmpty = (ctx.parsed.footer ?? '').length > 0;
    if (negated ? notEmpty : !notEmpty) return PASS;
    const message = msg(['footer', negated ? 'may not' : 'must', 'be empty']);
    return [violation(message, negated ? headerSpan(ctx) : (ctx.parsed.layout.footer ?? headerSpan(ctx)))];
  },
};
