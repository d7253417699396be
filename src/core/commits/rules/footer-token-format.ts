import type { CleanLine } from '../text';
import { FOOTER_TOKEN_LINE, NOTE_LINE } from '../parse';
import { fix, violation } from '../ruleKit/shared';
import { PASS, type RuleDefinition, type Violation } from '../ruleKit/types';

/** `Reviewed by: Jane` — a token of two or three words followed by `: value`. */
const SPACED_TOKEN = /^([A-Za-z][A-Za-z0-9]*(?: [A-Za-z][A-Za-z0-9]*){1,2}): \S/;
const ENDS_WITH_BY = / by$/i;
const BREAKING = /^breaking[ -]changes?$/i;

/**
 * Release Hygiene: footer tokens use `-` in place of spaces (Conventional Commits 1.0.0, rule 9);
 * only `BREAKING CHANGE` may contain a space. Looks at the last paragraph after the header: a
 * spaced token is flagged when the paragraph is otherwise a trailer block, or when it is the common
 * `<Something> by:` form.
 */
export const footerTokenFormat: RuleDefinition = {
  id: 'footer-token-format',
  origin: 'release-hygiene',
  check(ctx, when) {
    if (when === 'never') return PASS;
    const { lines } = ctx.model.prepared;
    const headerLine = ctx.model.headerLine;
    if (headerLine < 0) return PASS;
    let end = lines.length;
    while (end > headerLine + 1 && (lines[end - 1] as CleanLine).text.trim() === '') end--;
    let start = end;
    while (start > headerLine + 1 && (lines[start - 1] as CleanLine).text.trim() !== '') start--;
    // The paragraph must be separated from the header by a blank line.
    if (start <= headerLine + 1 || start >= end) return PASS;
    let validTokens = 0;
    let prose = 0;
    const spaced: { line: CleanLine; token: string }[] = [];
    for (let i = start; i < end; i++) {
      const line = lines[i] as CleanLine;
      const m = SPACED_TOKEN.exec(line.text);
      if (m && !BREAKING.test(m[1] as string)) spaced.push({ line, token: m[1] as string });
      else if (FOOTER_TOKEN_LINE.test(line.text) || NOTE_LINE.test(line.text)) validTokens++;
      else if (/^\s/.test(line.text)) continue;
      else prose++;
    }
    if (spaced.length === 0) return PASS;
    const trailerBlock = prose === 0 && validTokens > 0;
    const out: Violation[] = [];
    for (const { line, token } of spaced) {
      if (!trailerBlock && !(prose === 0 && ENDS_WITH_BY.test(token))) continue;
      const at = { start: line.origStart, end: line.origStart + token.length };
      const hyphenated = token.replace(/ /g, '-');
      out.push(
        violation(`footer token "${token}" must use "-" in place of spaces: "${hyphenated}"`, at, [
          fix(`Change the token to "${hyphenated}"`, [{ ...at, newText: hyphenated }], true),
        ]),
      );
    }
    return out.length > 0 ? out : PASS;
  },
};
