// The next version: commits since the last release → changes (reverts netted out) → bump → version.
import * as semver from './semver';
import { resolveReleaseOptions } from './options';
import { BREAKING_HEADER_PATTERN, HEADER_PATTERN } from '../commits/parse';
import { parseReleaseMessage, readForPlan, type ReleaseParse } from './parseReleaseMessage';
import { decideByRules } from './releaseRules';
import { formatTag } from './tags';
import type {
  Bump,
  BumpReason,
  CancelledPair,
  RawCommit,
  ReleaseChange,
  ReleaseInput,
  ReleaseOptions,
  ReleasePlan,
  ReleaseWarning,
  UnconventionalCommit,
} from './types';

const BUMP_RANK: Readonly<Record<Bump, number>> = { none: 0, patch: 1, minor: 2, major: 3 };

export function higherBump(a: Bump, b: Bump): Bump {
  return BUMP_RANK[b] > BUMP_RANK[a] ? b : a;
}

function headerOf(message: string): string {
  const end = message.search(/\r?\n/);
  return (end === -1 ? message : message.slice(0, end)).trim();
}

/** A `* type(scope)!: subject` (or `- …`) line of a squash commit's body, as GitHub and GitLab write them. */
const NESTED_LINE = /^[ \t]*[*-][ \t]+(\w+(?:\([^()\r\n]*\))?!?: \S.*?)[ \t]*$/gm;
/** `Release-As: 1.2.3` footer (release-please); case-insensitive token, optional `v`. */
const RELEASE_AS_LINE = /^release-as:[ \t]*v?(\S+)[ \t]*$/gim;
/** What every NESTED_LINE match holds: the bullet and the white space after it. */
const NESTED_BULLET = /[*-][ \t]/;

/**
 * The one empty list of every change without breaking markers, notes, closed issues or nested lines (most of
 * them): a history's worth of empty arrays was a good part of what the plan left for the garbage collector.
 */
const NONE: readonly never[] = [];

/** Issues the commit closes (`closes #12`, `fixes #3`): the changelog's ", closes …" list. */
function closedIssues(parsed: ReleaseParse): readonly string[] {
  if (parsed.references.length === 0) return NONE;
  return [...new Set(parsed.references.filter((reference) => reference.action !== null).map((reference) => reference.issue))];
}

/** A header with the `!` marker, as breakingVia reads it. */
const BANG_HEADER = /^\w*(?:\([^)]*\))?!: /;

function breakingVia(parsed: ReleaseParse): ReleaseChange['breakingVia'] {
  const via: ('!' | 'BREAKING CHANGE' | 'BREAKING-CHANGE')[] = [];
  if (BANG_HEADER.test(parsed.header)) via.push('!');
  const footer = `${parsed.body ?? ''}\n${parsed.footer ?? ''}`;
  if (/^(?:\*\s+)?BREAKING CHANGE:/im.test(footer)) via.push('BREAKING CHANGE');
  if (/^(?:\*\s+)?BREAKING-CHANGE:/im.test(footer)) via.push('BREAKING-CHANGE');
  return via;
}

/** The last version asked about and whether its major is 0: a plan asks once per change, always the same version. */
let lastMajorZero: { readonly version: string; readonly zero: boolean } | null = null;

function isPreMajor(current: string | null): boolean {
  if (current === null) return false;
  if (lastMajorZero?.version !== current) lastMajorZero = { version: current, zero: semver.major(current) === 0 }; // parses once
  return lastMajorZero.zero;
}

/** What one change of `type` does to the version released after `current`, with the per-type table and pre-major options. */
export function changeBump(type: string, breaking: boolean, current: string | null, options: ReleaseOptions): Bump {
  const preMajor = isPreMajor(current);
  if (breaking) return preMajor && options.bumpMinorPreMajor ? 'minor' : 'major';
  const bump = options.types[type.toLowerCase()] ?? 'none';
  if (bump === 'minor' && preMajor && options.bumpPatchForMinorPreMajor) return 'patch';
  return bump;
}

