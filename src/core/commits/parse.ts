/**
 * Parsing: conventional-commits-parser with the options of the conventional-changelog-conventionalcommits
 * preset (as commitlint uses it: `fieldPattern` off), plus the offsets of every part of the message in
 * the linted text. The parser reports strings only, so the line classification it performs (header,
 * body until the first footer token or note, footer) is mirrored here to place them.
 */
import { CommitParser, type Commit } from 'conventional-commits-parser';
import type { MessageLayout, ParsedCommitMessage, Span } from './types';
import { prepareText, type CleanLine, type PreparedText } from './text';

export const HEADER_PATTERN = /^(\w*)(?:\((.*)\))?!?: (.*)$/;
export const BREAKING_HEADER_PATTERN = /^(\w*)(?:\((.*)\))?!: (.*)$/;
export const NOTE_KEYWORDS: readonly string[] = ['BREAKING CHANGE', 'BREAKING-CHANGE'];
export const REVERT_PATTERN = /^(?:Revert|revert:)\s"?([\s\S]+?)"?\s*This reverts commit (\w*)\./i;

/** The parser's note and footer-token expressions for these options (see its `regex.js`). */
export const NOTE_LINE = /^(?:\*\s+)?(BREAKING CHANGE|BREAKING-CHANGE):\s*(.*)/i;
export const FOOTER_TOKEN_LINE = /^(?:BREAKING CHANGE|[\w-]+)(?::\s+|\s+#).+/i;
const GPG_LINE = /^\s*gpg:/;

/** Constructed once: parsing is per keystroke. */
const PARSER_OPTIONS = {
  headerPattern: HEADER_PATTERN,
  breakingHeaderPattern: BREAKING_HEADER_PATTERN,
  headerCorrespondence: ['type', 'scope', 'subject'],
  noteKeywords: [...NOTE_KEYWORDS],
  revertPattern: REVERT_PATTERN,
  revertCorrespondence: ['header', 'hash'],
  issuePrefixes: ['#'],
  // commitlint's parse turns the parser's `-field-` lines off; so do we, to agree with it.
  fieldPattern: undefined,
};
const PARSER = new CommitParser(PARSER_OPTIONS);

/**
 * Two shortcuts on our parser instance, each exact for these options and checked where it is installed:
 * - a line without the issue prefix `#` holds no reference (its `referenceParts` expression needs the prefix),
 *   so its reference scan, a costly expression run on every body and footer line, is skipped there;
 * - mentions (`@name`) are never read by the linter or the release plan, so they are not collected.
 * `test/unit/core/commits/parserShortcuts.test.ts` compares this instance with a plain parser on every corpus message.
 */
type ParserInternals = {
  parseReferences?: (input: string, isFooterToken?: boolean) => unknown[];
  parseMentions?: (input: string) => void;
};
(() => {
  const internals = PARSER as unknown as ParserInternals;
  const scan = internals.parseReferences;
  if (typeof scan === 'function') {
    internals.parseReferences = function (this: unknown, input: string, isFooterToken?: boolean): unknown[] {
      return input.indexOf('#') === -1 ? [] : scan.call(this, input, isFooterToken);
    };
  }
  if (typeof internals.parseMentions === 'function') internals.parseMentions = () => undefined;
})();

/** A parser with none of the shortcuts above (for the test that checks them). */
export function plainParser(): CommitParser {
  return new CommitParser(PARSER_OPTIONS);
}

/** Lines [first, last] (inclusive) of `prepared.lines`. */
export interface LineRange {
  readonly first: number;
  readonly last: number;
}

/** Everything the rules need: the parse, the original text and where each part sits in it. */
export interface MessageModel {
  readonly prepared: PreparedText;
  readonly parsed: ParsedCommitMessage;
  /** The message is empty or whitespace only (after comments are removed). */
  readonly empty: boolean;
  /** Index in `prepared.lines` of the header line, -1 when there is none. */
  readonly headerLine: number;
  readonly bodyLines: LineRange | null;
  readonly footerLines: LineRange | null;
  /** Indices of the lines the parser sees (blank edges and `gpg:` lines dropped), in order. */
  readonly parserLines: readonly number[];
  /** Index into `parserLines` of the first footer line, or `parserLines.length`. */
  readonly footerStartIndex: number;
}

const EMPTY_PARSE = {
  header: '',
  type: null,
  scope: null,
  subject: null,
  body: null,
  footer: null,
  breaking: false,
  notes: [],
  references: [],
  revert: null,
  merge: null,
} as const;

function isBlankEdge(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) !== 13) return false;
  return true;
}

