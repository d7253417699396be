import { optionalString } from '../ruleKit/shared';
import { fullStopResult } from '../ruleKit/twins';
import { PASS, type RuleDefinition } from '../ruleKit/types';

export const subjectFullStop: RuleDefinition = {
  id: 'subject-full-stop',
  origin: 'commitlint',
  validate: optionalString,
  check(ctx, when, value) {
    const stop = typeof value === 'string' ? value : '.';
    const { header } = ctx.parsed;
    // As commitlint: a header that ends with its only colon has no subject to check.
    const colon = header.indexOf(':');
    if (colon > 0 && colon === header.length - 1) return PASS;
    // An ellipsis is not a full stop.
    const hasStop = header.length > 0 && header[header.length - 1] === stop && !header.endsWith('...');
    return fullStopResult(ctx, when, stop, hasStop, 'subject');
  },
};
