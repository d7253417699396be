// Git access of the release engine (next version, changelog): tags reachable from HEAD, the commits since the last
// release, the remote, the HEAD state and the repository's release-tool configuration. A handful of git calls,
// most in parallel, each a plain child process (runGitProcess: no simple-git). Refs given by users are only ever
// passed after `--end-of-options` and resolved to hashes first.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  computeReleasePlan,
  parseRemoteUrl,
  prepareReleaseCommit,
  readCliffConfig,
  needsYamlReader,
  readReleasePleaseConfig,
  readSemanticReleaseConfigWith,
  resolveReleaseOptions,
  selectionFromRef,
  selectTag,
  toolDisagreements,
  type ChangelogSectionConfig,
  type PreparedCommit,
  type RawCommit,
  type ReleaseConfigReading,
  type ReleaseOptions,
  type ReleasePlan,
  type ReleaseWarning,
  type RepositoryHost,
  type TagRef,
  type TagSelection,
} from '../core/release';
import { BUFFERED_GIT_OUTPUT, findRepositoryRoot, logRecordReader, runGitProcess, runGitProcessBytes, spawnGit, walkUpForGit, type GitFailure, type GitResult } from './git';
import { readTextFile } from './textFile';


export interface HeadState {
  /** HEAD's commit, or null in a repository without commits (unborn branch). */
  readonly head: string | null;
  /** The branch HEAD is on (`main`), or null when HEAD is detached. */
  readonly branch: string | null;
  readonly detached: boolean;
  readonly shallow: boolean;
}

/**
 * HEAD's commit and branch, and whether the clone is shallow. One `git rev-parse` tells all three on a branch
 * with commits (most runs); a detached or unborn HEAD, or anything that process does not settle, takes the
 * separate calls below, whose answers are the reference.
 */
export async function readHeadState(root: string, signal?: AbortSignal, knownShallow?: boolean): Promise<GitResult<HeadState>> {
  // `--symbolic-full-name HEAD` prints the branch's full ref, or `HEAD` when detached (where symbolic-ref
  // fails); `HEAD^{commit}` fails without commits. `--` (echoed back) keeps a file named HEAD from making the
  // revisions ambiguous.
  const combined = await runGitProcess(root, ['rev-parse', '--is-shallow-repository', 'HEAD^{commit}', '--symbolic-full-name', 'HEAD', '--'], signal);
  const lines = combined.ok ? combined.value.split('\n') : [];
  const [shallow = '', head = '', ref = ''] = lines;
  if (lines.length === 5 && lines[3] === '--' && lines[4] === '' && (shallow === 'true' || shallow === 'false') && COMMIT_HASH.test(head)) {
    if (ref === 'HEAD') return { ok: true, value: { head, branch: null, detached: true, shallow: shallow === 'true' } };
    if (ref.startsWith('refs/heads/') && ref.length > 'refs/heads/'.length) {
      return { ok: true, value: { head, branch: ref.slice('refs/heads/'.length), detached: false, shallow: shallow === 'true' } };
    }
  }
  if (signal?.aborted) return { ok: false, kind: 'cancelled', message: 'cancelled' };
  return readHeadStateApart(root, signal, knownShallow);
}

/** readHeadState in three small git calls in parallel, two when the caller already knows `shallow`. Exported for tests. */
export async function readHeadStateApart(root: string, signal?: AbortSignal, knownShallow?: boolean): Promise<GitResult<HeadState>> {
  const [head, branch, shallow] = await Promise.all([
    runGitProcess(root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], signal),
    runGitProcess(root, ['symbolic-ref', '--quiet', 'HEAD'], signal),
    knownShallow === undefined ? runGitProcess(root, ['rev-parse', '--is-shallow-repository'], signal) : Promise.resolve({ ok: true as const, value: String(knownShallow) }),
  ]);
  if (!shallow.ok) return shallow;
  const headHash = head.ok ? head.value.trim() : '';
  const ref = branch.ok ? branch.value.trim() : '';
  return {
    ok: true,
    value: {
      head: headHash === '' ? null : headHash,
      branch: ref === '' ? null : ref.replace(/^refs\/heads\//, ''),
      detached: ref === '',
      shallow: shallow.value.trim() === 'true',
    },
  };
}

