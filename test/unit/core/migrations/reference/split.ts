// The former statement splitter (src/core/migrations/sql/split.ts before its PostgreSQL token fast path and the
// directive pre-check), kept as the reference test/unit/core/migrations/sqlSplit.test.ts holds the splitter to.
// Statement splitting over lexer tokens: `;` at the top level ends a statement; dollar-quoted bodies, strings and
// comments are single tokens so their semicolons never split. Also: drizzle's `--> statement-breakpoint`, goose's
// `-- +goose Up/Down` (Down sections are skipped) and `StatementBegin/End`, MySQL `DELIMITER`, and BEGIN … END
// bodies of MySQL/SQLite triggers and procedures written without DELIMITER.
import type { SqlDialect } from '../../../../../src/core/migrations/types';
import { lexSql, type SqlToken } from '../../../../../src/core/migrations/sql/lexer';

interface SqlStatement {
  /** From the first token to the last one before the delimiter. */
  readonly start: number;
  readonly end: number;
  /** The statement's tokens without comments. */
  readonly tokens: readonly SqlToken[];
}

interface SplitResult {
  readonly statements: readonly SqlStatement[];
  readonly comments: readonly SqlToken[];
}

export function referenceSplitSql(text: string, dialect: SqlDialect, from = 0, to = text.length): SplitResult {
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

  for (let i = 0; i < all.length; i++) {
    const token = all[i]!;
    if (token.kind === 'comment') {
      const body = token.value;
      if (/^--\s*\+goose\s+up\b/i.test(body)) {
        flush();
        gooseDown = false;
      } else if (/^--\s*\+goose\s+down\b/i.test(body)) {
        flush();
        gooseDown = true;
      } else if (/^--\s*\+goose\s+statementbegin\b/i.test(body)) gooseBlock = true;
      else if (/^--\s*\+goose\s+statementend\b/i.test(body)) {
        gooseBlock = false;
        flush();
      } else if (/^-->\s*statement-breakpoint/.test(body)) flush();
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
