/**
 * Git trailers without running git: what `git interpret-trailers --parse` prints for a message, given the
 * repository's `trailer.*` settings and comment character as data.
 *
 * Written from git's documentation (git-interpret-trailers(1), the `trailer.*` part of git-config(1)) and from
 * black-box experiments with the git binary; not derived from git's source. It is checked byte for byte against
 * the real `git interpret-trailers --parse` of git 2.39 by test/unit/core/commits/trailers.test.ts. The
 * experiments settled what the documentation leaves open; each rule below says what it stands for.
 *
 * The work is done on the message's lines, in four steps:
 * 1. where the message proper ends: the patch divider (`---`), the scissors line, then a tail of comments,
 *    empty lines and `Conflicts:` lists that git ignores;
 * 2. the trailer block: the last paragraph after the title, comment lines left out;
 * 3. whether that paragraph is trailers: all of its lines, or a quarter of them with a git-generated or
 *    configured one among them;
 * 4. what is printed for each trailer: `Token: value`, continuation lines folded in, configured keys in
 *    place of the tokens that abbreviate them.
 */

import type { ResolvedCommitLintConfig } from './types';

/** One `trailer.<name>.*` section of the git configuration. */
export interface ConfiguredTrailer {
  /** `<name>` as written in the configuration (git matches it case-insensitively). */
  readonly name: string;
  /** `trailer.<name>.key`, or null when the section has no key. */
  readonly key: string | null;
}

/** The parts of a repository's git configuration that change how trailers are parsed. */
export interface TrailerSettings {
  /** `trailer.separators`: the characters that end a token; `:` when unset. */
  readonly separators: string;
  /** Every configured `trailer.<name>` section, in configuration order. */
  readonly configured: readonly ConfiguredTrailer[];
  /** git's comment character (`core.commentChar`); undefined: the lint's comment character, else `#`. */
  readonly commentChar?: string;
}

/** git's defaults: `:` separates, nothing configured. */
export const DEFAULT_TRAILER_SETTINGS: TrailerSettings = { separators: ':', configured: [] };

/** Whether linting with `config` needs the repository's trailer settings (`trailer-exists` is on). */
export function usesTrailerSettings(config: ResolvedCommitLintConfig): boolean {
  const level = config.rules['trailer-exists']?.[0];
  return level === 1 || level === 2;
}

/** The `trailer.<name>.<variable>` variables git knows; any of them makes `<name>` a configured trailer. */
const TRAILER_VARIABLES: ReadonlySet<string> = new Set(['key', 'where', 'ifexists', 'ifmissing', 'command', 'cmd']);

/**
 * Trailer settings from git configuration entries in git's order (as `git config -z --get-regexp
 * '^(trailer\.|core\.commentchar$)'` lists them: section and variable lower-cased, the subsection as written).
 * `null` is a key without a value.
 */
export function trailerSettingsFromGitConfig(entries: readonly (readonly [key: string, value: string | null])[]): TrailerSettings {
  let separators = DEFAULT_TRAILER_SETTINGS.separators;
  let commentChar: string | undefined;
  // Keyed by the lower-cased name: git treats `trailer.Sign.key` and `trailer.sign.key` as one trailer (it
  // warns about the second key and uses it). The first spelling and the first position are kept.
  const byName = new Map<string, { name: string; key: string | null }>();
  for (const [key, value] of entries) {
    if (key === 'core.commentchar') {
      // `auto` asks git to pick a character when it writes a message; it reads `#` lines as comments.
      // Empty or valueless: git 2.39 refuses to run; `#` is the sane reading.
      commentChar = value === null || value === '' || value === 'auto' ? '#' : value;
      continue;
    }
    if (!key.startsWith('trailer.')) continue;
    const rest = key.slice('trailer.'.length);
    const lastDot = rest.lastIndexOf('.');
    if (lastDot === -1) {
      // A valueless `trailer.separators` crashes git 2.39; ignoring it keeps the previous value.
      if (rest === 'separators' && value !== null) separators = value;
      continue;
    }
    const name = rest.slice(0, lastDot);
    const variable = rest.slice(lastDot + 1);
    if (!TRAILER_VARIABLES.has(variable)) continue;
    const folded = asciiLower(name);
    let entry = byName.get(folded);
    if (entry === undefined) {
      entry = { name, key: null };
      byName.set(folded, entry);
    }
    if (variable === 'key') entry.key = value;
  }
  const configured = [...byName.values()].map(({ name, key }) => ({ name, key }));
  return commentChar === undefined ? { separators, configured } : { separators, configured, commentChar };
}

