// The SQL lexer as it was before its scanning loops were rewritten for speed (src/core/migrations/sql/lexer.ts),
// kept unchanged as the reference the product's lexer is held to (test/unit/core/migrations/sqlLexer.test.ts).
// A small SQL lexer: enough to split statements and to find where a name is, never to decide what a statement
// does (that is the parser's job, in parseSql.ts). Strings, quoted identifiers, dollar quotes and comments are
// single tokens, so nothing inside them ever looks like SQL.
import type { SqlDialect } from '../../../../../src/core/migrations/types';
import type { SqlToken } from '../../../../../src/core/migrations/sql/lexer';

const isWordStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127;
const isWordPart = (c: number): boolean => isWordStart(c) || (c >= 48 && c <= 57) || c === 36;
/** [0-9.eE_xXa-fA-F]: digits and what a number's fraction, exponent, separators or hex digits use. */
const isNumberPart = (c: number): boolean => (c >= 48 && c <= 57) || c === 46 || c === 95 || c === 120 || c === 88 || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);

/** Tokenizes `text` (or its slice [from, to)); whitespace is skipped. Unterminated tokens run to the end. */
export function referenceLexSql(text: string, dialect: SqlDialect, from = 0, to = text.length): SqlToken[] {
  const tokens: SqlToken[] = [];
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12) {
      i++;
      continue;
    }
    const start = i;
    const next = text.charCodeAt(i + 1);
    if ((c === 45 && next === 45) || (c === 35 && dialect === 'mysql')) {
      // PostgreSQL ends a `--` comment at LF or CR; MySQL and SQLite at LF only.
      while (i < to && text.charCodeAt(i) !== 10 && !(dialect === 'postgres' && text.charCodeAt(i) === 13)) i++;
      tokens.push({ kind: 'comment', start, end: i, value: text.slice(start, i) });
      continue;
    }
    if (c === 47 && next === 42) {
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
      tokens.push({ kind: 'comment', start, end: Math.min(i, to), value: text.slice(start, Math.min(i, to)) });
      continue;
    }
    if (c === 39 || ((c === 69 || c === 101) && next === 39 && dialect === 'postgres')) {
      // 'string' with '' escapes; E'…' and MySQL strings also take backslash escapes.
      const backslash = c !== 39 || dialect === 'mysql';
      i = c === 39 ? i + 1 : i + 2;
      const bodyStart = i;
      while (i < to) {
        const d = text.charCodeAt(i);
        if (backslash && d === 92) i += 2;
        else if (d === 39) {
          if (text.charCodeAt(i + 1) === 39) i += 2;
          else break;
        } else i++;
      }
      tokens.push({ kind: 'string', start, end: Math.min(i + 1, to), value: text.slice(bodyStart, Math.min(i, to)) });
      i++;
      continue;
    }
    if (c === 34 && dialect === 'mysql') {
      // MySQL: "…" is a string unless ANSI_QUOTES.
      i++;
      const bodyStart = i;
      while (i < to && text.charCodeAt(i) !== 34) i += text.charCodeAt(i) === 92 ? 2 : 1;
      tokens.push({ kind: 'string', start, end: Math.min(i + 1, to), value: text.slice(bodyStart, Math.min(i, to)) });
      i++;
      continue;
    }
    if (c === 34 || c === 96 || (c === 91 && dialect === 'sqlite')) {
      const close = c === 91 ? 93 : c;
      i++;
      let value = '';
      while (i < to) {
        const d = text.charCodeAt(i);
        if (d === close) {
          if (close !== 93 && text.charCodeAt(i + 1) === close) {
            value += text[i];
            i += 2;
            continue;
          }
          break;
        }
        value += text[i];
        i++;
      }
      tokens.push({ kind: 'quoted', start, end: Math.min(i + 1, to), value });
      i++;
      continue;
    }
    if (c === 36 && dialect === 'postgres') {
      // $tag$ … $tag$ (tag may be empty); $1 is a parameter.
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i, Math.min(to, i + 64)));
      if (m) {
        const delimiter = m[0];
        const close = text.indexOf(delimiter, i + delimiter.length);
        const end = close < 0 || close >= to ? to : close + delimiter.length;
        tokens.push({ kind: 'dollar', start, end, value: text.slice(i + delimiter.length, close < 0 || close >= to ? to : close) });
        i = end;
        continue;
      }
      i++;
      while (i < to && isWordPart(text.charCodeAt(i))) i++;
      tokens.push({ kind: 'param', start, end: i, value: text.slice(start, i) });
      continue;
    }
    if (isWordStart(c)) {
      while (i < to && isWordPart(text.charCodeAt(i))) i++;
      tokens.push({ kind: 'word', start, end: i, value: text.slice(start, i).toUpperCase() });
      continue;
    }
    if (c >= 48 && c <= 57) {
      while (i < to && isNumberPart(text.charCodeAt(i))) i++;
      tokens.push({ kind: 'number', start, end: i, value: text.slice(start, i) });
      continue;
    }
    // Two-character operators that matter for splitting and assignments.
    const two = text.slice(i, i + 2);
    if (two === ':=' || two === '::' || two === '->' || two === '||' || two === '<>' || two === '!=' || two === '>=' || two === '<=') {
      tokens.push({ kind: 'punct', start, end: i + 2, value: two });
      i += 2;
      continue;
    }
    tokens.push({ kind: 'punct', start, end: i + 1, value: text[i]! });
    i++;
  }
  return tokens;
}
