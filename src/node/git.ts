// Git access shared by the CLI and the VS Code adapter. Every function resolves to a GitResult and never
// rejects: callers switch on `kind` to print a clear message (git missing, not a repository, bad revision).
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { SimpleGit } from 'simple-git';
import { rankScopes, trailerSettingsFromGitConfig, type TrailerSettings } from '../core/commits';
import { walkUpForGitOnDisk } from './gitWalk';

/** Why a git operation failed. */
export type GitFailureKind =
  /** The `git` executable could not be started (not installed or not on PATH). */
  | 'git-not-found'
  /** The folder does not exist or is not inside a git work tree. */
  | 'not-a-repository'
  /** A revision given by the caller (`--from`, `--to`) is unknown to git or malformed. */
  | 'bad-revision'
  /** Any other git failure; `message` has git's own words. */
  | 'git-failed'
  /** git is not run here at all: the editor's workspace is not trusted (see `refuseGit`). */
  | 'git-refused'
  /** The caller's AbortSignal fired: the git process was killed. */
  | 'cancelled';

export interface GitFailure {
  readonly ok: false;
  readonly kind: GitFailureKind;
  /** One human sentence (git's stderr, trimmed, when it has one). */
  readonly message: string;
}

export type GitResult<T> = { readonly ok: true; readonly value: T } | GitFailure;

export interface RepositoryInfo {
  /** Absolute path of the work tree's top level. */
  readonly root: string;
  /** The clone is shallow: history (and so the linted range) may be incomplete. */
  readonly shallow: boolean;
  /** HEAD's commit id, when asked for (`findRepositoryRoot(…, { head: true })`) and there is one. */
  readonly head?: string;
}

export interface CommitMessage {
  /** Full 40 (or 64) hex object name. */
  readonly hash: string;
  /** The raw message as stored (`%B`), trailing newline included when the commit has one. */
  readonly message: string;
  /** Parent hashes; more than one for a merge commit, none for a root commit. */
  readonly parents: readonly string[];
}

export interface ListCommitsOptions {
  /** Exclusive lower bound, as commitlint's `--from`: lists `from..to`. Omitted: everything reachable from `to`. */
  readonly from?: string;
  /** Inclusive upper bound; default `HEAD`. */
  readonly to?: string;
  /** At most this many commits (newest first). */
  readonly maxCount?: number;
}

export interface CommitList {
  /** Newest first, as `git log` prints them. */
  readonly commits: readonly CommitMessage[];
  /** HEAD has no commit yet (freshly initialised repository); `commits` is empty. */
  readonly emptyRepository: boolean;
}

/**
 * Settings given on every git command line. A `-c` value outranks the repository's, the user's and the system's
 * configuration, so none of the commands a cloned repository can configure ever runs: opening or checking a
 * hostile repository must not execute its code (Workspace Trust's promise, and a CI gate's on untrusted pull
 * requests). Each line names what it stops.
 */
export const NEUTRALISED_GIT_CONFIG: readonly string[] = [
  'core.fsmonitor=false', // a program run on every command that reads the index
  'core.hooksPath=/dev/null', // hooks, e.g. post-index-change and reference-transaction
  'core.pager=cat', // a pager program (only on a terminal, but never ours)
  'diff.external=', // an external diff program for log -p and show
  'log.showSignature=false', // gpg.program, run to verify signed commits in git log
  'protocol.allow=never', // any fetch: a partial clone's lazy fetch would run core.sshCommand or a remote helper
  'core.quotepath=off', // paths as UTF-8, not octal escapes (not a safety setting: every caller wants it)
];

/**
 * Options that go after the subcommand of every command that diffs (log -p, log -S, show): no external diff
 * drivers from .gitattributes (`diff.<driver>.command`) and no textconv filters (`diff.<driver>.textconv`).
 */
export const NO_DIFF_PROGRAMS: readonly string[] = ['--no-ext-diff', '--no-textconv'];

/** The arguments of one git command with the neutralising settings in front of them. */
export function safeGitArgs(args: readonly string[]): string[] {
  return ['--no-pager', ...NEUTRALISED_GIT_CONFIG.flatMap((setting) => ['-c', setting]), ...args];
}

