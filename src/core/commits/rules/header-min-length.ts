import { headerSpan, needNumber, violation } from '../ruleKit/shared';
import { PASS, type RuleDefinition } from '../ruleKit/types';

export const headerMinLength: RuleDefinition = {
  id: 'header-min-length',
  origin: 'commitlint',
  validate: needNumber,
  check(ctx, _when, value) {
    const { header } = ctx.parsed;
    const limit = typeof value === 'number' ? value : 0;
    if (header.length >= limit) return PASS;
    return [
      violation(`header must not be shorter than ${limit} characters, current length is ${header.length}`, headerSpan(ctx)),
    ];
  },
};
