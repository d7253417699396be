// A small SQL lexer: enough to split statements and to find where a name is, never to decide what a statement
// does (that is the parser's job, in parseSql.ts). Strings, quoted identifiers, dollar quotes and comments are
// single tokens, so nothing inside them ever looks like SQL.
import type { SqlDialect } from '../types';

export type SqlTokenKind = 'word' | 'quoted' | 'string' | 'dollar' | 'number' | 'comment' | 'punct' | 'param';

export interface SqlToken {
  readonly kind: SqlTokenKind;
  readonly start: number;
  readonly end: number;
  /** Words upper-cased; quoted identifiers without quotes; strings without quotes (escapes left as written). */
  readonly value: string;
}

// The rest of a word (letters, digits, _, $, any code unit above 127) and of a number ([0-9.eE_xXa-fA-F]: what a
// number's fraction, exponent, separators or hex digits use), matched by the regular expression engine: a CLI run
// executes this lexer mostly unoptimised, where a loop over characters costs several calls per character.
// test/unit/core/migrations/sqlLexer.test.ts holds every token to the former character loops.
const WORD_REST = /[A-Za-z0-9_$\u0080-\uffff]*/y;
const NUMBER_REST = /[0-9._xXa-fA-F]*/y;

/** Where the run `sticky` matches at `at` ends, no further than `to`. */
function runEnd(sticky: RegExp, text: string, at: number, to: number): number {
  sticky.lastIndex = at;
  sticky.test(text);
  return sticky.lastIndex < to ? sticky.lastIndex : to;
}

/** At most this many slots made ahead in each token array (a larger text's arrays grow as they fill). */
const PREALLOCATED_TOKENS = 4096;

/** Kind codes of SqlTokenArrays (an index into TOKEN_KINDS). */
export const WORD = 0;
export const QUOTED = 1;
export const STRING = 2;
export const DOLLAR = 3;
export const NUMBER = 4;
export const COMMENT = 5;
export const PUNCT = 6;
export const PARAM = 7;
export const TOKEN_KINDS: readonly SqlTokenKind[] = ['word', 'quoted', 'string', 'dollar', 'number', 'comment', 'punct', 'param'];

/**
 * The tokens as parallel arrays (token k is kinds[k], starts[k], ends[k], values[k]): the lexer writes no object per
 * token and its readers make no property load per field (a CLI run executes them unoptimised, where each load and
 * each object costs more than the comparisons). Comments are left out of the arrays and kept as tokens in
 * `comments`, `commentAt[j]` being the number of other tokens before comments[j]. The tokens are the first `count`
 * entries: the arrays may be longer (made with room ahead), so read them up to `count`, never by their length.
 */
export interface SqlTokenArrays {
  readonly count: number;
  readonly kinds: number[];
  readonly starts: number[];
  readonly ends: number[];
  readonly values: string[];
  readonly comments: SqlToken[];
  readonly commentAt: number[];
}

/** Tokenizes `text` (or its slice [from, to)); whitespace is skipped. Unterminated tokens run to the end. */
export function lexSql(text: string, dialect: SqlDialect, from = 0, to = text.length): SqlToken[] {
  const tokens: SqlToken[] = [];
  lex(text, dialect, from, to, tokens);
  return tokens;
}

/** Tokens [first, end) of `arrays` as objects (end -1: all). */
export function tokensOf(arrays: SqlTokenArrays, first: number, end: number): SqlToken[] {
  const { kinds, starts, ends, values } = arrays;
  const stop = end < 0 ? arrays.count : end;
  const tokens: SqlToken[] = [];
  for (let k = first; k < stop; k++) tokens.push({ kind: TOKEN_KINDS[kinds[k]!]!, start: starts[k]!, end: ends[k]!, value: values[k]! });
  return tokens;
}

/** lexSql's tokens as arrays, comments apart (see SqlTokenArrays). */
export function lexSqlArrays(text: string, dialect: SqlDialect, from: number, to: number): SqlTokenArrays {
  return lex(text, dialect, from, to, null);
}

/**
 * The lexer: into `objects` when given (lexSql; the arrays stay empty: the other dialects' splitter takes objects,
 * and a round trip through the arrays cost it ~30% more), else into the arrays.
 */
