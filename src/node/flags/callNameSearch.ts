// The in-process stand-in for `git grep -l -P` over the work tree's source files (issue #16), in a module of its own
// so that the search's worker thread (`searchWorker.ts`) bundles nothing else.
import { closeSync, constants as fsConstants, fstatSync, openSync, readSync } from 'node:fs';
import { alternationOf } from '../../core/regexp';

const DEFAULT_MAX_BYTES = 1024 * 1024;

/**
 * Literals to look for before the exact pattern, in this order: each is a substring of some built-in call names
 * and starts with a byte that is rare in source code (an upper-case letter, `_`), so `Buffer.indexOf` skips most
 * of a file with `memchr` (issue #16: ~5–10 ms per literal over 57 MB, against ~30 ms for one that starts with
 * a common lower-case letter). A name none of them covers (a custom pattern's) is its own literal.
 */
const ANCHOR_PREFERENCE = ['Value', 'Flag', 'Feat', 'Varia', 'Gate', 'Enab', 'Detai', 'On', 'Off', 'Exper', 'Treat', 'get_', '_ga', '_en', '_on', '_of', 'variat', 'feat'];

/** `text`'s UTF-8 bytes as a latin1 string: how a byte-wise PCRE (git grep -P under LC_ALL=C) sees it. */
export const latin1OfUtf8 = (text: string): string => Buffer.from(text, 'utf8').toString('latin1');

/**
 * Literals (latin1 views of UTF-8 bytes) such that every match of `callNameGrepPattern(names)` contains one: each
 * call name, and `useFlags` (which the pattern accepts alone), contains at least one of them. Exported for tests.
 */
export function callNameAnchors(names: readonly string[]): string[] {
  const uncovered = new Set([...names, 'useFlags'].map(latin1OfUtf8));
  const anchors: string[] = [];
  for (const anchor of ANCHOR_PREFERENCE) {
    let covers = false;
    for (const name of uncovered) {
      if (!name.includes(anchor)) continue;
      covers = true;
      uncovered.delete(name);
    }
    if (covers) anchors.push(anchor);
  }
  for (const name of uncovered) anchors.push(name);
  return anchors;
}

/**
 * `callNameGrepPattern` as a JavaScript RegExp over the latin1 view of a file's bytes, with git grep's line
 * semantics: PCRE under git is multi-line with LF as the only newline, so its `$` is "before `\n` or at the end";
 * JavaScript's multi-line `$` would also match before a `\r`, hence `(?=\n)|$` without the `m` flag. Exported for
 * tests.
 */
export function callNameSearchRegExp(names: readonly string[]): RegExp {
  return new RegExp(
    `(?<![A-Za-z0-9_])(?:${alternationOf(names.map(latin1OfUtf8))}(?:<[^()\\n]{0,200}>)?[\\t\\x0b\\f\\r \\x80-\\xff]*(?:\\(|(?=\\n)|$)|useFlags)`,
  );
}

/** Open flags of the search: a symlink is not followed (git grep skips what `lstat` says is no regular file), a FIFO does not block. */
const SEARCH_OPEN_FLAGS = fsConstants.O_RDONLY | (fsConstants.O_NOFOLLOW ?? 0) | (fsConstants.O_NONBLOCK ?? 0);

/** One file as the search read it: its bytes (a view into a reused buffer: copy what is kept) and its size. */
export interface SearchedFile {
  readonly view: Buffer;
  readonly size: number;
  /** The view is the caller's to keep (the worker's transferred bytes), not the search's reused buffer. */
  readonly owned?: boolean;
}

/**
 * The in-process stand-in for `git grep -l -P callNameGrepPattern(names)` over the work tree (issue #16): the same
 * files named, read with one open/fstat/read/close each into a reused buffer, a few `Buffer.indexOf` of literals
 * every match contains, and the exact pattern only on a file that holds one. A file git grep would not read (a
 * symlink, a directory, a FIFO, a missing or unreadable file) names nothing; a file of any size is searched, as
 * git grep does (the scan then reports it too large). Exported for tests.
 */
export class CallNameSearch {
  private buffer = Buffer.allocUnsafe(256 * 1024);
  private readonly anchors: readonly Buffer[];
  private readonly exact: RegExp;

  /** The names as latin1 strings, when all are made of `[A-Za-z0-9_]`: then no RegExp runs. */
  private readonly words: ReadonlySet<string> | undefined;
  private readonly longestWord: number;

  constructor(names: readonly string[], private readonly maxBytes = DEFAULT_MAX_BYTES) {
    this.anchors = callNameAnchors(names).map((anchor) => Buffer.from(anchor, 'latin1'));
    this.exact = callNameSearchRegExp(names);
    const words = names.every((name) => /^[A-Za-z0-9_]+$/.test(name));
    this.words = words ? new Set(names) : undefined;
    this.longestWord = Math.max(0, ...names.map((name) => name.length));
  }

  /** The file's bytes when git grep would name it, else undefined. */
  search(path: string): SearchedFile | undefined {
    const view = this.read(path);
    return view && this.names(view) ? { view, size: view.length } : undefined;
  }

