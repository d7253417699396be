import { fix, msg, optionalString, violation } from '../ruleKit/shared';
import { PASS, type RuleDefinition } from '../ruleKit/types';

export const bodyFullStop: RuleDefinition = {
  id: 'body-full-stop',
  origin: 'commitlint',
  validate: optionalString,
  check(ctx, when, value) {
    const stop = typeof value === 'string' ? value : '.';
    const { body } = ctx.parsed;
    const at = ctx.parsed.layout.body;
    if (!body || !at) return PASS;
    const negated = when === 'never';
    const hasStop = body[body.length - 1] === stop;
    if (negated ? !hasStop : hasStop) return PASS;
    const message = msg(['body', negated ? 'may not' : 'must', 'end with full stop']);
    if (negated) {
      const last = { start: at.end - 1, end: at.end };
      return [violation(message, last, [fix('Remove the full stop', [{ ...last, newText: '' }], true)])];
    }
    const end = { start: at.end, end: at.end };
    // The stop replaces trailing blanks: after them, `Release-As: ` + `.` became a footer token line, the body
    // ended one line earlier and the rule still failed.
    let blanks = at.end;
    while (blanks > at.start && (ctx.text.charCodeAt(blanks - 1) === 32 || ctx.text.charCodeAt(blanks - 1) === 9)) blanks--;
    return [violation(message, end, stop ? [fix('Add the full stop', [{ start: blanks, end: at.end, newText: stop }], true)] : [])];
  },
};
