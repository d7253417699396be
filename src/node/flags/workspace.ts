// The workspace side of the flag scanner: which files to read (git's own ignore rules in one `git ls-files`
// call, or a directory walk), reading them (skipping binary, minified and large files), the two-pass constant
// resolve, and the incremental rescan of one file.
import { isAscii } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { join, relative, sep } from 'node:path';
import { BUILTIN_FLAG_PATTERNS, FLAG_SOURCE_EXTENSIONS, buildConstantIndex, callNames, languageOf, resolveCallSites, scanSource } from '../../core/flags';
import type { ConstantIndex, FileFlagScan, FlagCallPattern, SkippedFile, WorkspaceFlagScan } from '../../core/flags/types';
import type { ListFilesOptions, SearchWorkerOption, WorkTreeFile, WorkTreeSnapshot, WorkspaceScanOptions } from './types';
import { spawnGit } from '../git';
import type { SpawnedGitResult } from '../git';
import { alternationOf, escapeRegExp } from '../../core/regexp';
import { CallNameSearch, callNameAnchors, latin1OfUtf8, wordCallAt } from './callNameSearch';
import type { SearchBatch, SearchBatchAnswer, SearchedFile, SearchWorkerData } from './callNameSearch';
import { eventLoopSlices } from '../eventLoopSlices';

export { CallNameSearch, callNameAnchors, callNameSearchRegExp } from './callNameSearch';

const DEFAULT_MAX_BYTES = 1024 * 1024;
const DEFAULT_MAX_LINE = 2000;
/** Bytes of files without a call kept in memory for pass 2 (and, when asked, for the history pass). */
const KEPT_BYTES = 128 * 1024 * 1024;
const NEVER = /(^|\/)(node_modules|\.git)(\/|$)/;

/** A VS Code-style glob (`**`, `*`, `?`, `{a,b}`, `[abc]`) as a RegExp over `/`-separated relative paths. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  let inGroup = false;
  const g = glob.replace(/^\.\//, '').replace(/\/+$/, '');
  for (let i = 0; i < g.length; i++) {
    const c = g[i]!;
    if (c === '*') {
      if (g[i + 1] === '*') {
        i++;
        if (g[i + 1] === '/') {
          i++;
          re += '(?:.*/)?';
        } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      inGroup = true;
      re += '(?:';
    } else if (c === '}' && inGroup) {
      inGroup = false;
      re += ')';
    } else if (c === ',' && inGroup) re += '|';
    else if (c === '[') {
      const close = g.indexOf(']', i);
      if (close > i) {
        re += '[' + g.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
        i = close;
      } else re += '\\[';
    } else re += /[.+^$()|\\]/.test(c) ? '\\' + c : c;
  }
  return new RegExp(`^${re}$`);
}

/** Whether a relative path, or one of its parent folders, matches one of the globs (files.exclude semantics). */
export function makeExcluder(globs: readonly string[] | undefined): (file: string) => boolean {
  if (!globs?.length) return () => false;
  const regexps = globs.map(globToRegExp);
  return (file) => {
    let prefix = file;
    for (;;) {
      if (regexps.some((re) => re.test(prefix))) return true;
      const slash = prefix.lastIndexOf('/');
      if (slash < 0) return false;
      prefix = prefix.slice(0, slash);
    }
  };
}

/**
 * The file extensions `languageOf` knows as git pathspecs in any case (`*.[tT][sS]`: `languageOf` lower-cases).
 * Not `:(icase)`: git 2.39 with it and `--untracked` finds no tracked file below a subfolder it runs in.
 */
const SOURCE_PATHSPECS = [...FLAG_SOURCE_EXTENSIONS.keys()].map(
  (ext) => `*.${[...ext].map((c) => `[${c}${c.toUpperCase()}]`).join('')}`,
);

/**
 * The environment of a `git grep -P`: the C locale makes PCRE match bytes (no UTF mode, ASCII `\w`), as the
 * latin1 view does here; pathspec magic must stay on whatever the user's environment says.
 */
const GREP_ENV = { LC_ALL: 'C', GIT_LITERAL_PATHSPECS: '0', GIT_NOGLOB_PATHSPECS: '0', GIT_GLOB_PATHSPECS: '0', GIT_ICASE_PATHSPECS: '0' };

/**
 * The source files (tracked, or untracked and not ignored) in which `pattern` (PCRE, byte-wise) matches, from one
 * `git grep -l`: the reference the in-process search is held to (tests), and its stand-in when the list of ignored
 * tracked files cannot be had; pass 2 still asks it for the files that mention a constant. The
 * options pin what a configuration could change (grep.threads, grep.fullName, color.grep, submodule.recurse).
 * Undefined when git cannot (built without PCRE, an old git, not a repository): the caller then reads every file.
 */
export async function gitGrepFiles(
  root: string,
  pattern: string,
  signal?: AbortSignal,
  onFirstFile?: () => void,
  onNames?: (chunk: string) => void,
): Promise<Set<string> | undefined> {
  const args = [
    'grep', '-l', '-z', '--untracked', '--no-color', '--no-full-name', '--no-recurse-submodules', '--no-textconv',
    `--threads=${availableParallelism()}`, '-P', '-e', pattern, '--', ...SOURCE_PATHSPECS,
  ];
  let named = onFirstFile === undefined;
  const onStdout = (chunk: string): void => {
    onNames?.(chunk);
    if (named || chunk === '') return;
    named = true;
    onFirstFile!();
  };
  const run = await spawnGit(root, args, signal, { env: GREP_ENV, onStdout });
  // Exit 1 with nothing on stderr: no file matched. Anything else (128: an error) is no answer.
  if (signal?.aborted || !(run.code === 0 || (run.code === 1 && run.out === '' && run.err.trim() === ''))) return undefined;
  return new Set(run.out.split('\0').filter(Boolean));
}

/**
 * A byte-wise PCRE that matches wherever the scan's prefilter (or the history's call test) can: a call name not
 * preceded by an ASCII letter, digit or `_`, its type arguments, then `(` after blanks or bytes >= 0x80 (the
 * latin1 view's `\s` is ASCII whitespace and 0xA0), or the end of the line (git matches line by line, and a call
 * can open on the next one); or `useFlags` alone, which the history's test accepts without a call.
 */
