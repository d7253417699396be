import { eolOf, lineSpan, needNumber, partLines, violation } from '../ruleKit/shared';
import { lineHasUrl, wrapFix } from '../ruleKit/wrap';
import { PASS, type RuleDefinition } from '../ruleKit/types';
import type { Violation } from '../ruleKit/types';

export const footerMaxLineLength: RuleDefinition = {
  id: 'footer-max-line-length',
  origin: 'commitlint',
  validate: needNumber,
  check(ctx, _when, value) {
    if (!ctx.parsed.footer) return PASS;
    const limit = typeof value === 'number' ? value : 0;
    const out: Violation[] = [];
    const eol = eolOf(ctx.text);
    // One finding per offending line; commitlint's verdict is the same (any line fails the rule).
    for (const line of partLines(ctx, 'footer')) {
      if (line.text.length <= limit || lineHasUrl(line.text)) continue;
      out.push(
        violation(
          `footer's lines must not be longer than ${limit} characters (this one has ${line.text.length})`,
          lineSpan(ctx, line),
          wrapFix(line, limit, eol),
        ),
      );
    }
    return out.length > 0 ? out : PASS;
  },
};
