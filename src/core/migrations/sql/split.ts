// Statement splitting over lexer tokens: `;` at the top level ends a statement; dollar-quoted bodies, strings and
// comments are single tokens so their semicolons never split. Also: drizzle's `--> statement-breakpoint`, goose's
// `-- +goose Up/Down` (Down sections are skipped) and `StatementBegin/End`, MySQL `DELIMITER`, and BEGIN … END
// bodies of MySQL/SQLite triggers and procedures written without DELIMITER.
import type { SqlDialect } from '../types';
import { lexSql, PUNCT, type SqlToken, type SqlTokenArrays } from './lexer';

export interface SqlStatement {
  /** From the first token to the last one before the delimiter. */
  readonly start: number;
  readonly end: number;
  /** The statement's tokens without comments. */
  readonly tokens: readonly SqlToken[];
}

export interface SplitResult {
  readonly statements: readonly SqlStatement[];
  readonly comments: readonly SqlToken[];
}

const NO_DIRECTIVE = 0;
const GOOSE_UP = 1;
const GOOSE_DOWN = 2;
const GOOSE_BEGIN = 3;
const GOOSE_END = 4;
const BREAKPOINT = 5;

/** The goose or drizzle directive a comment is, or NO_DIRECTIVE. */
function directiveOf(body: string): number {
  // Each directive is a `--` comment holding a `+` (goose) or starting `-->` (drizzle): other comments skip
  // the five expressions (thousands of instructions each, as a CLI run executes them).
  if (!(body.charCodeAt(0) === 45 && body.charCodeAt(1) === 45 && (body.charCodeAt(2) === 62 || body.includes('+')))) return NO_DIRECTIVE;
  if (/^--\s*\+goose\s+up\b/i.test(body)) return GOOSE_UP;
  if (/^--\s*\+goose\s+down\b/i.test(body)) return GOOSE_DOWN;
  if (/^--\s*\+goose\s+statementbegin\b/i.test(body)) return GOOSE_BEGIN;
  if (/^--\s*\+goose\s+statementend\b/i.test(body)) return GOOSE_END;
  if (/^-->\s*statement-breakpoint/.test(body)) return BREAKPOINT;
  return NO_DIRECTIVE;
}

export function splitSql(text: string, dialect: SqlDialect, from = 0, to = text.length): SplitResult {
  const all = lexSql(text, dialect, from, to);
  const statements: SqlStatement[] = [];
  const comments: SqlToken[] = [];
  let current: SqlToken[] = [];
  let gooseDown = false;
  let gooseBlock = false;
  let delimiter = ';';
  let depth = 0; // BEGIN … END nesting inside CREATE TRIGGER/PROCEDURE/FUNCTION (MySQL, SQLite)

  const flush = (): void => {
    if (current.length > 0 && !gooseDown) {
      statements.push({ start: current[0]!.start, end: current[current.length - 1]!.end, tokens: current });
    }
    current = [];
    depth = 0;
  };

  // PostgreSQL has no DELIMITER (the delimiter stays `;`) and no BEGIN … END counting: a word, string, number or
  // other token there only joins the statement, decided by one test (most of a file's tokens; the loop runs
  // unoptimised in a CLI run).
  const postgres = dialect === 'postgres';
  for (let i = 0; i < all.length; i++) {
    const token = all[i]!;
    const kind = token.kind;
    if (postgres && kind !== 'comment' && kind !== 'punct') {
      current.push(token);
      continue;
    }
    if (kind === 'comment') {
      const directive = directiveOf(token.value);
      if (directive === GOOSE_UP) {
        flush();
        gooseDown = false;
      } else if (directive === GOOSE_DOWN) {
        flush();
        gooseDown = true;
      } else if (directive === GOOSE_BEGIN) gooseBlock = true;
      else if (directive === GOOSE_END) {
        gooseBlock = false;
        flush();
      } else if (directive === BREAKPOINT) flush();
      if (!gooseDown) comments.push(token);
      continue;
    }
    // MySQL client DELIMITER directive: the rest of the line is the new delimiter.
    if (dialect === 'mysql' && current.length === 0 && token.kind === 'word' && token.value === 'DELIMITER') {
      const lineEnd = text.indexOf('\n', token.end);
      const stop = lineEnd < 0 ? to : lineEnd;
      delimiter = text.slice(token.end, stop).trim() || ';';
      while (i + 1 < all.length && all[i + 1]!.start < stop) i++;
      continue;
    }
    if (delimiter !== ';' && token.kind === 'punct' && text.startsWith(delimiter, token.start)) {
      const stop = token.start + delimiter.length;
      while (i + 1 < all.length && all[i + 1]!.start < stop) i++;
      flush();
      continue;
    }
    if (token.kind === 'punct' && token.value === ';' && delimiter === ';' && !gooseBlock && depth === 0) {
      flush();
      continue;
    }
    if (dialect !== 'postgres' && token.kind === 'word' && current.length > 0 && current[0]!.value === 'CREATE') {
      const previous = current[current.length - 1]!;
      if (token.value === 'BEGIN' || (token.value === 'CASE' && previous.value !== 'END')) depth++;
      else if (token.value === 'END') {
        const after = all[i + 1];
        const closesCompound = !(after && after.kind === 'word' && /^(IF|LOOP|WHILE|REPEAT|CASE)$/.test(after.value));
        if (closesCompound && depth > 0) depth--;
      }
    }
    current.push(token);
  }
  flush();
  return { statements, comments };
}

/**
 * splitSql for PostgreSQL over tokens lexed as arrays with comments apart (lexSqlArrays): each statement is the
 * token range [ranges[2s], ranges[2s + 1]) (no comment lies in the arrays), the comments those splitSql gives.
 * No object per statement or token: most statements are read straight from the arrays (analyseSql.ts).
 * test/unit/core/migrations/tokenArrays.test.ts holds it to splitSql.
 */
export function splitPostgresArrays(arrays: SqlTokenArrays): { ranges: number[]; comments: SqlToken[] } {
  const { count, kinds, values, comments: lexed, commentAt } = arrays;
  const ranges: number[] = [];
  const comments: SqlToken[] = [];
  let first = 0; // the current statement's first token
  let gooseDown = false;
  let gooseBlock = false;
  let c = 0;
  let nextComment = lexed.length > 0 ? commentAt[0]! : -1;
  for (let k = 0; k <= count; k++) {
    // The comments lexed before token k, in order: a directive ends the statement so far.
    while (nextComment === k) {
      const token = lexed[c]!;
      const directive = directiveOf(token.value);
      if (directive !== NO_DIRECTIVE && directive !== GOOSE_BEGIN) {
        if (k > first && !gooseDown) ranges.push(first, k);
        first = k;
        if (directive === GOOSE_UP) gooseDown = false;
        else if (directive === GOOSE_DOWN) gooseDown = true;
        else if (directive === GOOSE_END) gooseBlock = false;
      } else if (directive === GOOSE_BEGIN) gooseBlock = true;
      if (!gooseDown) comments.push(token);
      c++;
      nextComment = c < lexed.length ? commentAt[c]! : -1;
    }
    if (k < count && kinds[k] === PUNCT && values[k] === ';' && !gooseBlock) {
      if (k > first && !gooseDown) ranges.push(first, k);
      first = k + 1;
    }
  }
  if (count > first && !gooseDown) ranges.push(first, count);
  return { ranges, comments };
}
