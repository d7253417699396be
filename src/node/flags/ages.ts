// Flag ages in ONE pass over history: `git log --reverse -p -U0` restricted to source files, streamed. Every
// added line that holds a flag call (plus the two added lines after it, for calls split over lines) contributes
// its string literals and identifiers; the first commit (oldest) that adds a token is where it was introduced.
// The call-name filter runs here, not as `git log -G<names>`: git's POSIX regex engine with ~150 alternatives
// made the pass ~25× slower (7.3 s against 0.25 s for 10,000 commits) than streaming the zero-context diff. Source
// files are picked here too (languageOf): 15 `*.ext` pathspecs cost git a glob match per tree entry and commit
// (1.5 s against 0.4 s), while without a pathspec its tree diff prunes unchanged folders by hash.
// Recording every token (not only today's keys) makes the result a function of HEAD alone: it is cached by HEAD
// in memory and on disk, and a newer HEAD that descends from the cached one only reads the new commits.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BUILTIN_FLAG_PATTERNS, callNames, camelCaseKey, languageOf } from '../../core/flags';
import type { FlagAge, FlagCallPattern } from '../../core/flags/types';
import type { FlagAgeOptions, FlagAgeResult } from './types';
import { NO_DIFF_PROGRAMS, spawnGit, spawnSafeGit } from '../git';
import { escapeRegExp } from './workspace';

const CACHE_VERSION = 1;

/** First appearance of each token: [commit index, hash, ISO date, author, file]. */
type Intro = [number, string, string, string, string];

export interface HistoryIndex {
  readonly version: number;
  readonly head: string;
  /** Signature of the call names the pass looked for (custom patterns change it). */
  readonly signature: string;
  readonly commits: number;
  readonly tokens: Record<string, Intro>;
}

const memory = new Map<string, HistoryIndex>();

function signatureOf(names: readonly string[]): string {
  let h = 0;
  for (const ch of names.join(',')) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return `${names.length}:${(h >>> 0).toString(16)}`;
}