/**
 * The lines `git interpret-trailers --parse` prints for `message` (each `Token: value`, without the newline).
 * `fallbackCommentChar` is git's comment character when `settings` name none.
 */
export function parseTrailers(message: string, settings: TrailerSettings = DEFAULT_TRAILER_SETTINGS, fallbackCommentChar = '#'): string[] {
  const commentChar = settings.commentChar === undefined || settings.commentChar === '' ? fallbackCommentChar : settings.commentChar;
  const lines = linesOf(message);
  const bodyEnd = endOfMessageProper(lines, commentChar);
  const block = trailerBlock(lines, bodyEnd, commentChar);
  if (block === null) return [];
  const paragraph = readParagraph(block, settings);
  if (!paragraph.isTrailerBlock) return [];
  const printed: string[] = [];
  for (const trailer of paragraph.trailers) {
    const line = printTrailer(trailer, settings);
    if (line !== null) printed.push(line);
  }
  return printed;
}

// ---------------------------------------------------------------------------------------------------------
// Lines and git's notion of whitespace

/** One line of the message, without its `\n`. */
interface MessageLine {
  readonly text: string;
  /** False only for a last line with no `\n` after it. */
  readonly terminated: boolean;
}

/**
 * The message's lines. git reads the message as a C string: nothing after a NUL character counts.
 * Lines end at `\n` only; a `\r` before it stays in the line and is whitespace like a space.
 */
function linesOf(message: string): MessageLine[] {
  const nul = message.indexOf('\0');
  const text = nul === -1 ? message : message.slice(0, nul);
  if (text === '') return [];
  const parts = text.split('\n');
  const lastIsPartial = parts[parts.length - 1] !== '';
  if (!lastIsPartial) parts.pop();
  return parts.map((part, i) => ({ text: part, terminated: !lastIsPartial || i < parts.length - 1 }));
}

/**
 * Whitespace as git's trailer code sees it: space, tab, and carriage return (so CRLF lines work). Vertical tab
 * and form feed are ordinary characters there: a `\f` line is not blank, and a value keeps them.
 */
function isGitSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isGitSpace(text[i])) return false;
  return true;
}

function trimGitSpace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isGitSpace(text[start])) start++;
  while (end > start && isGitSpace(text[end - 1])) end--;
  return text.slice(start, end);
}

/** A line that continues the trailer above it ("folding"): it starts with whitespace. */
function isContinuation(text: string): boolean {
  return text !== '' && isGitSpace(text[0]);
}

function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
}

// ---------------------------------------------------------------------------------------------------------
// Step 1: the end of the message proper

const SCISSORS = '------------------------ >8 ------------------------';
const CONFLICTS_HEADING = 'Conflicts:';

/**
 * A patch divider: `---` then whitespace (the line's own `\n` counts, so a final `---` without one does not),
 * as format-patch writes before the diffstat. Found anywhere, even in the title.
 */
function isPatchDivider(line: MessageLine): boolean {
  if (!line.text.startsWith('---')) return false;
  return line.text.length === 3 ? line.terminated : isGitSpace(line.text[3]);
}


/**
 * Index of the first line after the message proper: before the first patch divider or scissors line, whichever
 * comes first, and before a trailing run of lines git skips — comment lines, empty lines, and old-style merge
 * conflict lists (`Conflicts:` and the tab-indented paths under it).
 *
 * git 2.39 never returns when a scissors line comes after a divider; everything after a divider is already
 * outside the message, so the first of the two is where it ends.
 */
