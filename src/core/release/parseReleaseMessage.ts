// The release engine's parse-only entry point: a stored commit message read exactly as the commit linter's
// `buildModel` reads it (same conventional-commits-parser options, same header-only shortcut), without what only
// the linter needs: the cleaned text's line table, the offsets of every part (layout) and the parser-line
// bookkeeping. Over a whole history that is most of the work besides the parser itself.
// test/unit/core/release/parseReleaseMessage.test.ts checks it field by field against `buildModel` on every
// message of the corpora and on edge cases; keep the two in step when the linter's parse changes.
import { CommitParser } from 'conventional-commits-parser';
import { BREAKING_HEADER_PATTERN, HEADER_PATTERN, NOTE_KEYWORDS, REVERT_PATTERN, runParser, uniqueReferences, type ParserReference } from '../commits/parse';
import type { ParsedCommitMessage } from '../commits/types';

/** What the release engine reads of a parsed message: the linter's parse without `cleaned`, `layout` and `merge`. */
export type ReleaseParse = Pick<ParsedCommitMessage, 'header' | 'type' | 'scope' | 'subject' | 'body' | 'footer' | 'breaking' | 'notes' | 'references' | 'revert'>;

/**
 * The linter's parser options (src/core/commits/parse.ts), constructed once: the header-only path calls its
 * reference scanner. Full parses go through the linter's own instance (`runParser`), which skips the reference
 * scan on lines without `#` and never collects mentions (exact: test/unit/core/commits/parserShortcuts.test.ts).
 */
const PARSER = new CommitParser({
  headerPattern: HEADER_PATTERN,
  breakingHeaderPattern: BREAKING_HEADER_PATTERN,
  headerCorrespondence: ['type', 'scope', 'subject'],
  noteKeywords: [...NOTE_KEYWORDS],
  revertPattern: REVERT_PATTERN,
  revertCorrespondence: ['header', 'hash'],
  issuePrefixes: ['#'],
  fieldPattern: undefined,
});

/** The parser's own reference scanner, as the linter's header-only shortcut uses it (undefined: always parse). */
const parserReferences: ((input: string) => ParserReference[]) | undefined = (() => {
  const method = (PARSER as unknown as { parseReferences?: unknown }).parseReferences;
  if (typeof method !== 'function') return undefined;
  return (input: string): ParserReference[] => (method as (input: string) => ParserReference[]).call(PARSER, input);
})();

const GPG_LINE = /^\s*gpg:/;

/** Whether REVERT_PATTERN can match: it is anchored at the start and begins with `revert`, in any case. */
function startsLikeRevert(cleaned: string): boolean {
  return (cleaned.charCodeAt(0) | 32) === 114 /* r */ && REVERT_PATTERN.test(cleaned);
}

/** `text.trim() === ''` without making the trimmed copy: a first character above the space is never white space in ASCII. */
function blank(text: string): boolean {
  const first = text.charCodeAt(0);
  if (first > 32 && first < 127) return false;
  return text.trim() === '';
}

const EMPTY: ReleaseParse = { header: '', type: null, scope: null, subject: null, body: null, footer: null, breaking: false, notes: [], references: [], revert: null };

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** Breaking pattern first (only when the header has a literal `!: `), as the linter's `matchHeader`. */
function matchHeader(header: string): { readonly match: RegExpExecArray | null; readonly breaking: boolean } {
  const breaking = header.indexOf('!: ') === -1 ? null : BREAKING_HEADER_PATTERN.exec(header);
  if (breaking) return { match: breaking, breaking: true };
  return { match: HEADER_PATTERN.exec(header), breaking: false };
}

/** The first line, when everything after it is line ends only (git's `%B` ends each message with one); else null. */
function soleLine(cleaned: string): string | null {
  const end = cleaned.indexOf('\n');
  if (end === -1) return cleaned;
  for (let i = end + 1; i < cleaned.length; i++) if (cleaned.charCodeAt(i) !== 10) return null;
  return cleaned.slice(0, end);
}

/**
 * Where the parser's `references` expression can find an action (its default `referenceActions`, a whole word
 * followed by white space): without one, every reference of the text has action null.
 */
const REFERENCE_ACTION = /(?<!\w)(?:close|closes|closed|fix|fixes|fixed|resolve|resolves|resolved)\s/i;

/**
 * REFERENCE_ACTION for body and footer lines: on a footer-token line the parser allows a colon after the keyword
 * (`Closes: #12`). Run over the whole text after the header: a line's keyword followed by its line end still
 * matches here (`\s` takes the line feed), where the parser finds no action, so the test only ever sends more
 * messages to the parser, never fewer.
 */
