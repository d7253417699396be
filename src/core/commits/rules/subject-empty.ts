import { headerEnd, msg, violation } from '../ruleKit/shared';
import { PASS, type RuleDefinition } from '../ruleKit/types';

export const subjectEmpty: RuleDefinition = {
  id: 'subject-empty',
  origin: 'commitlint',
  check(ctx, when) {
    const negated = when === 'never';
    const notEmpty = (ctx.parsed.subject ?? '').length > 0;
    if (negated ? notEmpty : !notEmpty) return PASS;
    const message = msg(['subject', negated ? 'may not' : 'must', 'be empty']);
    return [violation(message, negated ? headerEnd(ctx) : (ctx.parsed.layout.subject ?? headerEnd(ctx)))];
  },
};
