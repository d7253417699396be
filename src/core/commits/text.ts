/**
 * The linted text versus the message: comment lines and the scissors section of COMMIT_EDITMSG are
 * not part of the message, and CRLF line ends are normalised. `prepareText` builds the cleaned message
 * (what git would store, before whitespace clean-up) together with a map from its offsets back to the
 * offsets of the original text, so every finding points at what the editor shows.
 */

const SCISSORS = '------------------------ >8 ------------------------';

/** One line of the cleaned message. */
export interface CleanLine {
  /** The line without its line end. */
  readonly text: string;
  /** Offset of the line's first character in the cleaned message. */
  readonly cleanStart: number;
  /** Offset of the line's first character in the original text. */
  readonly origStart: number;
}

export interface PreparedText {
  readonly original: string;
  /** Lines kept, joined with `\n`. */
  readonly cleaned: string;
  readonly lines: readonly CleanLine[];
  /** Maps an offset of `cleaned` (0..cleaned.length) to an offset of `original`. */
  toOriginal(cleanOffset: number): number;
}

/** `'auto'` is git's "pick one"; the linter treats it as `#`. An empty string means no comments. */
export function normaliseCommentChar(commentChar: string | null | undefined): string | null {
  if (commentChar === 'auto') return '#';
  if (typeof commentChar !== 'string' || commentChar.length === 0) return null;
  return commentChar;
}

/** Offsets of a cleaned message that is the original text itself (nothing removed, no CRLF). */
class IdentityText implements PreparedText {
  readonly cleaned: string;
  constructor(
    readonly original: string,
    readonly lines: readonly CleanLine[],
  ) {
    this.cleaned = original;
  }
  toOriginal(cleanOffset: number): number {
    return clamp(cleanOffset, 0, this.original.length);
  }
}

/** Offsets of a cleaned message that differs from the original: found through its lines. */
class MappedText implements PreparedText {
  constructor(
    readonly original: string,
    readonly cleaned: string,
    readonly lines: readonly CleanLine[],
  ) {}
  toOriginal(offset: number): number {
    const { lines } = this;
    if (lines.length === 0) return 0;
    const o = clamp(offset, 0, this.cleaned.length);
    let lo = 0;
    let hi = lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((lines[mid] as CleanLine).cleanStart <= o) lo = mid;
      else hi = mid - 1;
    }
    const line = lines[lo] as CleanLine;
    const col = Math.min(o - line.cleanStart, line.text.length);
    return line.origStart + col;
  }
}

export function prepareText(original: string, commentChar: string | null | undefined): PreparedText {
  const comment = normaliseCommentChar(commentChar);
  const length = original.length;
  // Fast path: one line that is not a comment — the cleaned message is the text itself.
  if (original.indexOf('\n') === -1 && (comment === null || !original.startsWith(comment))) {
    return new IdentityText(original, [{ text: original, cleanStart: 0, origStart: 0 }]);
  }
  const scissors = comment === null ? null : `${comment} ${SCISSORS}`;
  const lines: CleanLine[] = [];
  // Whether a line was dropped or a CR removed; until then the cleaned message is the original text.
  let changed = false;
  let cleanPos = 0;
  let pos = 0;
  while (pos <= length) {
    let nl = original.indexOf('\n', pos);
    if (nl === -1) nl = length;
    let end = nl;
    if (end > pos && original.charCodeAt(end - 1) === 13 /* \r */ && nl < length) {
      end -= 1;
      changed = true;
    }
    const text = original.slice(pos, end);
    if (comment !== null) {
      if (text === scissors) {
        changed = true;
        break;
      }
      if (text.startsWith(comment)) {
        changed = true;
        pos = nl + 1;
        continue;
      }
    }
    lines.push({ text, cleanStart: cleanPos, origStart: pos });
    cleanPos += text.length + 1;
    pos = nl + 1;
  }
  // Nothing removed, no CRLF: the lines joined are the original text, and offsets are identical.
  if (!changed) return new IdentityText(original, lines);
  let cleaned = '';
  for (let i = 0; i < lines.length; i++) cleaned = i === 0 ? (lines[i] as CleanLine).text : `${cleaned}\n${(lines[i] as CleanLine).text}`;
  const identity = cleaned.length === length && (length === 0 || cleaned === original);
  return identity ? new IdentityText(original, lines) : new MappedText(original, cleaned, lines);
}

function clamp(value: number, min: number, max: number): number {
  return value < min ? min : value > max ? max : value;
}
