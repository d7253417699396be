import { fix, headerSpan, violation } from '../ruleKit/shared';
import { isKnownType, readLenientHeader } from '../ruleKit/lenientHeader';
import { PASS, type RuleDefinition } from '../ruleKit/types';

/**
 * Release Hygiene: a header that would be a Conventional Commit but for a misplaced `!` or stray
 * spaces (`feat !: x`, `feat! : x`, `feat!(scope): x`, `feat (scope): x`, `feat(scope) !: x`).
 */
export const headerPrefixFormat: RuleDefinition = {
  id: 'header-prefix-format',
  origin: 'release-hygiene',
  check(ctx, when) {
    if (when === 'never') return PASS;
    // The header matched the Conventional Commits pattern (so readLenientHeader has nothing to say).
    if (ctx.parsed.layout.subject !== undefined) return PASS;
    const lenient = readLenientHeader(ctx.parsed.header);
    if (!lenient || lenient.onlyMissingSpace || !isKnownType(lenient.type, ctx.config)) return PASS;
    const header = headerSpan(ctx);
    const at = { start: header.start, end: header.start + lenient.prefixLength };
    const wanted = lenient.canonicalPrefix.trimEnd();
    return [
      violation(
        `malformed type/scope/"!" prefix: write it as "${wanted}" (no spaces, "!" right before the colon)`,
        at,
        [fix(`Change the prefix to "${wanted}"`, [{ ...at, newText: lenient.canonicalPrefix }], true)],
      ),
    ];
  },
};