function lex(text: string, dialect: SqlDialect, from: number, to: number, objects: SqlToken[] | null): SqlTokenArrays {
  // The arrays made with room for a token per 4 characters (more grow as usual): a store that grows an array
  // costs about twice one into room already there, unoptimised. Their length says nothing: `count` is the number.
  const room = objects === null && to > from ? Math.min((to - from) >> 2, PREALLOCATED_TOKENS) : 0;
  const kinds: number[] = new Array(room);
  const starts: number[] = new Array(room);
  const ends: number[] = new Array(room);
  const values: string[] = new Array(room);
  const comments: SqlToken[] = [];
  const commentAt: number[] = [];
  let n = 0;
  let i = from;
  /** Postgres: the first CR at or after the last comment's search, or -1 when none is left (-2: not searched). */
  let nextCarriageReturn = -2;
  // A whole text's words upper-cased in one call, each word's value then a slice of it: a toUpperCase per word (a
  // call into the runtime, unoptimised) was ~15% of the lexer's instructions. See wholeUpper for when it holds.
  const upper = objects === null && from === 0 && to === text.length ? wholeUpper(text) : null;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12) {
      i++;
      continue;
    }
    const start = i;
    // Words first, the commonest token, with the tests of isWordStart and runEnd written out: a CLI run executes
    // this loop unoptimised, where each call costs more than the comparisons. E'…' is a string, not a word.
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127) {
      if (!((c === 69 || c === 101) && dialect === 'postgres' && text.charCodeAt(i + 1) === 39)) {
        WORD_REST.lastIndex = i + 1;
        WORD_REST.test(text);
        const wordEnd = WORD_REST.lastIndex;
        i = wordEnd < to ? wordEnd : to;
        if (objects !== null) {
          objects.push({ kind: 'word', start, end: i, value: text.slice(start, i).toUpperCase() });
          continue;
        }
        kinds[n] = WORD;
        starts[n] = start;
        ends[n] = i;
        values[n++] = upper !== null ? upper.slice(start, i) : text.slice(start, i).toUpperCase();
        continue;
      }
    }
    const next = text.charCodeAt(i + 1);
    let kind: number;
    let value: string;
    if ((c === 45 && next === 45) || (c === 35 && dialect === 'mysql')) {
      let lineEnd = text.indexOf('\n', i);
      if (dialect === 'postgres') {
        // PostgreSQL's scanner ends a `--` comment at a CR too (its non_newline is [^\n\r]), so a statement after
        // a lone CR runs; MySQL and SQLite end it at LF only. nextCarriageReturn: one search per file without CR.
        if (nextCarriageReturn !== -1 && nextCarriageReturn < i) nextCarriageReturn = text.indexOf('\r', i);
        if (nextCarriageReturn !== -1 && (lineEnd < 0 || nextCarriageReturn < lineEnd)) lineEnd = nextCarriageReturn;
      }
      i = lineEnd < 0 || lineEnd > to ? to : lineEnd;
      kind = COMMENT;
      value = text.slice(start, i);
    } else if (c === 47 && next === 42) {
      // Postgres block comments nest; MySQL's do not.
      let depth = 1;
      i += 2;
      while (i < to && depth > 0) {
        if (text.charCodeAt(i) === 42 && text.charCodeAt(i + 1) === 47) {
          depth--;
          i += 2;
        } else if (dialect === 'postgres' && text.charCodeAt(i) === 47 && text.charCodeAt(i + 1) === 42) {
          depth++;
          i += 2;
        } else i++;
      }
      if (i > to) i = to;
      kind = COMMENT;
      value = text.slice(start, i);
    } else if (c === 39 || ((c === 69 || c === 101) && next === 39 && dialect === 'postgres')) {
      // 'string' with '' escapes; E'…' and MySQL strings also take backslash escapes.
      const backslash = c !== 39 || dialect === 'mysql';
      i = c === 39 ? i + 1 : i + 2;
      const bodyStart = i;
      if (backslash) {
        while (i < to) {
          const d = text.charCodeAt(i);
          if (d === 92) i += 2;
          else if (d === 39) {
            if (text.charCodeAt(i + 1) === 39) i += 2;
            else break;
          } else i++;
        }
      } else {
        // From quote to quote; a doubled one is part of the body.
        while (i < to) {
          const quote = text.indexOf("'", i);
          if (quote < 0 || quote >= to) {
            i = to;
            break;
          }
          i = quote;
          if (text.charCodeAt(quote + 1) === 39) i += 2;
          else break;
        }
      }
      kind = STRING;
      value = text.slice(bodyStart, Math.min(i, to));
      i = Math.min(i + 1, to);
    } else if (c === 34 && dialect === 'mysql') {
      // MySQL: "…" is a string unless ANSI_QUOTES.
      i++;
      const bodyStart = i;
      while (i < to && text.charCodeAt(i) !== 34) i += text.charCodeAt(i) === 92 ? 2 : 1;
      kind = STRING;
      value = text.slice(bodyStart, Math.min(i, to));
      i = Math.min(i + 1, to);
    } else if (c === 34 || c === 96 || (c === 91 && dialect === 'sqlite')) {
      const close = c === 91 ? 93 : c;
      const closing = c === 91 ? ']' : text[i]!;
      i++;
      value = '';
      // From delimiter to delimiter; a doubled one (not `]`) stands for itself.
      while (i < to) {
        const at = text.indexOf(closing, i);
        if (at < 0 || at >= to) {
          value += text.slice(i, to);
          i = to;
          break;
        }
        value += text.slice(i, at);
        i = at;
        if (close !== 93 && text.charCodeAt(at + 1) === close) {
          value += closing;
          i += 2;
          continue;
        }
        break;
      }
      kind = QUOTED;
      i = Math.min(i + 1, to);
    } else if (c === 36 && dialect === 'postgres') {
      // $tag$ … $tag$ (tag may be empty); $1 is a parameter.
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i, Math.min(to, i + 64)));
      if (m) {
        const delimiter = m[0];
        const close = text.indexOf(delimiter, i + delimiter.length);
        kind = DOLLAR;
        value = text.slice(i + delimiter.length, close < 0 || close >= to ? to : close);
        i = close < 0 || close >= to ? to : close + delimiter.length;
      } else {
        i = runEnd(WORD_REST, text, i + 1, to);
        kind = PARAM;
        value = text.slice(start, i);
      }
    } else if (c >= 48 && c <= 57) {
      i = runEnd(NUMBER_REST, text, i + 1, to);
      kind = NUMBER;
      value = text.slice(start, i);
    } else {
      // Two-character operators that matter for splitting and assignments.
      const two = twoCharacterOperator(c, next);
      kind = PUNCT;
      if (two !== null) {
        value = two;
        i += 2;
      } else {
        value = text[i]!;
        i++;
      }
    }
    if (objects !== null) {
      objects.push({ kind: TOKEN_KINDS[kind]!, start, end: i, value });
      continue;
    }
    if (kind === COMMENT) {
      comments.push({ kind: 'comment', start, end: i, value });
      commentAt.push(n);
      continue;
    }
    kinds[n] = kind;
    starts[n] = start;
    ends[n] = i;
    values[n++] = value;
  }
  return { count: n, kinds, starts, ends, values, comments, commentAt };
}