function endOfMessageProper(lines: readonly MessageLine[], commentChar: string): number {
  // `git commit --verbose`'s scissors line: the comment character, one space, the marker, nothing else.
  const scissors = `${commentChar} ${SCISSORS}`;
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (isPatchDivider(line) || line.text === scissors) {
      end = i;
      break;
    }
  }
  // Found by a forward scan: a skipped run ends the message only if nothing else follows it. Only an empty line
  // counts as empty here (a line of spaces is not), and only a tab indents a path of a `Conflicts:` list; both
  // were settled against git.
  let tailStart: number | null = null;
  let inConflictList = false;
  for (let i = 0; i < end; i++) {
    const line = lines[i]!;
    if (line.text === '' || line.text.startsWith(commentChar)) {
      tailStart ??= i;
    } else if (line.text === CONFLICTS_HEADING && line.terminated) {
      tailStart ??= i;
      inConflictList = true;
    } else if (!(inConflictList && line.text.startsWith('\t'))) {
      tailStart = null;
      inConflictList = false;
    }
  }
  return tailStart ?? end;
}

// ---------------------------------------------------------------------------------------------------------
// Step 2: the candidate trailer block

/**
 * The lines of the last paragraph of the message proper (`lines[0..bodyEnd)`), comment lines kept in place
 * (they separate a trailer from a continuation below them, but never paragraphs), or null when there is none
 * after the title. The title runs to the first blank line (a comment line is not blank); the block must start
 * after it, so a message without a blank line has no trailers.
 */
function trailerBlock(lines: readonly MessageLine[], bodyEnd: number, commentChar: string): readonly (string | typeof COMMENT)[] | null {
  const isComment = (text: string) => text.startsWith(commentChar);
  let titleBreak = -1;
  for (let i = 0; i < bodyEnd; i++) {
    if (isBlank(lines[i]!.text)) {
      titleBreak = i;
      break;
    }
  }
  if (titleBreak === -1) return null;
  let last = bodyEnd - 1;
  while (last > titleBreak && (isComment(lines[last]!.text) || isBlank(lines[last]!.text))) last--;
  if (last <= titleBreak) return null;
  let first = last;
  while (first - 1 > titleBreak) {
    const above = lines[first - 1]!.text;
    if (!isComment(above) && isBlank(above)) break;
    first--;
  }
  const block: (string | typeof COMMENT)[] = [];
  for (let i = first; i <= last; i++) {
    const text = lines[i]!.text;
    block.push(isComment(text) ? COMMENT : text);
  }
  return block;
}

/** A comment line inside the block: not counted, not printed, but it ends the trailer above it. */
const COMMENT = Symbol('comment line');

// ---------------------------------------------------------------------------------------------------------
// Step 3: is the paragraph a trailer block?

/** A line git writes itself (`git commit -s`, `git cherry-pick -x`): enough, with a quarter of trailers. */
const GIT_GENERATED_PREFIXES = ['Signed-off-by: ', '(cherry picked from commit '];

/** A trailer line of the block, split at its separator, with its continuation lines. */
interface FoundTrailer {
  readonly token: string;
  readonly value: string;
  readonly continuations: string[];
}

interface Paragraph {
  readonly isTrailerBlock: boolean;
  /** The lines with a token and separator, in order (what is printed). */
  readonly trailers: readonly FoundTrailer[];
}

/**
 * Counts trailer and other lines of the block. A trailer is a `token<separator>value` line or a git-generated
 * one (a `(cherry picked from commit …)` line counts though it has no separator). A continuation line belongs to
 * the trailer right above it and is not counted; anywhere else (first in the block, below another line, below a
 * comment) it counts as an other line. The block is trailers when all its lines are, or when at least a quarter
 * are and one of them is git-generated or a configured trailer.
 */
