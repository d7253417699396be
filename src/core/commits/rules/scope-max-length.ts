import { needNumber, violation } from '../ruleKit/shared';
import { PASS, type RuleDefinition } from '../ruleKit/types';

export const scopeMaxLength: RuleDefinition = {
  id: 'scope-max-length',
  origin: 'commitlint',
  validate: needNumber,
  check(ctx, _when, value) {
    const input = ctx.parsed.scope;
    const at = ctx.parsed.layout.scope;
    if (!input || !at) return PASS;
    const limit = typeof value === 'number' ? value : 0;
    if (!(input.length > limit)) return PASS;
    return [violation(`scope must not be longer than ${limit} characters`, at)];
  },
};
