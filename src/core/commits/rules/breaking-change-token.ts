import type { CleanLine } from '../text';
import { fix, violation } from '../ruleKit/shared';
import { PASS, type RuleDefinition, type Violation } from '../ruleKit/types';

/** A breaking-change token in any case, singular or plural, with its colon. */
const TOKEN = /^(\*\s+)?(BREAKING([ -])CHANGE(S?)):/i;

/**
 * Release Hygiene: the breaking-change footer token is `BREAKING CHANGE` or its synonym
 * `BREAKING-CHANGE`, upper-case (Conventional Commits 1.0.0, rules 12, 15 and 16). Lower- or
 * mixed-case tokens are flagged, and so is the plural `BREAKING CHANGES:`, which tools do not
 * recognise as a breaking change at all.
 */
export const breakingChangeToken: RuleDefinition = {
  id: 'breaking-change-token',
  origin: 'release-hygiene',
  check(ctx, when) {
    if (when === 'never') return PASS;
    const { model } = ctx;
    const out: Violation[] = [];
    for (let k = 1; k < model.parserLines.length; k++) {
      const line = model.prepared.lines[model.parserLines[k] as number] as CleanLine;
      const c = line.text.charCodeAt(0);
      if (c !== 42 /* * */ && (c | 32) !== 98 /* b, B */) continue;
      const m = TOKEN.exec(line.text);
      if (!m) continue;
      const token = m[2] as string;
      const plural = m[4] !== '';
      const wanted = `BREAKING${m[3]}CHANGE`;
      if (token === wanted) continue;
      const start = line.origStart + (m[1]?.length ?? 0);
      const at = { start, end: start + token.length };
      const message = plural
        ? `"${token}" is not a breaking-change token, so this change would not be released as breaking: write "${wanted}"`
        : `the breaking-change token must be upper-case: "${wanted}"`;
      out.push(violation(message, at, [fix(`Change the token to "${wanted}"`, [{ ...at, newText: wanted }], true)]));
    }
    return out.length > 0 ? out : PASS;
  },
};
