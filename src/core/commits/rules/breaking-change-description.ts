import type { CleanLine } from '../text';
import { NOTE_LINE } from '../parse';
import { violation } from '../ruleKit/shared';
import { PASS, type RuleDefinition, type Violation } from '../ruleKit/types';

/**
 * Release Hygiene: a `BREAKING CHANGE:` footer needs a description of what breaks (Conventional
 * Commits 1.0.0, rule 12); an empty one still makes a major release, with nothing in the changelog.
 */
export const breakingChangeDescription: RuleDefinition = {
  id: 'breaking-change-description',
  origin: 'release-hygiene',
  check(ctx, when) {
    if (when === 'never') return PASS;
    const { model, parsed } = ctx;
    // Every note line from the footer on is one of the parser's notes, in order.
    const out: Violation[] = [];
    let note = 0;
    for (let k = model.footerStartIndex; k < model.parserLines.length; k++) {
      const line = model.prepared.lines[model.parserLines[k] as number] as CleanLine;
      if (!NOTE_LINE.test(line.text)) continue;
      const text = parsed.notes[note]?.text ?? '';
      note++;
      if (text.trim() !== '') continue;
      out.push(
        violation('the BREAKING CHANGE footer must describe the breaking change', {
          start: line.origStart,
          end: line.origStart + line.text.length,
        }),
      );
    }
    return out.length > 0 ? out : PASS;
  },
};