function whyOf(change: ReleaseChange, current: string | null, options: ReleaseOptions): string {
  if (change.releaseRule !== undefined) return `${change.header} → ${change.bump} (releaseRules ${change.releaseRule})`;
  const label = `${change.type}${change.scope !== null ? `(${change.scope})` : ''}${change.breakingVia.includes('!') ? '!' : ''}`;
  const preMajor = current !== null && semver.major(current) === 0;
  if (change.breaking) {
    const marker = change.breakingVia.length > 0 ? change.breakingVia.join(' + ') : 'breaking';
    const note = preMajor && options.bumpMinorPreMajor ? ' (bump-minor-pre-major: minor while the major version is 0)' : '';
    return `breaking change (${marker}) → ${change.bump}${note}`;
  }
  const note = preMajor && options.bumpPatchForMinorPreMajor && change.bump === 'patch' && options.types[change.type.toLowerCase()] === 'minor'
    ? ' (bump-patch-for-minor-pre-major: patch while the major version is 0)'
    : '';
  return `${label} → ${change.bump}${change.nested ? ' (listed in a squash commit body)' : ''}${note}`;
}

/**
 * A commit read for the plan (`prepareReleaseCommit`): what it says, before the bumps, which depend on the
 * current version (not always known while the commits are read) and are settled once by computeReleasePlan.
 */
export interface PreparedCommit {
  readonly commit: RawCommit;
  readonly header: string;
  /** Its own change (null when the header is not conventional) and nested squash lines. */
  own: ReleaseChange | null;
  nested: readonly ReleaseChange[];
  /** Whether `own` is decided by releaseRules like the nested lines (not git's own revert message). */
  readonly ownByRules: boolean;
  /** A revert: the hash it names (git's message) and/or the header it names. */
  readonly revertsHash: string | null;
  readonly revertsHeader: string | null;
  /** The option the reading depends on (squash lines or not). */
  readonly squashBodies: boolean;
  /** A plan has settled its bumps: it is that plan's now, and another plan reads the commit again. */
  settled: boolean;
}

type Analysed = PreparedCommit;

/**
 * `type.toLowerCase() === 'revert'`, without the call for a type of another length (almost every one). Types are
 * `\w*` of the header patterns (ASCII without the `u` flag), whose lower case has their length.
 */
function isRevertType(type: string): boolean {
  return type.length === 6 && type.toLowerCase() === 'revert';
}

function toChange(commit: RawCommit, parsed: ReleaseParse, nested: boolean): ReleaseChange | null {
  if (parsed.type === null || parsed.type === '' || parsed.subject === null) return null;
  const breaking = parsed.breaking;
  const via = breaking ? breakingVia(parsed) : NONE;
  const isRevert = isRevertType(parsed.type);
  const change: { -readonly [K in keyof ReleaseChange]: ReleaseChange[K] } = {
    hash: commit.hash,
    header: parsed.header,
    type: parsed.type,
    scope: parsed.scope,
    subject: parsed.subject,
    breaking,
    breakingVia: via,
    breakingNotes: parsed.notes.length === 0 ? NONE : parsed.notes.map((note) => note.text),
    references: closedIssues(parsed),
    bump: 'none',
    nested,
    revert: isRevert,
  };
  return change;
}

/** The bump of a change read by toChange (`byRules`: releaseRules apply), set on it or on a copy with the rule. */
function settle(change: ReleaseChange, byRules: boolean, current: string | null, options: ReleaseOptions): ReleaseChange {
  if (byRules && options.releaseRules) {
    const decision = decideByRules(options.releaseRules, change);
    if (decision) return { ...change, bump: decision.bump, releaseRule: decision.rule };
  }
  (change as { bump: Bump }).bump = changeBump(change.type, change.breaking, current, options); // no copy per commit
  return change;
}

/**
 * Reads one commit for computeReleasePlan ahead of it (src/node does so while `git log` is still printing the
 * history): the same reading the plan makes itself, for options with the same `squashBodies`. A merge commit
 * is never read (pass undefined for it). Pure; never throws on any commit text.
 */
export function prepareReleaseCommit(commit: RawCommit, options: Pick<ReleaseOptions, 'squashBodies'>): PreparedCommit {
  return analyse(commit, options);
}