const REFERENCE_ACTION_IN_BODY = /(?<!\w)(?:close|closes|closed|fix|fixes|fixed|resolve|resolves|resolved):?\s/i;

/**
 * What a caller reads: `all` (every field exactly as the linter's parse), or `plan` (what the release plan reads):
 * then only references with an action (`closes #12`) are kept, a header without an action keyword skips the
 * reference scan, and a message whose body holds neither `#` nor a note keyword (`BREAKING…`) is not run through
 * the parser: its body is the text after the header and its footer null (the plan reads only whether a body or
 * footer is there, and its breaking-change markers). Header, type, scope, subject, notes and revert are the same.
 */
export type ReleaseParseMode = 'all' | 'plan';

/**
 * A message with a body that holds nothing the plan reads, split into its header and the text after it; null
 * when the parser is needed. After the header no `#` with an action keyword (no reference with an action: the
 * parser scans each line alone, and a line without a keyword gives references without one, which the plan does
 * not read; the header's own are scanned as on the header-only path, and the parser's clean-up removes only
 * repeats of the same action and reference, so the header's keep their order) and no `breaking` in any case (no
 * note: the parser looks for notes below the header only);
 * in the whole message no CR, no `gpg:` (no line the parser drops) and no revert. The parser's header is then the
 * first line (none of its lines is dropped or moved), its notes only the one a `!` header gives, its references
 * the header's, and its body or footer not empty (the text after the first line holds more than line ends:
 * `soleLine` said so).
 */
function plainBody(cleaned: string): { readonly header: string; readonly body: string } | null {
  const end = cleaned.indexOf('\n');
  if (end <= 0 || cleaned.indexOf('\r') !== -1 || cleaned.indexOf('gpg:') !== -1) return null;
  const body = cleaned.slice(end + 1);
  if ((body.indexOf('#') !== -1 && REFERENCE_ACTION_IN_BODY.test(body)) || BREAKING_WORD.test(body) || startsLikeRevert(cleaned)) return null;
  return { header: cleaned.slice(0, end), body };
}

const BREAKING_WORD = /breaking/i;

/** The parse of a message that is its header alone, or (plan mode) its header and a `body` the parser need not read. */
function headerOnly(header: string, mode: ReleaseParseMode, body: string | null = null): ReleaseParse {
  const { match, breaking } = matchHeader(header);
  const references =
    header.indexOf('#') !== -1 && (mode === 'all' || REFERENCE_ACTION.test(header))
      ? uniqueReferences((parserReferences as (input: string) => ParserReference[])(header))
      : [];
  const subject = match ? (match[3] as string) : null;
  return {
    header,
    type: match ? (match[1] as string) || null : null,
    scope: match ? match[2] || null : null,
    subject: subject || null,
    body,
    footer: null,
    breaking,
    notes: breaking ? [{ title: 'BREAKING CHANGE', text: subject as string }] : [],
    references,
    revert: null,
  };
}

/** Parses a stored commit message (nothing is a comment) as the release engine needs it. Never throws. */
export function parseReleaseMessage(message: string, mode: ReleaseParseMode = 'all'): ReleaseParse {
  // The linter's cleaned text of a stored message: CRLF line ends normalised, nothing removed.
  const cleaned = message.indexOf('\r\n') === -1 ? message : message.replace(/\r\n/g, '\n');
  if (blank(cleaned)) return EMPTY;
  const sole = parserReferences === undefined ? null : soleLine(cleaned);
  if (sole !== null && sole.indexOf('\r') === -1 && (sole.indexOf('gpg:') === -1 || !GPG_LINE.test(sole)) && !startsLikeRevert(cleaned)) return headerOnly(sole, mode);
  if (mode === 'plan' && sole === null && parserReferences !== undefined) {
    const plain = plainBody(cleaned);
    if (plain !== null) return headerOnly(plain.header, mode, plain.body);
  }
  const commit = runParser(cleaned);
  if (commit === null) return EMPTY;
  const header = str(commit.header) ?? '';
  const notes = commit.notes.map((n) => ({ title: n.title, text: n.text }));
  return {
    header,
    type: str(commit['type']),
    scope: str(commit['scope']),
    subject: str(commit['subject']),
    body: commit.body,
    footer: commit.footer,
    breaking: matchHeader(header).breaking || notes.length > 0,
    notes,
    references: commit.references.map((r) => ({ raw: r.raw, prefix: r.prefix, issue: r.issue, action: r.action })),
    revert: commit.revert,
  };
}
