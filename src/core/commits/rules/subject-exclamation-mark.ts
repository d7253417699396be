import { BREAKING_HEADER_PATTERN } from '../parse';
import { fix, headerSpan, msg, violation } from '../ruleKit/shared';
import { PASS, type RuleDefinition } from '../ruleKit/types';

export const subjectExclamationMark: RuleDefinition = {
  id: 'subject-exclamation-mark',
  origin: 'commitlint',
  check(ctx, when) {
    const { header } = ctx.parsed;
    if (!header) return PASS;
    const negated = when === 'never';
    const has = BREAKING_HEADER_PATTERN.test(header);
    if (negated ? !has : has) return PASS;
    const message = msg([
      'subject',
      negated ? 'must not' : 'must',
      'have an exclamation mark in the subject to identify a breaking change',
    ]);
    const bang = ctx.parsed.layout.bang;
    const fixes = negated && bang ? [fix('Remove the "!"', [{ start: bang.start, end: bang.end, newText: '' }], true)] : [];
    return [violation(message, bang ?? headerSpan(ctx), fixes)];
  },
};