/** The parser's output for a cleaned message, with the shortcuts; null where it throws. Exported for tests. */
export function runParser(cleaned: string): Commit | null {
  try {
    return PARSER.parse(cleaned);
  } catch {
    return null;
  }
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function spanOf(prepared: PreparedText, cleanStart: number, cleanEnd: number): Span {
  return { start: prepared.toOriginal(cleanStart), end: prepared.toOriginal(cleanEnd) };
}

function lineEnd(line: CleanLine): number {
  return line.cleanStart + line.text.length;
}

function emptyModel(prepared: PreparedText): MessageModel {
  return {
    prepared,
    parsed: { ...EMPTY_PARSE, cleaned: prepared.cleaned, layout: { header: spanOf(prepared, 0, 0) } },
    empty: true,
    headerLine: -1,
    bodyLines: null,
    footerLines: null,
    parserLines: [],
    footerStartIndex: 0,
  };
}

/** Non-blank (after blank edges) lines `[from, to)` of `parserLines`, or null. */
function lineRange(lines: readonly CleanLine[], parserLines: readonly number[], from: number, to: number): LineRange | null {
  let a = from;
  while (a < to && (lines[parserLines[a] as number] as CleanLine).text === '') a++;
  let b = to - 1;
  while (b >= a && isBlankEdge((lines[parserLines[b] as number] as CleanLine).text)) b--;
  return a <= b ? { first: parserLines[a] as number, last: parserLines[b] as number } : null;
}

type MutableLayout = { -readonly [K in keyof MessageLayout]: MessageLayout[K] };

/**
 * The header's parts and where they sit: one match of the breaking pattern, else of the header pattern
 * (the parser's order). The patterns are anchored, so each group's offset follows from the lengths of
 * the groups before it (`type`, `(scope)`, `!`, `: `) — no match indices needed.
 */
interface HeaderParts {
  readonly match: RegExpExecArray | null;
  readonly breaking: boolean;
}

function matchHeader(header: string): HeaderParts {
  // The breaking pattern needs a literal "!: ": without one it cannot match.
  const breakingMatch = header.indexOf('!: ') === -1 ? null : BREAKING_HEADER_PATTERN.exec(header);
  if (breakingMatch) return { match: breakingMatch, breaking: true };
  return { match: HEADER_PATTERN.exec(header), breaking: false };
}

function addHeaderLayout(layout: MutableLayout, prepared: PreparedText, headerStart: number, header: string, parts: HeaderParts): void {
  const { match } = parts;
  if (!match) return;
  const type = match[1] as string;
  const scope = match[2];
  const subject = match[3] as string;
  // `type` at 0, `(scope)` right after it, the subject at the end of the header.
  layout.type = spanOf(prepared, headerStart, headerStart + type.length);
  if (scope !== undefined) layout.scope = spanOf(prepared, headerStart + type.length + 1, headerStart + type.length + 1 + scope.length);
  const subjectStart = headerStart + header.length - subject.length;
  layout.subject = spanOf(prepared, subjectStart, headerStart + header.length);
  if (parts.breaking) layout.bang = spanOf(prepared, subjectStart - 3, subjectStart - 2);
}

type Reference = ParsedCommitMessage['references'][number];
/** A reference as the parser's `parseReferences` returns it. */
export type ParserReference = { raw: string; prefix: string; issue: string; action: string | null };

/** The parser's own reference scanner (`parseReferences`, with its own regular expressions), when it has one. */
const parserReferences: ((input: string, isFooterToken?: boolean) => ParserReference[]) | undefined = (() => {
  const method = (PARSER as unknown as { parseReferences?: unknown }).parseReferences;
  if (typeof method !== 'function') return undefined;
  return (input: string, isFooterToken?: boolean): ParserReference[] =>
    (method as (input: string, isFooterToken?: boolean) => ParserReference[]).call(PARSER, input, isFooterToken);
})();

/** The parser's own note and footer-token expressions (its `regexes`), when it has them. */
const parserLineExpressions: { readonly notes: RegExp; readonly footerToken: RegExp } | undefined = (() => {
  const regexes = (PARSER as unknown as { regexes?: { notes?: unknown; footerToken?: unknown } }).regexes;
  const notes = regexes?.notes;
  const footerToken = regexes?.footerToken;
  // Stateless expressions only: a global or sticky one would carry lastIndex from one test to the next.
  if (!(notes instanceof RegExp) || !(footerToken instanceof RegExp) || notes.global || notes.sticky || footerToken.global || footerToken.sticky) {
    return undefined;
  }
  return { notes, footerToken };
})();

/**
 * The references conventional-commits-parser finds in the lines it scans (its `parseReferences` on each, in order:
 * `[line, isFooterToken, line, isFooterToken, …]`, lines without the issue prefix `#` left out since they hold none),
 * de-duplicated as its clean-up does (action and raw text, case-insensitive; the first stays).
 */
function scanReferences(scans: readonly (string | boolean)[]): Reference[] {
  if (parserReferences === undefined) return [];
  const found: ParserReference[] = [];
  for (let i = 0; i < scans.length; i += 2) {
    for (const r of parserReferences(scans[i] as string, scans[i + 1] as boolean)) found.push(r);
  }
  return uniqueReferences(found);
}

/**
 * The references the parser found, de-duplicated as its clean-up does (action and raw text, case-insensitive; the
 * first stays), as plain objects.
 */
export function uniqueReferences(found: readonly ParserReference[]): Reference[] {
  const references: Reference[] = [];
  const seen = found.length > 1 ? new Set<string>() : undefined;
  for (const r of found) {
    if (seen) {
      // A single reference has no duplicate to drop.
      const uid = `${r.action} ${r.raw}`.toLocaleLowerCase();
      if (seen.has(uid)) continue;
      seen.add(uid);
    }
    references.push({ raw: r.raw, prefix: r.prefix, issue: r.issue, action: r.action });
  }
  return references;
}

/**
 * The parse of a fast path. Its references are scanned when first read, not before: the lint rules read them only
 * for `references-empty` (off by default), and the scan, the parser's costliest expression, took a fifth of a cold
 * `lint-message --jsonl` batch (issue #13). The getter is an own enumerable property, so the object reads, spreads,
 * serialises and compares (`deepStrictEqual`) as the parser path's plain one; the scan runs once.
 */
function fastParse(
  cleaned: string,
  header: string,
  parts: HeaderParts,
  body: string | null,
  footer: string | null,
  notes: { title: string; text: string }[],
  scans: (string | boolean)[] | null,
  revert: Readonly<Record<string, string | null>> | null,
  layout: MessageLayout,
): ParsedCommitMessage {
  const { match } = parts;
  const type = match ? (match[1] as string) || null : null;
  const scope = match ? match[2] || null : null;
  const subject = match ? (match[3] as string) || null : null;
  const breaking = parts.breaking || notes.length > 0;
  if (scans === null) {
    return { cleaned, header, type, scope, subject, body, footer, breaking, notes, references: [], revert, merge: null, layout };
  }
  let references: Reference[] | undefined;
  return {
    cleaned,
    header,
    type,
    scope,
    subject,
    body,
    footer,
    breaking,
    notes,
    get references(): Reference[] {
      if (references === undefined) references = scanReferences(scans);
      return references;
    },
    revert,
    merge: null,
    layout,
  };
}

/**
 * Header-only messages without the parser: one line (no carriage return), maybe followed by empty
 * lines, not a `gpg:` line, not a revert. For such a message conventional-commits-parser (with these options: no
 * merge or field pattern) reads exactly the header: type/scope/subject from the header patterns,
 * references from the header (its `parseReferences`, de-duplicated as its clean-up does; scanned when first
 * read, see fastParse), the note of a `!` header, no body, footer, merge or revert. The parser stays the reference:
 * `test/unit/core/commits/fastPath.test.ts` checks this path against it on every corpus message and
 * on generated headers. Returns undefined when the message needs the parser.
 */
function buildHeaderOnlyModel(prepared: PreparedText): MessageModel | undefined {
  const { lines, cleaned } = prepared;
  if (parserReferences === undefined) return undefined;
  // The header, then nothing but line ends (git's `%B` ends every message with one): the parser trims them.
  for (let i = 1; i < lines.length; i++) if ((lines[i] as CleanLine).text !== '') return undefined;
  const header = (lines[0] as CleanLine).text;
  if (header.indexOf('\r') !== -1 || GPG_LINE.test(header) || REVERT_PATTERN.test(cleaned)) return undefined;
  const parts = matchHeader(header);
  const { match } = parts;
  // Without the issue prefix `#` the parser finds no reference.
  const scans = header.indexOf('#') === -1 ? null : [header, false];
  const layout: MutableLayout = { header: spanOf(prepared, 0, header.length) };
  addHeaderLayout(layout, prepared, 0, header, parts);
  const notes = parts.breaking ? [{ title: 'BREAKING CHANGE', text: match![3] as string }] : [];
  const parsed = fastParse(cleaned, header, parts, null, null, notes, scans, null, layout as MessageLayout);
  return { prepared, parsed, empty: false, headerLine: 0, bodyLines: null, footerLines: null, parserLines: [0], footerStartIndex: 1 };
}

/** The parser's `appendLine`: a falsy text is replaced by the line, not extended (so leading empty lines vanish). */
function appendLine(text: string | null, line: string): string {
  return text ? `${text}\n${line}` : line;
}

/** The parser's `trimNewLines`: CRs and LFs removed from both ends (the whole text when it has nothing else). */
function trimNewLines(text: string): string {
  let first = 0;
  while (first < text.length && (text.charCodeAt(first) === 10 || text.charCodeAt(first) === 13)) first++;
  if (first === text.length) return '';
  let last = text.length - 1;
  while (text.charCodeAt(last) === 10 || text.charCodeAt(last) === 13) last--;
  return text.substring(first, last + 1);
}

/** More notes in one chain than this and the parser (which recurses once per note) takes the message. */
const MAX_FAST_NOTES = 100;

/**
 * Messages with a body or footer without the parser: the cleaned text has no carriage return and no `gpg:` (so the
 * parser's lines are exactly the cleaned lines from the first non-empty one to the last, none dropped). The parser's
 * line loop for these options (no merge or field pattern) is replayed on those lines with its own note and
 * footer-token expressions and its own reference scanner: the body is the lines before the first note or footer
 * token, everything from there on the footer, notes and their continuation lines as its `parseNotes` reads them
 * (including that a line right after a note chain ended by a footer token is never a note), references from the
 * header and from every later line but a note's first, de-duplicated as its clean-up does (scanned when first read,
 * see fastParse); then the `!` header's note and the revert, as the parser adds them.
 * `test/unit/core/commits/bodyFastPath.test.ts` checks this path against the parser on every corpus message and on
 * generated and mutated messages. Returns undefined when the message needs the parser.
 */
function buildBodyModel(prepared: PreparedText): MessageModel | undefined {
  const { lines, cleaned } = prepared;
  if (parserReferences === undefined || parserLineExpressions === undefined) return undefined;
  if (cleaned.indexOf('\r') !== -1 || cleaned.indexOf('gpg:') !== -1) return undefined;
  const { notes: noteLine, footerToken: footerTokenLine } = parserLineExpressions;
  let first = 0;
  while (first < lines.length && (lines[first] as CleanLine).text === '') first++;
  let last = lines.length - 1;
  while (last > first && (lines[last] as CleanLine).text === '') last--;
  if (first >= lines.length) return undefined;
  const count = last - first + 1;
  const textAt = (k: number): string => (lines[first + k] as CleanLine).text;

  const headerInfo = lines[first] as CleanLine;
  const header = headerInfo.text;
  const parts = matchHeader(header);
  const { match } = parts;
  // The lines the parser scans for references, with whether each is a footer token (see scanReferences).
  let scans: (string | boolean)[] | null = null;
  const scan = (line: string, isFooterToken: boolean): void => {
    // Without the issue prefix `#` the parser finds no reference.
    if (line.indexOf('#') === -1) return;
    if (scans === null) scans = [line, isFooterToken];
    else scans.push(line, isFooterToken);
  };
  scan(header, false);

  // The parser's loop over the lines after the header (`parseNotes`, then `parseBodyAndFooter`, until none is left).
  const notes: { title: string; text: string }[] = [];
  let footerStartIndex = count;
  let k = 1;
  let isBody = true;
  while (k < count) {
    // parseNotes: a note line starts a chain; each further note line starts the next note of the chain; a
    // footer-token line is the chain's last (in the footer, not in the note's text).
    let noteMatch = noteLine.exec(textAt(k));
    if (noteMatch) {
      if (footerStartIndex === count) footerStartIndex = k;
      isBody = false;
      chain: while (noteMatch) {
        if (notes.length >= MAX_FAST_NOTES) return undefined;
        const note = { title: noteMatch[1] as string, text: noteMatch[2] as string };
        notes.push(note);
        k++;
        noteMatch = null;
        while (k < count) {
          const line = textAt(k);
          noteMatch = noteLine.exec(line);
          if (noteMatch) continue chain;
          const isFooterToken = footerTokenLine.test(line);
          scan(line, isFooterToken);
          if (!isFooterToken) note.text = appendLine(note.text, line);
          k++;
          if (isFooterToken) break chain;
        }
      }
    }
    // parseBodyAndFooter: one line, body until the first footer token (or note).
    if (k < count) {
      const line = textAt(k);
      const isFooterToken = footerTokenLine.test(line);
      scan(line, isFooterToken);
      if (isFooterToken || !isBody) {
        if (footerStartIndex === count) footerStartIndex = k;
        isBody = false;
      }
      k++;
    }
  }
  if (notes.length === 0 && parts.breaking) notes.push({ title: 'BREAKING CHANGE', text: match![3] as string });
  for (const note of notes) note.text = trimNewLines(note.text);

  const parserLines: number[] = [];
  for (let i = first; i <= last; i++) parserLines.push(i);
  const bodyLines = lineRange(lines, parserLines, 1, footerStartIndex);
  const footerLines = lineRange(lines, parserLines, footerStartIndex, count);
  // The body: its lines joined, less leading and trailing empty lines; '' when they are all empty; null when none.
  const body = bodyLines
    ? cleaned.slice((lines[bodyLines.first] as CleanLine).cleanStart, lineEnd(lines[bodyLines.last] as CleanLine))
    : footerStartIndex > 1
      ? ''
      : null;
  // The footer starts with a non-empty line (a note or a token) and ends with the last non-empty line.
  const footer = footerLines
    ? cleaned.slice((lines[footerLines.first] as CleanLine).cleanStart, lineEnd(lines[footerLines.last] as CleanLine))
    : null;

  const revertMatch = REVERT_PATTERN.exec(cleaned);

  const headerStart = headerInfo.cleanStart;
  const layout: MutableLayout = { header: spanOf(prepared, headerStart, headerStart + header.length) };
  addHeaderLayout(layout, prepared, headerStart, header, parts);
  if (bodyLines) {
    layout.body = spanOf(prepared, (lines[bodyLines.first] as CleanLine).cleanStart, lineEnd(lines[bodyLines.last] as CleanLine));
  }
  if (footerLines) {
    layout.footer = spanOf(prepared, (lines[footerLines.first] as CleanLine).cleanStart, lineEnd(lines[footerLines.last] as CleanLine));
  }
  const revert = revertMatch ? { header: revertMatch[1] || null, hash: revertMatch[2] || null } : null;
  const parsed = fastParse(cleaned, header, parts, body, footer, notes, scans, revert, layout as MessageLayout);
  return { prepared, parsed, empty: false, headerLine: first, bodyLines, footerLines, parserLines, footerStartIndex };
}

/** The header-only fast path alone: its model, or undefined where `buildModel` runs the parser (for tests). */
export function headerOnlyModel(text: string, commentChar: string | null | undefined): MessageModel | undefined {
  const prepared = prepareText(text, commentChar);
  return prepared.cleaned.trim() === '' ? undefined : buildHeaderOnlyModel(prepared);
}

/** The fast path for messages with a body alone: its model, or undefined where `buildModel` runs the parser (for tests). */
export function bodyModel(text: string, commentChar: string | null | undefined): MessageModel | undefined {
  const prepared = prepareText(text, commentChar);
  return prepared.cleaned.trim() === '' ? undefined : buildBodyModel(prepared);
}

/**
 * The message model. `useFastPath: false` parses every message with conventional-commits-parser
 * (the reference the header-only fast path is tested against).
 */
export function buildModel(text: string, commentChar: string | null | undefined, useFastPath = true): MessageModel {
  const prepared = prepareText(text, commentChar);
  const { lines, cleaned } = prepared;

  const empty = cleaned.trim() === '';
  if (empty) return emptyModel(prepared);
  if (useFastPath) {
    const fast = buildHeaderOnlyModel(prepared) ?? buildBodyModel(prepared);
    if (fast) return fast;
  }
  const commit = runParser(cleaned);
  if (!commit) return emptyModel(prepared);

  // Mirror the parser's line handling: blank edges trimmed, `gpg:` lines dropped.
  let first = 0;
  while (first < lines.length && isBlankEdge((lines[first] as CleanLine).text)) first++;
  let last = lines.length - 1;
  while (last > first && isBlankEdge((lines[last] as CleanLine).text)) last--;
  const parserLines: number[] = [];
  for (let i = first; i <= last; i++) if (!GPG_LINE.test((lines[i] as CleanLine).text)) parserLines.push(i);

  const headerLine = parserLines.length > 0 ? (parserLines[0] as number) : -1;
  let footerStartIndex = parserLines.length;
  for (let k = 1; k < parserLines.length; k++) {
    const t = (lines[parserLines[k] as number] as CleanLine).text;
    if (NOTE_LINE.test(t) || FOOTER_TOKEN_LINE.test(t)) {
      footerStartIndex = k;
      break;
    }
  }
  const bodyLines = lineRange(lines, parserLines, 1, footerStartIndex);
  const footerLines = lineRange(lines, parserLines, footerStartIndex, parserLines.length);

  const header = str(commit.header) ?? '';
  const headerInfo = headerLine >= 0 ? (lines[headerLine] as CleanLine) : undefined;
  // The parser's trimNewLines() drops every CR before the first other character of the message, so the
  // first line's leading CRs are not part of its header.
  let leadingCarriageReturns = 0;
  if (headerInfo && headerLine === first) while (headerInfo.text.charCodeAt(leadingCarriageReturns) === 13) leadingCarriageReturns++;
  const headerStart = headerInfo ? headerInfo.cleanStart + leadingCarriageReturns : 0;
  const layout: MutableLayout = { header: spanOf(prepared, headerStart, headerStart + header.length) };
  const parts = matchHeader(header);
  addHeaderLayout(layout, prepared, headerStart, header, parts);
  if (bodyLines) {
    layout.body = spanOf(prepared, (lines[bodyLines.first] as CleanLine).cleanStart, lineEnd(lines[bodyLines.last] as CleanLine));
  }
  if (footerLines) {
    layout.footer = spanOf(prepared, (lines[footerLines.first] as CleanLine).cleanStart, lineEnd(lines[footerLines.last] as CleanLine));
  }

  const notes = commit.notes.map((n) => ({ title: n.title, text: n.text }));
  const parsed: ParsedCommitMessage = {
    cleaned,
    header,
    type: str(commit['type']),
    scope: str(commit['scope']),
    subject: str(commit['subject']),
    body: commit.body,
    footer: commit.footer,
    breaking: parts.breaking || notes.length > 0,
    notes,
    references: commit.references.map((r) => ({ raw: r.raw, prefix: r.prefix, issue: r.issue, action: r.action })),
    revert: commit.revert,
    merge: commit.merge,
    layout: layout as MessageLayout,
  };
  return { prepared, parsed, empty: false, headerLine, bodyLines, footerLines, parserLines, footerStartIndex };
}
