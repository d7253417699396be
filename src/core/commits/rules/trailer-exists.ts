import type { CleanLine } from '../text';
import { headerSpan, msg, optionalString, violation } from '../ruleKit/shared';
import { PASS, type RuleDefinition } from '../ruleKit/types';

const TRAILER = /^([A-Za-z0-9-]+)\s*:\s*(.*)$/;
const GIT_GENERATED = /^(?:Signed-off-by: |\(cherry picked from commit )/;

/**
 * The trailers git would report (`git interpret-trailers --parse`), without running git: the last
 * paragraph after the title, if it is all trailers, or at least a quarter trailers including a
 * git-generated one; `# ` comment lines ignored; continuation lines folded in.
 */
export function parseTrailers(lines: readonly CleanLine[], headerLine: number): string[] {
  const texts = lines.map((l) => l.text).filter((t) => !t.startsWith('#'));
  const start = Math.max(0, headerLine);
  let end = texts.length;
  while (end > start && texts[end - 1]!.trim() === '') end--;
  let blockStart = end;
  while (blockStart > start && texts[blockStart - 1]!.trim() !== '') blockStart--;
  // The title paragraph is never a trailer block.
  const firstNonBlank = texts.findIndex((t, i) => i >= start && t.trim() !== '');
  if (blockStart <= firstNonBlank) return [];
  const out: string[] = [];
  let trailers = 0;
  let others = 0;
  let recognised = false;
  for (let i = blockStart; i < end; i++) {
    const text = texts[i]!;
    if (/^\s/.test(text) && out.length > 0) {
      out[out.length - 1] += ` ${text.trim()}`;
      continue;
    }
    const m = TRAILER.exec(text);
    if (m) {
      trailers++;
      if (GIT_GENERATED.test(text)) recognised = true;
      out.push(`${m[1]}: ${m[2]}`);
    } else {
      others++;
      if (GIT_GENERATED.test(text)) recognised = true;
    }
  }
  if ((trailers > 0 && others === 0) || (recognised && trailers * 3 >= others)) return out;
  return [];
}

export const trailerExists: RuleDefinition = {
  id: 'trailer-exists',
  origin: 'commitlint',
  validate: optionalString,
  check(ctx, when, value) {
    const prefix = typeof value === 'string' ? value : '';
    const trailers = parseTrailers(ctx.model.prepared.lines, ctx.model.headerLine);
    const has = trailers.some((t) => t.startsWith(prefix));
    const negated = when === 'never';
    if (negated ? !has : has) return PASS;
    return [violation(msg(['message', negated ? 'must not' : 'must', `have \`${prefix}\` trailer`]), headerSpan(ctx))];
  },
};
