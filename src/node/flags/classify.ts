// Pass 1's work for one named file (the skip rules, the prefilter, the lexing), in a module of its own so that the
// search's worker thread (`searchWorker.ts`) can do it too and bundle only the lexer (issue #13/#16).
import { languageOf, scanSource } from '../../core/flags/scan';
import { alternationOf } from '../../core/regexp';
import type { FileFlagScan, FlagCallPattern, SkippedFile } from '../../core/flags/types';

/**
 * Pass 1's verdict on one file without its bytes (plain data: the worker posts it): skipped, or the prefilter's
 * verdict and, when it matched, the file's scan.
 */
export type Classified = { readonly skipped: SkippedFile['reason'] } | { readonly matched: boolean; readonly scan?: FileFlagScan };

/** What a classifier needs besides the file (the worker gets it as its `workerData`). */
export interface ClassifyOptions {
  readonly names: readonly string[];
  readonly patterns: readonly FlagCallPattern[];
  readonly maxBytes: number;
  readonly maxLine: number;
}

/**
 * Prefilter: a file needs a full scan only when it mentions a call name followed by `(`. Call names are escaped:
 * `(a+)+$` from a setting must not become a catastrophic pattern, and an identifier's `$` is no anchor.
 */
export function callPrefilter(names: readonly string[]): RegExp {
  // `(?:<…>)?`: TS type arguments, `useFeatureValue<Config | null>(`.
  return new RegExp(`(?<![\\w$])${alternationOf(names)}(?:<[^()\\n]{0,200}>)?\\s*\\(`);
}

/** A line longer than maxLine characters: minified or generated. */
export function isMinified(text: string, maxLine: number): boolean {
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

/**
 * The skip rules (too large, binary, minified) and the lexing of a file the search named, on its bytes. The
 * prefilter, NUL and line-length checks run on a latin1 view (one-byte string: the fastest for V8's regexp and
 * indexOf; call names are ASCII, so the verdict is the same); only a file the prefilter matches is decoded as
 * UTF-8 (offsets are UTF-16 code units of the real text) and lexed.
 */
export function fileClassifier({ names, patterns, maxBytes, maxLine }: ClassifyOptions): (file: string, bytes: Buffer, size: number) => Classified {
  const prefilter = callPrefilter(names);
  return (file, bytes, size) => {
    if (size > maxBytes) return { skipped: 'too-large' };
    if (bytes.indexOf(0) >= 0) return { skipped: 'binary' };
    const view = bytes.toString('latin1');
    if (isMinified(view, maxLine)) return { skipped: 'minified' };
    if (!prefilter.test(view)) return { matched: false };
    return { matched: true, scan: scanSource(bytes.toString('utf8'), { language: languageOf(file)!, file, patterns }) as FileFlagScan };
  };
}