/**
 * The environment for git processes spawned directly: no pager and no terminal prompt whatever the user's shell
 * sets, and no optional index writes (a read-only scan must not rewrite `.git/index`).
 */
export function safeGitEnvironment(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...base, GIT_PAGER: 'cat', PAGER: 'cat', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' };
}

/** simple-git, loaded at its first use: the plain git processes (runGitProcess) never need its module's start-up. */
let simpleGitModule: Promise<typeof import('simple-git')> | undefined;

/**
 * A simple-git client for `dir` that runs every command with the neutralising settings. simple-git refuses those
 * keys by default because they could enable a program when a caller passes user text; here the values are this
 * module's constants that disable them, so exactly those keys are allowed. Rejects for a folder that does not
 * exist and while git is refused: callers await it in try/catch.
 */
export async function safeSimpleGit(dir: string, signal?: AbortSignal): Promise<SimpleGit> {
  if (gitRefusal !== undefined) throw new GitRefusedError(gitRefusal);
  const { simpleGit } = await (simpleGitModule ??= import('simple-git'));
  return simpleGit({
    ...(signal ? { abort: signal } : {}), // simple-git kills the process when it fires
    baseDir: dir,
    trimmed: false,
    maxConcurrentProcesses: 4,
    config: [...NEUTRALISED_GIT_CONFIG],
    unsafe: {
      allowUnsafeFsMonitor: true,
      allowUnsafeHooksPath: true,
      allowUnsafePager: true,
      allowUnsafeDiffExternal: true,
      allowUnsafeProtocolOverride: true,
    },
  });
}

/** The outcome of a git process spawned directly (streams and cancellable runs that simple-git does not fit). */
export interface SpawnedGitResult {
  readonly ok: boolean;
  readonly out: string;
  readonly err: string;
  /** The exit code; null when the process did not start or was killed. */
  readonly code?: number | null;
}

/** What a directly spawned git process gets besides its arguments. */
export interface SpawnGitOptions {
  /** Written to its standard input, which is then closed. */
  readonly input?: string;
  /** Variables for this process (see GitEnvironment). */
  readonly env?: GitEnvironment;
  /** Called with each piece of standard output as it arrives (the whole output is still collected). */
  readonly onStdout?: (chunk: string) => void;
}

/** Runs git with the neutralising settings and collects its output; never rejects. */
export function spawnGit(root: string, args: readonly string[], signal?: AbortSignal, options: SpawnGitOptions = {}): Promise<SpawnedGitResult> {
  return new Promise((resolveRun) => {
    let child;
    try {
      child = spawnSafeGit(root, args, signal, options.input, options.env);
    } catch (error) {
      resolveRun({ ok: false, out: '', err: messageOf(error) });
      return;
    }
    let out = '';
    let err = '';
    const onStdout = options.onStdout;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      onStdout?.(chunk);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', (error) => resolveRun({ ok: false, out, err: err || error.message, code: null }));
    child.on('close', (code) => resolveRun({ ok: code === 0, out, err, code }));
  });
}

/**
 * Variables a caller adds for one git process: settings of git's own behaviour (`LC_ALL=C` for a byte-wise
 * `git grep -P`, `GIT_FLUSH`); the neutralising variables are set over them and always win.
 */
export type GitEnvironment = Readonly<Record<string, string>>;

/**
 * For commands whose output is read to the end: git flushes its output after every commit when it writes to a
 * pipe, so a whole-history `git log` reaches Node in ~2,000 reads of ~700 bytes for 9,620 commits (about 115 ms
 * of Node's CPU to take in); without the flushes, in stdio-buffer-sized pieces (~280 reads, ~25 ms).
 */
export const BUFFERED_GIT_OUTPUT: GitEnvironment = { GIT_FLUSH: '0' };

/**
 * Starts one git process with the neutralising settings and environment: the only place a git process is
 * spawned directly. `input` is written to its standard input, which is then closed (object names for
 * `cat-file --batch`, commits for `log --stdin`: too many for a command line); a function instead is handed the
 * standard input to write and close itself (names fed as another process finds them); without either stdin is
 * closed from the start. `environment` is added to the process environment under the safe variables. Throws
 * GitRefusedError while git is refused, and whatever spawn throws.
 */