/** Resolves a user-given revision to its commit hash, safely (a ref named `--output=x` is a ref, not an option). */
export async function resolveCommit(root: string, ref: string, signal?: AbortSignal): Promise<GitResult<string>> {
  const resolved = await resolveCommitWithParents(root, ref, signal);
  return resolved.ok ? { ok: true, value: resolved.value.hash } : resolved;
}

/** resolveCommit, and the commit's parents (as git walks them: replacements and grafts applied, none at a shallow edge). */
async function resolveCommitWithParents(root: string, ref: string, signal?: AbortSignal): Promise<GitResult<{ readonly hash: string; readonly parents: readonly string[] }>> {
  if (ref === '' || /[\0\n]/.test(ref)) return { ok: false, kind: 'bad-revision', message: `not a valid revision: ${JSON.stringify(ref)}` };
  const out = await runGitProcess(root, ['rev-list', '--max-count=1', '--parents', '--end-of-options', ref, '--'], signal);
  if (!out.ok) {
    if (out.kind !== 'git-failed' && out.kind !== 'bad-revision') return out;
    return { ok: false, kind: 'bad-revision', message: `unknown revision ${JSON.stringify(ref)} (git: ${out.message})` };
  }
  const [hash = '', ...parents] = out.value.trim().split(' ');
  if (!/^[0-9a-f]{40,64}$/.test(hash)) return { ok: false, kind: 'bad-revision', message: `unknown revision ${JSON.stringify(ref)}` };
  return { ok: true, value: { hash, parents } };
}

const TAG_FORMAT = '--format=%(refname)%00%(objectname)%00%(*objectname)';
const COMMIT_HASH = /^[0-9a-f]{40,64}$/;

