import type { CleanLine } from '../text';
import { headerSpan, lineSpan, msg, optionalString, violation } from '../ruleKit/shared';
import { PASS, type RuleDefinition } from '../ruleKit/types';

const CHERRY_PICK = /^\(cherry picked from commit [0-9a-f]{7,64}\)$/i;

export const signedOffBy: RuleDefinition = {
  id: 'signed-off-by',
  origin: 'commitlint',
  validate: optionalString,
  check(ctx, when, value) {
    const prefix = typeof value === 'string' ? value : '';
    // As commitlint: the last line that is not a `#` comment, a cherry-pick note or empty.
    let last: CleanLine | undefined;
    const { lines } = ctx.model.prepared;
    for (let i = lines.length - 1; i >= 0; i--) {
      const line = lines[i] as CleanLine;
      if (line.text && !line.text.startsWith('#') && !CHERRY_PICK.test(line.text.trim())) {
        last = line;
        break;
      }
    }
    const has = last ? last.text.startsWith(prefix) : false;
    const negated = when === 'never';
    if (negated ? !has : has) return PASS;
    const message = msg(['message', negated ? 'must not' : 'must', 'be signed off']);
    return [violation(message, last ? lineSpan(ctx, last) : headerSpan(ctx))];
  },
};