export function callNameGrepPattern(names: readonly string[]): string {
  return `(?<![A-Za-z0-9_])(?:${alternationOf(names)}(?:<[^()\\n]{0,200}>)?[\\t\\x0b\\f\\r \\x80-\\xff]*(?:\\(|$)|useFlags)`;
}

/**
 * Tracked files that match an ignore rule (themselves or a parent folder): `git ls-files` lists them, but
 * `git grep --untracked` walks the work tree with the ignore rules and never reads them, so the scan never did.
 */
function trackedIgnoredFiles(root: string, signal?: AbortSignal): Promise<Set<string> | undefined> {
  return spawnGit(root, ['ls-files', '-z', '--cached', '--ignored', '--exclude-standard'], signal).then((run) =>
    run.ok ? new Set(run.out.split('\0').filter(Boolean)) : undefined,
  );
}

/** Listed paths per batch for the search's worker, and batches it holds at once (it never waits for the next). */
const WORKER_BATCH = 256;
const WORKER_BATCHES_IN_FLIGHT = 3;

/** What the streaming search of a workspace found. */
export interface WorkspaceSearch {
  /** `git ls-files`' listing (tracked and untracked-not-ignored, in its order), or undefined without git. */
  readonly listed: string[] | undefined;
  /** The listed source files (`filterSourceFiles` of `listed`, as the search took them), with the listing. */
  readonly sources?: string[];
  /** The listed source files git grep would name (see `CallNameSearch`); undefined without a listing. */
  readonly named: Set<string> | undefined;
  /** The tracked files an ignore rule matches (git grep reads none), when asked (a file was named) and known. */
  readonly trackedIgnored?: ReadonlySet<string>;
}

/**
 * The files among `files` in which `git grep -P '\b(?:names)\b'` (byte-wise) finds a name, searched here (pass 2 of
 * the scan: the files that may define a constant a call site uses): the files git grep reads (`CallNameSearch.read`;
 * never one of `trackedIgnored`), each tested on its latin1 view with the names as latin1 views of their UTF-8
 * bytes. `\b` is ASCII in both, and a name never spans a line. Exported for tests.
 */
export async function filesMentioning(
  root: string,
  files: readonly string[],
  names: readonly string[],
  trackedIgnored: ReadonlySet<string>,
  signal?: AbortSignal,
): Promise<Set<string>> {
  const mention = new RegExp(`\\b(?:${names.map((name) => escapeRegExp(latin1OfUtf8(name))).join('|')})\\b`);
  const reader = new CallNameSearch([]);
  const prefix = root.endsWith('/') || root.endsWith(sep) ? root : `${root}/`;
  const found = new Set<string>();
  const slices = eventLoopSlices();
  for (const file of files) {
    const turn = slices.next();
    if (turn) {
      await turn;
      if (signal?.aborted) break;
    }
    if (found.has(file) || trackedIgnored.has(file)) continue;
    const bytes = reader.read(prefix + file);
    if (bytes && mention.test(bytes.toString('latin1'))) found.add(file);
  }
  return found;
}

/**
 * Lists the files with `git ls-files` and searches each source file among them as its name arrives, a slice of
 * the event loop at a time (the extension host keeps answering; `signal` stops it). `onNamed` gets each file
 * named, with its bytes (a view to copy); it may later be dropped from `named` (a tracked file git grep would not
 * read because an ignore rule matches it). Exported for tests.
 */