/**
 * `text` upper-cased when each of its words upper-cases to its own slice of the result, else null. toUpperCase maps
 * code point by code point without context (only toLowerCase's final sigma and locales' rules have any), and no
 * code point maps to fewer code units: a result as long as the text maps every code point to as many units as it
 * has, so every word keeps its offsets (words end at ASCII characters or at the text's ends, never inside a
 * surrogate pair). ß → SS and the like lengthen it: those texts upper-case each word. tokenArrays.test.ts holds the
 * arrays to lexSql, which does that for every word.
 */
function wholeUpper(text: string): string | null {
  const upper = text.toUpperCase();
  return upper.length === text.length ? upper : null;
}

/** `:=`, `::`, `->`, `||`, `<>`, `!=`, `>=` or `<=` from its two character codes, else null. */
function twoCharacterOperator(c: number, next: number): string | null {
  switch (c) {
    case 58: // :
      return next === 61 ? ':=' : next === 58 ? '::' : null;
    case 45: // -
      return next === 62 ? '->' : null;
    case 124: // |
      return next === 124 ? '||' : null;
    case 60: // <
      return next === 62 ? '<>' : next === 61 ? '<=' : null;
    case 33: // !
      return next === 61 ? '!=' : null;
    case 62: // >
      return next === 61 ? '>=' : null;
    default:
      return null;
  }
}

/** The identifier a token names: quoted identifiers keep their case, bare words fold to lower case. */
export function identifierOf(token: SqlToken, text: string): string | null {
  if (token.kind === 'quoted') return token.value;
  if (token.kind === 'word') return text.slice(token.start, token.end).toLowerCase();
  return null;
}