const STRING = /(["'`])((?:\\.|(?!\1)[^\\])*?)\1/g;
const IDENT = /[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)?/g;

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

/**
 * Streams `git log` and indexes first appearances. Resolves false when cancelled or git failed (with stderr).
 */
function readHistory(
  root: string,
  range: string,
  names: readonly string[],
  tokens: Record<string, Intro>,
  startIndex: number,
  signal?: AbortSignal,
): Promise<{ ok: true; commits: number } | { ok: false; cancelled: boolean; message: string }> {
  const call = new RegExp(`(?<![\\w$])(?:${names.map(escapeRegExp).join('|')})\\s*\\(|\\buseFlags\\b`);
  const args = [
    'log', range, '--reverse', '--no-merges', '--format=%x01%H%x09%aI%x09%an', '-p', '-U0', '--no-color', ...NO_DIFF_PROGRAMS, '--no-renames',
    '--diff-filter=AM',
  ];
  return new Promise((resolve) => {
    let child;
    try {
      child = spawnSafeGit(root, args);
    } catch (error) {
      resolve({ ok: false, cancelled: false, message: error instanceof Error ? error.message : String(error) });
      return;
    }
    let index = startIndex;
    let hash = '';
    let date = '';
    let author = '';
    let file = '';
    let source = false; // the current file is one the scanner reads
    let carry = 0; // added lines after a call line that still count (multi-line calls)
    let pending = '';
    let err = '';
    let cancelled = false;
    const onAbort = (): void => {
      cancelled = true;
      child.kill();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const record = (token: string): void => {
      if (token.length < 2 || token.length > 200) return;
      // Strings inside template literals / regexes may contain newlines-free junk; keys are short.
      if (!(token in tokens)) tokens[token] = [index, hash, date, author, file];
    };
    const line = (text: string): void => {
      const c0 = text.charCodeAt(0);
      if (c0 === 1) {
        const [h, d, a] = text.slice(1).split('\t');
        hash = h ?? '';
        date = d ?? '';
        author = a ?? '';
        index++;
        carry = 0;
        return;
      }
      if (c0 === 43 /* + */) {
        if (text.length > MAX_HISTORY_LINE) {
          carry = 0;
          return;
        }
        if (text.startsWith('+++ ')) {
          file = diffTargetPath(text.slice(4));
          source = file !== '' && languageOf(file) !== undefined;
          carry = 0;
          return;
        }
        if (!source) return;
        if (call.test(text)) carry = 3;
        if (carry <= 0) return;
        carry--;
        for (const m of text.matchAll(STRING)) record(m[2]!);
        for (const m of text.matchAll(IDENT)) record(`#${m[0]}`); // identifiers: own namespace
        return;
      }
      if (c0 !== 32) carry = 0; // a hunk header or removed line ends a multi-line call
    };
    child.stdout.setEncoding('utf8');
    let overlong = false; // the current line passed MAX_HISTORY_LINE: dropped up to its end, never buffered
    child.stdout.on('data', (chunk: string) => {
      // Only the new chunk is searched: rescanning the pending part made a 20 MB line quadratic.
      let from = 0;
      for (let nl = chunk.indexOf('\n'); nl >= 0; nl = chunk.indexOf('\n', from)) {
        if (overlong) overlong = false;
        else line(pending + chunk.slice(from, nl));
        pending = '';
        from = nl + 1;
      }
      if (overlong) return;
      pending += chunk.slice(from);
      if (pending.length > MAX_HISTORY_LINE) {
        pending = '';
        overlong = true;
        carry = 0;
      }
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', (e) => resolve({ ok: false, cancelled, message: e.message }));
    child.on('close', (code) => {
      signal?.removeEventListener('abort', onAbort);
      if (pending) line(pending);
      if (cancelled) resolve({ ok: false, cancelled: true, message: 'cancelled' });
      else if (code !== 0) resolve({ ok: false, cancelled: false, message: err.trim().split('\n')[0] || `git log exited with ${code}` });
      else resolve({ ok: true, commits: index - startIndex });
    });
  });
}

async function readDiskCache(storageDir: string | undefined, signature: string): Promise<HistoryIndex | undefined> {
  if (!storageDir) return undefined;
  try {
    const data = JSON.parse(await readFile(join(storageDir, 'flag-ages.json'), 'utf8')) as HistoryIndex;
    return data.version === CACHE_VERSION && data.signature === signature && typeof data.head === 'string' ? data : undefined;
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
    // The camelCased form (LaunchDarkly useFlags()) only when it differs: `beta` must not match a variable `beta`.
    const camel = camelCaseKey(key);
    const candidates = [key, ...(camel !== key ? [`#${camel}`] : []), ...(aliases[key] ?? []).map((alias) => `#${alias}`)];
    for (const token of candidates) {
      const intro = index.tokens[token];
      if (intro && (!best || intro[0] < best[0])) best = intro;
    }
    if (best) ages[key] = { introducedAt: best[2], introducedBy: best[3], commit: best[1], ...(best[4] ? { file: best[4] } : {}) };
  }
  return ages;
}

/**
 * The commit that first put each key (or one of its aliases: the constant / `FLAGS.A` reference used at a call
 * site, the camelCased `useFlags()` property) on a flag call line. One `git log` pass; cached by HEAD.
 */
export async function computeFlagAges(root: string, options: FlagAgeOptions): Promise<FlagAgeResult> {
  const patterns: readonly FlagCallPattern[] = options.patterns ?? [];
  const names = callNames([...BUILTIN_FLAG_PATTERNS, ...patterns]).map((n) => n.replace(/[^\w$]/g, ''));
  const signature = signatureOf(names);
  const aliases = options.aliases ?? {};
  if (options.signal?.aborted) return { ok: false, kind: 'cancelled', message: 'cancelled' };

  const headOut = await spawnGit(root, ['rev-parse', '--verify', '-q', 'HEAD']);
  if (!headOut.ok) {
    const inside = await spawnGit(root, ['rev-parse', '--is-inside-work-tree']);
    if (!inside.ok) return { ok: false, kind: 'not-a-repository', message: `not a git repository: ${root}` };
    return { ok: true, ages: {}, head: null, cached: false, commitsRead: 0 }; // no commit yet
  }
  const head = headOut.out.trim();
  const memoKey = `${root}\0${signature}`;
  let base = memory.get(memoKey);
  if (!base || base.head !== head) base = (await readDiskCache(options.storageDir, signature)) ?? base;
  if (base && base.head === head && base.signature === signature) {
    memory.set(memoKey, base);
    return { ok: true, ages: agesFrom(base, options.keys, aliases), head, cached: true, commitsRead: 0 };
  }
  // Incremental when the cached HEAD is an ancestor of the new one (a pull, a new commit).
  let range = head;
  let tokens: Record<string, Intro> = {};
  let start = 0;
  if (base && base.signature === signature) {
    const ancestor = await spawnGit(root, ['merge-base', '--is-ancestor', base.head, head]);
    if (ancestor.ok) {
      range = `${base.head}..${head}`;
      tokens = { ...base.tokens };
      start = base.commits;
    }
  }
  const read = await readHistory(root, range, names, tokens, start, options.signal);
  if (!read.ok) {
    return read.cancelled
      ? { ok: false, kind: 'cancelled', message: 'cancelled' }
      : { ok: false, kind: 'git-failed', message: read.message };
  }
  const index: HistoryIndex = { version: CACHE_VERSION, head, signature, commits: start + read.commits, tokens };
  memory.set(memoKey, index);
  await writeDiskCache(options.storageDir, index);
  return { ok: true, ages: agesFrom(index, options.keys, aliases), head, cached: false, commitsRead: read.commits };
}

/** Forget the in-memory cache (tests, "reload"). */
export function clearFlagAgeCache(): void {
  memory.clear();
}