  /**
   * The bytes of the file at `path` (a view into the reused buffer) as git grep reads them, or undefined when it
   * would not read it (a symlink, a directory, a FIFO, a missing or unreadable file).
   */
  read(path: string): Buffer | undefined {
    let fd: number | undefined;
    try {
      fd = openSync(path, SEARCH_OPEN_FLAGS);
      // Read to the end without an fstat (most files fit the buffer in one read); a file that fills the buffer is
      // asked whether it is a regular file before it grows it (a device could be endless). Positional reads:
      // a FIFO or a directory throws, and names nothing.
      let target = this.buffer;
      let read = 0;
      let regular = false;
      for (;;) {
        const n = readSync(fd, target, read, target.length - read, read);
        read += n;
        // A short read of a regular file is its end (Linux, local or network file systems): no read of 0.
        if (read < target.length) break;
        if (!regular && !(regular = fstatSync(fd).isFile())) return undefined;
        const larger = Buffer.allocUnsafe(target.length * 2);
        target.copy(larger, 0, 0, read);
        target = larger;
        // Files the scan reads keep the larger buffer; a larger one (searched only to be reported) does not.
        if (target.length <= 2 * this.maxBytes) this.buffer = target;
      }
      return target.subarray(0, read);
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  /**
   * Whether `bytes` hold a match of the pattern, looked for only where a literal occurs: with call names made of
   * `[A-Za-z0-9_]` (the built-in ones), at the word around it; otherwise on its line (a match never spans lines),
   * each line once.
   */
  names(bytes: Buffer): boolean {
    let text: string | undefined;
    let tested: Set<number> | undefined;
    for (const anchor of this.anchors) {
      for (let at = bytes.indexOf(anchor); at >= 0; ) {
        if (this.words) {
          if (this.callAt(bytes, at, anchor.length, this.words)) return true;
          at = bytes.indexOf(anchor, at + 1);
          continue;
        }
        const start = bytes.lastIndexOf(10, at) + 1;
        const newline = bytes.indexOf(10, at);
        const end = newline < 0 ? bytes.length : newline + 1;
        if (!tested?.has(start)) {
          (tested ??= new Set()).add(start);
          // The line with its newline: the pattern's `(?=\n)`; the byte before it is a newline or nothing,
          // which the lookbehind treats alike.
          if (this.exact.test((text ??= bytes.toString('latin1')).slice(start, end))) return true;
        }
        if (newline < 0) break;
        at = bytes.indexOf(anchor, end);
      }
    }
    return false;
  }

  /**
   * The pattern at the literal found at `at`, for names of word bytes only: a match's name is preceded by no word
   * byte and followed by none (then come `<`, a blank, `(` or the line's end), so it is the whole word around
   * the literal; `useFlags` matches alone at the start of a word.
   */
  private callAt(bytes: Buffer, at: number, length: number, words: ReadonlySet<string>): boolean {
    let start = at;
    while (start > 0 && isWordByte(bytes[start - 1]!)) start--;
    // `useFlags` matches alone at a word's start (its 8 bytes are word bytes: the word is at least that long).
    if (bytes[start] === 0x75 /* u */ && bytes.toString('latin1', start, start + 8) === 'useFlags') return true;
    return wordCallAt(bytes, at, length, words, this.longestWord, isWordByte, callOpensAt);
  }
}

/**
 * Whether the literal at `at` (`length` bytes) lies in a word (bytes `isName` accepts) that is one of `words`
 * (none longer than `longest`) and is followed, after an optional `<…>` of TypeScript type arguments
 * (`<[^()\n]{0,200}>`, any `>` within reach: a regular expression backtracks to each), by what `opensAt` accepts.
 * The byte-level test of a call name's pattern at an anchor, shared by the search (git grep's pattern) and the
 * scan's prefilter (workspace.ts), whose word bytes and call openings differ.
 */
export function wordCallAt(
  bytes: Buffer,
  at: number,
  length: number,
  words: ReadonlySet<string>,
  longest: number,
  isName: (byte: number) => boolean,
  opensAt: (bytes: Buffer, at: number) => boolean,
): boolean {
  let start = at;
  while (start > 0 && isName(bytes[start - 1]!)) start--;
  let end = at + length;
  while (end < bytes.length && isName(bytes[end]!)) end++;
  if (end - start > longest || !words.has(bytes.toString('latin1', start, end))) return false;
  if (bytes[end] !== 0x3c /* < */) return opensAt(bytes, end);
  for (let close = end + 1; close <= end + 201 && close < bytes.length; close++) {
    const byte = bytes[close]!;
    if (byte === 0x28 || byte === 0x29 || byte === 10) return false;
    if (byte === 0x3e && opensAt(bytes, close + 1)) return true;
  }
  return false;
}

/** `[A-Za-z0-9_]`: the bytes the pattern's lookbehind refuses before a name. */
function isWordByte(byte: number): boolean {
  return (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x30 && byte <= 0x39) || byte === 0x5f;
}

/** `[\t\x0b\f\r \x80-\xff]*(?:\(|$)` from `at`, `$` being a newline or the end. */
function callOpensAt(bytes: Buffer, at: number): boolean {
  let i = at;
  for (; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (!(byte === 0x20 || byte === 9 || byte === 11 || byte === 12 || byte === 13 || byte >= 0x80)) break;
  }
  return i === bytes.length || bytes[i] === 0x28 || bytes[i] === 10;
}


/** What the search's worker thread (`searchWorker.ts`) is started with. */
export interface SearchWorkerData {
  readonly names: readonly string[];
  readonly maxBytes: number;
  /** The workspace root with a trailing separator: listed paths are appended to it. */
  readonly prefix: string;
}

/** A batch of listed paths for the worker. */
export interface SearchBatch {
  readonly id: number;
  readonly files: readonly string[];
}

/** The worker's answer to a batch: the paths named, their sizes and bytes (empty over the size limit). */
export interface SearchBatchAnswer {
  readonly id: number;
  readonly named: readonly string[];
  readonly sizes: readonly number[];
  readonly buffers: readonly ArrayBuffer[];
}