function parseTagListing(text: string): TagRef[] {
  const tags: TagRef[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const [ref = '', object = '', peeled = ''] = line.split('\0');
    tags.push({ name: ref.replace(/^refs\/tags\//, ''), commit: peeled !== '' ? peeled : object });
  }
  return tags;
}

/**
 * Tags whose commits are reachable from `commit` (annotated tags peeled to their commit), in one
 * `git for-each-ref --merged`. Names are returned as git stores them; nothing is interpreted.
 */
export async function listReachableTags(root: string, commit: string, signal?: AbortSignal): Promise<GitResult<TagRef[]>> {
  const out = await runGitProcess(root, ['for-each-ref', `--merged=${commit}`, TAG_FORMAT, 'refs/tags'], signal);
  if (!out.ok) return out;
  return { ok: true, value: parseTagListing(out.value) };
}

/** TAG_FORMAT and the type of the object a tag object names (`tag` for a tag of a tag). */
const TAG_FORMAT_TYPED = '--format=%(refname)%00%(objectname)%00%(*objectname)%00%(*objecttype)';

/**
 * `listReachableTags` of a commit without parents: only the commit itself is reachable from it, so its tags are
 * those pointing at it, found in the listing of every tag; `for-each-ref --merged` walks the whole history for
 * that answer (`changelog --from <root commit>`, a full-history changelog, paid a second history walk). A tag
 * of a tag, which only --merged peels to its commit, leaves the answer to --merged. Exported for tests.
 */
export async function listTagsOfParentlessCommit(root: string, commit: string, signal?: AbortSignal): Promise<GitResult<TagRef[]>> {
  const out = await runGitProcess(root, ['for-each-ref', TAG_FORMAT_TYPED, 'refs/tags'], signal);
  if (!out.ok) return out;
  const tags: TagRef[] = [];
  for (const line of out.value.split('\n')) {
    if (line === '') continue;
    const [ref = '', object = '', peeled = '', peeledType = ''] = line.split('\0');
    if (peeledType === 'tag') return listReachableTags(root, commit, signal);
    const target = peeled !== '' ? peeled : object;
    if (target === commit) tags.push({ name: ref.replace(/^refs\/tags\//, ''), commit: target });
  }
  return { ok: true, value: tags };
}

/**
 * What a later run needs to know which tags a descendant of `head` reaches without walking the history again:
 * `for-each-ref --merged` walks from HEAD down to the oldest tag (seconds on a million commits without a
 * commit-graph file). Valid while no tag is created, moved or deleted (`tagsFingerprint`).
 */
export interface ReachableTagsSnapshot {
  readonly version: 1;
  readonly head: string;
  /** sha1 of the whole `for-each-ref refs/tags` listing (names, objects, peeled commits). */
  readonly tagsFingerprint: string;
  /** Short names of the tags reachable from `head`. */
  readonly reachable: readonly string[];
}

/**
 * Where reachable-tag snapshots live: `memory` (this process: the editor, which keeps running), `disk` (the CLI:
 * `<git dir>/release-hygiene/reachable-tags.json`, one per work tree, rewritten on every run), `none`.
 */
export type TagCacheMode = 'memory' | 'disk' | 'none';

const TAG_SNAPSHOTS = new Map<string, ReachableTagsSnapshot>();
const TAG_SNAPSHOT_FILE = join('release-hygiene', 'reachable-tags.json');

/** Forget the in-process snapshots (tests). */
export function clearReachableTagsCache(): void {
  TAG_SNAPSHOTS.clear();
}

function validSnapshot(value: unknown): value is ReachableTagsSnapshot {
  const snapshot = value as Partial<ReachableTagsSnapshot> | null;
  return (
    typeof snapshot === 'object' && snapshot !== null && snapshot.version === 1 && typeof snapshot.head === 'string' && COMMIT_HASH.test(snapshot.head) &&
    typeof snapshot.tagsFingerprint === 'string' && Array.isArray(snapshot.reachable) && snapshot.reachable.every((name) => typeof name === 'string')
  );
}

interface TagCacheLocation {
  readonly mode: TagCacheMode;
  /** The memory key (the work tree), or the absolute git dir for `disk`. */
  readonly place: string;
}

async function loadSnapshot(location: TagCacheLocation): Promise<ReachableTagsSnapshot | null> {
  if (location.mode === 'memory') return TAG_SNAPSHOTS.get(location.place) ?? null;
  if (location.mode !== 'disk') return null;
  try {
    const value: unknown = JSON.parse(await readFile(join(location.place, TAG_SNAPSHOT_FILE), 'utf8'));
    return validSnapshot(value) ? value : null;
  } catch {
    return null; // none yet, unreadable or not ours: the full walk
  }
}

async function saveSnapshot(location: TagCacheLocation, snapshot: ReachableTagsSnapshot): Promise<void> {
  if (location.mode === 'memory') TAG_SNAPSHOTS.set(location.place, snapshot);
  if (location.mode !== 'disk') return;
  const file = join(location.place, TAG_SNAPSHOT_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await mkdir(join(location.place, 'release-hygiene'), { recursive: true });
    await writeFile(temporary, JSON.stringify(snapshot));
    await rename(temporary, file);
  } catch {
    // A read-only repository: the next run walks the history again, nothing else changes.
  }
}

/**
 * `listReachableTags`, answered from a snapshot when one applies: no tag changed since (same listing) and the
 * snapshot's HEAD is an ancestor of `commit`. Then the reachable tags are the snapshot's plus those pointing at
 * the commits of `snapshotHead..commit` (one short `rev-list`), in the listing's order (refname, as
 * `for-each-ref --merged` prints them). Otherwise the full `--merged` walk, and a new snapshot.
 */
export async function listReachableTagsCached(root: string, commit: string, location: TagCacheLocation, signal?: AbortSignal): Promise<GitResult<TagRef[]>> {
  if (location.mode === 'none' || !COMMIT_HASH.test(commit)) return listReachableTags(root, commit, signal);
  const snapshot = await loadSnapshot(location);
  const listingRun = runGitProcess(root, ['for-each-ref', TAG_FORMAT, 'refs/tags'], signal);
  if (snapshot !== null) {
    const [listing, ancestor] = await Promise.all([
      listingRun,
      snapshot.head === commit ? Promise.resolve(true) : spawnGit(root, ['merge-base', '--is-ancestor', snapshot.head, commit], signal).then((run) => run.ok),
    ]);
    if (!listing.ok) return listing;
    const fingerprint = createHash('sha1').update(listing.value).digest('hex');
    if (ancestor && fingerprint === snapshot.tagsFingerprint) {
      const added = snapshot.head === commit ? { ok: true as const, value: '' } : await runGitProcess(root, ['rev-list', '--end-of-options', commit, `^${snapshot.head}`, '--'], signal);
      if (added.ok) {
        const newCommits = new Set(added.value.split('\n'));
        const known = new Set(snapshot.reachable);
        const tags = parseTagListing(listing.value).filter((tag) => known.has(tag.name) || newCommits.has(tag.commit));
        if (snapshot.head !== commit) await saveSnapshot(location, { version: 1, head: commit, tagsFingerprint: fingerprint, reachable: tags.map((tag) => tag.name) });
        return { ok: true, value: tags };
      }
    }
  }
  const [listing, merged] = await Promise.all([listingRun, listReachableTags(root, commit, signal)]);
  if (!merged.ok) return merged;
  if (listing.ok) {
    const tagsFingerprint = createHash('sha1').update(listing.value).digest('hex');
    await saveSnapshot(location, { version: 1, head: commit, tagsFingerprint, reachable: merged.value.map((tag) => tag.name) });
  }
  return merged;
}

/**
 * The commits of `from..to` (all reachable from `to` without `from`), newest first, with parents and raw messages,
 * in one `git log -z`; only those touching `path` when given (monorepo packages). Hashes only: resolve refs first.
 * `onCommit` gets each commit, in order, as soon as git has printed it (the plan reads commits meanwhile); a
 * failure afterwards still fails the whole listing.
 */
export async function listRangeCommits(
  root: string,
  range: { readonly from: string | null; readonly to: string; readonly path?: string },
  signal?: AbortSignal,
  onCommit?: (commit: RawCommit) => void,
): Promise<GitResult<RawCommit[]>> {
  for (const hash of [range.from, range.to]) {
    if (hash !== null && !/^[0-9a-f]{40,64}$/.test(hash)) return { ok: false, kind: 'bad-revision', message: `expected a commit hash, got ${JSON.stringify(hash)}` };
  }
  return runRangeLog(root, range.from === null ? range.to : `${range.from}..${range.to}`, range.path, signal, onCommit);
}

/** listRangeCommits of a range already checked (hashes, or `<hash>..HEAD`). */
async function runRangeLog(root: string, revisions: string, path: string | undefined, signal?: AbortSignal, onCommit?: (commit: RawCommit) => void): Promise<GitResult<RawCommit[]>> {
  const args = ['log', '-z', '--format=%H%x1f%P%x1f%B', '--end-of-options', revisions, '--'];
  if (path !== undefined && path !== '' && path !== '.') args.push(path);
  const commits: RawCommit[] = [];
  const reader = logRecordReader(onCommit === undefined ? (commit) => commits.push(commit) : (commit) => (commits.push(commit), onCommit(commit)));
  // Read to the end (no flush per commit), each piece as it comes.
  const out = await runGitProcessBytes(root, args, signal, BUFFERED_GIT_OUTPUT, (chunk) => reader.push(chunk));
  if (!out.ok) return out;
  reader.end();
  return { ok: true, value: commits };
}

/** The URL of `origin`, else of the first remote with a URL; null without remotes. */
export async function readRemoteUrl(root: string, signal?: AbortSignal): Promise<GitResult<string | null>> {
  const out = await runGitProcess(root, ['config', '--get-regexp', '^remote\\..*\\.url$'], signal);
  if (!out.ok) return out;
  let first: string | null = null;
  for (const line of out.value.split('\n')) {
    const match = /^remote\.(.+)\.url (.*)$/.exec(line);
    if (!match) continue;
    if (match[1] === 'origin') return { ok: true, value: match[2] as string };
    first ??= match[2] as string;
  }
  return { ok: true, value: first };
}

/**
 * A cheap key that changes whenever HEAD moves or any tag is created, moved or deleted: the editor caches release
 * plans by it. Two git calls in parallel; `unborn` for a repository without commits.
 */
export async function releaseStateKey(root: string): Promise<GitResult<string>> {
  const [head, tags] = await Promise.all([
    runGitProcess(root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']),
    runGitProcess(root, ['for-each-ref', '--format=%(refname)%00%(objectname)', 'refs/tags']),
  ]);
  if (!tags.ok) return tags;
  const headHash = head.ok && head.value.trim() !== '' ? head.value.trim() : 'unborn';
  return { ok: true, value: `${headHash}:${createHash('sha1').update(tags.value).digest('hex')}` };
}

const SEMANTIC_RELEASE_FILES = ['.releaserc', '.releaserc.json', '.releaserc.yaml', '.releaserc.yml'] as const;

/**
 * The repository's release-tool configuration files, read and interpreted (never executed: `release.config.js`
 * is not read). `packagePath` picks the release-please package. Missing files are simply absent.
 */
export async function readReleaseConfiguration(root: string, packagePath = '.'): Promise<ReleaseConfigReading[]> {
  const names = [...SEMANTIC_RELEASE_FILES, 'package.json', 'release-please-config.json', 'cliff.toml'];
  const texts = await Promise.all(names.map(async (name) => ({ name, read: await readTextFile(join(root, name)) })));
  const readings: ReleaseConfigReading[] = [];
  let semanticRelease = false;
  for (const { name, read } of texts) {
    if (!read.ok) {
      if (!read.notFound) readings.push({ tool: name === 'cliff.toml' ? 'git-cliff' : name.startsWith('release-please') ? 'release-please' : 'semantic-release', source: name, settings: {}, warnings: [{ code: 'config', message: `${name}: ${read.message}` }] });
      continue;
    }
    let reading: ReleaseConfigReading | null = null;
    if (name === 'release-please-config.json') reading = readReleasePleaseConfig(read.text, name, packagePath);
    else if (name === 'cliff.toml') reading = readCliffConfig(read.text, name);
    else if (!semanticRelease) {
      // semantic-release uses the first configuration it finds (.releaserc* before package.json).
      // The yaml package only for a configuration that is YAML: most runs never load it (start-up time).
      const yaml = needsYamlReader(read.text, name) ? (await import('../core/release/config')).readReleaseYaml : null;
      reading = readSemanticReleaseConfigWith(read.text, name, yaml);
      if (reading) semanticRelease = true;
    }
    if (reading) readings.push(reading);
  }
  return readings;
}

export interface ReleaseRequest {
  /** Any folder inside the work tree. */
  readonly cwd: string;
  /** The last release instead of the detected tag (`--from`). */
  readonly from?: string;
  /** End of the range; default HEAD. */
  readonly to?: string;
  /** Monorepo package folder (relative to the root): only commits touching it count. */
  readonly path?: string;
  /** Settings that win over the repository's configuration (command line, editor settings). */
  readonly options?: Partial<ReleaseOptions>;
  /** Read `.releaserc*`, `release-please-config.json`, `cliff.toml`; default true. */
  readonly useRepositoryConfig?: boolean;
  /** Ends every git process of the computation when it fires; the result is then a `cancelled` failure. */
  readonly signal?: AbortSignal;
  /** Where the tags reachable from the last HEAD are remembered (see TagCacheMode); default `memory`. */
  readonly tagCache?: TagCacheMode;
  /**
   * Start `git log` before HEAD and the configuration are read, when `from` is a full commit hash and neither
   * `to` nor `path` is given (see loadReleasePlan); default true. False reads the log only once the range is
   * resolved: the reference the tests hold the early start to.
   */
  readonly earlyLog?: boolean;
}

export type ReleaseFailureKind = GitFailure['kind'] | 'no-commits';

export interface ReleaseContext {
  readonly root: string;
  readonly head: HeadState;
  /** Commit the range ends at. */
  readonly to: string;
  readonly plan: ReleasePlan;
  readonly host: RepositoryHost | null;
  readonly readings: readonly ReleaseConfigReading[];
  /** Changelog sections from release-please's `changelog-sections`, when configured. */
  readonly sections: readonly ChangelogSectionConfig[] | null;
  readonly options: ReleaseOptions;
  /** The commits of the range (newest first), so `check` lints them without a second `git log`. */
  readonly commits: readonly RawCommit[];
}

export const SHALLOW_CLONE_WARNING =
  'this is a shallow clone: tags and commits outside the fetched depth are missing, so the last release and the next ' +
  'version may be wrong. Fetch the full history: `git fetch --unshallow --tags`, `fetch-depth: 0` in actions/checkout ' +
  '(GitHub Actions), `GIT_DEPTH: 0` (GitLab CI)';

/**
 * Everything the preview needs in one call: repository, HEAD, configuration, last release, commits since it, plan.
 * Fails with a GitFailure (`no-commits` kind when the repository has no commit yet).
 */
export async function loadReleasePlan(request: ReleaseRequest): Promise<GitResult<ReleaseContext> | { readonly ok: false; readonly kind: 'no-commits'; readonly message: string }> {
  // The root from the file system where that settles it (no git process, one round less), else git's answer.
  const walked = walkUpForGit(request.cwd, process.env);
  let root: string;
  let knownShallow: boolean | undefined;
  if (walked !== undefined && walked !== 'ask-git') root = walked;
  else {
    const repository = await findRepositoryRoot(request.cwd, runGitProcess); // outside a work tree: git's words
    if (!repository.ok) return repository;
    root = repository.value.root;
    knownShallow = repository.value.shallow;
  }
  const { signal } = request;
  // A full-history changelog (`--from <root commit>`) is mostly `git log`: with a full hash to start from and
  // HEAD as the end, git can start walking now, while HEAD, the remote, the configuration and the hash itself are
  // read (a round of three git processes and file reads). The log is used only when it is the range's: `from`
  // resolves to itself (a commit, not a tag object) and the log's first commit is the HEAD read in the round
  // (with one positive revision git prints it first; a HEAD that moved in between, or an empty range, takes the
  // log of the resolved range, as without the early start). Its commits are read by the plan once git is done,
  // not as they come: on two cores, git, the reading and V8's compiler and collector threads competed, and the
  // whole process took ~30-40 ms more CPU that way (CLI over vite's 9,620 commits, docs/benchmarks.md).
  const earlyFrom = request.earlyLog !== false && request.from !== undefined && request.to === undefined && request.path === undefined && COMMIT_HASH.test(request.from) ? request.from : null;
  // Its own signal too: when `from` turns out to name something else (an annotated tag's object id), the walk is
  // stopped rather than left printing a history nobody reads.
  const earlyStop = earlyFrom !== null ? new AbortController() : null;
  const earlyLog = earlyFrom !== null && earlyStop !== null
    ? runRangeLog(root, `${earlyFrom}..HEAD`, undefined, signal ? AbortSignal.any([signal, earlyStop.signal]) : earlyStop.signal)
    : null;
  // One round of independent calls: HEAD, remote, configuration and both ends of the range. Each git process
  // costs a few milliseconds: the end of the range is HEAD's commit unless `to` is given, the shallow flag came
  // with the root, and the git dir is read only where the reachable-tags snapshot is used (no --from).
  const tagCache = request.tagCache ?? 'memory';
  const [head, remote, readings, toGiven, fromCommit, gitDir] = await Promise.all([
    readHeadState(root, signal, knownShallow),
    readRemoteUrl(root, signal),
    request.useRepositoryConfig === false ? Promise.resolve([]) : readReleaseConfiguration(root, request.path ?? '.'),
    request.to !== undefined ? resolveCommit(root, request.to, signal) : Promise.resolve(null),
    request.from !== undefined ? resolveCommitWithParents(root, request.from, signal) : Promise.resolve(null),
    tagCache === 'disk' && request.from === undefined ? runGitProcess(root, ['rev-parse', '--absolute-git-dir'], signal) : Promise.resolve(null),
  ]);
  // A failure below returns before the early log is used: stop its walk rather than leave git printing.
  const failed = <T>(result: T): T => {
    earlyStop?.abort();
    return result;
  };
  if (!head.ok) return failed(head);
  if (head.value.head === null && request.to === undefined) {
    return failed({ ok: false, kind: 'no-commits', message: 'the repository has no commits yet: nothing to release' });
  }
  const toCommit: GitResult<string> = toGiven ?? { ok: true, value: head.value.head as string };
  const fromConfig = readings.map((reading) => {
    const { sections: _sections, ...settings } = reading.settings;
    return settings;
  });
  // Later wins: cliff.toml < semantic-release < release-please < the caller's options.
  const order = { 'git-cliff': 0, 'semantic-release': 1, 'release-please': 2 } as const;
  const ranked = readings.map((reading, index) => ({ reading, settings: fromConfig[index] })).sort((a, b) => order[a.reading.tool] - order[b.reading.tool]);
  const options = resolveReleaseOptions(...ranked.map((item) => item.settings), request.options);
  const sections = ranked.map((item) => item.reading.settings.sections).filter((value) => value !== undefined).at(-1) ?? null;

  const to = toCommit;
  if (!to.ok) return failed(to);
  let selection: TagSelection;
  let pendingCommits: Promise<GitResult<RawCommit[]>> | null = null;
  // Each commit is read for the plan as soon as git prints it, while git prints the rest (the plan's bumps wait
  // for the current version); merge commits are never read.
  const prepared: (PreparedCommit | undefined)[] = [];
  const prepare = (commit: RawCommit): void => {
    prepared.push(commit.parents.length > 1 ? undefined : prepareReleaseCommit(commit, options));
  };
  const path = request.path !== undefined ? { path: request.path } : {};
  if (request.from !== undefined && fromCommit !== null) {
    const from = fromCommit;
    if (!from.ok) return failed(from);
    selection = selectionFromRef(request.from, from.value.hash, options.tagFormat);
    // The range is known now: list its commits while the version of --from is looked up.
    const fromHash = from.value.hash;
    const early = earlyLog !== null && fromHash === earlyFrom ? earlyLog : null;
    if (early === null) earlyStop?.abort();
    pendingCommits = early === null
      ? listRangeCommits(root, { from: fromHash, to: to.value, ...path }, signal, prepare)
      : early.then((listed) => {
          if (listed.ok && listed.value[0]?.hash === to.value) return listed; // nothing read ahead: the plan reads them
          if (signal?.aborted) return listed;
          return listRangeCommits(root, { from: fromHash, to: to.value, ...path }, signal, prepare);
        });
    if (selection.version === null) {
      // A hash or branch: its version is the highest version tag reachable from it.
      const tags = from.value.parents.length === 0 ? await listTagsOfParentlessCommit(root, from.value.hash, signal) : await listReachableTags(root, from.value.hash, signal);
      if (!tags.ok) return failed(tags);
      const below = selectTag(tags.value, { tagFormat: options.tagFormat, tagPattern: options.tagPattern, prerelease: options.prerelease });
      if (below.tag !== null) {
        selection = {
          ...selection,
          version: below.version,
          matched: below.matched,
          explanation: `${request.from} was given as the last release (--from); its version ${below.version} comes from ${below.tag.name}, the highest version tag reachable from it`,
        };
      }
    }
  } else {
    const gitDirPath = gitDir !== null && gitDir.ok ? gitDir.value.trim() : '';
    const location: TagCacheLocation = tagCache === 'disk' ? (gitDirPath !== '' ? { mode: 'disk', place: gitDirPath } : { mode: 'none', place: '' }) : { mode: tagCache, place: resolve(root) };
    const tags = await listReachableTagsCached(root, to.value, location, signal);
    if (!tags.ok) return tags;
    selection = selectTag(tags.value, { tagFormat: options.tagFormat, tagPattern: options.tagPattern, prerelease: options.prerelease });
  }
  const commits = await (pendingCommits ?? listRangeCommits(root, { from: selection.tag?.commit ?? null, to: to.value, ...path }, signal, prepare));
  if (!commits.ok) return commits;
  if (signal?.aborted) return { ok: false, kind: 'cancelled', message: 'cancelled' };

  const warnings: ReleaseWarning[] = [];
  if (head.value.shallow) warnings.push({ code: 'shallow-clone', message: SHALLOW_CLONE_WARNING });
  if (head.value.detached && request.to === undefined) {
    warnings.push({ code: 'detached-head', message: `HEAD is detached at ${to.value.slice(0, 7)}: the preview is for that commit, not for a branch` });
  }
  for (const reading of readings) warnings.push(...reading.warnings);
  const plan = computeReleasePlan({ selection, commits: commits.value, head: to.value, options, warnings }, prepared);
  const disagreements = toolDisagreements(plan, readings);
  const finalPlan = disagreements.length > 0 ? { ...plan, warnings: [...plan.warnings, ...disagreements] } : plan;
  return {
    ok: true,
    value: {
      root: resolve(root),
      head: head.value,
      to: to.value,
      plan: finalPlan,
      host: remote.ok && remote.value !== null ? parseRemoteUrl(remote.value) : null,
      readings,
      sections,
      options,
      commits: commits.value,
    },
  };
}
