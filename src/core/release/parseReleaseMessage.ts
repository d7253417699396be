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
const parserReferences: ((input: string, isFooterToken?: boolean) => ParserReference[]) | undefined = (() => {
  const method = (PARSER as unknown as { parseReferences?: unknown }).parseReferences;
  if (typeof method !== 'function') return undefined;
  return (input: string, isFooterToken = false): ParserReference[] =>
    (method as (input: string, isFooterToken: boolean) => ParserReference[]).call(PARSER, input, isFooterToken);
})();

/**
 * parserReferences narrowed to the references with an action, for the plan (`plan` mode leaves the others out): the
 * parser's own action sentences (its `references`, or on a footer-token line `footerReferences`, expression), each
 * read by its own `parseReference` as its `parseReferences` reads them, without the text before, between and after
 * them, whose references it gives no action. The sentences are read alone either way (each read ends with the
 * reference expression's `lastIndex` back at 0), so those with an action give the same references in the same
 * order. Half the instructions of the whole scan on vite's headers that have a `#` and an action keyword. Undefined
 * when the parser does not expose these (then the whole scan, filtered by its readers as before).
 */
const parserActionReferences: ((input: string, isFooterToken?: boolean) => ParserReference[]) | undefined = (() => {
  const parser = PARSER as unknown as { regexes?: { references?: unknown; footerReferences?: unknown }; parseReference?: unknown };
  const { references, footerReferences } = parser.regexes ?? {};
  const parseReference = parser.parseReference;
  if (typeof parseReference !== 'function' || !(references instanceof RegExp) || !(footerReferences instanceof RegExp) || !references.global || !footerReferences.global) return undefined;
  const read = parseReference as (sentence: string, action: string | null) => ParserReference | null;
  return (input: string, isFooterToken = false): ParserReference[] => {
    const expression = isFooterToken ? footerReferences : references;
    const found: ParserReference[] = [];
    for (let sentence = expression.exec(input); sentence !== null; sentence = expression.exec(input)) {
      const action = sentence[1] || null;
      const text = sentence[2] || '';
      for (let reference = read.call(PARSER, text, action); reference; reference = read.call(PARSER, text, action)) found.push(reference);
    }
    return found;
  };
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
 * then only the references with an action (`closes #12`) are sure to be there (others may be left out), a header
 * without an action keyword skips the reference scan, and a message whose body holds no note keyword
 * (`BREAKING…`) is not run through the parser: its body is the text after the header and its footer null (the plan
 * reads only whether a body or footer is there, and its breaking-change markers), and its body lines that can hold
 * a reference with an action go through the parser's own reference scanner, one by one, as the parser does.
 * Header, type, scope, subject, notes and revert are the same.
 */
export type ReleaseParseMode = 'all' | 'plan';

/**
 * The parser's footer-token expression (its `regexes.footerToken`, which decides which reference expression a line
 * gets: `Closes: #1` has an action on a footer-token line only); undefined when it has none that can be reused
 * (then the parser reads every body with a reference).
 */
const parserFooterToken: RegExp | undefined = (() => {
  const footerToken = (PARSER as unknown as { regexes?: { footerToken?: unknown } }).regexes?.footerToken;
  // A global or sticky expression would carry lastIndex from one test to the next.
  return footerToken instanceof RegExp && !footerToken.global && !footerToken.sticky ? footerToken : undefined;
})();

/** A message the plan reads without the parser: its header, the text after it, and that text's references. */
interface PlainMessage {
  readonly header: string;
  readonly body: string;
  /** References the parser finds after the header, with an action at least (null: none has one). */
  readonly bodyReferences: ParserReference[] | null;
}

/**
 * A message with a body, split into its header and the text after it, for the plan; null when the parser is
 * needed. In the whole message no CR, no `gpg:` (no line the parser drops, so its lines are the text's lines from
 * the header on) and no revert; after the header no `breaking` in any case (no note: the parser looks for notes
 * below the header only, and its note expression needs the word). The parser's header is then the first line
 * (none of its lines is dropped or moved), its notes only the one a `!` header gives, and its body or footer not
 * empty (the text after the first line holds more than line ends: `soleLine` said so). Its references are the
 * header's, then each later line's, in order, each line scanned alone by its `parseReferences` with the footer-token
 * flag of that line (its `parseBodyAndFooter`, the only path a line takes without notes or fields). A line without
 * `#` holds no reference, and one without an action keyword followed by white space (or by a colon, on a
 * footer-token line) none with an action: those lines are not scanned. Leaving out references without an action
 * changes nothing of the others: the parser's clean-up drops repeats of the same action and text only.
 */
function plainBody(cleaned: string): PlainMessage | null {
  const end = cleaned.indexOf('\n');
  if (end <= 0 || cleaned.indexOf('\r') !== -1 || cleaned.indexOf('gpg:') !== -1) return null;
  const body = cleaned.slice(end + 1);
  if (BREAKING_WORD.test(body) || startsLikeRevert(cleaned)) return null;
  let bodyReferences: ParserReference[] | null = null;
  let at = body.indexOf('#');
  if (at !== -1 && REFERENCE_ACTION_IN_BODY.test(body)) {
    if (parserFooterToken === undefined) return null;
    const scan = (parserActionReferences ?? parserReferences) as (input: string, isFooterToken?: boolean) => ParserReference[];
    // Line by line, from each line holding a `#`.
    while (at !== -1) {
      const start = body.lastIndexOf('\n', at) + 1;
      let stop = body.indexOf('\n', at);
      if (stop === -1) stop = body.length;
      const line = body.slice(start, stop);
      if (REFERENCE_ACTION_IN_BODY.test(line)) {
        for (const reference of scan(line, parserFooterToken.test(line))) (bodyReferences ??= []).push(reference);
      }
      at = body.indexOf('#', stop);
    }
  }
  return { header: cleaned.slice(0, end), body, bodyReferences };
}

const BREAKING_WORD = /breaking/i;

/**
 * The parse of a message that is its header alone, or (plan mode) its header and a `body` the parser need not
 * read, with the references found after the header (`bodyReferences`, in order).
 */
function headerOnly(header: string, mode: ReleaseParseMode, body: string | null = null, bodyReferences: ParserReference[] | null = null): ReleaseParse {
  const { match, breaking } = matchHeader(header);
  const scanHeader = header.indexOf('#') !== -1 && (mode === 'all' || REFERENCE_ACTION.test(header));
  const scan = (mode === 'plan' ? parserActionReferences ?? parserReferences : parserReferences) as (input: string) => ParserReference[];
  const references =
    bodyReferences === null
      ? scanHeader ? uniqueReferences(scan(header)) : []
      : uniqueReferences(scanHeader ? [...scan(header), ...bodyReferences] : bodyReferences);
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

/** The header of a message read as its header alone (no parser), or null; `cleaned`: CRLF normalised, not blank. */
function headerAlone(cleaned: string, sole: string | null): string | null {
  return sole !== null && sole.indexOf('\r') === -1 && (sole.indexOf('gpg:') === -1 || !GPG_LINE.test(sole)) && !startsLikeRevert(cleaned) ? sole : null;
}

/** Parses a stored commit message (nothing is a comment) as the release engine needs it. Never throws. */
export function parseReleaseMessage(message: string, mode: ReleaseParseMode = 'all'): ReleaseParse {
  return read(message, mode, false) as ReleaseParse;
}

/**
 * parseReleaseMessage(message, 'plan'), except for a message that is its header alone (one line, maybe followed by
 * line ends: most commits) whose header holds no reference with an action: then the header itself. Of such a
 * message every mode reads the header's type, scope, subject and `!` (the header patterns, breaking pattern first),
 * the note a `!` header gives, no body, footer or revert, and (plan mode) no references: the plan reads it without
 * the parse object (plan.ts analyseHeader).
 */
export function readForPlan(message: string): ReleaseParse | string {
  return read(message, 'plan', true);
}

function read(message: string, mode: ReleaseParseMode, bareHeader: boolean): ReleaseParse | string {
  // The linter's cleaned text of a stored message: CRLF line ends normalised, nothing removed.
  const cleaned = message.indexOf('\r\n') === -1 ? message : message.replace(/\r\n/g, '\n');
  if (blank(cleaned)) return EMPTY;
  const sole = parserReferences === undefined ? null : soleLine(cleaned);
  const alone = headerAlone(cleaned, sole);
  if (alone !== null) {
    // headerOnly in plan mode scans the header only for a `#` with an action keyword.
    return bareHeader && (alone.indexOf('#') === -1 || !REFERENCE_ACTION.test(alone)) ? alone : headerOnly(alone, mode);
  }
  if (mode === 'plan' && sole === null && parserReferences !== undefined) {
    const plain = plainBody(cleaned);
    if (plain !== null) return headerOnly(plain.header, mode, plain.body, plain.bodyReferences);
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
