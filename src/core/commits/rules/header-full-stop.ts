import { fix, headerEnd, msg, optionalString, violation } from '../ruleKit/shared';
import { PASS, type RuleDefinition } from '../ruleKit/types';

export const headerFullStop: RuleDefinition = {
  id: 'header-full-stop',
  origin: 'commitlint',
  validate: optionalString,
  check(ctx, when, value) {
    const stop = typeof value === 'string' ? value : '.';
    const { header } = ctx.parsed;
    const negated = when === 'never';
    const hasStop = header.length > 0 && header[header.length - 1] === stop;
    if (negated ? !hasStop : hasStop) return PASS;
    const message = msg(['header', negated ? 'may not' : 'must', 'end with full stop']);
    const end = ctx.parsed.layout.header.end;
    if (negated) {
      const at = { start: end - 1, end };
      return [violation(message, at, [fix('Remove the full stop', [{ ...at, newText: '' }], true)])];
    }
    const at = headerEnd(ctx);
    return [violation(message, at, stop ? [fix('Add the full stop', [{ ...at, newText: stop }], true)] : [])];
  },
};
