/** Wrapping one over-long body or footer line at spaces, never inside a word or URL. */
import type { CleanLine } from '../text';
import type { Fix } from '../../findings';
import { fix } from './shared';

const URL = /\bhttps?:\/\/\S+/;
const LIST_MARKER = /^(\s*)((?:[-*+]|\d+[.)])\s+)?/;

/** commitlint's exemption: a line with a URL may be any length. */
export function lineHasUrl(line: string): boolean {
  return URL.test(line);
}

/** The line wrapped so every piece fits in `limit`, or undefined when that is impossible. */
export function wrapLine(line: string, limit: number): string[] | undefined {
  if (limit <= 0 || line.length <= limit) return undefined;
  const lead = LIST_MARKER.exec(line);
  const indent = lead?.[1] ?? '';
  const marker = lead?.[2] ?? '';
  const continuation = indent + ' '.repeat(marker.length);
  const words = line.slice(indent.length + marker.length).split(' ').filter((w) => w.length > 0);
  if (words.length < 2) return undefined;
  const out: string[] = [];
  let current = indent + marker;
  let currentHasWord = false;
  for (const word of words) {
    if (!currentHasWord) {
      current += word;
      currentHasWord = true;
    } else if (current.length + 1 + word.length <= limit) {
      current += ' ' + word;
    } else {
      out.push(current);
      current = continuation + word;
    }
  }
  out.push(current);
  if (out.length < 2 || out.some((l) => l.length > limit)) return undefined;
  return out;
}

export function wrapFix(line: CleanLine, limit: number, eol: string): Fix[] {
  const wrapped = wrapLine(line.text, limit);
  if (!wrapped) return [];
  return [
    fix(
      `Wrap the line at ${limit} characters`,
      [{ start: line.origStart, end: line.origStart + line.text.length, newText: wrapped.join(eol) }],
      true,
    ),
  ];
}