function readParagraph(block: readonly (string | typeof COMMENT)[], settings: TrailerSettings): Paragraph {
  const trailers: FoundTrailer[] = [];
  let trailerLines = 0;
  let otherLines = 0;
  let recognised = false;
  // What a continuation line on the current line would continue: a printed trailer, a counted trailer with
  // nothing to print (a git-generated line without separator), or nothing.
  let above: FoundTrailer | 'unprinted-trailer' | null = null;
  for (const text of block) {
    if (text === COMMENT) {
      above = null;
      continue;
    }
    if (isContinuation(text)) {
      if (above === null) otherLines++;
      else if (above !== 'unprinted-trailer') above.continuations.push(text);
      continue;
    }
    const generated = GIT_GENERATED_PREFIXES.some((prefix) => text.startsWith(prefix));
    const split = splitAtSeparator(text, settings.separators);
    if (split === null && !generated) {
      otherLines++;
      above = null;
      continue;
    }
    trailerLines++;
    if (generated || (split !== null && configuredTrailerFor(split.token, settings) !== undefined)) recognised = true;
    if (split === null) {
      above = 'unprinted-trailer';
    } else {
      const found: FoundTrailer = { ...split, continuations: [] };
      trailers.push(found);
      above = found;
    }
  }
  const isTrailerBlock = (trailerLines > 0 && otherLines === 0) || (recognised && trailerLines * 3 >= otherLines);
  return { isTrailerBlock, trailers };
}

function isTokenCharacter(ch: string): boolean {
  return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch === '-';
}

/**
 * `token<separator>value`: the first character that is a separator ends the token, which must be non-empty and
 * made of ASCII letters, digits and `-`; spaces and tabs may come between token and separator, nothing else.
 * Separator characters are looked for first, so a configured `-` or space splits where git splits.
 */
function splitAtSeparator(text: string, separators: string): { token: string; value: string } | null {
  let tokenEnd = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (separators.includes(ch)) {
      if (i === 0) return null;
      return { token: text.slice(0, tokenEnd === -1 ? i : tokenEnd), value: text.slice(i + 1) };
    }
    if (ch === ' ' || ch === '\t') {
      if (tokenEnd === -1) tokenEnd = i;
    } else if (tokenEnd !== -1 || !isTokenCharacter(ch)) {
      return null;
    }
  }
  return null;
}

/** The first configured trailer (configuration order) whose name or key starts with `token`, ignoring ASCII case. */
function configuredTrailerFor(token: string, settings: TrailerSettings): ConfiguredTrailer | undefined {
  const abbreviates = (full: string) => full.length >= token.length && asciiLower(full.slice(0, token.length)) === asciiLower(token);
  return settings.configured.find((trailer) => abbreviates(trailer.name) || (trailer.key !== null && abbreviates(trailer.key)));
}

// ---------------------------------------------------------------------------------------------------------
// Step 4: printing

/**
 * How `--parse` prints one trailer, or null when it prints nothing for it (a configured key that is empty or
 * only spaces). The value, with each line break and the indentation after it turned into one space, is trimmed.
 * A token that abbreviates a configured trailer with a key is printed as that key; a key that ends in a
 * separator (spaces after it allowed) is followed directly by the value (`Bug #` + `42`), any other token by the
 * first configured separator and a space.
 */
function printTrailer(trailer: FoundTrailer, settings: TrailerSettings): string | null {
  let raw = trailer.value;
  for (const continuation of trailer.continuations) raw += ` ${withoutLeadingSpace(continuation)}`;
  const value = trimGitSpace(raw);
  // Unlike recognising, looking up the key ignores `-` at the end of the token (`f-:` prints as `Foo:`; `-:` as
  // the first configured trailer's key), and only the first configured trailer that matches counts.
  const key = settings.configured.length === 0 ? null : configuredTrailerFor(withoutTrailingDashes(trailer.token), settings)?.key ?? null;
  const token = key ?? trailer.token;
  const trimmedToken = trimGitSpace(token);
  if (trimmedToken === '') return null;
  if (key !== null && settings.separators.includes(trimmedToken[trimmedToken.length - 1]!)) return `${token}${value}`;
  return `${token}${settings.separators[0] ?? ''} ${value}`;
}

function withoutLeadingSpace(text: string): string {
  let start = 0;
  while (start < text.length && isGitSpace(text[start])) start++;
  return text.slice(start);
}

function withoutTrailingDashes(token: string): string {
  let end = token.length;
  while (end > 0 && token[end - 1] === '-') end--;
  return token.slice(0, end);
}