export async function searchWorkspace(
  root: string,
  names: readonly string[],
  options: { readonly maxBytes?: number; readonly exclude?: readonly string[]; readonly signal?: AbortSignal; readonly worker?: SearchWorkerOption } = {},
  onNamed?: (file: string, found: SearchedFile) => void,
  onFirstNamed?: (index: Promise<SpawnedGitResult>) => void,
  onListed?: (listed: readonly string[]) => void,
): Promise<WorkspaceSearch> {
  const { signal } = options;
  const search = new CallNameSearch(names, options.maxBytes ?? DEFAULT_MAX_BYTES);
  // Listed paths are `/`-separated and relative, without `..`: no join (and its normalisation) per file.
  const prefix = root.endsWith('/') || root.endsWith(sep) ? root : `${root}/`;
  const excluded = makeExcluder(options.exclude);
  const named = new Set<string>();
  const seen = new Set<string>();
  const queue: string[] = [];
  let head = 0;
  let listingDone = false;
  let ignored: Promise<Set<string> | undefined> | undefined;
  let wake: (() => void) | undefined;
  // The second core (`options.worker`): batches from the queue's head go to a worker thread while this thread
  // searches from the head too, and lexes what either names; a failed worker's batches come back to the queue.
  let worker: Worker | undefined;
  const inFlight = new Map<number, readonly string[]>();
  let batches = 0;
  const nameFile = (file: string, found: SearchedFile): void => {
    if (named.size === 0) {
      ignored = trackedIgnoredFiles(root, signal);
      onFirstNamed?.(cachedRun);
    }
    named.add(file);
    onNamed?.(file, found);
  };
  const feedWorker = (): void => {
    while (worker && inFlight.size < WORKER_BATCHES_IN_FLIGHT && head < queue.length && !signal?.aborted) {
      const files = queue.slice(head, head + WORKER_BATCH);
      head += files.length;
      const batch: SearchBatch = { id: batches++, files };
      inFlight.set(batch.id, files);
      worker.postMessage(batch);
    }
  };
  let starting = false; // between `options.worker.starting` and `started`
  const workerRuns = (): void => {
    if (!starting) return;
    starting = false;
    options.worker?.started?.();
  };
  const workerFailed = (): void => {
    workerRuns();
    if (!worker) return;
    void worker.terminate();
    worker = undefined;
    for (const files of inFlight.values()) queue.push(...files);
    inFlight.clear();
    resume();
  };
  const startWorker = (script: string | URL): void => {
    const data: SearchWorkerData = { names, maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES, prefix };
    starting = true;
    options.worker?.starting?.();
    try {
      worker = new Worker(script, { workerData: data });
    } catch {
      workerRuns();
      return;
    }
    worker.unref();
    worker.on('message', ({ id, named: files, sizes, buffers }: SearchBatchAnswer) => {
      workerRuns();
      if (!inFlight.delete(id)) return;
      // The next batch first: lexing what this one named takes a while, and the worker should not wait for it.
      feedWorker();
      for (let i = 0; i < files.length; i++) nameFile(files[i]!, { view: Buffer.from(buffers[i]!), size: sizes[i]!, owned: true });
      resume();
    });
    worker.on('error', workerFailed);
    worker.on('exit', workerFailed);
    feedWorker();
  };
  const drained = new Promise<void>((resolve) => {
    const slices = eventLoopSlices();
    const drain = (): void => {
      wake = undefined;
      for (;;) {
        if (signal?.aborted) return resolve();
        if (head === queue.length) {
          if (listingDone && inFlight.size === 0) return resolve();
          wake = drain;
          return;
        }
        if (worker && options.worker?.only) {
          feedWorker();
          wake = drain;
          return;
        }
        const turn = slices.next();
        if (turn) {
          void turn.then(drain);
          return;
        }
        const file = queue[head++]!;
        const found = search.search(prefix + file);
        if (found) nameFile(file, found);
      }
    };
    wake = drain;
  });
  let workerTried = false;
  const tryWorker = (): void => {
    if (workerTried || !options.worker) return;
    workerTried = true;
    startWorker(options.worker.script);
  };
  const take = (file: string): void => {
    if (file === '' || seen.has(file) || languageOf(file) === undefined || NEVER.test(file) || excluded(file)) return;
    seen.add(file);
    queue.push(file);
    if (queue.length === options.worker?.minFiles) tryWorker();
  };
  function resume(): void {
    if (wake && (head < queue.length || listingDone)) {
      const drain = wake;
      wake = undefined;
      setImmediate(drain);
    }
  }
  /**
   * A listing's stdout, split at NULs across chunks into `take` and `paths`; with `staged`, entries of
   * `ls-files -s -v` (`H 100644 <oid> 0\t<path>`: the path after the first tab).
   */
  const listing = (staged: boolean): { onStdout: (chunk: string) => void; end: () => void; paths: string[] } => {
    let pending = '';
    const paths: string[] = [];
    const add = (entry: string): void => {
      const file = staged ? entry.slice(entry.indexOf('\t') + 1) : entry;
      if (file === '') return;
      paths.push(file);
      take(file);
    };
    return {
      onStdout: (chunk) => {
        const parts = (pending + chunk).split('\0');
        pending = parts.pop()!;
        for (const entry of parts) add(entry);
        feedWorker(); // a worker started before the listing came waits for its first batches
        resume();
      },
      end: () => add(pending),
      paths,
    };
  };
  // Two listings, not `ls-files --cached --others`: that one prints the untracked files first, after walking the
  // whole work tree (~40–150 ms with nothing to search meanwhile); the index's names come at once, and the
  // search starts on them while git walks. `listed` is the two outputs in the one command's order. The index's
  // listing is `-s -v` (its entries name the same paths in the same order, a conflict's once per stage): the
  // history pass's index query reads it too (`IndexQueries`), with no process of its own (issue #16).
  const cachedNames = listing(true);
  const othersNames = listing(false);
  const cachedRun = spawnGit(root, ['ls-files', '-z', '-s', '-v'], signal, { onStdout: cachedNames.onStdout });
  const othersRun = spawnGit(root, ['ls-files', '-z', '--others', '--exclude-standard'], signal, { onStdout: othersNames.onStdout });
  // An index of as many entries as the worker's threshold starts it now, not at that many listed source files: its
  // start then overlaps the listing (the entries also count files that are not source: a guess, only of timing).
  if (options.worker && indexEntries(root) >= options.worker.minFiles) tryWorker();
  const [cached, others] = await Promise.all([cachedRun, othersRun]);
  cachedNames.end();
  othersNames.end();
  listingDone = true;
  const ok = cached.ok && others.ok;
  if (ok) onListed?.(queue);
  resume();
  await drained;
  workerRuns(); // a worker that never answered (the main thread searched every file first)
  if (worker) {
    worker.off('exit', workerFailed);
    void worker.terminate();
  }
  if (!ok) return { listed: undefined, named: undefined };
  const listed = [...othersNames.paths, ...cachedNames.paths];
  // `take`'s test was `filterSourceFiles`' (with the same exclude): a listed path it took is a source file.
  const sources = listed.filter((file) => seen.has(file));
  if (ignored) {
    const trackedIgnored = await ignored;
    // Without that list, the names come from git grep itself.
    if (!trackedIgnored) return { listed, sources, named: signal?.aborted ? undefined : await gitGrepFiles(root, callNameGrepPattern(names), signal) };
    for (const file of trackedIgnored) named.delete(file);
    return { listed, sources, named, trackedIgnored };
  }
  return { listed, sources, named };
}

/**
 * The entries of the repository's index at `root` from its header (`DIRC`, version 2–4, then the count), or 0 when
 * it cannot be read there (a `.git` file of a worktree or submodule, no index yet, another layout).
 */
