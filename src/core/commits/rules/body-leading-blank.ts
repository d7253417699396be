import type { CleanLine } from '../text';
import { eolOf, fix, lineSpan, msg, violation } from '../ruleKit/shared';
import { PASS, type RuleDefinition } from '../ruleKit/types';

export const bodyLeadingBlank: RuleDefinition = {
  id: 'body-leading-blank',
  origin: 'commitlint',
  check(ctx, when) {
    if (!ctx.parsed.body) return PASS;
    const { lines } = ctx.model.prepared;
    // As commitlint: the second line of the raw message must be blank.
    const second = lines[1];
    const succeeds = second !== undefined && second.text === '';
    const negated = when === 'never';
    if (negated ? !succeeds : succeeds) return PASS;
    const message = msg(['body', negated ? 'may not' : 'must', 'have leading blank line']);
    if (!second) return [violation(message, ctx.parsed.layout.header)];
    if (!negated) {
      const at = lineSpan(ctx, second);
      const insert = { start: second.origStart, end: second.origStart, newText: eolOf(ctx.text) };
      return [violation(message, at, [fix('Insert a blank line before the body', [insert], true)])];
    }
    const next = lines[2] as CleanLine | undefined;
    const fixes = next
      ? [fix('Remove the blank line before the body', [{ start: second.origStart, end: next.origStart, newText: '' }], true)]
      : [];
    const body = ctx.parsed.layout.body ?? lineSpan(ctx, second);
    return [violation(message, { start: body.start, end: body.start }, fixes)];
  },
};
