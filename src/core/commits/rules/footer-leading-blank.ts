import type { CleanLine } from '../text';
import { eolOf, fix, lineSpan, msg, violation } from '../ruleKit/shared';
import { PASS, type RuleDefinition } from '../ruleKit/types';

export const footerLeadingBlank: RuleDefinition = {
  id: 'footer-leading-blank',
  origin: 'commitlint',
  check(ctx, when) {
    const { footer } = ctx.parsed;
    if (!footer) return PASS;
    const { lines } = ctx.model.prepared;
    // As commitlint: find the footer's first line in the raw message (first equal line) and look above it.
    // footer.split(/\r?\n/)[0], without splitting the whole footer.
    const nl = footer.indexOf('\n');
    const firstFooterText = nl === -1 ? footer : footer.slice(0, nl > 0 && footer.charCodeAt(nl - 1) === 13 ? nl - 1 : nl);
    let offset = -1;
    for (let i = 0; i < lines.length; i++) {
      if ((lines[i] as CleanLine).text === firstFooterText) {
        offset = i;
        break;
      }
    }
    const from = offset - 1 < 0 ? Math.max(0, lines.length + offset - 1) : offset - 1;
    const leading = lines[from]?.text;
    const succeeds = leading === '';
    const negated = when === 'never';
    if (negated ? !succeeds : succeeds) return PASS;
    const message = msg(['footer', negated ? 'may not' : 'must', 'have leading blank line']);
    const range = ctx.model.footerLines;
    const first = range ? (lines[range.first] as CleanLine) : undefined;
    if (!first) return [violation(message, ctx.parsed.layout.header)];
    // No raw line equals the footer's first line (it ends with a lone CR: `Refs: #1\r\r\n`), so commitlint looks
    // above no line of the footer and a blank line inserted before it changes nothing: no fix is offered.
    if (offset === -1) return [violation(message, lineSpan(ctx, first))];
    if (!negated) {
      const insert = { start: first.origStart, end: first.origStart, newText: eolOf(ctx.text) };
      return [violation(message, lineSpan(ctx, first), [fix('Insert a blank line before the footer', [insert], true)])];
    }
    const above = lines[range!.first - 1];
    const fixes =
      above && above.text === ''
        ? [fix('Remove the blank line before the footer', [{ start: above.origStart, end: first.origStart, newText: '' }], true)]
        : [];
    return [violation(message, { start: first.origStart, end: first.origStart }, fixes)];
  },
};
