import { fix, headerSpan, violation } from '../ruleKit/shared';
import { isKnownType, readLenientHeader } from '../ruleKit/lenientHeader';
import { PASS, type RuleDefinition } from '../ruleKit/types';

/** Release Hygiene: `feat:x` — the colon must be followed by a space, or the header does not parse. */
export const headerColonSpace: RuleDefinition = {
  id: 'header-colon-space',
  origin: 'release-hygiene',
  check(ctx, when) {
    if (when === 'never') return PASS;
    // The header matched the Conventional Commits pattern (so readLenientHeader has nothing to say).
    if (ctx.parsed.layout.subject !== undefined) return PASS;
    const lenient = readLenientHeader(ctx.parsed.header);
    if (!lenient || !lenient.onlyMissingSpace || !isKnownType(lenient.type, ctx.config)) return PASS;
    const header = headerSpan(ctx);
    const colon = header.start + lenient.prefixLength - 1;
    const at = { start: colon, end: colon + 1 };
    return [
      violation('a space must follow the colon after the type: without it the header is not a Conventional Commit', at, [
        fix('Insert a space after the colon', [{ start: colon + 1, end: colon + 1, newText: ' ' }], true),
      ]),
    ];
  },
};
