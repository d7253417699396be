import { msg, violation } from '../ruleKit/shared';
import { PASS, type RuleDefinition } from '../ruleKit/types';

export const scopeEmpty: RuleDefinition = {
  id: 'scope-empty',
  origin: 'commitlint',
  check(ctx, when) {
    const negated = when === 'always';
    const notEmpty = (ctx.parsed.scope ?? '').length > 0;
    if (negated ? !notEmpty : notEmpty) return PASS;
    const message = msg(['scope', negated ? 'must' : 'may not', 'be empty']);
    const { layout } = ctx.parsed;
    if (negated) return [violation(message, layout.scope ?? layout.header)];
    // Where the scope belongs: right after the type.
    const at = layout.type ? { start: layout.type.end, end: layout.type.end } : layout.header;
    return [violation(message, at)];
  },
};
