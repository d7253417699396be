import { needNumber, violation } from '../ruleKit/shared';
import { PASS, type RuleDefinition } from '../ruleKit/types';

export const bodyMinLength: RuleDefinition = {
  id: 'body-min-length',
  origin: 'commitlint',
  validate: needNumber,
  check(ctx, _when, value) {
    const input = ctx.parsed.body;
    const at = ctx.parsed.layout.body;
    if (!input || !at) return PASS;
    const limit = typeof value === 'number' ? value : 0;
    if (!(input.length < limit)) return PASS;
    return [violation(`body must not be shorter than ${limit} characters`, at)];
  },
};
