import { needNumber, violation } from '../ruleKit/shared';
import { PASS, type RuleDefinition } from '../ruleKit/types';

export const bodyMaxLength: RuleDefinition = {
  id: 'body-max-length',
  origin: 'commitlint',
  validate: needNumber,
  check(ctx, _when, value) {
    const input = ctx.parsed.body;
    const at = ctx.parsed.layout.body;
    if (!input || !at) return PASS;
    const limit = typeof value === 'number' ? value : 0;
    if (!(input.length > limit)) return PASS;
    return [violation(`body must not be longer than ${limit} characters`, at)];
  },
};