function indexEntries(root: string): number {
  let fd: number | undefined;
  try {
    fd = openSync(join(root, '.git', 'index'), 'r');
    const header = Buffer.alloc(12);
    if (readSync(fd, header, 0, 12, 0) < 12 || header.toString('latin1', 0, 4) !== 'DIRC') return 0;
    const version = header.readUInt32BE(4);
    return version >= 2 && version <= 4 ? header.readUInt32BE(8) : 0;
  } catch {
    return 0;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The index blob ids of files git grep would not name, whose blob has no call name either: see
 * `WorkTreeSnapshot.withoutCallName`. Three small git processes, started before the files are known (issue #16):
 * `ls-files -s -v` and `diff-files` need no input, `check-attr` gets every listed source file (`attributes`) as
 * soon as the listing is known; `finish` keeps the files asked for. On any failure, an empty map (the history
 * pass then reads those blobs from git).
 */
class IndexQueries {
  private readonly index: Promise<SpawnedGitResult>;
  private readonly dirty: Promise<SpawnedGitResult>;
  private attributeRun: Promise<SpawnedGitResult> | undefined;

  /** `index`: the search's own `ls-files -z -s -v`, when it listed the files with it. */
  constructor(
    private readonly root: string,
    private readonly signal: AbortSignal,
    index?: Promise<SpawnedGitResult>,
  ) {
    this.index = index ?? spawnGit(root, ['ls-files', '-z', '-s', '-v'], signal);
    this.dirty = spawnGit(root, ['diff-files', '--name-only', '-z', '--no-ext-diff', '--no-textconv'], signal);
  }

  /** The paths `check-attr` was given, in order. */
  private asked: readonly string[] = [];

  /** Starts `check-attr` for these paths (once; a superset of those `finish` will ask for). */
  attributes(files: readonly string[]): void {
    if (this.attributeRun) return;
    this.asked = files;
    // `--all`: only the attributes a path has, not three records for each path (issue #16: on the flag checkout
    // 5.5 MB through a pipe that this thread reads between slices of the scan, so check-attr ended after the scan).
    this.attributeRun = spawnGit(this.root, ['check-attr', '-z', '--stdin', '--all'], this.signal, { input: `${files.join('\0')}\0` });
    // Beside it: git's diff calls a file above core.bigFileThreshold binary, whatever its bytes (`--type=int`
    // turns `1k` or `2m` into bytes; unset, git answers 1 and the default applies).
    this.thresholdRun = spawnGit(this.root, ['config', '--type=int', '--get', 'core.bigFileThreshold'], this.signal);
  }

  private thresholdRun: Promise<SpawnedGitResult> | undefined;

  /** core.bigFileThreshold in bytes (git's default 512 MiB when unset); 0 when git could not say (every file is then read from git). */
  async bigFileThreshold(): Promise<number> {
    if (!this.thresholdRun) return 0;
    const run = await this.thresholdRun;
    if (run.ok) {
      const value = Number(run.out.trim());
      return Number.isSafeInteger(value) && value >= 0 ? value : 0;
    }
    return run.code === 1 && run.out.trim() === '' ? DEFAULT_BIG_FILE_THRESHOLD : 0;
  }

  private parsed: { converted: Set<string>; plainDiff: Set<string> } | undefined;

  /** check-attr's output read once (allAttributeSets). */
  private parseAttributes(fields: string): { converted: Set<string>; plainDiff: Set<string> } {
    return (this.parsed ??= allAttributeSets(fields, this.asked));
  }

  /** The files without a `diff` attribute among those `attributes` was given; undefined when check-attr failed. */
  async plainDiff(): Promise<ReadonlySet<string> | undefined> {
    if (!this.attributeRun) return undefined;
    const attributes = await this.attributeRun;
    return attributes.ok ? this.parseAttributes(attributes.out).plainDiff : undefined;
  }

  async finish(files: readonly string[]): Promise<Map<string, string>> {
    const result = new Map<string, string>();
    if (files.length === 0) return result;
    this.attributes(files);
    const [index, dirty, attributes] = await Promise.all([this.index, this.dirty, this.attributeRun!]);
    if (!index.ok || !dirty.ok || !attributes.ok) return result;
    const wanted = new Set(files);
    // `H 100644 <oid> 0\t<path>`: `H` a plain cached entry (`h` assume-unchanged, `S` skip-worktree), stage 0.
    // Read in place (12,000 entries: no split of every entry into fields).
    const entries = index.out;
    for (let from = 0; from < entries.length; ) {
      const nul = entries.indexOf('\0', from);
      const end = nul < 0 ? entries.length : nul;
      const tab = entries.indexOf('\t', from);
      if (tab > from && tab < end && entries.startsWith('H 100', from) && entries.startsWith(' 0', tab - 2)) {
        const path = entries.slice(tab + 1, end);
        // `H 100644 ` is 9 characters; the oid runs to the space before the stage.
        if (wanted.has(path)) result.set(path, entries.slice(from + 9, tab - 2));
      }
      from = end + 1;
    }
    for (const path of dirty.out.split('\0')) result.delete(path);
    for (const path of this.parseAttributes(attributes.out).converted) result.delete(path);
    return result;
  }
}

/** git's core.bigFileThreshold when no configuration sets it (git 2.39: 512 MiB). */
const DEFAULT_BIG_FILE_THRESHOLD = 512 * 1024 * 1024;

/**
 * The files step 3 may read from the work tree: without a `diff` attribute (`IndexQueries.plainDiff`) and not
 * above core.bigFileThreshold, beyond which git's diff prints "Binary files differ" and no lines.
 */
async function plainDiffFiles(index: IndexQueries, workTree: ReadonlyMap<string, WorkTreeFile>): Promise<ReadonlySet<string> | undefined> {
  const [plain, threshold] = await Promise.all([index.plainDiff(), index.bigFileThreshold()]);
  if (!plain) return undefined;
  let kept: Set<string> | undefined;
  for (const path of plain) {
    const size = workTree.get(path)?.bytes.length;
    if (size === undefined || size <= threshold) continue;
    (kept ??= new Set(plain)).delete(path);
  }
  return kept ?? plain;
}

/**
 * The converted files (a `filter` or `working-tree-encoding` other than unset) and those with plain diffs (no
 * `diff` attribute) in `check-attr --all` output (held by test/unit/node/flagsCheckAttr.test.ts to the same sets
 * read from the three attributes asked by name): records `<path>\0<attribute>\0<value>\0` of the
 * attributes a path has (set, unset or a value; an unspecified one is left out), macros expanded. A path asked and
 * without a `diff` record (or one valued `unspecified`) has a plain diff. A partial last record is not read.
 * Exported for tests.
 */
export function allAttributeSets(fields: string, asked: readonly string[]): { converted: Set<string>; plainDiff: Set<string> } {
  const converted = new Set<string>();
  const withDiff = new Set<string>();
  for (let from = 0; from < fields.length; ) {
    const afterPath = fields.indexOf('\0', from);
    const afterAttribute = afterPath < 0 ? -1 : fields.indexOf('\0', afterPath + 1);
    const valueEnd = afterAttribute < 0 ? -1 : fields.indexOf('\0', afterAttribute + 1);
    if (valueEnd < 0) break;
    const attribute = fields.slice(afterPath + 1, afterAttribute);
    // A value spelled `unspecified` (`diff=unspecified`) reads as unspecified, as in the answer by name.
    const value = attribute === 'diff' || attribute === 'filter' || attribute === 'working-tree-encoding' ? fields.slice(afterAttribute + 1, valueEnd) : 'unspecified';
    if (value !== 'unspecified') {
      if (attribute === 'diff') withDiff.add(fields.slice(from, afterPath));
      else if (value !== 'unset') converted.add(fields.slice(from, afterPath));
    }
    from = valueEnd + 1;
  }
  const plainDiff = new Set<string>();
  for (const path of asked) if (!withDiff.has(path)) plainDiff.add(path);
  return { converted, plainDiff };
}

function indexBlobsWithoutCallName(root: string, files: readonly string[], signal: AbortSignal): Promise<Map<string, string>> {
  return files.length === 0 ? Promise.resolve(new Map()) : new IndexQueries(root, signal).finish(files);
}

function gitLsFiles(root: string, signal?: AbortSignal): Promise<string[] | undefined> {
  return spawnGit(root, ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], signal).then((run) =>
    run.ok ? run.out.split('\0').filter(Boolean) : undefined,
  );
}

async function walk(root: string, signal?: AbortSignal): Promise<string[]> {
  const out: string[] = [];
  const queue = [''];
  while (queue.length) {
    if (signal?.aborted) break;
    const dir = queue.pop()!;
    let entries;
    try {
      entries = await readdir(join(root, dir), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== '.git') queue.push(rel);
      } else if (entry.isFile()) out.push(rel);
    }
  }
  return out;
}

/**
 * Source files of a workspace folder that the scanner reads: tracked + untracked-but-not-ignored files (one
 * `git ls-files` call) inside a repository, a directory walk otherwise; never node_modules; minus `exclude`.
 * Paths are relative to `root`, `/`-separated.
 */
export async function listFlagSourceFiles(root: string, options: ListFilesOptions = {}): Promise<string[]> {
  return filterSourceFiles((await gitLsFiles(root, options.signal)) ?? (await walk(root, options.signal)), options.exclude);
}

/** The source files among `files` (a known language, never node_modules or .git, not excluded). Exported for tests. */
export function filterSourceFiles(files: readonly string[], exclude: readonly string[] | undefined): string[] {
  const excluded = makeExcluder(exclude);
  return files.filter((file) => languageOf(file) !== undefined && !NEVER.test(file) && !excluded(file));
}

/**
 * Prefilter: a file needs a full scan only when it mentions a call name followed by `(`. Call names are escaped:
 * `(a+)+$` from a setting must not become a catastrophic pattern, and an identifier's `$` is no anchor.
 */
export function callPrefilter(names: readonly string[]): RegExp {
  // `(?:<…>)?`: TS type arguments, `useFeatureValue<Config | null>(`.
  return new RegExp(`(?<![\\w$])${alternationOf(names)}(?:<[^()\\n]{0,200}>)?\\s*\\(`);
}

/** `[\w$]` as a byte: what the prefilter's lookbehind refuses before a name, and what a name is made of. */
const isNameByte = (byte: number): boolean => (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x30 && byte <= 0x39) || byte === 0x5f || byte === 0x24;

/** `\s*\(` at `at` of a latin1 view: JavaScript's `\s` below U+0100 is tab to CR, the space and U+00A0. */
function opensCallAt(bytes: Buffer, at: number): boolean {
  let i = at;
  while (i < bytes.length) {
    const byte = bytes[i]!;
    if (byte === 0x20 || (byte >= 9 && byte <= 13) || byte === 0xa0) i++;
    else break;
  }
  return bytes[i] === 0x28;
}

/**
 * `callPrefilter(names).test(bytes.toString('latin1'))` without running the RegExp over the whole text (issue #16:
 * ~50 ms of the main thread's profile on the flag checkout, every named file's view from its start): a match's
 * name is a whole `[\w$]` word (the lookbehind refuses one before it; `<`, a blank or `(` follows it) and holds
 * one of `callNameAnchors(names)`, so the pattern is tried only at the words around those literals. For names of
 * `[\w$]` only: undefined otherwise (then the RegExp runs). Exported for tests.
 */
export function callPrefilterOnBytes(names: readonly string[]): ((bytes: Buffer) => boolean) | undefined {
  if (names.length === 0 || !names.every((name) => /^[\w$]+$/.test(name))) return undefined;
  const words = new Set(names);
  const longest = Math.max(...names.map((name) => name.length));
  const anchors = callNameAnchors(names).map((anchor) => Buffer.from(anchor, 'latin1'));
  return (bytes) => {
    for (const anchor of anchors) {
      for (let at = bytes.indexOf(anchor); at >= 0; at = bytes.indexOf(anchor, at + 1)) {
        if (wordCallAt(bytes, at, anchor.length, words, longest, isNameByte, opensCallAt)) return true;
      }
    }
    return false;
  };
}

type ReadOutcome = { bytes: Buffer } | { skipped: SkippedFile['reason'] };

/** Pass 1's outcome for one file: skipped, or its bytes, the prefilter's verdict and (when it matched) its scan. */
type Prepared =
  | { skipped: SkippedFile['reason']; minified?: { bytes: Buffer; matched: boolean } }
  | { bytes: Buffer; matched: boolean; scan?: FileFlagScan };

/**
 * Synchronous on purpose: one open/fstat/read/close per file is ~4× faster than fs.promises through the libuv
 * thread pool for thousands of small files; the caller gives the event loop a turn every few milliseconds.
 */
function readBytes(path: string, maxBytes: number): ReadOutcome {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const size = fstatSync(fd).size;
    if (size > maxBytes) return { skipped: 'too-large' };
    const bytes = Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, bytes, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return { bytes: read === size ? bytes : bytes.subarray(0, read) };
  } catch {
    return { skipped: 'unreadable' };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A line longer than maxLine characters: minified or generated. */
function isMinified(text: string, maxLine: number): boolean {
  if (text.length <= maxLine) return false;
  let from = 0;
  for (;;) {
    const nl = text.indexOf('\n', from);
    const end = nl < 0 ? text.length : nl;
    if (end - from > maxLine) return true;
    if (nl < 0) return false;
    from = nl + 1;
  }
}

/** Reads and classifies one file for the incremental paths (tests, callers reading a single file). */
export function readSourceFile(path: string, maxBytes = DEFAULT_MAX_BYTES, maxLine = DEFAULT_MAX_LINE): { text: string } | { skipped: SkippedFile['reason'] } {
  const outcome = readBytes(path, maxBytes);
  if ('skipped' in outcome) return outcome;
  if (outcome.bytes.indexOf(0) >= 0) return { skipped: 'binary' };
  const text = outcome.bytes.toString('utf8');
  return isMinified(text, maxLine) ? { skipped: 'minified' } : { text };
}

function hasContent(scan: FileFlagScan): boolean {
  return scan.callSites.length > 0 || scan.unresolved.length > 0 || scan.annotations.length > 0 || scan.definitions.length > 0;
}

/**
 * What a rescan needs besides the public result, kept per workspace scan (never mutated once attached):
 * the raw pass-1 scans (call sites not yet resolved through the workspace), which files define each qualified name,
 * and which files have unresolved references to each qualified name (`FLAG`, `FLAGS.A`).
 */
interface ScanState {
  readonly raw: ReadonlyMap<string, FileFlagScan>;
  readonly definers: ReadonlyMap<string, ReadonlySet<string>>;
  readonly referencers: ReadonlyMap<string, ReadonlySet<string>>;
}
const states = new WeakMap<WorkspaceFlagScan, ScanState>();

/** The bytes a scan kept for the history pass (`keepWorkTreeBytes`), until taken. */
const snapshots = new WeakMap<WorkspaceFlagScan, WorkTreeSnapshot>();

/** The work-tree bytes `scan` kept (option `keepWorkTreeBytes`), handed over once: the scan no longer holds them. */
export function takeWorkTreeSnapshot(scan: WorkspaceFlagScan): WorkTreeSnapshot | undefined {
  const snapshot = snapshots.get(scan);
  snapshots.delete(scan);
  return snapshot;
}

/** A file's definitions as qualified name → value (`X`, `FLAGS.A`). */
const definitionMaps = new WeakMap<FileFlagScan, ReadonlyMap<string, string>>();
function definitionsOf(scan: FileFlagScan | undefined): ReadonlyMap<string, string> {
  if (!scan) return new Map();
  let map = definitionMaps.get(scan);
  if (!map) {
    const m = new Map<string, string>();
    for (const def of scan.definitions) {
      if (def.value !== undefined) m.set(def.name, def.value);
      if (def.members) for (const [member, value] of Object.entries(def.members)) m.set(`${def.name}.${member}`, value);
    }
    definitionMaps.set(scan, (map = m));
  }
  return map;
}
const referencesOf = (scan: FileFlagScan | undefined): Set<string> => new Set((scan?.unresolved ?? []).map((u) => u.keyReference));

function keep(scan: FileFlagScan): boolean {
  return scan.callSites.length > 0 || scan.unresolved.length > 0 || scan.annotations.length > 0;
}

function assemble(root: string, raw: ReadonlyMap<string, FileFlagScan>, filesScanned: number, skipped: readonly SkippedFile[], patterns: readonly FlagCallPattern[]): WorkspaceFlagScan {
  const constants = buildConstantIndex(raw.values());
  const files: Record<string, FileFlagScan> = {};
  const definers = new Map<string, Set<string>>();
  const referencers = new Map<string, Set<string>>();
  for (const [file, scan] of raw) {
    const resolved = resolveCallSites(scan, constants);
    if (keep(resolved)) files[file] = resolved;
    for (const name of definitionsOf(scan).keys()) (definers.get(name) ?? definers.set(name, new Set()).get(name)!).add(file);
    for (const name of referencesOf(scan)) (referencers.get(name) ?? referencers.set(name, new Set()).get(name)!).add(file);
  }
  const result: WorkspaceFlagScan = { root, files, constants, filesScanned, skipped, patterns };
  states.set(result, { raw, definers, referencers });
  return result;
}

/**
 * Scans every source file of `root` for flag call sites, resolving imported constants and enum members across
 * files. Never rejects; when `signal` aborts, resolves with what was scanned so far.
 */
export async function scanWorkspaceFlags(root: string, options: WorkspaceScanOptions = {}): Promise<WorkspaceFlagScan> {
  const patterns = options.patterns ?? [];
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_BYTES;
  const maxLine = options.maxLineLength ?? DEFAULT_MAX_LINE;
  const names = callNames([...BUILTIN_FLAG_PATTERNS, ...patterns]);
  // Inside a repository, git lists the files; each is searched here as git grep would (`searchWorkspace`), and
  // only the files it names are lexed, as they are found. Outside one, every file is read.
  const prefilterPattern = callPrefilter(names);
  const prefilterOnBytes = callPrefilterOnBytes(names);
  const prefilter = { test: (bytes: Buffer, view: string): boolean => (prefilterOnBytes ? prefilterOnBytes(bytes) : prefilterPattern.test(view)) };
  /** The skip rules and the lexing of a named file (pass 1's work for a file), on its bytes. */
  const classify = (file: string, bytes: Buffer, size: number): Prepared => {
    if (size > maxBytes) return { skipped: 'too-large' };
    if (bytes.indexOf(0) >= 0) return { skipped: 'binary' };
    const view = bytes.toString('latin1');
    // A minified file's bytes still answer for its blobs in the history pass (no `cat-file`, and no `log -p` when
    // its lines are short enough for step 3), with the prefilter's verdict as for any file kept.
    if (isMinified(view, maxLine)) return options.keepWorkTreeBytes ? { skipped: 'minified', minified: { bytes, matched: prefilter.test(bytes, view) } } : { skipped: 'minified' };
    if (!prefilter.test(bytes, view)) return { bytes, matched: false };
    // ASCII bytes (most source files) decode to the same string as latin1 and as UTF-8: the view is the text.
    const text = isAscii(bytes) ? view : bytes.toString('utf8');
    return { bytes, matched: true, scan: scanSource(text, { language: languageOf(file)!, file, patterns }) as FileFlagScan };
  };
  /** Reads one file, applies the skip rules, and lexes it when the prefilter matches. */
  const prepare = (file: string): Prepared => {
    const outcome = readBytes(join(root, file), maxBytes);
    if ('skipped' in outcome) return outcome;
    return classify(file, outcome.bytes, outcome.bytes.length);
  };
  const prepared = new Map<string, Prepared>();
  const onNamed = (file: string, found: SearchedFile): void => {
    // The search's buffer is reused: a file the scan keeps gets its own copy.
    prepared.set(file, classify(file, found.size > maxBytes || found.owned ? found.view : Buffer.from(found.view), found.size));
  };
  // For the history pass (which a file naming a call makes likely), the index queries of the files without a
  // call start at the first file named, while this process searches and lexes; stopped by the snapshot's owner
  // when unused, or here when no file is named in the end.
  const stopIndex = new AbortController();
  let index: IndexQueries | undefined;
  let listedSources: readonly string[] | undefined;
  const onFirstNamed = (listing: Promise<SpawnedGitResult>): void => {
    options.onCallNameFound?.();
    if (!options.keepWorkTreeBytes || options.signal?.aborted) return;
    const onAbort = (): void => stopIndex.abort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    stopIndex.signal.addEventListener('abort', () => options.signal?.removeEventListener('abort', onAbort), { once: true });
    index = new IndexQueries(root, stopIndex.signal, listing);
    if (listedSources) index.attributes(listedSources);
  };
  const onListed = (sources: readonly string[]): void => {
    listedSources = sources;
    index?.attributes(sources);
  };
  const searched = await searchWorkspace(
    root,
    names,
    { maxBytes, ...(options.exclude ? { exclude: options.exclude } : {}), ...(options.signal ? { signal: options.signal } : {}), ...(options.searchWorker ? { worker: options.searchWorker } : {}) },
    onNamed,
    onFirstNamed,
    onListed,
  );
  const listed = searched.listed;
  for (const file of prepared.keys()) if (!searched.named?.has(file)) prepared.delete(file);
  const files = searched.sources ?? filterSourceFiles(listed ?? (await walk(root, options.signal)), options.exclude);
  const candidates = listed ? searched.named : undefined;
  // Bytes kept for the history pass; within the same budget as pass 2's (the same buffers, never copies).
  const workTree = options.keepWorkTreeBytes ? new Map<string, WorkTreeFile>() : undefined;
  const withoutCallNameFiles = workTree && candidates ? (): string[] => files.filter((file) => !candidates.has(file)) : undefined;
  let indexBlobs: Promise<Map<string, string>> | undefined;
  if (index && withoutCallNameFiles && candidates!.size > 0 && !options.signal?.aborted) indexBlobs = index.finish(withoutCallNameFiles());
  else stopIndex.abort();
  const raw = new Map<string, FileFlagScan>();
  const skipped: SkippedFile[] = [];
  // Files without a call are kept (bounded) for pass 2, which needs the definitions of constants files.
  let keptBytes = 0;
  let scanned = 0;

  const scanOne = (file: string, text: string): void => {
    const scan = scanSource(text, { language: languageOf(file)!, file, patterns }) as FileFlagScan;
    if (hasContent(scan)) raw.set(file, scan);
  };
  /** Reads one file and applies the skip rules (too large, unreadable, binary, minified): its bytes or undefined. */
  const readChecked = (file: string): { bytes: Buffer; view: string } | undefined => {
    const outcome = readBytes(join(root, file), maxBytes);
    if ('skipped' in outcome) {
      skipped.push({ file, reason: outcome.skipped });
      return undefined;
    }
    const { bytes } = outcome;
    if (bytes.indexOf(0) >= 0) {
      skipped.push({ file, reason: 'binary' });
      return undefined;
    }
    const view = bytes.toString('latin1');
    if (isMinified(view, maxLine)) {
      skipped.push({ file, reason: 'minified' });
      return undefined;
    }
    return { bytes, view };
  };

  // Pass 1. The prefilter, NUL and line-length checks run on a latin1 view of the bytes (one-byte string: the
  // fastest for V8's regexp and indexOf; call names are ASCII, so the verdict is the same); only files with a
  // call are decoded as UTF-8 (offsets are UTF-16 code units of the real text) and lexed. With git's list of
  // files that name a call, the others are counted as scanned without being read: none can have a call (nor be
  // reported as skipped: a file that cannot hold a flag hides none).
  const rest: Array<{ file: string; bytes?: Buffer }> = [];
  const slices = eventLoopSlices();
  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    // A file the search did not name costs a count, not a look at the clock (12,000 of them on the flag checkout).
    if (candidates && !candidates.has(file)) {
      scanned++;
      continue;
    }
    const turn = slices.next();
    if (turn) {
      await turn;
      if (options.signal?.aborted) break;
    }
    const ready = prepared.get(file) ?? prepare(file);
    prepared.delete(file);
    if ('skipped' in ready) {
      skipped.push({ file, reason: ready.skipped });
      if (workTree && ready.minified && keptBytes < KEPT_BYTES) {
        workTree.set(file, { bytes: ready.minified.bytes, prefilterMatched: ready.minified.matched });
        keptBytes += ready.minified.bytes.length;
      }
      continue;
    }
    const { bytes, matched } = ready;
    scanned++;
    const keepBytes = keptBytes < KEPT_BYTES;
    if (workTree && keepBytes) workTree.set(file, { bytes, prefilterMatched: matched });
    if (matched) {
      if (ready.scan && hasContent(ready.scan)) raw.set(file, ready.scan);
      if (workTree && keepBytes) keptBytes += bytes.length;
    } else if (keepBytes) {
      keptBytes += bytes.length;
      rest.push({ file, bytes });
    } else rest.push({ file });
  }

  // Pass 2: names the call sites could not resolve in their own file → the files that define them.
  const wanted = new Set<string>();
  for (const scan of raw.values()) for (const site of scan.unresolved) wanted.add(site.keyReference.split('.')[0]!);
  if (wanted.size && !options.signal?.aborted) {
    const mention = new RegExp(`\\b(?:${[...wanted].map((w) => w.replace(/[$]/g, '\\$')).join('|')})\\b`);
    let items = rest;
    if (candidates) {
      // The files that were not read in pass 1 and mention a wanted name, in the listing's order: searched here as
      // git grep would (git itself when the tracked files an ignore rule matches are unknown).
      const mentioned = searched.trackedIgnored
        ? await filesMentioning(root, files.filter((file) => !candidates.has(file)), [...wanted], searched.trackedIgnored, options.signal)
        : await gitGrepFiles(root, `\\b(?:${[...wanted].map(escapeRegExp).join('|')})\\b`, options.signal);
      const restBytes = new Map(rest.map((item) => [item.file, item]));
      items = [];
      for (const file of files) {
        const item = restBytes.get(file);
        if (item) items.push(item);
        else if (!candidates.has(file) && (mentioned === undefined || mentioned.has(file))) {
          const read = readChecked(file);
          if (read) items.push({ file, bytes: read.bytes });
          else scanned--; // counted as scanned in pass 1, but skipped
        }
      }
    }
    for (const item of items) {
      if (options.signal?.aborted) break;
      let bytes = item.bytes;
      if (bytes === undefined) {
        const outcome = readBytes(join(root, item.file), maxBytes);
        if ('skipped' in outcome) continue;
        bytes = outcome.bytes;
      }
      if (mention.test(bytes.toString('latin1'))) scanOne(item.file, bytes.toString('utf8'));
    }
  }
  skipped.sort((a, b) => a.file.localeCompare(b.file));
  const result = assemble(root, raw, scanned, skipped, patterns);
  if (workTree) {
    const withoutCallName = withoutCallNameFiles
      ? (): Promise<Map<string, string>> => indexBlobs ?? indexBlobsWithoutCallName(root, withoutCallNameFiles(), options.signal ?? new AbortController().signal)
      : undefined;
    const stop = indexBlobs ? (): void => stopIndex.abort() : undefined;
    // Only with the early queries: their check-attr saw every listed source file.
    const plainDiff = indexBlobs && index ? (): Promise<ReadonlySet<string> | undefined> => plainDiffFiles(index!, workTree) : undefined;
    snapshots.set(result, { names, files: workTree, ...(withoutCallName ? { withoutCallName } : {}), ...(plainDiff ? { plainDiff } : {}), ...(stop ? { stop } : {}) });
  }
  return result;
}

/**
 * Incremental: one file's new text (undefined: deleted) → a new workspace scan. Pure and synchronous; only this file
 * is lexed. When its constant definitions changed, the index is updated for those names only and just the files
 * that reference them are re-resolved (no rereads). The previous scan is left as it was.
 */
export function rescanFlagFile(scan: WorkspaceFlagScan, file: string, text: string | undefined): WorkspaceFlagScan {
  const normalized = file.split(sep).join('/');
  let state = states.get(scan);
  if (!state) {
    // A scan that did not come from scanWorkspaceFlags (e.g. deserialised): rebuild the state from its files.
    const rebuilt = assemble(scan.root, new Map(Object.entries(scan.files)), scan.filesScanned, scan.skipped, scan.patterns);
    state = states.get(rebuilt)!;
  }
  const language = languageOf(normalized);
  const before = state.raw.get(normalized);
  const scanned = text !== undefined && language !== undefined ? (scanSource(text, { language, file: normalized, patterns: scan.patterns }) as FileFlagScan) : undefined;
  const fresh = scanned && hasContent(scanned) ? scanned : undefined;
  const raw = new Map(state.raw);
  if (fresh) raw.set(normalized, fresh);
  else raw.delete(normalized);

  // Qualified names whose definition in this file appeared, disappeared or changed value.
  const oldDefs = definitionsOf(before);
  const newDefs = definitionsOf(fresh);
  const changed: string[] = [];
  for (const [name, value] of oldDefs) if (newDefs.get(name) !== value) changed.push(name);
  for (const name of newDefs.keys()) if (!oldDefs.has(name)) changed.push(name);

  let { definers, referencers } = state;
  let constants: ConstantIndex = scan.constants;
  const reresolve = new Set<string>([normalized]);
  if (changed.length) {
    const nextDefiners = new Map(definers);
    const values = new Map(constants.values);
    for (const name of changed) {
      const set = new Set(nextDefiners.get(name) ?? []);
      if (newDefs.has(name)) set.add(normalized);
      else set.delete(normalized);
      if (set.size) nextDefiners.set(name, set);
      else nextDefiners.delete(name);
      // Same rule as buildConstantIndex: one value across all definers, else ambiguous (undefined).
      let value: string | undefined;
      let ambiguous = false;
      for (const definer of set) {
        const v = definitionsOf(raw.get(definer)).get(name);
        if (value === undefined) value = v;
        else if (v !== value) ambiguous = true;
      }
      if (!set.size) values.delete(name);
      else values.set(name, ambiguous ? undefined : value);
      for (const user of referencers.get(name) ?? []) reresolve.add(user);
    }
    definers = nextDefiners;
    constants = { values };
  }
  // This file's own unresolved references (who to re-resolve when a definition changes later).
  const oldRefs = referencesOf(before);
  const newRefs = referencesOf(fresh);
  if ([...oldRefs].some((r) => !newRefs.has(r)) || [...newRefs].some((r) => !oldRefs.has(r))) {
    const next = new Map(referencers);
    for (const name of oldRefs) if (!newRefs.has(name)) {
      const set = new Set(next.get(name) ?? []);
      set.delete(normalized);
      if (set.size) next.set(name, set);
      else next.delete(name);
    }
    for (const name of newRefs) if (!oldRefs.has(name)) next.set(name, new Set([...(next.get(name) ?? []), normalized]));
    referencers = next;
  }

  const files: Record<string, FileFlagScan> = { ...scan.files };
  for (const target of reresolve) {
    delete files[target];
    const source = raw.get(target);
    if (!source) continue;
    const resolved = resolveCallSites(source, constants);
    if (keep(resolved)) files[target] = resolved;
  }
  const result: WorkspaceFlagScan = { ...scan, files, constants };
  states.set(result, { raw, definers, referencers });
  return result;
}

/** Repository-relative `/` path of an absolute path under root. */
export function relativeFile(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}
