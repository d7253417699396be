// Rules that differ only in the part of the message they look at are built here once.
import { PASS, type RuleContext, type RuleDefinition, type RuleResult, type Violation } from './types';
import { eolOf, fix, headerEnd, lineSpan, msg, needNumber, partLines, violation } from './shared';
import { lineHasUrl, wrapFix } from './wrap';
import type { RuleCondition } from '../types';

/** body-max-line-length / footer-max-line-length: one finding per offending line, with a wrap fix. */
export function maxLineLengthRule(id: string, part: 'body' | 'footer'): RuleDefinition {
  return {
    id,
    origin: 'commitlint',
    validate: needNumber,
    check(ctx, _when, value) {
      if (!ctx.parsed[part]) return PASS;
      const limit = typeof value === 'number' ? value : 0;
      const out: Violation[] = [];
      const eol = eolOf(ctx.text);
      // One finding per offending line; commitlint's verdict is the same (any line fails the rule).
      for (const line of partLines(ctx, part)) {
        if (line.text.length <= limit || lineHasUrl(line.text)) continue;
        out.push(
          violation(
            `${part}'s lines must not be longer than ${limit} characters (this one has ${line.text.length})`,
            lineSpan(ctx, line),
            wrapFix(line, limit, eol),
          ),
        );
      }
      return out.length > 0 ? out : PASS;
    },
  };
}

/** The verdict of header-full-stop / subject-full-stop once `hasStop` is known: both end at the header's end. */
export function fullStopResult(
  ctx: RuleContext,
  when: RuleCondition,
  stop: string,
  hasStop: boolean,
  part: 'header' | 'subject',
): RuleResult {
  const negated = when === 'never';
  if (negated ? !hasStop : hasStop) return PASS;
  const message = msg([part, negated ? 'may not' : 'must', 'end with full stop']);
  if (negated) {
    const end = ctx.parsed.layout.header.end;
    const at = { start: end - 1, end };
    return [violation(message, at, [fix('Remove the full stop', [{ ...at, newText: '' }], true)])];
  }
  const at = headerEnd(ctx);
  return [violation(message, at, stop ? [fix('Add the full stop', [{ ...at, newText: stop }], true)] : [])];
}
