import { needNumber, violation } from '../ruleKit/shared';
import { PASS, type RuleDefinition } from '../ruleKit/types';

export const subjectMaxLength: RuleDefinition = {
  id: 'subject-max-length',
  origin: 'commitlint',
  validate: needNumber,
  check(ctx, _when, value) {
    const input = ctx.parsed.subject;
    const at = ctx.parsed.layout.subject;
    if (!input || !at) return PASS;
    const limit = typeof value === 'number' ? value : 0;
    if (!(input.length > limit)) return PASS;
    return [violation(`subject must not be longer than ${limit} characters`, at)];
  },
};
