// Flag ages from history, reading only what can date the keys asked for. A key's age is the first commit (oldest in
// `git log --reverse --no-merges` order) whose added source lines hold a flag call with the key, its constant or
// its camelCased useFlags() property (the line itself or one of the two added lines after it: calls split over
// lines). Three steps, each bounded by the flags rather than by the size of the history:
//   1. `git log --raw`: which blob each commit wrote at each source path. Tree diffs only, no file contents
//      (vite, 9,620 commits: 0.4 s, against 7 s for `log -p` of everything).
//   2. `git cat-file --batch` of those blobs (each once), kept when the blob holds a call name and one of the
//      wanted tokens. A commit can only add a call line with a token to a path whose new blob contains both, so
//      every (commit, path) that can date a key survives this filter. It runs beside step 1: each blob is fed
//      to cat-file as the walk first shows it (blobs the work tree holds are tested on the scan's bytes).
//   3. `git log --no-walk -p -U0` of the surviving commits only, limited to the surviving paths: the same
//      zero-context diffs as a full pass would show for them, parsed as before.
// Not `-G`/`-S`: glibc's regex engine runs once per alternative, so `-G` with 20 literal keys took 1.5 s and with
// 200 keys 6.8 s on the 10,000-commit bench history (0.2 s for the whole `log -p`), `-S` takes one string per
// process, and both still inflate every blob of every commit (lockfiles and changelogs: `-S` alone is 4 s on vite).
// Not a pathspec over the whole walk: git matches every literal path against every tree entry of every commit
// (3,114 source paths of vite: 22 s); step 3 matches only the few commits that survive step 2.
// The cache is by HEAD and records which tokens it covered (with "never seen" as an absent intro): a HEAD that
// descends from the cached one, asked for covered tokens only, reads the new commits alone; a token not covered
// (a new key, a new constant) gets a pass over the whole history, for every token, numbered afresh.
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { BUILTIN_FLAG_PATTERNS, callNames, camelCaseKey, languageOf } from '../../core/flags';
import type { FlagAge, FlagCallPattern } from '../../core/flags/types';
import type { FlagAgeOptions, FlagAgeResult, WorkTreeSnapshot } from './types';
import { alternationOf, escapeRegExp } from '../../core/regexp';
import { latin1OfUtf8 } from './callNameSearch';
import { BUFFERED_GIT_OUTPUT, NO_DIFF_PROGRAMS, spawnGit, spawnSafeGit } from '../git';
import type { SpawnedGitResult } from '../git';

const CACHE_VERSION = 3;

/** First appearance of a token: [commit index, hash, ISO date, author, file]. */
type Intro = [number, string, string, string, string];

export interface HistoryIndex {
  readonly version: number;
  /** Repository root (one storage folder can serve several roots of a workspace). */
  readonly root: string;
  readonly head: string;
  /** Signature of the call names the pass looked for (custom patterns change it). */
  readonly signature: string;
  /** Commits numbered so far (the next new commit gets this index). */
  readonly commits: number;
  /** Tokens whose first appearance is known up to `head`; a covered token absent from `tokens` never appeared. */
  readonly covered: readonly string[];
  readonly tokens: Record<string, Intro>;
}

const memory = new Map<string, HistoryIndex>();

function signatureOf(names: readonly string[]): string {
  let h = 0;
  for (const ch of names.join(',')) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return `${names.length}:${(h >>> 0).toString(16)}`;
}

