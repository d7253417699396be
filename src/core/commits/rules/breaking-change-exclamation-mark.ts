import { BREAKING_HEADER_PATTERN } from '../parse';
import { headerSpan, msg, violation } from '../ruleKit/shared';
import { PASS, type RuleDefinition } from '../ruleKit/types';

const BREAKING_FOOTER = /^BREAKING[ -]CHANGE:/m;

export const breakingChangeExclamationMark: RuleDefinition = {
  id: 'breaking-change-exclamation-mark',
  origin: 'commitlint',
  check(ctx, when) {
    const { header, footer } = ctx.parsed;
    if (!header && !footer) return PASS;
    const hasBang = !!header && BREAKING_HEADER_PATTERN.test(header);
    const hasFooter = !!footer && BREAKING_FOOTER.test(footer);
    const check = hasBang === hasFooter;
    const negated = when === 'never';
    if (negated ? !check : check) return PASS;
    const message = msg([
      'breaking changes',
      negated ? 'must not' : 'must',
      'have both an exclamation mark in the header',
      'and BREAKING CHANGE in the footer',
      'to identify a breaking change',
    ]);
    return [violation(message, ctx.parsed.layout.bang ?? headerSpan(ctx))];
  },
};
