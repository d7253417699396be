import { needNumber, violation } from '../ruleKit/shared';
import { PASS, type RuleDefinition } from '../ruleKit/types';

export const typeMinLength: RuleDefinition = {
  id: 'type-min-length',
  origin: 'commitlint',
  validate: needNumber,
  check(ctx, _when, value) {
    const input = ctx.parsed.type;
    const at = ctx.parsed.layout.type;
    if (!input || !at) return PASS;
    const limit = typeof value === 'number' ? value : 0;
    if (!(input.length < limit)) return PASS;
    return [violation(`type must not be shorter than ${limit} characters`, at)];
  },
};
