// `JSON.stringify(value, null, 2)` as a list of pieces whose concatenation is that text, byte for byte (issue #13).
// V8 builds a JSON text in one byte per character until it meets a string with a character beyond Latin-1; from
// then on the rest of the document is two bytes per character. A full-history changelog has such a character in
// its first section's title (`⚠`) and in a dozen of its 4,573 entries, so its 2.9 MB were built, kept and encoded
// in two-byte form. Serialised as pieces (each long array in runs of elements), only the pieces that hold such a
// character are two-byte. test/unit/cli/jsonPieces.test.ts holds the pieces to JSON.stringify.

/** Elements per piece of a long array: a two-byte element makes only its run of elements two-byte. */
const RUN = 32;

/** How deep the walk goes before a value is one piece (the changelog: document, sections, a section, its entries). */
const MAX_DEPTH = 4;

const INDENT = '  ';

/**
 * A string given as pieces (their concatenation), for a text too long to escape in one go: `JSON.stringify` escapes
 * a string a character at a time (~23 instructions per character here, a two-byte string more), and a whole
 * changelog's markdown of 0.9 MB is two-byte from its first `⚠` on. jsonPieces writes it as runs of its pieces,
 * each escaped alone (see escapeRun): only the runs holding a character beyond Latin-1 are two-byte. JSON.stringify
 * itself reads it as the joined string (`toJSON`).
 */
export class JsonStringPieces {
  constructor(readonly pieces: readonly string[]) {}

  toJSON(): string {
    return this.pieces.join('');
  }
}

/** A run of pieces ends after a line end: never between the two halves of a surrogate pair. */
const LINE_END = 10;

/** Pieces per run of textRuns, at least (a run ends after the first piece from there that ends a line). */
const TEXT_RUN = 64;

/**
 * Text pieces joined in runs of TEXT_RUN or more, each run ending after a piece that ends with a line end (or at the
 * last piece): the same text in ~1/64 as many strings, and only the runs holding a character beyond Latin-1 are
 * two-byte (a run never ends inside a surrogate pair, so each can be escaped or encoded alone).
 */
export function textRuns(pieces: readonly string[]): string[] {
  const runs: string[] = [];
  let from = 0;
  for (let index = 0; index < pieces.length; index++) {
    const piece = pieces[index] as string;
    if (index + 1 < pieces.length && (index - from + 1 < TEXT_RUN || piece.charCodeAt(piece.length - 1) !== LINE_END)) continue;
    runs.push(from === index ? piece : pieces.slice(from, index + 1).join(''));
    from = index + 1;
  }
  return runs;
}

/** Anything in a string that JSON escapes other than a line end, `"` or `\`: control characters and surrogates. */
const ESCAPED_OTHERWISE = /[\x00-\x09\x0b-\x1f\ud800-\udfff]/;
const BACKSLASH = /\\/g;
const QUOTE = /"/g;
const LINE_FEED = /\n/g;

/**
 * `JSON.stringify(text)` without its quotes. A text whose only characters to escape are line ends, `"` and `\` (a
 * changelog's markdown, but for a rare run) is escaped by replacing those, one character at a time (a one-character
 * expression is searched for as a string, faster than a class of characters): half of JSON.stringify's instructions
 * with the test for other characters; any other text by JSON.stringify.
 */
function escapeRun(text: string): string {
  if (ESCAPED_OTHERWISE.test(text)) {
    const json = JSON.stringify(text);
    return json.slice(1, json.length - 1);
  }
  return text.replace(BACKSLASH, '\\\\').replace(QUOTE, '\\"').replace(LINE_FEED, '\\n');
}

/** The JSON text of a JsonStringPieces, in pieces: its quotes and its runs (textRuns), each escaped alone. */
function stringPieces(value: JsonStringPieces, out: PieceSink): void {
  out.push('"');
  const runs = textRuns(value.pieces);
  for (let index = 0; index < runs.length; index++) out.push(escapeRun(runs[index] as string));
  out.push('"');
}

/** Where the pieces go, in order: a list (jsonPieces), or a writer that encodes each as it comes (jsonPiecesInto). */
export interface PieceSink {
  push(...pieces: string[]): unknown;
}

