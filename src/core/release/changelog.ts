// Markdown changelog for a release plan, laid out like conventional-changelog's conventionalcommits preset, and
// idempotent insertion of that section into an existing CHANGELOG.md text.
import { DEFAULT_CHANGELOG_SECTIONS } from './options';
import { commitUrl, compareUrl, issueUrl } from './remote';
import type { Changelog, ChangelogEntry, ChangelogOptions, ChangelogSection, ReleaseChange, ReleasePlan, RepositoryHost } from './types';

export const BREAKING_CHANGES_TITLE = '⚠ BREAKING CHANGES';
const SHORT_HASH = 7;

/**
 * Commit text is untrusted: `<` is backslash-escaped so no HTML tag, comment or autolink survives (CommonMark
 * renders `\<` as a literal `<`). The backslashes right before a `<` are doubled, so they show as written and
 * cannot pair with the escape: `\\<` becomes `\\\\\<`, never `\\\\<` (two backslashes and a raw `<`).
 * Everything else (emphasis, code spans) stays Markdown, as in conventional-changelog.
 */
export function escapeMarkdownText(text: string): string {
  // A loop rather than /(\\*)</g: that expression retries at every backslash of a long run (quadratic).
  let out = '';
  let copied = 0;
  for (let at = text.indexOf('<'); at !== -1; at = text.indexOf('<', at + 1)) {
    let backslashes = 0;
    while (at - backslashes > copied && text.charCodeAt(at - backslashes - 1) === 92) backslashes++;
    out += `${text.slice(copied, at)}${'\\'.repeat(backslashes)}\\<`;
    copied = at + 1;
  }
  return out + text.slice(copied);
}

