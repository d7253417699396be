import { needNumber, violation } from '../ruleKit/shared';
import { PASS, type RuleDefinition } from '../ruleKit/types';

export const footerMaxLength: RuleDefinition = {
  id: 'footer-max-length',
  origin: 'commitlint',
  validate: needNumber,
  check(ctx, _when, value) {
    const input = ctx.parsed.footer;
    const at = ctx.parsed.layout.footer;
    if (!input || !at) return PASS;
    const limit = typeof value === 'number' ? value : 0;
    if (!(input.length > limit)) return PASS;
    return [violation(`footer must not be longer than ${limit} characters`, at)];
  },
};