const STRING = /(["'`])((?:\\.|(?!\1)[^\\])*?)\1/g;
/** A reference chain: `FLAG`, `FLAGS.A`, `FLAGS['legacy-search']`, `FLAGS.search.legacy`. */
const REFERENCE = /[A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*|\s*\[\s*(?:'[^'\\\n]*'|"[^"\\\n]*")\s*\])*/g;
const MEMBER = /[A-Za-z_$][\w$]*|'([^'\\\n]*)'|"([^"\\\n]*)"/g;
/** Identifier tokens carry this prefix: their own namespace, so a variable `beta` is not the string 'beta'. */
const IDENT_MARK = '#';
/**
 * A key reached through a constant also needs its definition: `=key` is the key as a string on any added source
 * line, so a definition changed to a new key dates the new key, not the older call line of the constant.
 */
const DEFINITION_MARK = '=';

/** The string values on a line, and those one level inside them (an f-string field: `f"{c.is_on('x')}"`). */
function* stringsOf(line: string): Generator<string> {
  for (const m of line.matchAll(STRING)) {
    yield m[2]!;
    if (m[2]!.includes('{')) for (const inner of m[2]!.matchAll(STRING)) yield inner[2]!;
  }
}

/** `#FLAGS`, `#FLAGS.search`, `#FLAGS.search.legacy` for a chain (brackets read as members, as the scanner does). */
function referenceTokens(chain: string): string[] {
  const parts = [...chain.matchAll(MEMBER)].map((m) => m[1] ?? m[2] ?? m[0]);
  return parts.map((_, i) => `${IDENT_MARK}${parts.slice(0, i + 1).join('.')}`);
}

/**
 * Added lines longer than this are skipped: they belong to files the scanner skips as minified (2,000 characters),
 * and collecting the tokens of a 20 MB one-line file took 7 s and 300 MB.
 */
const MAX_HISTORY_LINE = 64 * 1024;

/**
 * The new path of a `+++ ` diff header, without its `b/`; '' for `/dev/null`. git ends a path holding a space with
 * a tab, and C-quotes one holding a quote, backslash or control character (`"b/it\\"s.ts"`), even with
 * core.quotepath off. Exported for tests.
 */
export function diffTargetPath(header: string): string {
  let path = header.endsWith('\t') ? header.slice(0, -1) : header;
  if (path.length >= 2 && path.startsWith('"') && path.endsWith('"')) path = unquoteC(path.slice(1, -1));
  return path.startsWith('b/') ? path.slice(2) : '';
}

const C_ESCAPES: Readonly<Record<string, number>> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/** git's C quoting undone: escapes and octal bytes, the bytes read as UTF-8. */
function unquoteC(quoted: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < quoted.length; i++) {
    const ch = quoted[i]!;
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'));
      continue;
    }
    const octal = /^[0-7]{3}/.exec(quoted.slice(i + 1, i + 4));
    if (octal) {
      bytes.push(parseInt(octal[0], 8));
      i += 3;
    } else {
      const next = quoted[i + 1] ?? '';
      bytes.push(C_ESCAPES[next] ?? next.charCodeAt(0));
      i++;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The tokens that can date a key: the key as a string, its camelCased property (when different), its aliases. */
function candidatesOf(key: string, aliases: Readonly<Record<string, readonly string[]>>): string[] {
  // The camelCased form (LaunchDarkly useFlags()) only when it differs: `beta` must not match a variable `beta`.
  const camel = camelCaseKey(key);
  return [key, ...(camel !== key ? [`${IDENT_MARK}${camel}`] : []), ...(aliases[key] ?? []).map((alias) => `${IDENT_MARK}${alias}`)];
}

/** The aliases that are constants (a camelCased `useFlags()` property is its own key: it has no definition). */
const constantsOf = (key: string, aliases: Readonly<Record<string, readonly string[]>>): readonly string[] => (aliases[key] ?? []).filter((a) => a !== key);

/**
 * Tokens the history parser records: a 200+ one is a blob of text. A one-character key is dated too: the scan
 * reports it, and "not committed yet" would be wrong (its step-2 test passes most blobs with a call, so such a key
 * costs more diffs to read, in the repositories that have one).
 */
const recordable = (token: string): boolean => token.length >= 1 && token.length <= 200;

type Failure = { ok: false; cancelled: boolean; message: string };
type StreamResult = { ok: true } | Failure;

/** Runs one git process, handing its stdout chunks to `onData`; resolves when it exits (never rejects). */
function streamGit(root: string, args: readonly string[], onData: (chunk: Buffer) => void, signal?: AbortSignal, input?: string | ((stdin: Writable) => void)): Promise<StreamResult> {
  return new Promise((resolve) => {
    // Aborted between two steps: the listener below would never fire.
    if (signal?.aborted) {
      resolve({ ok: false, cancelled: true, message: 'cancelled' });
      return;
    }
    let child;
    try {
      // Every stream is read to its end: git's output in stdio-buffer-sized pieces, not a flush per commit.
      child = spawnSafeGit(root, args, undefined, input, BUFFERED_GIT_OUTPUT);
    } catch (error) {
      resolve({ ok: false, cancelled: false, message: error instanceof Error ? error.message : String(error) });
      return;
    }
    let err = '';
    let cancelled = false;
    const onAbort = (): void => {
      cancelled = true;
      child.kill();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', onData);
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', (e) => resolve({ ok: false, cancelled, message: e.message }));
    child.on('close', (code) => {
      signal?.removeEventListener('abort', onAbort);
      if (cancelled) resolve({ ok: false, cancelled: true, message: 'cancelled' });
      else if (code !== 0) resolve({ ok: false, cancelled: false, message: err.trim().split('\n')[0] || `git ${args[0]} exited with ${code}` });
      else resolve({ ok: true });
    });
  });
}

/** Source files a commit wrote, from step 1. */
interface Walk {
  /** Commit hashes in `--reverse` order (index = position). */
  readonly commits: string[];
  /** Blob → [commit position, path] of every source-file version it was written as. */
  readonly writes: Map<string, Array<[number, string]>>;
  /** Files (source or not) each commit added or modified, by position. */
  readonly changed: number[];
  /** Each commit's author date and name (`%aI`, `%an`), by position. */
  readonly authors: Array<[string, string]>;
  /** Each commit's source-file writes in git's diff order ([path, blob, added]), by position. */
  readonly entries: Array<Array<[string, string, boolean]>>;
}

/**
 * Step 1 while it runs: the walk, filled in as git prints it, and whoever listens for the blobs it finds. Step 2
 * tests blobs as they come (its `cat-file` runs beside this `git log`, on the other core) instead of after the
 * whole history (vite with three flags: 2.3 → 1.3 s for the CLI, with the keys tested first; docs/benchmarks.md).
 */
interface LiveWalk {
  /** Complete once `done` resolves ok. */
  readonly walk: Walk;
  /** Called with each blob when first seen (its one write is in `walk.writes` then). */
  onBlob: ((blob: string) => void) | undefined;
  /** Called after each piece of git's output has been read. */
  onPiece: (() => void) | undefined;
  readonly done: Promise<StreamResult>;
}

/** Step 1: `git log --raw -z` of `range`, numbering commits and collecting the blobs written to source paths. */
function startWalk(root: string, range: string, signal?: AbortSignal): LiveWalk {
  const args = ['log', range, '--reverse', '--no-merges', '--root', '--no-renames', '--diff-filter=AM', '--raw', '--no-abbrev', '-z', '--format=%x01%H%x09%aI%x09%an'];
  const commits: string[] = [];
  const writes = new Map<string, Array<[number, string]>>();
  const changed: number[] = [];
  const authors: Array<[string, string]> = [];
  const entries: Array<Array<[string, string, boolean]>> = [];
  // The listeners step 2 sets; the walk's reader calls them through this object, which becomes the LiveWalk.
  const listeners: Pick<LiveWalk, 'onBlob' | 'onPiece'> = { onBlob: undefined, onPiece: undefined };
  const decoder = new StringDecoder('utf8'); // a chunk can end inside a character
  let pending = '';
  let blob: string | undefined; // a `:` metadata field was read; its path is the next field
  let added = false;
  const field = (text: string): void => {
    if (blob !== undefined) {
      if (languageOf(text) !== undefined && blob !== '') {
        const list = writes.get(blob);
        if (list) list.push([commits.length - 1, text]);
        else {
          writes.set(blob, [[commits.length - 1, text]]);
          listeners.onBlob?.(blob);
        }
        entries[commits.length - 1]!.push([text, blob, added]);
      }
      blob = undefined;
      return;
    }
    const start = text.charCodeAt(0) === 10 ? 1 : 0; // the newline after a commit's format line
    const c0 = text.charCodeAt(start);
    if (c0 === 1) {
      // Split as step 3 splits the same format.
      const [hash, date, author] = text.slice(start + 1).split('\t');
      commits.push(hash ?? '');
      authors.push([date ?? '', author ?? '']);
      entries.push([]);
      changed.push(0);
    } else if (c0 === 58 /* : */) {
      changed[changed.length - 1]!++;
      // `:100644 100644 <old> <new> M`; a submodule (160000) has no blob to read. Read in place, as the fields
      // `split(' ')` would give (12,000 entries in one commit on the flag checkout).
      const s1 = text.indexOf(' ', start + 1);
      const s2 = s1 < 0 ? -1 : text.indexOf(' ', s1 + 1);
      const s3 = s2 < 0 ? -1 : text.indexOf(' ', s2 + 1);
      const s4 = s3 < 0 ? -1 : text.indexOf(' ', s3 + 1);
      const newMode = s1 < 0 ? undefined : text.slice(s1 + 1, s2 < 0 ? text.length : s2);
      blob = newMode === '160000' ? '' : s3 < 0 ? '' : text.slice(s3 + 1, s4 < 0 ? text.length : s4);
      added = s4 >= 0 && text.charCodeAt(s4 + 1) === 65 /* A */ && (s4 + 2 === text.length || text.charCodeAt(s4 + 2) === 32);
    }
  };
  const done = streamGit(
    root,
    args,
    (chunk) => {
      const data = pending + decoder.write(chunk);
      let from = 0;
      for (;;) {
        const nul = data.indexOf('\0', from);
        if (nul < 0) break;
        field(data.slice(from, nul));
        from = nul + 1;
      }
      pending = data.slice(from);
      listeners.onPiece?.();
    },
    signal,
  ).then((run) => {
    if (run.ok && pending) field(pending);
    return run;
  });
  return Object.assign(listeners, { walk: { commits, writes, changed, authors, entries }, done });
}


/** git's object id of a blob with these bytes (`sha1("blob <size>\0" + bytes)`; sha256 repositories: 64 digits). */
export function gitBlobId(bytes: Uint8Array, digits = 40): string {
  return createHash(digits === 64 ? 'sha256' : 'sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/**
 * Which blobs the work tree answers for: a blob whose id equals the id of a work-tree file's bytes (at one of the
 * paths it was written to) is those bytes, so step 2's test runs on them instead of on `git cat-file` output. A
 * file whose bytes differ from every blob of its path (edited, or converted on checkout: CRLF, eol, a filter)
 * matches nothing and its blobs are read from git. Returns a decision per blob, given the [commit, path] writes
 * known of it: true when decided here (a hit is added to `hits`), false when git must be asked.
 */
function workTreeDecider(
  workTree: WorkTreeSnapshot,
  names: readonly string[],
  test: (view: string) => boolean,
  hitWithoutCall: boolean,
  indexBlobsWithoutCallName: ReadonlyMap<string, string> | undefined,
  testWithCall: (view: string) => boolean,
  matched: Map<string, Buffer>,
  hits: Set<string>,
): (blob: string, writes: ReadonlyArray<readonly [number, string]>) => boolean {
  // The scan's prefilter (`name\s*\(` on the latin1 view) saying no settles step 2's call test as no when the
  // names are the same plain identifiers and the bytes are ASCII (no byte ≥ 0x80 to stand between name and `(`)
  // without `useFlags` (step 2 also accepts it bare), and when no definition alone makes a hit (hitWithoutCall).
  const sameNames = workTree.names.length === names.length && workTree.names.every((name, i) => name === names[i] && /^[\w$]+$/.test(name));
  const ids = new Map<string, string>();
  // A blob of a file the search found without a call name (`searchWorkspace`) has none (nor `useFlags`, one of the names) either.
  const withoutCallName = !hitWithoutCall && sameNames && names.includes('useFlags') ? indexBlobsWithoutCallName : undefined;
  /** Decides `blob` at one of its paths when it can: whether it did (a hit is added to `hits`). */
  const decideAt = (blob: string, path: string): boolean => {
    if (withoutCallName !== undefined && withoutCallName.get(path) === blob) return true; // decided: no hit
    const file = workTree.files.get(path);
    if (!file) return false;
    let id = ids.get(path);
    if (id === undefined) ids.set(path, (id = gitBlobId(file.bytes, blob.length)));
    if (id !== blob) return false;
    matched.set(blob, file.bytes);
    const noCall = !hitWithoutCall && sameNames && !file.prefilterMatched && isAscii(file.bytes) && file.bytes.indexOf('useFlags') < 0;
    // The prefilter saying yes settles the call half of the test (its `\s` is within the call test's blanks).
    const settled = sameNames && file.prefilterMatched ? testWithCall : test;
    if (!noCall && settled(file.bytes.toString('latin1'))) hits.add(blob);
    return true;
  };
  // 12,000 blobs of one commit on the flag checkout, in code that runs once (not optimised yet): per blob no
  // more than a lookup and a compare when its one path has no call name (no set of paths tried).
  return (blob, writes) => {
    if (writes.length === 1) return decideAt(blob, writes[0]![1]);
    // Each of its paths once, in the order first written.
    const tried = new Set<string>();
    for (const [, path] of writes) {
      if (tried.has(path)) continue;
      tried.add(path);
      if (decideAt(blob, path)) return true;
    }
    return false;
  };
}

/**
 * Step 2: the blobs that contain a call name and one of the tokens, tested on a latin1 view of their bytes (the
 * fastest for V8's regexp; a token is searched as its UTF-8 bytes, so the test can only say yes too often).
 * Blobs the work tree holds unchanged are tested on the scan's bytes; only the others are read with cat-file.
 * Runs while step 1 walks: each blob is decided when the walk first shows it, at the paths known then, and the
 * others go to one `cat-file --batch` as they come; it resolves once both processes are done. A blob decided at
 * its first path by git that a later write would have let the work tree answer is only read from git: the test
 * and its answer are the same.
 */
async function blobsWithTokens(
  root: string,
  live: LiveWalk,
  names: readonly string[],
  wanted: ReadonlySet<string>,
  workTree: WorkTreeSnapshot | undefined,
  indexBlobs: Promise<ReadonlyMap<string, string>> | undefined,
  signal?: AbortSignal,
): Promise<{ ok: true; hits: Set<string>; bytes: Map<string, Buffer> } | Failure> {
  // A reference is searched as its last member (`FLAGS.a-b` is written `FLAGS['a-b']`); a definition anywhere.
  const texts = [...wanted].filter((t) => !t.startsWith(DEFINITION_MARK)).map((t) => latin1OfUtf8(t.startsWith(IDENT_MARK) ? t.slice(t.lastIndexOf('.') + 1).replace(/^#/, '') : t));
  const definitions = [...wanted].filter((t) => t.startsWith(DEFINITION_MARK)).map((t) => latin1OfUtf8(t.slice(1)));
  // Factored by common prefixes (the same strings): 200 keys with their camelCased forms are 400 literals.
  const tokenPattern = new RegExp(texts.length > 0 ? alternationOf(texts) : '(?!)');
  const definitionPattern = definitions.length ? new RegExp(definitions.map(escapeRegExp).join('|')) : undefined;
  // The line regexp's `\s*\(`, widened to any byte ≥ 0x80: a Unicode space is such bytes in UTF-8.
  const callPattern = new RegExp(`(?<![\\w$])${alternationOf(names)}(?:<[^()\\n]{0,200}>)?(?:\\s|[\\x80-\\xff])*\\(|\\buseFlags\\b`);
  // A blob with a definition of a wanted constant is a hit without a call. The tokens are tested first: they are
  // a few literals, rarer than the call names (`getValue`, `variation`) and much cheaper to look for than their
  // alternation with its lookbehind. On vite with three flag keys, 19,000 blobs: 1,320 ms in the call pattern
  // first, 245 ms in the tokens first (docs/benchmarks.md, "Flags on a real history with flags").
  const test = (view: string): boolean => (tokenPattern.test(view) && callPattern.test(view)) || definitionPattern?.test(view) === true;
  const testWithCall = (view: string): boolean => tokenPattern.test(view) || definitionPattern?.test(view) === true;
  const hits = new Set<string>();
  const bytes = new Map<string, Buffer>();
  const decide = workTree ? workTreeDecider(workTree, names, test, definitionPattern !== undefined, await indexBlobs, testWithCall, bytes, hits) : undefined;

  // `<oid> blob <size>\n<bytes>\n` per object; `<oid> missing\n` for one the clone lacks (partial clone).
  let parts: Buffer[] = [];
  let have = 0;
  let need = -1; // bytes of the current object still expected (content + its newline); -1: reading a header
  let current = '';
  const take = (chunk: Buffer): void => {
    let offset = 0;
    while (offset < chunk.length) {
      if (need < 0) {
        const nl = chunk.indexOf(10, offset);
        if (nl < 0) {
          parts.push(chunk.subarray(offset));
          have += chunk.length - offset;
          return;
        }
        parts.push(chunk.subarray(offset, nl));
        const header = Buffer.concat(parts).toString('latin1').split(' ');
        parts = [];
        have = 0;
        offset = nl + 1;
        if (header[1] === 'missing' || header.length < 3) continue;
        current = header[0]!;
        need = Number(header[2]) + 1;
        continue;
      }
      const end = Math.min(chunk.length, offset + need - have);
      parts.push(chunk.subarray(offset, end));
      have += end - offset;
      offset = end;
      if (have === need) {
        const view = (parts.length === 1 ? parts[0]! : Buffer.concat(parts)).toString('latin1', 0, need - 1);
        if (test(view)) hits.add(current);
        parts = [];
        have = 0;
        need = -1;
      }
    }
  };
  // cat-file starts at the first blob the work tree does not answer for (none: no process); `--buffer`: no flush
  // after each object (three writes an object), its output is read to the end anyway.
  let stdin: Writable | undefined;
  let reading: Promise<StreamResult> | undefined;
  let queued: string[] = [];
  const feed = (): void => {
    if (queued.length === 0 || signal?.aborted) return;
    const text = `${queued.join('\n')}\n`;
    queued = [];
    if (reading === undefined) reading = streamGit(root, ['cat-file', '--batch', '--buffer'], take, signal, (pipe) => (stdin = pipe).write(text));
    else stdin?.write(text); // no stdin: git did not start, and `reading` says why
  };
  const consider = (writes: ReadonlyArray<readonly [number, string]>, blob: string): void => {
    if (!decide?.(blob, writes)) queued.push(blob);
  };
  // What the walk has shown so far (all of it when it is done), then each new blob with its one write so far.
  live.walk.writes.forEach(consider);
  feed();
  live.onBlob = (blob) => consider(live.walk.writes.get(blob)!, blob);
  live.onPiece = feed;
  const walked = await live.done;
  live.onBlob = undefined;
  live.onPiece = undefined;
  if (!walked.ok) {
    stdin?.destroy();
    if (reading) await reading;
    return walked;
  }
  feed();
  stdin?.end();
  const run = reading ? await reading : ({ ok: true } as const);
  return run.ok ? { ok: true, hits, bytes } : run;
}

/**
 * Whether step 3 should pass the paths to git: a pathspec costs git a match per tree entry and commit (50 paths
 * over 10,000 commits: 0.66 s against 0.23 s without), which pays only when it spares diffs of other files
 * (vite, 1,193 commits: 0.15 s with 88 paths, 0.93 s without). Without one, the other files are skipped here.
 */
function limitToPaths(walk: Walk, commits: readonly number[], paths: ReadonlySet<string>): boolean {
  const read = new Set(commits);
  let all = 0;
  for (const at of commits) all += walk.changed[at]!;
  let kept = 0;
  for (const writes of walk.writes.values()) for (const [at, path] of writes) if (read.has(at) && paths.has(path)) kept++;
  return kept * 2 < all;
}

const DESTRUCTURING_END = /^\+\s*\}[^{=]*=\s*useFlags\b/;

/** Lines above a `} = useFlags()` read as its destructuring (one property a line: as many flags). */
const MAX_DESTRUCTURING_LINES = 50;

/** Beyond this many bytes of paths, step 3 runs without a pathspec (a command line has a limit) and filters here. */
const MAX_PATHSPEC_BYTES = 128 * 1024;

/**
 * Step 3: the zero-context diffs of `commits` (positions in the walk) at `paths`; every wanted token on an added
 * flag call line (or the two added lines after one) is recorded at its earliest commit.
 */
async function readDiffs(
  root: string,
  walk: Walk,
  commits: readonly number[],
  paths: ReadonlySet<string>,
  names: readonly string[],
  wanted: ReadonlySet<string>,
  tokens: Record<string, Intro>,
  startIndex: number,
  signal?: AbortSignal,
  split: DiffSources = { fromWorkTree: new Map(), fromGit: commits, gitPaths: paths },
): Promise<StreamResult> {
  const alternation = alternationOf(names);
  const call = new RegExp(`(?<![\\w$])${alternation}(?:<[^()\\n]{0,200}>)?\\s*\\(|\\buseFlags\\b`);
  // The same test over a whole text: `\s` is `[^\S\n]` there, so that no match spans lines.
  const wholeTextCall = new RegExp(`(?<![\\w$])${alternation}(?:<[^()\\n]{0,200}>)?[^\\S\\n]*\\(|\\buseFlags\\b`, 'g');
  const position = new Map<string, number>();
  for (const at of commits) position.set(walk.commits[at]!, at);
  const { fromWorkTree, fromGit, gitPaths } = split;
  let index = 0;
  let hash = '';
  let date = '';
  let author = '';
  let file = '';
  let source = false; // the current file is one the scanner reads (and one step 2 kept)
  let carry = 0; // added lines after a call line that still count (multi-line calls)
  // Consecutive added lines before the current one: a `useFlags()` destructuring opens lines above its call.
  let above: string[] = [];
  const definitions = [...wanted].some((t) => t.startsWith(DEFINITION_MARK));
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let overlong = false; // the current line passed MAX_HISTORY_LINE
  // Within one commit the file first in git's diff order wins: log -p prints them in that order, and a commit
  // read partly from the work tree is read in two pieces.
  const orders = new Map<number, Map<string, number>>();
  const orderOf = (path: string): number => {
    const at = index - startIndex;
    let order = orders.get(at);
    if (!order) {
      // Built at the first tie in the commit (12,000 entries in the flag checkout's one commit): no pair per entry.
      order = new Map<string, number>();
      const entries = walk.entries[at] ?? [];
      for (let i = 0; i < entries.length; i++) order.set(entries[i]![0], i); // as new Map(pairs): the last wins
      orders.set(at, order);
    }
    return order.get(path) ?? Number.MAX_SAFE_INTEGER;
  };
  const record = (token: string): void => {
    if (!wanted.has(token)) return;
    const known = tokens[token];
    if (!known || index < known[0] || (index === known[0] && known[4] !== file && orderOf(file) < orderOf(known[4]))) {
      tokens[token] = [index, hash, date, author, file];
    }
  };
  // A line of a flag call (or one of the two after it) records its strings and references; a line above a call
  // closing a destructuring, its references.
  // The identifiers among the wanted tokens: a chain that is one identifier (most) makes its token only then.
  const wantedIdentifiers = new Set<string>();
  for (const token of wanted) if (token.startsWith(IDENT_MARK)) wantedIdentifiers.add(token.slice(IDENT_MARK.length));
  const recordReferences = (text: string): void => {
    REFERENCE.lastIndex = 0;
    for (let m = REFERENCE.exec(text); m; m = REFERENCE.exec(text)) {
      const chain = m[0];
      if (chain.includes('.') || chain.includes('[')) for (const token of referenceTokens(chain)) record(token);
      else if (wantedIdentifiers.has(chain)) record(`${IDENT_MARK}${chain}`); // referenceTokens(chain): that one token
    }
  };
  const recordCarried = (text: string): void => {
    for (const value of stringsOf(text)) record(value);
    recordReferences(text);
  };
  const recordAbove = recordReferences;
  const startFile = (path: string): void => {
    file = path;
    source = file !== '' && paths.has(file) && languageOf(file) !== undefined;
    carry = 0;
    above = [];
  };
  const line = (text: string): void => {
    const c0 = text.charCodeAt(0);
    if (c0 === 1) {
      const [h, d, a] = text.slice(1).split('\t');
      hash = h ?? '';
      date = d ?? '';
      author = a ?? '';
      index = startIndex + (position.get(hash) ?? 0);
      carry = 0;
      above = [];
      return;
    }
    if (c0 === 43 /* + */) {
      if (text.length > MAX_HISTORY_LINE) {
        carry = 0;
        above = [];
        return;
      }
      if (text.startsWith('+++ ')) {
        startFile(diffTargetPath(text.slice(4)));
        return;
      }
      if (!source) return;
      if (definitions) for (const value of stringsOf(text)) record(`${DEFINITION_MARK}${value}`);
      if (call.test(text)) {
        carry = 3;
        if (DESTRUCTURING_END.test(text)) {
          // `} = useFlags()` closing a destructuring: its lines up to the one with the `{` name the properties.
          for (let k = above.length - 1; k >= 0; k--) {
            recordAbove(above[k]!);
            if (above[k]!.includes('{')) break;
          }
        }
      }
      above.push(text);
      if (above.length > MAX_DESTRUCTURING_LINES) above.shift();
      if (carry <= 0) return;
      carry--;
      recordCarried(text);
      return;
    }
    if (c0 !== 32) {
      carry = 0; // a hunk header or removed line ends a multi-line call
      above = [];
    }
  };
  // Commits whose diffs are new files held unchanged by the work tree: their added lines are those files' lines,
  // in git's diff order (step 1's), read here as \`log -p -U0\` would print them (no git process when all are).
  for (const [at, files] of fromWorkTree) {
    const [date, author] = walk.authors[at]!;
    line(`\u0001${walk.commits[at]}\t${date}\t${author}`);
    for (const [path, bytes, byLine] of files) {
      startFile(path);
      const text = bytes.toString('utf8');
      // Only the lines that can record anything, unless a line would read as a diff header (`++ …` added is
      // `+++ …`), one is too long (it ends a call's window) or definitions are wanted (then every line's strings
      // count): the same records (`callWindows`).
      if (!definitions && !byLine && !text.startsWith('++ ') && !text.includes('\n++ ')) {
        if (source) callWindows(text, wholeTextCall, (from, to) => recordCarried(`+${text.slice(from, to)}`), (from, to) => recordAbove(`+${text.slice(from, to)}`));
        continue;
      }
      let from = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
        line(`+${text.slice(from, nl)}`);
        from = nl + 1;
      }
      if (from < text.length) line(`+${text.slice(from)}`);
    }
  }
  if (fromGit.length === 0) return { ok: true };
  const pathList = [...gitPaths];
  const pathspec = limitToPaths(walk, fromGit, gitPaths) && pathList.reduce((n, p) => n + p.length + 1, 0) <= MAX_PATHSPEC_BYTES ? ['--', ...pathList] : [];
  const args = [
    '--literal-pathspecs', 'log', '--no-walk=unsorted', '--stdin', '--root', '--format=%x01%H%x09%aI%x09%an', '-p', '-U0', '--no-color',
    ...NO_DIFF_PROGRAMS, '--no-renames', '--diff-filter=AM', ...pathspec,
  ];
  const run = await streamGit(
    root,
    args,
    (chunk) => {
      // Only the new text is searched: rescanning the pending part made a 20 MB line quadratic; a line past
      // MAX_HISTORY_LINE is dropped up to its end, never buffered.
      const text = decoder.write(chunk);
      let from = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
        if (overlong) overlong = false;
        else line(pending + text.slice(from, nl));
        pending = '';
        from = nl + 1;
      }
      if (overlong) return;
      pending += text.slice(from);
      if (pending.length > MAX_HISTORY_LINE) {
        // As \`line\` drops a line too long (its lines above too): the same whichever chunk the line ends in.
        pending = '';
        overlong = true;
        carry = 0;
        above = [];
      }
    },
    signal,
    `${fromGit.map((at) => walk.commits[at]).join('\n')}\n`,
  );
  if (run.ok && pending) line(pending);
  return run;
}

/**
 * The lines of a new file (every line added) that step 3's line reader records anything from: a line with a flag
 * call and the two after it (a call split over lines; a call among them extends the run), each once, to `carried`;
 * above a call line that closes a `useFlags()` destructuring, the lines its reader keeps (up to 50, nearest first,
 * up to the one with the `{`), to `above`. Without definitions wanted no other line records a token, and no line
 * changes what another records (in the files given here no line is a header, a hunk or too long); `record` keeps a
 * token's first commit and file in any order. So these lines alone give the reader's tokens. `call` is the
 * per-line test made global over the text. Exported for tests.
 */
export function callWindows(text: string, call: RegExp, carried: (from: number, to: number) => void, above: (from: number, to: number) => void): void {
  const lineEnd = (at: number): number => {
    const nl = text.indexOf('\n', at);
    return nl < 0 ? text.length : nl;
  };
  // The start of the line ending at the newline `nl` (0 for the first line; `lastIndexOf` clamps -1 to 0).
  const lineStart = (nl: number): number => (nl <= 0 ? 0 : text.lastIndexOf('\n', nl - 1) + 1);
  let visited = 0; // lines starting before this offset were given to `carried`
  call.lastIndex = 0;
  for (let match = call.exec(text); match; match = call.exec(text)) {
    const start = match.index === 0 ? 0 : text.lastIndexOf('\n', match.index - 1) + 1;
    const end = lineEnd(match.index);
    if (DESTRUCTURING_END.test(`+${text.slice(start, end)}`)) {
      for (let k = 0, nl = start - 1; k < MAX_DESTRUCTURING_LINES && nl >= 0; k++) {
        const from = lineStart(nl);
        above(from, nl);
        if (text.slice(from, nl).includes('{')) break;
        nl = from - 1;
      }
    }
    let from = start;
    for (let k = 0; k < 3 && from < text.length; k++) {
      const to = lineEnd(from);
      if (from >= visited) carried(from, to);
      from = to + 1;
    }
    visited = Math.max(visited, from);
    call.lastIndex = Math.max(end + 1, call.lastIndex);
  }
}

/**
 * How step 3 reads a new file's bytes from the work tree: not at all when git's diff reads them as binary (a NUL in
 * the first 8,000), line by line when a line is one step 3 drops (too long: the lines around it change), else
 * only the lines around calls (`callWindows`).
 */
function workTreeDiffMode(bytes: Buffer): 'binary' | 'lines' | 'windows' {
  // No view of the first 8,000 bytes (a Buffer each): a NUL found further away reads as none.
  const nul = bytes.indexOf(0);
  if (nul >= 0 && nul < 8000) return 'binary';
  if (bytes.length < MAX_HISTORY_LINE) return 'windows';
  for (let from = 0; ; ) {
    const nl = bytes.indexOf(10, from);
    const end = nl < 0 ? bytes.length : nl;
    // Characters are at most bytes: a line of fewer bytes is a line of fewer characters.
    if (end - from >= MAX_HISTORY_LINE - 1) return 'lines';
    if (nl < 0) return 'windows';
    from = nl + 1;
  }
}

/** Where step 3 reads each commit's diff: new files the work tree holds, and git for the rest. */
interface DiffSources {
  /**
   * By commit position: new files at `paths` held unchanged by the work tree, in git's diff order, each with
   * whether it must be read line by line (a line too long for step 3).
   */
  readonly fromWorkTree: ReadonlyMap<number, ReadonlyArray<readonly [string, Buffer, boolean]>>;
  /** Commits (sorted positions) with a file at `paths` that only git can show. */
  readonly fromGit: readonly number[];
  /** The paths git must show (a pathspec may limit it to them; other files of `paths` are read again, harmlessly). */
  readonly gitPaths: ReadonlySet<string>;
}

/**
 * Which of step 3's diffs the work tree answers: a new file (status A) at one of `paths` whose blob id is the id of
 * work-tree bytes is, in `log -p -U0`, exactly those bytes' lines as added lines. Only for paths whose `diff`
 * attribute is known unspecified (else binary, or a driver: git prints other lines or none), never for bytes git's
 * diff reads as binary; bytes with a line step 3 drops are read line by line. git shows the rest, limited to their
 * paths. The flag checkout's one commit is then read from the work tree alone: no `log -p` (issue #16).
 */
async function newFilesFromWorkTree(
  walk: Walk,
  commits: readonly number[],
  paths: ReadonlySet<string>,
  bytesOf: ReadonlyMap<string, Buffer>,
  workTree: WorkTreeSnapshot | undefined,
): Promise<DiffSources> {
  const all: DiffSources = { fromWorkTree: new Map(), fromGit: commits, gitPaths: paths };
  if (bytesOf.size === 0 || !workTree?.plainDiff) return all;
  const plainDiff = await workTree.plainDiff();
  if (!plainDiff) return all;
  const modes = new Map<string, ReturnType<typeof workTreeDiffMode>>();
  const fromWorkTree = new Map<number, Array<readonly [string, Buffer, boolean]>>();
  const fromGit: number[] = [];
  const gitPaths = new Set<string>();
  for (const at of commits) {
    const files: Array<readonly [string, Buffer, boolean]> = [];
    let git = false;
    // Indexed, not destructured: 12,000 entries in the flag checkout's one commit, in code that runs once (not
    // optimised: a destructuring there is the iterator protocol per entry).
    const entries = walk.entries[at]!;
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i]!;
      const path = entry[0];
      if (!paths.has(path)) continue;
      const blob = entry[1];
      const added = entry[2];
      const bytes = bytesOf.get(blob);
      let mode = modes.get(blob);
      if (bytes && mode === undefined) modes.set(blob, (mode = workTreeDiffMode(bytes)));
      if (added && bytes && mode !== undefined && mode !== 'binary' && plainDiff.has(path)) files.push([path, bytes, mode === 'lines']);
      else {
        git = true;
        gitPaths.add(path);
      }
    }
    if (files.length) fromWorkTree.set(at, files);
    if (git) fromGit.push(at);
  }
  return { fromWorkTree, fromGit, gitPaths };
}

/** Steps 1–3 over `range` for the `wanted` tokens; first appearances go into `tokens`, numbered from startIndex. */
async function readHistory(
  root: string,
  range: string,
  names: readonly string[],
  wanted: ReadonlySet<string>,
  tokens: Record<string, Intro>,
  startIndex: number,
  workTree: WorkTreeSnapshot | undefined,
  signal?: AbortSignal,
  walking?: LiveWalk,
): Promise<{ ok: true; commits: number } | Failure> {
  // The index blobs of files without a call name are asked for while git walks the history.
  const indexBlobs = wanted.size ? workTree?.withoutCallName?.() : undefined;
  // A walk of its own stops when step 2 fails (a walk started early is the caller's to stop).
  const stop = walking ? undefined : new AbortController();
  const live = walking ?? startWalk(root, range, signal && stop ? AbortSignal.any([signal, stop.signal]) : stop?.signal);
  if (wanted.size === 0) {
    const walked = await live.done;
    return walked.ok ? { ok: true, commits: live.walk.commits.length } : walked;
  }
  const found = await blobsWithTokens(root, live, names, wanted, workTree, indexBlobs, signal);
  if (!found.ok) {
    stop?.abort();
    return found;
  }
  const walk = live.walk;
  const commits = new Set<number>();
  const paths = new Set<string>();
  for (const blob of found.hits) {
    for (const [at, path] of walk.writes.get(blob)!) {
      commits.add(at);
      paths.add(path);
    }
  }
  if (commits.size > 0) {
    const sorted = [...commits].sort((a, b) => a - b);
    const sources = await newFilesFromWorkTree(walk, sorted, paths, found.bytes, workTree);
    const read = await readDiffs(root, walk, sorted, paths, names, wanted, tokens, startIndex, signal, sources);
    if (!read.ok) return read;
  }
  return { ok: true, commits: walk.commits.length };
}

async function readDiskCache(storageDir: string | undefined, root: string, signature: string): Promise<HistoryIndex | undefined> {
  if (!storageDir) return undefined;
  try {
    const data = JSON.parse(await readFile(join(storageDir, 'flag-ages.json'), 'utf8')) as HistoryIndex;
    const valid = data.version === CACHE_VERSION && data.root === root && data.signature === signature && typeof data.head === 'string' && Array.isArray(data.covered);
    return valid ? data : undefined;
  } catch {
    return undefined;
  }
}

async function writeDiskCache(storageDir: string | undefined, index: HistoryIndex): Promise<void> {
  if (!storageDir) return;
  try {
    await mkdir(storageDir, { recursive: true });
    const tmp = join(storageDir, `flag-ages.json.${process.pid}.tmp`);
    await writeFile(tmp, JSON.stringify(index));
    await rename(tmp, join(storageDir, 'flag-ages.json'));
  } catch {
    // A cache that cannot be written only costs the next reload a history pass.
  }
}

function agesFrom(index: HistoryIndex, keys: readonly string[], aliases: Readonly<Record<string, readonly string[]>>): Record<string, FlagAge> {
  const ages: Record<string, FlagAge> = {};
  for (const key of keys) {
    let best: Intro | undefined;
    let bestToken = '';
    for (const token of candidatesOf(key, aliases)) {
      const intro = index.tokens[token];
      if (intro && (!best || intro[0] < best[0])) [best, bestToken] = [intro, token];
    }
    // Dated by a constant's call line: not before the key itself was written (a definition changed to it).
    const definition = index.tokens[`${DEFINITION_MARK}${key}`];
    if (best && definition && definition[0] > best[0] && constantsOf(key, aliases).some((a) => `${IDENT_MARK}${a}` === bestToken)) best = definition;
    if (best) ages[key] = { introducedAt: best[2], introducedBy: best[3], commit: best[1], ...(best[4] ? { file: best[4] } : {}) };
  }
  return ages;
}

/**
 * The history pass's first git processes, started before the scan is done: `rev-parse --verify -q HEAD`, then
 * step 1 over the whole history up to it. Stopped with `cancel` (or the caller's signal) when not used.
 */
export interface EarlyHistory {
  readonly root: string;
  readonly head: Promise<SpawnedGitResult>;
  /** Step 1 over `range` (the HEAD read) as it runs, or undefined when there is no HEAD. */
  readonly walk: Promise<{ range: string; live: LiveWalk } | undefined>;
  /** Ends whichever process still runs; harmless once they are done or used. */
  cancel(): void;
}

/**
 * Starts the processes of a history pass that do not depend on the scan (issue #16): for a caller that will run
 * `computeFlagAges(root, { early })` without a cache to consult (the CLI), while the scan lexes files.
 */
export function startHistoryEarly(root: string, signal?: AbortSignal, knownHead?: Promise<string | undefined>): EarlyHistory {
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  if (signal?.aborted) stop.abort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  // HEAD as the caller's repository lookup read it (no process), else as the pass would read it.
  const readHead = (): Promise<SpawnedGitResult> => spawnGit(root, ['rev-parse', '--verify', '-q', 'HEAD'], stop.signal);
  const head = knownHead
    ? knownHead.then((id): Promise<SpawnedGitResult> | SpawnedGitResult => (id === undefined ? readHead() : { ok: true, out: `${id}\n`, err: '', code: 0 }))
    : readHead();
  const walk = head.then((out) => {
    if (!out.ok || stop.signal.aborted) return undefined;
    const range = out.out.trim();
    return { range, live: startWalk(root, range, stop.signal) };
  });
  void walk.then((started) => started?.live.done).finally(() => signal?.removeEventListener('abort', onAbort));
  return { root, head, walk, cancel: () => stop.abort() };
}

/** Whether a pass over `root` might be answered by the in-memory cache (then nothing is started early). */
export function hasCachedFlagAges(root: string): boolean {
  for (const key of memory.keys()) if (key.startsWith(`${root}\0`)) return true;
  return false;
}

/**
 * The commit that first put each key (or one of its aliases: the constant / `FLAGS.A` reference used at a call
 * site, the camelCased `useFlags()` property) on a flag call line. No keys: no history read. Cached by HEAD.
 */
export async function computeFlagAges(root: string, options: FlagAgeOptions): Promise<FlagAgeResult> {
  const early = options.early?.root === root ? options.early : undefined;
  if (options.early && !early) options.early.cancel();
  try {
    return await computeFlagAgesWith(root, options, early);
  } finally {
    early?.cancel();
  }
}

async function computeFlagAgesWith(root: string, options: FlagAgeOptions, early: EarlyHistory | undefined): Promise<FlagAgeResult> {
  const patterns: readonly FlagCallPattern[] = options.patterns ?? [];
  const names = callNames([...BUILTIN_FLAG_PATTERNS, ...patterns]).map((n) => n.replace(/[^\w$]/g, ''));
  const signature = signatureOf(names);
  const aliases = options.aliases ?? {};
  if (options.signal?.aborted) return { ok: false, kind: 'cancelled', message: 'cancelled' };

  // Every git process of the pass gets the signal: cancelling ends whichever runs (the editor's Cancel button).
  const cancelled = { ok: false, kind: 'cancelled', message: 'cancelled' } as const;
  const headOut = await (early?.head ?? spawnGit(root, ['rev-parse', '--verify', '-q', 'HEAD'], options.signal));
  if (options.signal?.aborted) return cancelled;
  if (!headOut.ok) {
    const inside = await spawnGit(root, ['rev-parse', '--is-inside-work-tree'], options.signal);
    if (options.signal?.aborted) return cancelled;
    if (!inside.ok) return { ok: false, kind: 'not-a-repository', message: `not a git repository: ${root}` };
    return { ok: true, ages: {}, head: null, cached: false, commitsRead: 0 }; // no commit yet
  }
  const head = headOut.out.trim();
  const wanted = new Set(
    options.keys
      .flatMap((key) => [...candidatesOf(key, aliases), ...(constantsOf(key, aliases).length ? [`${DEFINITION_MARK}${key}`] : [])])
      .filter(recordable),
  );
  // Nothing to date (a repository without flags): no history pass at all.
  if (wanted.size === 0) return { ok: true, ages: {}, head, cached: false, commitsRead: 0 };

  const memoKey = `${root}\0${signature}`;
  let base = memory.get(memoKey);
  if (!base || base.head !== head) base = (await readDiskCache(options.storageDir, root, signature)) ?? base;
  const covered = new Set(base?.covered ?? []);
  const allCovered = [...wanted].every((token) => covered.has(token));
  if (base && allCovered && base.head === head) {
    memory.set(memoKey, base);
    return { ok: true, ages: agesFrom(base, options.keys, aliases), head, cached: true, commitsRead: 0 };
  }
  // Incremental when every token is covered and the cached HEAD is an ancestor of the new one (a pull, a commit).
  let range = head;
  let tokens: Record<string, Intro> = {};
  let start = 0;
  let tokensToRead: Set<string> = wanted;
  if (base) {
    const ancestor = base.head === head || (await spawnGit(root, ['merge-base', '--is-ancestor', base.head, head], options.signal)).ok;
    if (options.signal?.aborted) return cancelled;
    if (ancestor && allCovered) {
      range = `${base.head}..${head}`;
      tokens = { ...base.tokens };
      start = base.commits;
      tokensToRead = covered;
    } else if (ancestor) {
      // A token not covered needs the whole history; read the covered ones again too, so all share one numbering.
      tokensToRead = new Set([...covered, ...wanted]);
    }
  }
  // Step 1 started early read the whole history up to this HEAD: it serves a pass without a base only.
  const prewalked = !base && early ? await early.walk : undefined;
  const walking = prewalked?.range === range ? prewalked.live : undefined;
  const read = await readHistory(root, range, names, tokensToRead, tokens, start, options.workTree, options.signal, walking);
  if (!read.ok) {
    return read.cancelled || options.signal?.aborted
      ? cancelled
      : { ok: false, kind: 'git-failed', message: read.message };
  }
  const index: HistoryIndex = { version: CACHE_VERSION, root, head, signature, commits: start + read.commits, covered: [...tokensToRead], tokens };
  memory.set(memoKey, index);
  await writeDiskCache(options.storageDir, index);
  return { ok: true, ages: agesFrom(index, options.keys, aliases), head, cached: false, commitsRead: read.commits };
}

/** Forget the in-memory cache (tests, "reload"). */
export function clearFlagAgeCache(): void {
  memory.clear();
}
