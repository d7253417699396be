import { headerSpan, msg, optionalString, violation } from '../ruleKit/shared';
import { PASS, type RuleDefinition } from '../ruleKit/types';
import { parseTrailers } from '../trailers';

export const trailerExists: RuleDefinition = {
  id: 'trailer-exists',
  origin: 'commitlint',
  validate: optionalString,
  check(ctx, when, value) {
    const prefix = typeof value === 'string' ? value : '';
    // commitlint gives the raw message to `git interpret-trailers --parse` and splits its output into lines,
    // the empty one after the last newline included: an empty prefix matches every message.
    const printed = parseTrailers(ctx.text, ctx.trailers, ctx.commentChar).map((line) => `${line}\n`).join('');
    const has = printed.split(/\r?\n/).some((line) => line.startsWith(prefix));
    const negated = when === 'never';
    if (negated ? !has : has) return PASS;
    return [violation(msg(['message', negated ? 'must not' : 'must', `have \`${prefix}\` trailer`]), headerSpan(ctx))];
  },
};
