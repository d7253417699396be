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

const HEADER_PATTERN_D = new RegExp(HEADER_PATTERN.source, 'd');
const BREAKING_HEADER_PATTERN_D = new RegExp(BREAKING_HEADER_PATTERN.source, 'd');
/** The parser's note and footer-token expressions for these options (see its `regex.js`). */
export const NOTE_LINE = /^(?:\*\s+)?(BREAKING CHANGE|BREAKING-CHANGE):\s*(.*)/i;
export const FOOTER_TOKEN_LINE = /^(?:BREAKING CHANGE|[\w-]+)(?::\s+|\s+#).+/i;
const GPG_LINE = /^\s*gpg:/;

/** Constructed once: parsing is per keystroke. */
const PARSER = new CommitParser({
  headerPattern: HEADER_PATTERN,
  breakingHeaderPattern: BREAKING_HEADER_PATTERN,
  headerCorrespondence: ['type', 'scope', 'subject'],
  noteKeywords: [...NOTE_KEYWORDS],
  revertPattern: REVERT_PATTERN,
  revertCorrespondence: ['header', 'hash'],
  issuePrefixes: ['#'],
  // commitlint's parse turns the parser's `-field-` lines off; so do we, to agree with it.
  fieldPattern: undefined,
});

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

function runParser(cleaned: string): Commit | null {
  try {
    return PARSER.parse(cleaned);
  } catch {
    return null;
  }
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

export function buildModel(text: string, commentChar: string | null | undefined): MessageModel {
  const prepared = prepareText(text, commentChar);
  const { lines, cleaned } = prepared;
  const span = (cleanStart: number, cleanEnd: number): Span => ({
    start: prepared.toOriginal(cleanStart),
    end: prepared.toOriginal(cleanEnd),
  });
  const lineEnd = (line: CleanLine): number => line.cleanStart + line.text.length;

  const empty = cleaned.trim() === '';
  const commit = empty ? null : runParser(cleaned);
  if (!commit) {
    const at = span(0, 0);
    return {
      prepared,
      parsed: { ...EMPTY_PARSE, cleaned, layout: { header: at } },
      empty: true,
      headerLine: -1,
      bodyLines: null,
      footerLines: null,
      parserLines: [],
      footerStartIndex: 0,
    };
  }

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
  const range = (from: number, to: number): LineRange | null => {
    let a = from;
    while (a < to && (lines[parserLines[a] as number] as CleanLine).text === '') a++;
    let b = to - 1;
    while (b >= a && isBlankEdge((lines[parserLines[b] as number] as CleanLine).text)) b--;
    return a <= b ? { first: parserLines[a] as number, last: parserLines[b] as number } : null;
  };
  const bodyLines = range(1, footerStartIndex);
  const footerLines = range(footerStartIndex, parserLines.length);

  const header = str(commit.header) ?? '';
  const headerInfo = headerLine >= 0 ? (lines[headerLine] as CleanLine) : undefined;
  const headerStart = headerInfo ? headerInfo.cleanStart : 0;
  const layout: {
    header: Span;
    type?: Span;
    scope?: Span;
    bang?: Span;
    subject?: Span;
    body?: Span;
    footer?: Span;
  } = { header: span(headerStart, headerStart + header.length) };
  const breakingMatch = BREAKING_HEADER_PATTERN_D.exec(header);
  const match = breakingMatch ?? HEADER_PATTERN_D.exec(header);
  const indices = match?.indices;
  if (indices) {
    const part = (i: number): Span | undefined => {
      const at = indices[i];
      return at ? span(headerStart + at[0], headerStart + at[1]) : undefined;
    };
    const type = part(1);
    const scope = part(2);
    const subject = part(3);
    if (type) layout.type = type;
    if (scope) layout.scope = scope;
    if (subject) layout.subject = subject;
    const subjectAt = indices[3];
    if (breakingMatch && subjectAt) layout.bang = span(headerStart + subjectAt[0] - 3, headerStart + subjectAt[0] - 2);
  }
  if (bodyLines) {
    layout.body = span((lines[bodyLines.first] as CleanLine).cleanStart, lineEnd(lines[bodyLines.last] as CleanLine));
  }
  if (footerLines) {
    layout.footer = span(
      (lines[footerLines.first] as CleanLine).cleanStart,
      lineEnd(lines[footerLines.last] as CleanLine),
    );
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
    breaking: breakingMatch !== null || notes.length > 0,
    notes,
    references: commit.references.map((r) => ({ raw: r.raw, prefix: r.prefix, issue: r.issue, action: r.action })),
    revert: commit.revert,
    merge: commit.merge,
    layout: layout as MessageLayout,
  };
  return { prepared, parsed, empty: false, headerLine, bodyLines, footerLines, parserLines, footerStartIndex };
}