/**
 * analyse of a message that is its header alone, without a reference with an action (most commits of a history;
 * readForPlan): what analyse makes of parseReleaseMessage's header-only parse, without that parse object (its ten
 * fields, the pair matchHeader returns, two empty lists, and every read of them, per commit: a good part of the
 * plan's reading in V8's interpreter). The header patterns as matchHeader runs them, no closed issues, the breaking
 * note of a `!` header, no body or footer (so no squash lines and only the `!` marker), no revert of git's form.
 * test/unit/core/release/preparedCommits.test.ts holds it to analyse's parse path on every corpus message.
 */
function analyseHeader(commit: RawCommit, header: string, squashBodies: boolean): Analysed {
  const bang = header.indexOf('!: ') === -1 ? null : BREAKING_HEADER_PATTERN.exec(header);
  const match = bang ?? HEADER_PATTERN.exec(header);
  const type = match === null ? null : (match[1] as string) || null;
  const subject = match === null ? null : (match[3] as string) || null;
  let own: ReleaseChange | null = null;
  let revertsHeader: string | null = null;
  if (type !== null && subject !== null && match !== null) {
    const breaking = bang !== null;
    const revert = isRevertType(type);
    own = {
      hash: commit.hash,
      header,
      type,
      scope: match[2] || null,
      subject,
      breaking,
      breakingVia: breaking ? (BANG_HEADER.test(header) ? ['!'] : []) : NONE,
      breakingNotes: breaking ? [subject] : NONE,
      references: NONE,
      bump: 'none',
      nested: false,
      revert,
    };
    if (revert) revertsHeader = subject.replace(/^"(.*)"$/, '$1').trim();
  }
  return { commit, header, own, nested: NONE, ownByRules: own !== null, revertsHash: null, revertsHeader, squashBodies, settled: false };
}

/** analyse without analyseHeader (every message through parseReleaseMessage): the reference for tests. */
export function prepareReleaseCommitByParse(commit: RawCommit, options: Pick<ReleaseOptions, 'squashBodies'>): PreparedCommit {
  return analyseByParse(commit, options);
}

function analyse(commit: RawCommit, options: Pick<ReleaseOptions, 'squashBodies'>): Analysed {
  const reading = readForPlan(commit.message);
  return typeof reading === 'string' ? analyseHeader(commit, reading, options.squashBodies) : analyseParsed(commit, reading, options);
}

function analyseByParse(commit: RawCommit, options: Pick<ReleaseOptions, 'squashBodies'>): Analysed {
  return analyseParsed(commit, parseReleaseMessage(commit.message, 'plan'), options); // what the plan reads: see ReleaseParseMode
}