/** The reference expression of linkIssues: the scanner below is checked against it (changelogLinks.test.ts). */
export const ISSUE_REFERENCE = /(^|[\s(,;[])#(\d+)\b/g;

/** `#123` issue references in already-escaped text (ISSUE_REFERENCE), linked when there is a host; the issues go into `found`. */
export function linkIssues(text: string, host: RepositoryHost | null, found: Set<string>): string {
  // A scan rather than text.replace(ISSUE_REFERENCE, callback), about every other subject's cost: each `#` stands
  // alone (a match ends in a digit, never in a character that may precede a `#`), so a `#` is a reference when
  // it starts the text or follows white space or one of `(,;[`, and is followed by digits that end the word.
  let out = '';
  let copied = 0;
  for (let at = text.indexOf('#'); at !== -1; at = text.indexOf('#', at + 1)) {
    if (at > 0 && !mayPrecedeIssue(text.charCodeAt(at - 1))) continue;
    let end = at + 1;
    while (end < text.length && isDigit(text.charCodeAt(end))) end++;
    if (end === at + 1 || (end < text.length && isWordCharacter(text.charCodeAt(end)))) continue;
    const issue = text.slice(at + 1, end);
    found.add(issue);
    if (host) {
      out += `${text.slice(copied, at)}[#${issue}](${issueUrl(host, issue)})`;
      copied = end;
    }
    at = end - 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** `\w` without flags: ASCII letters, digits and `_`. */
function isWordCharacter(code: number): boolean {
  return isDigit(code) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

/** `[\s(,;[]`: JavaScript's white space and line terminators, `(`, `,`, `;`, `[`. */
function mayPrecedeIssue(code: number): boolean {
  if (code === 40 || code === 44 || code === 59 || code === 91 || code === 32 || (code >= 9 && code <= 13)) return true;
  if (code < 160) return false;
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

function hashLink(hash: string, host: RepositoryHost | null): string {
  const short = hash.slice(0, SHORT_HASH);
  return host ? `([${short}](${commitUrl(host, hash)}))` : `(${short})`;
}

function scopePrefix(scope: string | null): string {
  return scope !== null && scope !== '' && scope !== '*' ? `**${escapeMarkdownText(scope)}:** ` : '';
}

function entryOf(change: ReleaseChange, host: RepositoryHost | null): ChangelogEntry {
  const escaped = escapeMarkdownText(change.subject);
  // Most subjects have no `#` to link and most changes close nothing: no set of found issues for those.
  const found = escaped.indexOf('#') === -1 ? null : new Set<string>();
  const subject = found === null ? escaped : linkIssues(escaped, host, found);
  const rest = change.references.length === 0 || found === null ? change.references : change.references.filter((issue) => !found.has(issue));
  const refs = rest.length === 0 ? [] : [...new Set(rest)].map((issue) => (host ? `[#${issue}](${issueUrl(host, issue)})` : `#${issue}`));
  // With a hash the line ends in its link's `)`: nothing to trim (trimEnd would copy every line). Joined rather
  // than a template: a template makes a rope of a dozen pieces, which the section's join and then the JSON output
  // walked again (each flattening it); a join makes the flat string once.
  const line = change.hash ? ['* ', scopePrefix(change.scope), subject, ' ', hashLink(change.hash, host)].join('') : `* ${scopePrefix(change.scope)}${subject} `.trimEnd();
  const markdown = refs.length > 0 ? `${line}, closes ${refs.join(' ')}` : line;
  return { hash: change.hash, scope: change.scope, subject: change.subject, references: change.references, markdown };
}

/** The order of a section's entries: by scope (none first), then subject. The reference of sortEntries. */
export function compareEntries(a: ChangelogEntry, b: ChangelogEntry): number {
  const scopeA = a.scope ?? '';
  const scopeB = b.scope ?? '';
  if (scopeA !== scopeB) return scopeA < scopeB ? -1 : 1;
  return a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0;
}

/**
 * `entries.sort(compareEntries)` (a stable sort) without a comparison function: each entry's key is its scope, a
 * NUL, its subject, a NUL and its index (fixed width), and the keys are sorted as strings, which compares them by
 * UTF-16 code units as `<` does. A NUL sorts before every other unit, so a scope or subject that is a prefix of
 * another sorts first, as with `<`, and equal scope and subject leave the order to the index (stable). Subjects of
 * commits hold no NUL (git's log ends each record with one); entries that do take the comparison function. A
 * full-history section holds thousands of entries: calling a function for each of ~50,000 comparisons cost ~13 ms.
 */
export function sortEntries(entries: ChangelogEntry[]): ChangelogEntry[] {
  if (entries.length < 2) return entries;
  const width = (entries.length - 1).toString(36).length;
  const keys: string[] = [];
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index] as ChangelogEntry;
    const scope = entry.scope ?? '';
    if (scope.indexOf('\0') !== -1 || entry.subject.indexOf('\0') !== -1) return entries.sort(compareEntries);
    keys.push(`${scope}\0${entry.subject}\0${index.toString(36).padStart(width, '0')}`);
  }
  keys.sort();
  return keys.map((key) => entries[parseInt(key.slice(key.length - width), 36)] as ChangelogEntry);
}

/** Indents continuation lines of a list item (as the preset's `list` does). */
function listItem(text: string): string {
  return text
    .trim()
    .split(/\r?\n/)
    .map((line, index) => (index > 0 && line ? `  ${line}` : line))
    .join('\n');
}

/** Renders the changelog section of `plan`. Version: `options.version`, else the plan's next, else "Unreleased". */
export function renderChangelog(plan: ReleasePlan, options: ChangelogOptions): Changelog {
  const { changelog, markdown } = renderChangelogPieces(plan, options);
  return { ...changelog, markdown: markdown.join('') };
}

/** renderChangelog's result without its markdown, and that markdown as pieces: see renderChangelogPieces. */
export interface ChangelogPieces {
  readonly changelog: Omit<Changelog, 'markdown'>;
  /** The pieces whose concatenation is renderChangelog's `markdown`: the heading, each title and entry line, and line ends. */
  readonly markdown: readonly string[];
}

/**
 * renderChangelog with its markdown left in pieces, for a writer that handles them apart (the CLI's JSON output):
 * joined, a full history's markdown (0.9 MB) was one string of two bytes per character from the `⚠` of its first
 * section on, and its JSON escaping and UTF-8 encoding took ~40 M instructions, most of that JSON's cost.
 */
export function renderChangelogPieces(plan: ReleasePlan, options: ChangelogOptions): ChangelogPieces {
  const version = options.version ?? plan.next ?? 'Unreleased';
  const nextTag = plan.nextTag ?? (plan.next !== null ? plan.next : 'HEAD');
  const host = options.host;
  const compare = host && plan.currentTag !== null ? compareUrl(host, plan.currentTag, nextTag) : null;
  const heading = `## ${compare ? `[${escapeMarkdownText(version)}](${compare})` : escapeMarkdownText(version)} (${options.date})`;

  const sections: ChangelogSection[] = [];
  const breaking: { scope: string | null; text: string }[] = [];
  // Indexed loops over the changes: for…of costs an iterator call and two result reads per change in V8's
  // interpreter, where these loops, run once, stay.
  const changes = plan.changes;
  for (let index = 0; index < changes.length; index++) {
    const change = changes[index] as ReleaseChange;
    if (!change.breaking) continue;
    const notes = change.breakingNotes.length > 0 ? change.breakingNotes : [change.subject];
    for (const text of notes) breaking.push({ scope: change.scope, text });
  }
  breaking.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  if (breaking.length > 0) {
    sections.push({
      title: BREAKING_CHANGES_TITLE,
      entries: breaking.map((note) => {
        const found = new Set<string>();
        const markdown = `* ${listItem(`${scopePrefix(note.scope)}${linkIssues(escapeMarkdownText(note.text), host, found)}`)}`;
        return { hash: '', scope: note.scope, subject: note.text, references: [...found], markdown };
      }),
    });
  }

  const config = options.sections ?? DEFAULT_CHANGELOG_SECTIONS;
  const titles: string[] = [];
  const byTitle = new Map<string, ChangelogEntry[]>();
  for (const entry of config) if (!entry.hidden && !titles.includes(entry.section)) titles.push(entry.section);
  // The first configured entry of each type (as config.find), looked up once per type instead of once per change,
  // with its section's list of entries (null: a hidden or unlisted type): one map lookup per change.
  const byType = new Map<string, ChangelogEntry[] | null>();
  for (let index = 0; index < changes.length; index++) {
    const change = changes[index] as ReleaseChange;
    let list = byType.get(change.type);
    if (list === undefined) {
      const type = change.type.toLowerCase();
      const entry = config.find((item) => item.type === type);
      list = null;
      if (entry && !entry.hidden) {
        list = byTitle.get(entry.section) ?? [];
        byTitle.set(entry.section, list);
      }
      byType.set(change.type, list);
    }
    if (list !== null) list.push(entryOf(change, host));
  }
  for (const title of titles) {
    const entries = byTitle.get(title);
    if (entries && entries.length > 0) sections.push({ title, entries: sortEntries(entries) });
  }

  // The heading, then each section's title and lines, a blank line between blocks and a line end after the last:
  // flat pieces (a joined template would be a rope, which the JSON output flattened again).
  const pieces = [heading];
  for (const section of sections) {
    pieces.push('\n\n', `### ${section.title}\n`);
    const entries = section.entries;
    for (let index = 0; index < entries.length; index++) pieces.push('\n', (entries[index] as ChangelogEntry).markdown);
    if (entries.length === 0) pieces.push('\n'); // the heading's blank line, as the join of no lines gave
  }
  pieces.push('\n');
  return { changelog: { version, previousTag: plan.currentTag, nextTag, date: options.date, compareUrl: compare, sections }, markdown: pieces };
}

/** `# `, `## ` or `### ` at the start of a line; more `#` is no such heading. */
const SECTION_HEADING = /^#{1,3}(?= )/;

/**
 * Whether `existing` already has a `##`/`###` heading for `version` (linked or not, with or without `v`): the
 * line is `#{1,3} +` then `[v?VERSION]` or `v?VERSION` before white space, `(` or its end. Compared as strings:
 * a pattern built from the version grew with it until V8 could not compile it.
 */
export function hasChangelogSection(existing: string, version: string): boolean {
  const v = escapeMarkdownText(version);
  let versionSpaces = 0;
  while (v.charCodeAt(versionSpaces) === 32) versionSpaces++;
  const endsHere = (line: string, at: number): boolean => at === line.length || line[at] === '(' || /\s/.test(line[at]!);
  // Every line start of the former multiline pattern: after LF, CR, U+2028 and U+2029.
  for (const line of existing.split(/[\n\r\u2028\u2029]/)) {
    const heading = SECTION_HEADING.exec(line);
    if (!heading) continue;
    const spacesFrom = heading[0].length;
    let afterSpaces = spacesFrom;
    while (line.charCodeAt(afterSpaces) === 32) afterSpaces++;
    const rest = line.slice(afterSpaces);
    if (rest.startsWith('[') && (rest.startsWith(`${v}]`, 1) || rest.startsWith(`v${v}]`, 1))) return true;
    if (rest.startsWith('v') && rest.startsWith(v, 1) && endsHere(line, afterSpaces + 1 + v.length)) return true;
    // The version may itself start with spaces (or be empty): " +" keeps at least one and leaves it the rest.
    const start = versionSpaces === v.length ? spacesFrom + 1 : afterSpaces - versionSpaces;
    if (start > spacesFrom && line.startsWith(v, start) && endsHere(line, start + v.length)) return true;
  }
  return false;
}

/**
 * Inserts `section` at the top of a changelog text: below a leading `# Title` line (and the paragraph that follows
 * it, up to the first `##` heading) when there is one, otherwise at the very top. Idempotent: when a section for
 * `version` already exists the text is returned unchanged, with `inserted: false`.
 */
export function insertChangelogSection(existing: string, section: string, version: string): { readonly text: string; readonly inserted: boolean } {
  if (hasChangelogSection(existing, version)) return { text: existing, inserted: false };
  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  const body = section.replace(/\r?\n/g, eol).replace(/(?:\r?\n)+$/, '') + eol;
  if (existing.trim() === '') return { text: `# Changelog${eol}${eol}${body}`, inserted: true };
  const title = /^\uFEFF?# [^\r\n]*\r?\n/.exec(existing);
  if (!title) return { text: `${body}${eol}${existing}`, inserted: true };
  // Keep the title and any preamble paragraph(s) before the first release heading.
  const firstRelease = /^##? /m.exec(existing.slice(title[0].length));
  const at = firstRelease ? title[0].length + firstRelease.index : existing.length;
  const before = existing.slice(0, at).replace(/(?:\r?\n)*$/, '');
  const after = existing.slice(at);
  return { text: `${before}${eol}${eol}${body}${after === '' ? '' : eol}${after}`, inserted: true };
}
