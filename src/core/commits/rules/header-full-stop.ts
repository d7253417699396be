import { optionalString } from '../ruleKit/shared';
import { fullStopResult } from '../ruleKit/twins';
import type { RuleDefinition } from '../ruleKit/types';

export const headerFullStop: RuleDefinition = {
  id: 'header-full-stop',
  origin: 'commitlint',
  validate: optionalString,
  check(ctx, when, value) {
    const stop = typeof value === 'string' ? value : '.';
    const { header } = ctx.parsed;
    return fullStopResult(ctx, when, stop, header.length > 0 && header[header.length - 1] === stop, 'header');
  },
};