export function spawnSafeGit(
  root: string,
  args: readonly string[],
  signal?: AbortSignal,
  input?: string | ((stdin: Writable) => void),
  environment?: GitEnvironment,
): ChildProcessByStdio<Writable | null, Readable, Readable> {
  if (gitRefusal !== undefined) throw new GitRefusedError(gitRefusal);
  // The caller's variables go under the safe ones: a setting of git's own behaviour, never a way around them.
  const options = { cwd: root, env: safeGitEnvironment(environment ? { ...process.env, ...environment } : process.env), ...(signal ? { signal } : {}) };
  if (input === undefined) return spawn('git', safeGitArgs(args), { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  const child = spawn('git', safeGitArgs(args), { ...options, stdio: ['pipe', 'pipe', 'pipe'] });
  // git may exit before reading everything (a bad object, a kill on cancel): EPIPE then is not an error of ours.
  child.stdin.on('error', () => undefined);
  if (typeof input === 'string') child.stdin.end(input);
  else input(child.stdin);
  return child;
}

let gitRefusal: string | undefined;

/** Thrown by the git entry points of this module while git is refused. */
export class GitRefusedError extends Error {}

/**
 * The editor's Workspace Trust decision, for the whole process: while a reason is set, no git process starts and
 * every git call fails (`git-refused`, with the reason) without spawning. The CLI never sets it: a CI job already
 * runs the repository's code, and the neutralising settings apply there anyway.
 */
export function refuseGit(reason: string | undefined): void {
  gitRefusal = reason;
}

/** Whether git runs at all in this process (false in an untrusted editor workspace). */
export function gitAllowed(): boolean {
  return gitRefusal === undefined;
}

function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.trim().split('\n')[0]?.replace(/^fatal:\s*/, '') ?? text;
}

/** Maps whatever simple-git threw to a typed failure. */
function classify(error: unknown, dir: string): GitFailure {
  if (error instanceof GitRefusedError) return { ok: false, kind: 'git-refused', message: error.message };
  const text = error instanceof Error ? error.message : String(error);
  if (/\bENOENT\b/.test(text) && /spawn/.test(text)) {
    return { ok: false, kind: 'git-not-found', message: 'git is not installed or not on PATH' };
  }
  if (/directory that does not exist/.test(text)) {
    return { ok: false, kind: 'not-a-repository', message: `folder does not exist: ${dir}` };
  }
  if (/not a git repository|must be run in a work tree/i.test(text)) {
    return { ok: false, kind: 'not-a-repository', message: `not a git repository: ${dir}` };
  }
  if (/unknown revision|bad revision|ambiguous argument|invalid object name|bad object|malformed object name|not a valid object name/i.test(text)) {
    return { ok: false, kind: 'bad-revision', message: messageOf(error) };
  }
  return { ok: false, kind: 'git-failed', message: messageOf(error) };
}

/** One git command through simple-git with the neutralising settings; resolves to a typed result, never rejects. */
export async function runGit(dir: string, args: readonly string[], signal?: AbortSignal): Promise<GitResult<string>> {
  if (signal?.aborted) return { ok: false, kind: 'cancelled', message: 'cancelled' };
  try {
    return { ok: true, value: await (await safeSimpleGit(dir, signal)).raw([...args]) };
  } catch (error) {
    if (signal?.aborted) return { ok: false, kind: 'cancelled', message: 'cancelled' };
    return classify(error, dir);
  }
}

/**
 * `runGit` without simple-git: one child process, its output collected as bytes and decoded once. Same results
 * (a failure when git exits non-zero and says why on stderr, as simple-git decides; a non-zero exit with an empty
 * stderr, such as `rev-parse --verify --quiet` of an unborn HEAD, is its stdout), without simple-git's 50 ms wait
 * after any command that prints nothing (its `spawn.after` plugin) and its queue of four processes at a time.
 * The release engine's git calls go through it: a handful per run, one of them the whole history.
 */
export async function runGitProcess(dir: string, args: readonly string[], signal?: AbortSignal, environment?: GitEnvironment): Promise<GitResult<string>> {
  const out = await runGitProcessBytes(dir, args, signal, environment);
  return out.ok ? { ok: true, value: out.value.toString('utf8') } : out;
}

/**
 * `runGitProcess` with git's output as bytes, for a caller that decodes it in pieces (`parseLogBytes`: each
 * message decoded alone is a one-byte string unless it holds a character beyond Latin-1, where one such
 * character anywhere in a history made every message of the decoded whole a two-byte string).
 */
export function runGitProcessBytes(
  dir: string,
  args: readonly string[],
  signal?: AbortSignal,
  environment?: GitEnvironment,
  /** Takes the output piece by piece as it comes (then not collected: the result is empty). */
  onOutput?: (chunk: Buffer) => void,
): Promise<GitResult<Buffer>> {
  if (signal?.aborted) return Promise.resolve({ ok: false, kind: 'cancelled', message: 'cancelled' });
  return new Promise((resolveRun) => {
    const failed = (error: unknown): void => {
      if (signal?.aborted) resolveRun({ ok: false, kind: 'cancelled', message: 'cancelled' });
      else if (!existsSync(dir)) resolveRun({ ok: false, kind: 'not-a-repository', message: `folder does not exist: ${dir}` });
      else resolveRun(classify(error, dir));
    };
    let child: ChildProcessByStdio<Writable | null, Readable, Readable>;
    try {
      child = spawnSafeGit(dir, args, signal, undefined, environment);
    } catch (error) {
      failed(error);
      return;
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', onOutput ?? ((chunk: Buffer) => out.push(chunk)));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    // The first settlement wins: an 'error' (not started, killed on abort) may or may not be followed by 'close'.
    child.on('error', failed);
    child.on('close', (code) => {
      const stderr = Buffer.concat(err).toString('utf8');
      if (code !== 0 && (stderr !== '' || code === null)) {
        if (signal?.aborted) return resolveRun({ ok: false, kind: 'cancelled', message: 'cancelled' });
        return resolveRun(classify(new Error(stderr !== '' ? stderr : `git exited with ${code ?? 'a signal'}`), dir));
      }
      resolveRun({ ok: true, value: out.length === 1 ? (out[0] as Buffer) : Buffer.concat(out) });
    });
  });
}

/**
 * The work tree containing `dir` and whether the clone is shallow, in one `git rev-parse`; with `head`, HEAD's
 * commit id too (`--revs-only HEAD`: the id, or nothing and no failure before the first commit).
 * Fails with `not-a-repository` outside a work tree (also inside `.git` and in bare repositories).
 * `run` is the runner: `runGitProcess` on the release path.
 */
export async function findRepositoryRoot(dir: string, run: typeof runGit = runGit, options: { readonly head?: boolean } = {}): Promise<GitResult<RepositoryInfo>> {
  const out = await run(dir, ['rev-parse', '--show-toplevel', '--is-shallow-repository', ...(options.head ? ['--revs-only', 'HEAD'] : [])]);
  if (!out.ok) return out;
  const [root, shallow, head] = out.value.split('\n');
  if (!root) return { ok: false, kind: 'not-a-repository', message: `not a git work tree: ${dir}` };
  const id = options.head ? head?.trim() : undefined;
  return { ok: true, value: { root: resolve(root), shallow: shallow?.trim() === 'true', ...(id ? { head: id } : {}) } };
}

/**
 * The work tree's top level containing `dir`, as `findRepositoryRoot` names it, or undefined outside a work tree.
 * Commands that need only the root (lint-message reads the config there) use this: it walks up from `dir` looking
 * for `.git`, without starting a git process, and asks git only where the file system does not settle it (the
 * variables above, a file system boundary, ownership git would refuse, core.worktree or bare in the config).
 */
export async function findWorkTreeRoot(dir: string): Promise<string | undefined> {
  const fast = walkUpForGit(dir, process.env);
  if (fast !== 'ask-git') return fast;
  const repository = await findRepositoryRoot(dir);
  return repository.ok ? repository.value.root : undefined;
}

/** The walk of `findWorkTreeRoot` (gitWalk.ts), but 'ask-git' once git has been refused: that refusal is git's to give. */
export function walkUpForGit(dir: string, env: NodeJS.ProcessEnv): string | undefined | 'ask-git' {
  return gitRefusal !== undefined ? 'ask-git' : walkUpForGitOnDisk(dir, env);
}

/** Whether the repository at `root` is a shallow clone (prefer `findRepositoryRoot`, which tells both at once). */
export async function isShallowRepository(root: string): Promise<GitResult<boolean>> {
  const out = await runGit(root, ['rev-parse', '--is-shallow-repository']);
  return out.ok ? { ok: true, value: out.value.trim() === 'true' } : out;
}

/**
 * `core.commentChar` of the repository: `#` when unset or `auto` (git then picks a character the message does not
 * use; `#` is what it picks for a message without one). Fails only when git itself cannot run there.
 */
export async function readCommentChar(root: string): Promise<GitResult<string>> {
  const out = await runGit(root, ['config', '--get', 'core.commentChar']);
  if (!out.ok) return out;
  // `git config --get` exits 1 with no output when the key is unset; simple-git resolves that to "".
  const value = out.value.replace(/\r?\n$/, '');
  return { ok: true, value: value === '' || value === 'auto' ? '#' : value };
}

/**
 * How git parses trailers in the repository at `root` (`trailer.separators`, every `trailer.<name>.*`, and
 * `core.commentChar`), from one `git config` read, for `trailer-exists`. Callers read it once per run or per
 * repository, never per message. The `command`/`cmd` programs are only names here: nothing runs them. Fails only
 * when git itself cannot run there (refused in an untrusted editor workspace, like every git call).
 */
export async function readTrailerSettings(root: string): Promise<GitResult<TrailerSettings>> {
  // -z: `key\nvalue\0` per entry (`key\0` for a key without a value), so values may hold anything.
  const out = await runGit(root, ['config', '-z', '--get-regexp', '^(trailer\\.|core\\.commentchar$)']);
  if (!out.ok) return out;
  const entries: (readonly [string, string | null])[] = [];
  for (const record of out.value.split('\0')) {
    if (record === '') continue;
    const nl = record.indexOf('\n');
    entries.push(nl === -1 ? [record, null] : [record.slice(0, nl), record.slice(nl + 1)]);
  }
  return { ok: true, value: trailerSettingsFromGitConfig(entries) };
}

/**
 * Parses `git log -z --format=%H%x1f%P%x1f%B` output (each commit ends with NUL, which a message cannot contain;
 * \x1f only between hash, parents and message, so one inside a message is harmless), each field decoded alone: the
 * same commits as decoding the whole output and splitting it (test/unit/node/reference/parseLogOutput.ts, the
 * reference it is tested against), in strings V8 handles faster.
 */
export function parseLogBytes(out: Buffer): CommitMessage[] {
  const commits: CommitMessage[] = [];
  const reader = logRecordReader((commit) => commits.push(commit));
  reader.push(out);
  reader.end();
  return commits;
}

/** A byte (as a Latin-1 character) outside ASCII. */
const NOT_ASCII = /[\x80-\xff]/g;

/** logRecord of a record of decoded text (`[at, end)`, its NUL at `end`). */
function logRecordText(text: string, at: number, end: number): CommitMessage | null {
  const first = text.indexOf('\x1f', at);
  const second = first === -1 ? -1 : text.indexOf('\x1f', first + 1);
  if (first === -1 || second === -1 || second >= end) return null;
  const hash = text.slice(text.charCodeAt(at) === 0x0a ? at + 1 : at, first);
  const parents = text.slice(first + 1, second);
  return { hash, parents: parentList(parents), message: text.slice(second + 1, end) };
}

/** The commit of the record `[at, end)` of log bytes (its NUL at `end`), or null without both separators. */
function logRecord(out: Buffer, at: number, end: number): CommitMessage | null {
  const first = out.indexOf(0x1f, at);
  const second = first === -1 ? -1 : out.indexOf(0x1f, first + 1);
  if (first === -1 || second === -1 || second >= end) return null;
  const hash = out.toString('utf8', out[at] === 0x0a ? at + 1 : at, first); // the newline git prints between -z records
  const parents = out.toString('utf8', first + 1, second);
  return { hash, parents: parentList(parents), message: out.toString('utf8', second + 1, end) };
}

/**
 * `%P` as a list: `parents.split(' ')`, except that one parent (most commits) is put in a list without the split,
 * a call into the runtime per commit (~2 ms over vite's 9,620 commits, cold).
 */
function parentList(parents: string): string[] {
  return parents === '' ? [] : parents.indexOf(' ') === -1 ? [parents] : parents.split(' ');
}

/**
 * parseLogBytes piece by piece: `push` each piece of git's output as it comes, `end` after the last; every commit
 * goes to `onCommit` as soon as its record is complete, in order. The release engine reads the history while
 * `git log` is still printing it. A record cut between two pieces waits for the rest.
 */
export function logRecordReader(onCommit: (commit: CommitMessage) => void): { push(chunk: Buffer): void; end(): void } {
  let rest: Buffer | null = null;
  return {
    push(chunk: Buffer): void {
      const scanned = rest === null ? 0 : rest.length; // the rest has no NUL: look for one in the new bytes only
      const out: Buffer = rest === null ? chunk : Buffer.concat([rest, chunk]);
      const complete = out.lastIndexOf(0);
      if (complete >= scanned) {
        // The piece's complete records decoded in one call as Latin-1 (a character per byte, so offsets in the
        // text are offsets in the bytes) and split as a string, instead of three decodes and three searches of
        // the bytes per commit. A record of ASCII alone decodes the same as Latin-1 and as UTF-8, in one-byte
        // strings either way (most records of most histories); any other record is decoded from its bytes.
        const text = out.toString('latin1', 0, complete);
        NOT_ASCII.lastIndex = 0;
        let wide = NOT_ASCII.test(text) ? NOT_ASCII.lastIndex - 1 : -1;
        let from = 0;
        for (let end = text.indexOf('\0'); ; end = text.indexOf('\0', from)) {
          if (end === -1) end = complete;
          let commit: CommitMessage | null;
          if (wide !== -1 && wide < end) {
            commit = logRecord(out, from, end);
            NOT_ASCII.lastIndex = end;
            wide = NOT_ASCII.test(text) ? NOT_ASCII.lastIndex - 1 : -1;
          } else commit = logRecordText(text, from, end);
          if (commit !== null) onCommit(commit);
          if (end === complete) break;
          from = end + 1;
        }
        rest = complete + 1 < out.length ? out.subarray(complete + 1) : null;
        return;
      }
      let at = 0;
      for (let end = out.indexOf(0, scanned); end !== -1; end = out.indexOf(0, at)) {
        const commit = logRecord(out, at, end);
        if (commit !== null) onCommit(commit);
        at = end + 1;
      }
      rest = at < out.length ? out.subarray(at) : null;
    },
    end(): void {
      if (rest === null) return;
      const commit = logRecord(rest, 0, rest.length);
      rest = null;
      if (commit !== null) onCommit(commit);
    },
  };
}

async function hasHead(root: string): Promise<boolean> {
  const out = await runGit(root, ['rev-parse', '--verify', '--quiet', 'HEAD']);
  return out.ok && out.value.trim() !== '';
}

function isSafeRevision(rev: string): boolean {
  // Whitespace and NUL are never part of a revision. A leading "-" is allowed: the revision goes after
  // --end-of-options, so a tag named --help or -x is a revision there, never an option.
  return rev.length > 0 && !/[\s\0]/.test(rev);
}

/**
 * The commits of `from..to` (or everything reachable from `to`), newest first, with raw messages and parents,
 * in ONE `git log` call. An empty repository is not an error: `emptyRepository` is true and the list empty.
 */
export async function listCommitMessages(root: string, options: ListCommitsOptions = {}): Promise<GitResult<CommitList>> {
  const to = options.to ?? 'HEAD';
  for (const rev of [options.from, to]) {
    if (rev !== undefined && !isSafeRevision(rev)) {
      return { ok: false, kind: 'bad-revision', message: `not a valid revision: ${JSON.stringify(rev)}` };
    }
  }
  const args = ['log', '-z', `--format=%H${'%x1f'}%P${'%x1f'}%B`];
  if (options.maxCount !== undefined) args.push(`--max-count=${Math.max(0, Math.floor(options.maxCount))}`);
  args.push('--end-of-options', options.from === undefined ? to : `${options.from}..${to}`, '--');
  const out = await runGitProcessBytes(root, args);
  if (!out.ok) {
    // A fresh repository (HEAD is an unborn branch) has nothing to list; asked only on this failure path.
    if (out.kind === 'bad-revision' && to === 'HEAD' && !(await hasHead(root))) {
      return { ok: true, value: { commits: [], emptyRepository: true } };
    }
    return out;
  }
  return { ok: true, value: { commits: parseLogBytes(out.value), emptyRepository: false } };
}

export interface ScopeCount {
  readonly scope: string;
  readonly count: number;
}

const scopeCache = new Map<string, { readonly head: string; readonly scopes: Promise<GitResult<ScopeCount[]>> }>();

/**
 * Scopes used in the last `maxCount` commits, most used first, for completion. Cached per repository and HEAD:
 * while HEAD does not move, a call costs one `git rev-parse HEAD`. An empty repository has no scopes.
 */
export async function collectScopes(root: string, options: { readonly maxCount: number }): Promise<GitResult<ScopeCount[]>> {
  const headOut = await runGit(root, ['rev-parse', '--verify', '--quiet', 'HEAD']);
  if (!headOut.ok) {
    if (headOut.kind === 'git-failed' || headOut.kind === 'bad-revision') return { ok: true, value: [] }; // no commits yet
    return headOut;
  }
  const head = headOut.value.trim();
  if (head === '') return { ok: true, value: [] }; // `--verify --quiet` prints nothing when HEAD has no commit
  const key = `${resolve(root)}\0${options.maxCount}`;
  const cached = scopeCache.get(key);
  if (cached && cached.head === head) return cached.scopes;
  const scopes = (async (): Promise<GitResult<ScopeCount[]>> => {
    const list = await listCommitMessages(root, { to: head, maxCount: options.maxCount });
    if (!list.ok) return list;
    try {
      return { ok: true, value: rankScopes(list.value.commits.map((commit) => commit.message)) };
    } catch (error) {
      return { ok: false, kind: 'git-failed', message: `could not rank scopes: ${messageOf(error)}` };
    }
  })();
  const entry = { head, scopes };
  scopeCache.set(key, entry);
  const result = await scopes;
  if (!result.ok && scopeCache.get(key) === entry) scopeCache.delete(key); // keep no failure: the next call retries
  return result;
}

/**
 * The best common ancestor of two revisions (`git merge-base`): where a pull request's branch left its base.
 * `bad-revision` when either does not name a commit (e.g. `origin/main` was not fetched).
 */
export async function findMergeBase(root: string, a: string, b: string): Promise<GitResult<string>> {
  for (const rev of [a, b]) {
    if (!isSafeRevision(rev)) return { ok: false, kind: 'bad-revision', message: `not a valid revision: ${JSON.stringify(rev)}` };
  }
  const out = await runGit(root, ['merge-base', '--end-of-options', a, b]);
  if (!out.ok) return out.kind === 'git-failed' ? { ok: false, kind: 'bad-revision', message: `no common ancestor of ${a} and ${b} (git: ${out.message})` } : out;
  const hash = out.value.trim();
  if (!/^[0-9a-f]{40,64}$/.test(hash)) return { ok: false, kind: 'bad-revision', message: `no common ancestor of ${a} and ${b}` };
  return { ok: true, value: hash };
}

/**
 * The repository's own `core.hooksPath` (`~` expanded), or undefined when none is set. Every git command here
 * carries `core.hooksPath=/dev/null` on its command line (NEUTRALISED_GIT_CONFIG), which outranks the files, so
 * the value is read with its scopes and the command-line one is skipped: what remains is what `git commit` uses.
 */
export async function readHooksPath(root: string): Promise<GitResult<string | undefined>> {
  const out = await runGit(root, ['config', '-z', '--show-scope', '--type=path', '--get-all', 'core.hooksPath']);
  if (!out.ok) return out;
  const fields = out.value.split('\0');
  let value: string | undefined;
  // Pairs of scope and value; the last one git lists wins, as for any single-valued key.
  for (let at = 0; at + 1 < fields.length; at += 2) {
    if (fields[at] !== 'command' && fields[at + 1] !== '') value = fields[at + 1];
  }
  return { ok: true, value };
}

/** The folder shared by all work trees of the repository (`.git` of the main one), as an absolute path. */
export async function readCommonGitDir(root: string): Promise<GitResult<string>> {
  const out = await runGit(root, ['rev-parse', '--git-common-dir']);
  if (!out.ok) return out;
  // Printed relative to the folder git ran in (`.git`) unless it is elsewhere.
  return { ok: true, value: resolve(root, out.value.trim()) };
}