function analyseParsed(commit: RawCommit, parsed: ReleaseParse, options: Pick<ReleaseOptions, 'squashBodies'>): Analysed {
  const header = parsed.header || headerOf(commit.message);
  let own = toChange(commit, parsed, false);
  const ownByRules = own !== null;
  const revertHash = parsed.revert?.['hash'] ?? null;
  const revertHeaderFromGit = parsed.revert?.['header'] ?? null;
  let revertsHeader: string | null = revertHeaderFromGit;
  if (own === null && parsed.revert !== null) {
    // git's `Revert "feat: x"` + `This reverts commit <sha>.`: a revert change of its own (it counts when the
    // reverted commit is outside the range), shown under Reverts with its header as subject.
    own = {
      hash: commit.hash, header, type: 'revert', scope: null, subject: header, breaking: false, breakingVia: NONE,
      breakingNotes: NONE, references: closedIssues(parsed), bump: 'none', nested: false, revert: true,
    };
  } else if (own !== null && own.revert && revertsHeader === null) {
    revertsHeader = (parsed.subject ?? '').replace(/^"(.*)"$/, '$1').trim();
  }
  let nested: ReleaseChange[] | null = null;
  const text = options.squashBodies && (parsed.body || parsed.footer) ? commit.message.slice(commit.message.indexOf(header) + header.length) : '';
  // A nested line needs a `*` or `-` before a space or tab: most bodies have none to look for.
  if (text !== '' && NESTED_BULLET.test(text)) {
    // Everything after the header (the parser's footer starts at the first `BREAKING CHANGE:` of any squashed
    // commit, so its body alone would miss the lines after it). Each line's own body and footers run up to the
    // next such line: a squashed commit's `BREAKING CHANGE:` note belongs to it.
    const matches = [...text.matchAll(NESTED_LINE)];
    const ownNotes = new Set(own?.breakingNotes ?? []);
    const seen = new Set<string>([header, header.replace(/ \(#\d+\)$/, '')]); // GitHub appends (#PR) to the title
    matches.forEach((match, index) => {
      const line = match[1] as string;
      if (seen.has(line)) return;
      seen.add(line);
      const end = matches[index + 1]?.index ?? text.length;
      const block = parseReleaseMessage(`${line}\n${text.slice((match.index as number) + match[0].length, end)}`, 'plan');
      // A note the commit itself already carries (a footer after the last squashed line) is not repeated.
      const notes = block.notes.filter((note) => !ownNotes.has(note.text));
      const change = toChange(commit, { ...block, notes, breaking: block.breaking && (notes.length > 0 || /^\w*(?:\([^)]*\))?!: /.test(line)) }, true);
      if (change) (nested ??= []).push(change);
    });
  }
  return {
    commit, header, own, nested: nested ?? NONE, ownByRules, revertsHash: revertHash && revertHash.length >= 4 ? revertHash.toLowerCase() : null,
    revertsHeader, squashBodies: options.squashBodies, settled: false,
  };
}

/** A character that `toLowerCase` may change, or anything else than a lower-case hex digit. */
const NOT_LOWER_HEX = /[^0-9a-f]/;

/** Commits on the first-parent chain from `head` (within the listed range). */
function firstParentChain(commits: readonly RawCommit[], head: string | null): Set<string> {
  const byHash = new Map(commits.map((commit) => [commit.hash, commit]));
  const chain = new Set<string>();
  let at = head !== null ? byHash.get(head) : commits[0];
  while (at && !chain.has(at.hash)) {
    chain.add(at.hash);
    const parent = at.parents[0];
    at = parent !== undefined ? byHash.get(parent) : undefined;
  }
  return chain;
}

/**
 * Pairs each revert with the commit it reverts when both are in the range, oldest first: neither counts. A revert
 * of such a revert puts the original back. A revert names its target by hash (git's `This reverts commit <sha>.`,
 * any unambiguous prefix of 4+ characters) or, for `revert: <header>` without a hash, by the exact header.
 */
function netReverts(items: readonly Analysed[]): { readonly cancelled: Set<string>; readonly pairs: CancelledPair[] } {
  // Hashes taken out of the release (every item starts in it): a set of the few cancelled, not of all items.
  const cancelled = new Set<string>();
  const cancelledBy = new Map<string, Analysed>(); // reverted hash → the revert that cancels it
  const cancels = new Map<string, Analysed>(); // revert hash → the commit it cancels
  // Earlier items indexed three ways, so a revert finds its target without scanning the history (a million
  // commits with thousands of reverts made those scans the plan's largest cost): by full hash, by the first four
  // characters of the hash (a prefix of 4+ characters is looked for among those only) and by header (in order).
  // Only the keys some revert asks for are indexed: most histories have a handful of reverts among thousands.
  const wantedHashes = new Set<string>();
  const wantedPrefixes = new Set<string>();
  const wantedHeaders = new Set<string>();
  // Indexed loops over the history here and below: for…of costs an iterator call and two result reads per element
  // in V8's interpreter, where these loops, run once, stay.
  for (let index = 0; index < items.length; index++) {
    const item = items[index] as Analysed;
    if (item.revertsHash !== null) {
      if (item.revertsHash.length === item.commit.hash.length) wantedHashes.add(item.revertsHash);
      else wantedPrefixes.add(item.revertsHash.slice(0, 4));
    } else if (item.revertsHeader !== null && item.revertsHeader !== '') wantedHeaders.add(item.revertsHeader);
  }
  if (wantedHashes.size === 0 && wantedPrefixes.size === 0 && wantedHeaders.size === 0) return { cancelled, pairs: [] };
  const indexHashes = wantedHashes.size > 0 || wantedPrefixes.size > 0; // which indexes some revert asks for
  const indexHeaders = wantedHeaders.size > 0;
  // The lengths of the wanted headers: a header of another length is not looked up (hashing every header of a
  // history was most of this function's time).
  const wantedHeaderLengths = new Set<number>();
  for (const header of wantedHeaders) wantedHeaderLengths.add(header.length);
  const seenByHash = new Map<string, Analysed>();
  const seenByPrefix = new Map<string, Analysed[]>();
  const seenByHeader = new Map<string, Analysed[]>();
  for (let index = 0; index < items.length; index++) {
    const item = items[index] as Analysed;
    let target: Analysed | undefined;
    if (item.revertsHash !== null) {
      const hash = item.revertsHash;
      if (hash.length === item.commit.hash.length) target = seenByHash.get(hash); // a full hash: no prefix scan
      else {
        const found = (seenByPrefix.get(hash.slice(0, 4)) ?? []).filter((other) => other.commit.hash.toLowerCase().startsWith(hash));
        if (found.length === 1) target = found[0];
      }
    } else if (item.revertsHeader !== null && item.revertsHeader !== '') {
      const same = seenByHeader.get(item.revertsHeader) ?? [];
      for (let i = same.length - 1; i >= 0 && !target; i--) {
        const other = same[i] as Analysed;
        if (!cancelled.has(other.commit.hash)) target = other;
      }
    }
    if (indexHashes) {
      // git's hashes are lower-case hex already: no lower-case copy of each (nor a prefix when none is wanted).
      const hash = item.commit.hash;
      const lowerHash = NOT_LOWER_HEX.test(hash) ? hash.toLowerCase() : hash;
      if (wantedHashes.has(lowerHash)) seenByHash.set(lowerHash, item);
      const prefix = wantedPrefixes.size > 0 ? lowerHash.slice(0, 4) : '';
      if (prefix !== '' && wantedPrefixes.has(prefix)) {
        const withPrefix = seenByPrefix.get(prefix);
        if (withPrefix) withPrefix.push(item);
        else seenByPrefix.set(prefix, [item]);
      }
    }
    if (indexHeaders && wantedHeaderLengths.has(item.header.length) && wantedHeaders.has(item.header)) {
      const withHeader = seenByHeader.get(item.header);
      if (withHeader) withHeader.push(item);
      else seenByHeader.set(item.header, [item]);
    }
    if (!target) continue;
    const targetHash = target.commit.hash;
    if (!cancelled.has(targetHash)) {
      cancelled.add(targetHash);
      cancelled.add(item.commit.hash);
      cancelledBy.set(targetHash, item);
      cancels.set(item.commit.hash, target);
    } else {
      // The target is itself a revert that cancelled something: reverting it restores the original.
      const original = cancels.get(targetHash);
      if (original && cancelledBy.get(original.commit.hash) === target) {
        cancelled.delete(original.commit.hash);
        cancelledBy.delete(original.commit.hash);
        cancels.delete(targetHash);
        cancelled.add(item.commit.hash);
        cancelledBy.set(targetHash, item);
        cancels.set(item.commit.hash, target);
      }
    }
  }
  const pairs: CancelledPair[] = [];
  if (cancels.size === 0) return { cancelled, pairs };
  const byHash = new Map<string, Analysed>(); // the last item of each revert's hash, as a map of all items has it
  for (let index = 0; index < items.length; index++) {
    const item = items[index] as Analysed;
    if (cancels.has(item.commit.hash)) byHash.set(item.commit.hash, item);
  }
  for (const [revertHash, target] of cancels) {
    const revert = byHash.get(revertHash) as Analysed;
    pairs.push({
      reverted: { hash: target.commit.hash, header: target.header },
      revertedBy: { hash: revert.commit.hash, header: revert.header },
    });
  }
  return { cancelled, pairs };
}

/** Whether RELEASE_AS_LINE can match at all: most messages are a header alone. */
const RELEASE_AS_START = /^release-as:/im;
/** Anywhere in a message: without it no part of the message can hold a `Release-As:` line. */
const RELEASE_AS_ANYWHERE = /release-as:/i;

function releaseAsOf(commit: RawCommit, header: string): readonly string[] {
  if (!RELEASE_AS_ANYWHERE.test(commit.message)) return NONE; // no slice of the message for most commits
  const text = commit.message.slice(commit.message.indexOf(header) + header.length);
  if (!RELEASE_AS_START.test(text)) return NONE;
  return [...text.matchAll(RELEASE_AS_LINE)].map((match) => match[1] as string);
}

function bumpBetween(from: string, to: string): Bump {
  const diff = semver.diff(from, to);
  if (diff === null) return 'none';
  if (diff === 'major' || diff === 'premajor') return 'major';
  if (diff === 'minor' || diff === 'preminor') return 'minor';
  return 'patch';
}

/** The stable line of a version: `1.5.0-rc.2` → `1.5.0`. */
function lineOf(version: string): string {
  return `${semver.major(version)}.${semver.minor(version)}.${semver.patch(version)}`;
}

function channelOf(version: string): string | null {
  const pre = semver.prerelease(version);
  const first = pre?.[0];
  return typeof first === 'string' ? first : null;
}

/** The next version from `current` for `bump`, on a prerelease channel or stable. */
export function nextVersion(current: string, bump: Exclude<Bump, 'none'>, prerelease: string | null): string {
  const target = semver.inc(current, bump) as string; // from a prerelease, inc stays on its line when it can
  if (prerelease === null) return target;
  if (semver.prerelease(current) !== null && target === lineOf(current)) {
    // The bump does not leave the prerelease line: continue it (same channel) or switch channel on it.
    if (channelOf(current) === prerelease) return semver.inc(current, 'prerelease', prerelease) as string;
    return `${lineOf(current)}-${prerelease}.1`;
  }
  return `${target}-${prerelease}.1`;
}

/**
 * Computes the release plan: the next version, why, and everything the changelog needs. Pure; never throws on any
 * commit text. `prepared[i]`, when given, is `input.commits[i]` read by prepareReleaseCommit: used when it is
 * that commit, read for the same `squashBodies` and not yet settled by another plan; read here otherwise.
 */
export function computeReleasePlan(input: ReleaseInput, prepared?: readonly (PreparedCommit | undefined)[]): ReleasePlan {
  const options = resolveReleaseOptions(input.options);
  const { selection } = input;
  const current = selection.version;
  const warnings: ReleaseWarning[] = [...(input.warnings ?? [])];
  const explanation: string[] = [selection.explanation];

  const onChain = options.firstParent ? firstParentChain(input.commits, input.head ?? null) : null;
  let mergeCommits = 0;
  let sideCommits = 0;
  const analysed: Analysed[] = [];
  const unconventional: UnconventionalCommit[] = [];
  // Oldest first, so reverts meet their targets after them.
  for (let i = input.commits.length - 1; i >= 0; i--) {
    const commit = input.commits[i] as RawCommit;
    if (onChain && !onChain.has(commit.hash)) {
      sideCommits++;
      continue;
    }
    if (commit.parents.length > 1) {
      mergeCommits++;
      continue;
    }
    let item = prepared?.[i];
    if (item === undefined || item.commit !== commit || item.squashBodies !== options.squashBodies || item.settled) item = analyse(commit, options);
    item.settled = true;
    if (item.own !== null) item.own = settle(item.own, item.ownByRules, current, options);
    if (item.nested.length > 0) item.nested = item.nested.map((change) => settle(change, true, current, options));
    if (item.own === null && item.nested.length === 0) unconventional.push({ hash: commit.hash, header: item.header });
    analysed.push(item);
  }
  unconventional.reverse(); // newest first, as the commits came (collected oldest first)
  const { cancelled, pairs } = netReverts(analysed);

  const changes: ReleaseChange[] = [];
  for (let i = analysed.length - 1; i >= 0; i--) {
    const item = analysed[i] as Analysed;
    if (cancelled.has(item.commit.hash)) continue;
    if (item.own) changes.push(item.own);
    const nested = item.nested;
    for (let k = 0; k < nested.length; k++) changes.push(nested[k] as ReleaseChange);
  }

  let bump: Bump = 'none';
  for (let k = 0; k < changes.length; k++) bump = higherBump(bump, (changes[k] as ReleaseChange).bump);
  const reasons: BumpReason[] = [];
  if (bump !== 'none') {
    for (let k = 0; k < changes.length; k++) {
      const change = changes[k] as ReleaseChange;
      if (change.bump === bump) reasons.push({ hash: change.hash, subject: change.header, bump, why: whyOf(change, current, options) });
    }
  }

  // Release-As: the newest valid footer in the range wins (as release-please), then the option.
  let forced: { version: string; hash: string | null } | null = null;
  for (let i = analysed.length - 1; i >= 0 && forced === null; i--) {
    const item = analysed[i] as Analysed;
    const found = releaseAsOf(item.commit, item.header);
    for (let k = 0; k < found.length; k++) {
      const raw = found[k] as string;
      const version = semver.valid(raw);
      if (version === null) {
        warnings.push({ code: 'invalid-release-as', message: `${item.commit.hash.slice(0, 7)} has "Release-As: ${raw}", which is not a semantic version; ignored` });
        continue;
      }
      forced = { version, hash: item.commit.hash };
      break;
    }
  }
  if (forced === null && options.releaseAs !== null) {
    const version = semver.valid(options.releaseAs.replace(/^v/, ''));
    if (version === null) warnings.push({ code: 'invalid-release-as', message: `release-as ${JSON.stringify(options.releaseAs)} is not a semantic version; ignored` });
    else forced = { version, hash: null };
  }

  const range = `${selection.tag ? `${selection.tag.name}..HEAD` : 'all history'}`;
  const counted = analysed.length;
  explanation.push(
    `${counted} commit${counted === 1 ? '' : 's'} in ${range}` +
      (mergeCommits > 0 ? `, ${mergeCommits} merge commit${mergeCommits === 1 ? '' : 's'} ignored` : '') +
      (sideCommits > 0 ? `, ${sideCommits} commit${sideCommits === 1 ? '' : 's'} off the first-parent chain skipped` : '') +
      (pairs.length > 0 ? `, ${pairs.length} revert pair${pairs.length === 1 ? '' : 's'} cancelled` : '') +
      (unconventional.length > 0 ? `, ${unconventional.length} not conventional (not in the changelog)` : ''),
  );

  let next: string | null = null;
  let planBump = bump;
  const firstRelease = selection.tag === null;
  if (forced !== null) {
    next = forced.version;
    if (current !== null) {
      planBump = bumpBetween(current, next);
      if (!semver.gt(next, current)) {
        warnings.push({ code: 'release-as-not-higher', message: `Release-As ${next} is not higher than the current version ${current}` });
      }
    }
    explanation.push(forced.hash !== null ? `Release-As: ${next} in ${forced.hash.slice(0, 7)} forces the version` : `release-as ${next} (configuration) forces the version`);
    reasons.unshift({ hash: forced.hash ?? '', subject: forced.hash !== null ? (analysed.find((item) => item.commit.hash === forced?.hash)?.header ?? '') : 'release-as (configuration)', bump: planBump, why: `Release-As: ${next}` });
  } else if (bump === 'none') {
    explanation.push(firstRelease ? 'nothing in the history releases yet (no feat, fix, perf or breaking change)' : 'no change since the last release calls for a release');
  } else if (firstRelease) {
    next = options.prerelease !== null ? `${options.initialVersion}-${options.prerelease}.1` : options.initialVersion;
    explanation.push(`no release tag yet: the first release is the initial version ${next} (the ${bump} bump does not apply to a first release)`);
  } else if (current === null) {
    explanation.push(`${selection.tag?.name ?? 'the given ref'} carries no version: the bump is ${bump}, but the next version is unknown`);
  } else {
    next = nextVersion(current, bump, options.prerelease);
    const by = reasons.length === 1 ? `${reasons[0]?.hash.slice(0, 7)}` : `${reasons.length} commits`;
    explanation.push(`${bump} bump (${by}): ${current} → ${next}${options.prerelease !== null ? ` on the ${options.prerelease} channel` : ''}`);
  }
  return {
    currentTag: selection.tag?.name ?? null,
    current,
    next,
    nextTag: next !== null ? formatTag(selection.tagFormat, next) : null,
    bump: planBump,
    firstRelease,
    forced,
    prerelease: options.prerelease,
    tagSelection: selection,
    reasons,
    changes,
    unconventional,
    cancelled: pairs,
    mergeCommits,
    commitCount: input.commits.length,
    explanation,
    warnings,
  };
}