/** Values JSON.stringify leaves out of an object (and writes as `null` in an array). */
function omitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

/** A value the walk may open: a plain array or object without `toJSON` (JSON.stringify calls it, and reads its result instead). */
function openable(value: unknown): value is Record<string, unknown> | unknown[] {
  if (value === null || typeof value !== 'object') return false;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return Array.isArray(value) ? prototype === Array.prototype : prototype === Object.prototype || prototype === null;
}

/**
 * The text of `value` as JSON.stringify(…, null, 2) writes it `depth` levels deep (its inner lines indented for that
 * depth): the value wrapped in `depth` arrays, stringified, and the wrappers' lines cut off (a string, never a copy).
 */
function nested(value: unknown, depth: number): string {
  let wrapped: unknown = value;
  for (let level = 0; level < depth; level++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  if (depth === 0) return text;
  // `[\n  ` … `[\n` + 2·depth spaces before the value; `\n` + 2·(depth−1) spaces + `]` … `\n]` after it.
  let prefix = 0;
  let suffix = 0;
  for (let level = 1; level <= depth; level++) {
    prefix += 2 + 2 * level;
    suffix += 2 + 2 * (level - 1);
  }
  return text.slice(prefix, text.length - suffix);
}

/** The elements `[from, to)` of an array `depth` levels deep, each on its line (indented), separated by `,\n`. */
function elements(array: readonly unknown[], from: number, to: number, depth: number): string {
  // The run as an array one level deeper than the elements' array's own level: the brackets and their lines cut off.
  const text = nested(array.slice(from, to), depth);
  return text.slice(2, text.length - 2 - INDENT.length * depth);
}

function walk(value: unknown, depth: number, out: PieceSink): void {
  if (value instanceof JsonStringPieces) {
    stringPieces(value, out);
    return;
  }
  if (depth >= MAX_DEPTH || !openable(value)) {
    out.push(nested(value, depth));
    return;
  }
  const inner = INDENT.repeat(depth + 1);
  const closing = `\n${INDENT.repeat(depth)}`;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      out.push('[]');
      return;
    }
    out.push('[\n');
    if (value.length <= RUN) {
      for (let index = 0; index < value.length; index++) {
        out.push(index === 0 ? inner : `,\n${inner}`);
        const element = value[index];
        if (omitted(element)) out.push('null');
        else walk(element, depth + 1, out);
      }
    } else {
      for (let from = 0; from < value.length; from += RUN) {
        if (from > 0) out.push(',\n');
        out.push(elements(value, from, Math.min(from + RUN, value.length), depth));
      }
    }
    out.push(`${closing}]`);
    return;
  }
  let first = true;
  for (const key of Object.keys(value)) {
    const member = value[key];
    if (omitted(member)) continue;
    out.push(first ? `{\n${inner}` : `,\n${inner}`, JSON.stringify(key), ': ');
    first = false;
    walk(member, depth + 1, out);
  }
  out.push(first ? '{}' : `${closing}}`);
}

/**
 * `JSON.stringify(value, null, 2)` in pieces: their concatenation is that text. Plain arrays and objects of the first
 * levels are written member by member, and long arrays there in runs of elements, each run stringified on its own;
 * anything else (and every value with `toJSON`) is stringified whole. For a value JSON.stringify leaves out
 * (undefined, a function, a symbol) there are no pieces, as it returns undefined. One difference in kind: a `toJSON`
 * method below the first level is called with another key than JSON.stringify gives it (an index within its run,
 * `'0'` for a value stringified alone), so the pieces are that text for values whose `toJSON` methods ignore the key
 * (Date's does; the changelog has none).
 */
export function jsonPieces(value: unknown): string[] {
  const out: string[] = [];
  jsonPiecesInto(value, out);
  return out;
}

/** jsonPieces, each piece handed to `out` as soon as it is made (nothing for a value JSON.stringify leaves out). */
export function jsonPiecesInto(value: unknown, out: PieceSink): void {
  if (omitted(value)) return;
  walk(value, 0, out);
}
