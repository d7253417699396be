import { fix, headerSpan, msg, replace, violation } from '../ruleKit/shared';
import { PASS, type RuleDefinition } from '../ruleKit/types';

export const headerTrim: RuleDefinition = {
  id: 'header-trim',
  origin: 'commitlint',
  check(ctx) {
    const { header } = ctx.parsed;
    if (!header) return PASS;
    // Printable ASCII (33-126) at both ends is not whitespace: nothing to trim.
    const first = header.charCodeAt(0);
    const last = header.charCodeAt(header.length - 1);
    if (first > 32 && first < 127 && last > 32 && last < 127) return PASS;
    const starts = header.length > header.trimStart().length;
    const ends = header.length > header.trimEnd().length;
    if (!starts && !ends) return PASS;
    const where = starts && ends ? 'be surrounded by whitespace' : starts ? 'start with whitespace' : 'end with whitespace';
    const at = headerSpan(ctx);
    const trimmed = header.trim();
    const fixes = trimmed ? [fix('Trim the header', [replace(at, trimmed)], true)] : [];
    return [violation(msg(['header', `must not ${where}`]), at, fixes)];
  },
};
