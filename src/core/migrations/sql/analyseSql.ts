// SQL file → schema operations with exact positions. The parser (parseSql.ts) says what each statement does; the
// lexer's tokens say where the names are. Procedural bodies (DO $$ … $$, functions, procedures, MySQL/SQLite
// BEGIN … END) are split and analysed again; trigger bodies that copy NEW.old into NEW.new are dual-write evidence.
import type { MigrationOperation, SqlDialect } from '../types';
import { identifierOf, lexSql, lexSqlArrays, QUOTED, tokensOf, WORD, type SqlToken, type SqlTokenArrays } from './lexer';
import { fastPostgresOps, fastPostgresOpsIn } from './fastPostgres';
import { parseStatement, type ParseResult, type SqlOp } from './parseSql';
import { splitPostgresArrays, splitSql, type SqlStatement } from './split';

export interface SqlAnalysis {
  readonly operations: MigrationOperation[];
  readonly notAnalysed: Array<{ start: number; end: number; reason: string }>;
  readonly comments: SqlToken[];
}

/** Statements that can change a column or table; everything else (INSERT, SELECT, CREATE INDEX, …) is skipped unparsed. */
const RELEVANT = new Set(['ALTER', 'DROP', 'UPDATE', 'RENAME', 'CREATE', 'DO', 'EXECUTE']);
/** Keywords after which a statement starts inside a PL/pgSQL or MySQL compound body. */
const BODY_STARTERS = new Set(['BEGIN', 'THEN', 'ELSE', 'LOOP', 'DO', 'ATOMIC']);

/** What a CREATE makes, as far as the analysis cares (a Set: a regular expression per word cost more, unoptimised). */
const CREATED_KINDS: ReadonlySet<string> = new Set(['TABLE', 'FUNCTION', 'PROCEDURE', 'TRIGGER', 'INDEX', 'VIEW', 'SEQUENCE', 'TYPE', 'EXTENSION', 'SCHEMA', 'EVENT', 'UNIQUE', 'MATERIALIZED', 'DOMAIN', 'POLICY', 'RULE']);

let fastPathEnabled = true;

/** Tests only: off, every PostgreSQL statement goes to the parser (the reference the fast path is checked against). */
export function usePostgresFastPath(enabled: boolean): void {
  fastPathEnabled = enabled;
}

let operationLiteralsEnabled = true;

/** Tests only: off, every operation is built key by key (the reference toOperation's literals are held to). */
export function useOperationLiterals(enabled: boolean): void {
  operationLiteralsEnabled = enabled;
}

let tokenArraysEnabled = true;

/** Tests only: off, PostgreSQL goes through token objects and splitSql as the other dialects do (the reference). */
export function usePostgresTokenArrays(enabled: boolean): void {
  tokenArraysEnabled = enabled;
}

export function analyseSql(text: string, dialect: SqlDialect, from = 0, to = text.length, procedural = false): SqlAnalysis {
  if (dialect === 'postgres' && tokenArraysEnabled) return analysePostgres(text, from, to, procedural);
  const result: SqlAnalysis = { operations: [], notAnalysed: [], comments: [] };
  const { statements, comments } = splitSql(text, dialect, from, to);
  result.comments.push(...comments);
  const triggerFunctions = new Map<string, Assignment[]>();
  for (const statement of statements) analyseStatement(text, dialect, statement, procedural, result, triggerFunctions);
  return result;
}

/**
 * analyseSql for PostgreSQL from tokens in arrays: the statements the fast path reads (ALTER, UPDATE, DROP) and
 * those analyseStatement would skip (CREATE INDEX, INSERT, …) make no token object; the rest are handed to
 * analyseStatement as before. test/unit/core/migrations/tokenArrays.test.ts holds it to the token-object path.
 */
function analysePostgres(text: string, from: number, to: number, procedural: boolean): SqlAnalysis {
  const result: SqlAnalysis = { operations: [], notAnalysed: [], comments: [] };
  const arrays = lexSqlArrays(text, 'postgres', from, to);
  const { ranges, comments } = splitPostgresArrays(arrays);
  result.comments.push(...comments);
  const triggerFunctions = new Map<string, Assignment[]>();
  const { kinds, values, starts, ends } = arrays;
  for (let r = 0; r < ranges.length; r += 2) {
    const first = ranges[r]!;
    const end = ranges[r + 1]!;
    let fastTried = false;
    if (!procedural) {
      // analyseStatement's first tests, on the arrays.
      if (kinds[first] !== WORD) continue;
      const keyword = values[first]!;
      if (keyword === 'CREATE') {
        let kindWord: string | undefined;
        for (let k = first + 1; k < first + 8 && k < end; k++) {
          if (kinds[k] === WORD && CREATED_KINDS.has(values[k]!)) {
            kindWord = values[k];
            break;
          }
        }
        if (kindWord !== 'TABLE' && kindWord !== 'FUNCTION' && kindWord !== 'PROCEDURE' && kindWord !== 'TRIGGER') continue;
      } else if (!RELEVANT.has(keyword)) continue;
      else if (fastPathEnabled && keyword !== 'DO' && keyword !== 'EXECUTE') {
        const ops = fastPostgresOpsIn(arrays, first, end, text);
        if (ops !== null) {
          const start = starts[first]!;
          const statementEnd = ends[end - 1]!;
          let cursor = first;
          for (let o = 0; o < ops.length; o++) {
            const op = ops[o]!;
            const at = locatedIn(text, arrays, first, end, op, cursor);
            cursor = locatedNext;
            result.operations.push(toOperation(op, 'postgres', at < 0 ? start : starts[at]!, at < 0 ? statementEnd : ends[at]!, start, statementEnd, false));
          }
          continue;
        }
        fastTried = true;
      }
    }
    const statement: SqlStatement = { start: starts[first]!, end: ends[end - 1]!, tokens: tokensOf(arrays, first, end) };
    analyseStatement(text, 'postgres', statement, procedural, result, triggerFunctions, fastTried);
  }
  return result;
}

interface Assignment {
  readonly write: string;
  readonly reads: string[];
}

function analyseStatement(text: string, dialect: SqlDialect, statement: SqlStatement, procedural: boolean, out: SqlAnalysis, functions: Map<string, Assignment[]>, fastTried = false): void {
  let tokens = statement.tokens;
  if (procedural) {
    // Inside a body: skip DECLARE sections, IF … THEN and labels up to the first relevant keyword after a starter.
    const k = tokens.findIndex((t, i) => t.kind === 'word' && RELEVANT.has(t.value) && (i === 0 || BODY_STARTERS.has(tokens[i - 1]!.value)));
    if (k < 0) return;
    tokens = tokens.slice(k);
  }
  const first = tokens[0];
  if (!first || first.kind !== 'word' || !RELEVANT.has(first.value)) return;
  const start = first.start;
  const end = statement.end;

  if (first.value === 'EXECUTE') {
    // PL/pgSQL dynamic SQL with a literal: analyse the literal's text when it maps 1:1 onto the file.
    const literal = tokens[1];
    if (literal && (literal.kind === 'string' || literal.kind === 'dollar') && !literal.value.includes("''")) {
      const bodyStart = literal.kind === 'string' ? literal.start + (text[literal.start] === "'" ? 1 : 2) : text.indexOf('$', literal.start + 1) + 1;
      const inner = analyseSql(text, dialect, bodyStart, bodyStart + literal.value.length, false);
      for (const op of inner.operations) out.operations.push({ ...op, procedural: true });
      out.notAnalysed.push(...inner.notAnalysed);
    } else if (literal) {
      out.notAnalysed.push({ start, end, reason: 'dynamic SQL built at run time' });
    }
    return;
  }

  const isCreate = first.value === 'CREATE';
  let kindWord: string | undefined;
  if (isCreate) {
    // The first of the next seven words naming what is created (CREATE [OR REPLACE] [UNIQUE] INDEX, …).
    for (let k = 1; k < 8 && k < tokens.length; k++) {
      const t = tokens[k]!;
      if (t.kind === 'word' && CREATED_KINDS.has(t.value)) {
        kindWord = t.value;
        break;
      }
    }
  }
  if (isCreate && kindWord !== 'TABLE' && kindWord !== 'FUNCTION' && kindWord !== 'PROCEDURE' && kindWord !== 'TRIGGER') return;

  // Bodies: DO $$ … $$, CREATE FUNCTION/PROCEDURE … AS $$ … $$ (Postgres); BEGIN … END (MySQL, SQLite).
  if (first.value === 'DO' || kindWord === 'FUNCTION' || kindWord === 'PROCEDURE' || kindWord === 'TRIGGER') {
    const body = bodyRange(text, dialect, tokens);
    if (body) {
      const inner = analyseSql(text, dialect, body.start, body.end, true);
      for (const op of inner.operations) out.operations.push({ ...op, procedural: true });
      out.notAnalysed.push(...inner.notAnalysed);
    }
    if (kindWord === 'FUNCTION' || kindWord === 'PROCEDURE') {
      const nameIndex = tokens.findIndex((t) => t.kind === 'word' && (t.value === 'FUNCTION' || t.value === 'PROCEDURE')) + 1;
      const name = qualifiedLast(text, tokens, nameIndex);
      if (name && body) functions.set(name.toLowerCase(), assignments(lexSql(text, dialect, body.start, body.end), text));
      return;
    }
    if (kindWord === 'TRIGGER') {
      out.operations.push(...triggerOps(text, dialect, tokens, start, end, functions));
      return;
    }
    return;
  }

  // The commonest PostgreSQL statements are read from the tokens (fastPostgres.ts); the parser has the others.
  const fast = dialect === 'postgres' && fastPathEnabled && !fastTried ? fastPostgresOps(tokens, text) : null;
  const parsed: ParseResult = fast ? { ok: true, ops: fast } : parseStatement(text.slice(start, end), dialect);
  if (!parsed.ok) {
    out.notAnalysed.push({ start, end, reason: parsed.reason });
    return;
  }
  let cursor = 0;
  for (const op of parsed.ops) {
    const located = locate(text, tokens, op, cursor);
    cursor = located.next;
    out.operations.push(toOperation(op, dialect, located.start ?? start, located.end ?? end, start, end, procedural));
  }
}

function toOperation(op: SqlOp, dialect: SqlDialect, start: number, end: number, statementStart: number, statementEnd: number, procedural: boolean): MigrationOperation {
  // PostgreSQL names stay as read (folded by the reader); the other dialects' fold to lower case. Written out
  // rather than as a closure: one closure per operation cost more than the tests, unoptimised.
  const postgres = dialect === 'postgres';
  // The fast path's commonest shapes as one literal each (the keys in the order the general case below gives):
  // built key by key, an operation outgrew its object and got a property array, grown twice.
  if (postgres && operationLiteralsEnabled && !procedural && op.schema === undefined && op.newName === undefined) {
    if (op.writes === undefined && op.reads === undefined && op.column !== undefined) {
      if (op.notNull === undefined && op.hasDefault === undefined) return { kind: op.kind, table: op.table, column: op.column, start, end, statementStart, statementEnd };
      if (op.notNull !== undefined && op.hasDefault !== undefined) return { kind: op.kind, table: op.table, column: op.column, notNull: op.notNull, hasDefault: op.hasDefault, start, end, statementStart, statementEnd };
    } else if (op.column === undefined && op.notNull === undefined && op.hasDefault === undefined && op.writes !== undefined && op.reads !== undefined) {
      return { kind: op.kind, table: op.table, writes: [...op.writes], reads: [...op.reads], start, end, statementStart, statementEnd };
    }
  }
  // Built field by field (in this order) rather than with spreads: one object per operation, not one per field.
  const operation: { -readonly [K in keyof MigrationOperation]?: MigrationOperation[K] } = { kind: op.kind, table: postgres ? op.table : op.table.toLowerCase() };
  if (op.schema) operation.schema = postgres ? op.schema : op.schema.toLowerCase();
  if (op.column !== undefined) operation.column = postgres ? op.column : op.column.toLowerCase();
  if (op.newName !== undefined) operation.newName = postgres ? op.newName : op.newName.toLowerCase();
  if (op.notNull !== undefined) operation.notNull = op.notNull;
  if (op.hasDefault !== undefined) operation.hasDefault = op.hasDefault;
  if (op.writes) operation.writes = postgres ? [...op.writes] : op.writes.map(lowerCase);
  if (op.reads) operation.reads = postgres ? [...op.reads] : op.reads.map(lowerCase);
  operation.start = start;
  operation.end = end;
  operation.statementStart = statementStart;
  operation.statementEnd = statementEnd;
  if (procedural) operation.procedural = true;
  return operation as MigrationOperation;
}

const lowerCase = (name: string): string => name.toLowerCase();

/** Finds the token naming the op's column (or table) at or after `cursor`, past the table name. */
function locate(text: string, tokens: readonly SqlToken[], op: SqlOp, cursor: number): { start?: number; end?: number; next: number } {
  let i = cursor;
  if (cursor === 0 && op.table) {
    const tableAt = indexOfName(text, tokens, op.table, 0);
    if (tableAt >= 0) i = tableAt + (op.column !== undefined ? 1 : 0);
  }
  const name = op.column ?? (op.kind === 'backfill' ? undefined : op.table);
  if (name === undefined || name === '') return { next: i };
  const k = indexOfName(text, tokens, name, i);
  return k >= 0 ? { start: tokens[k]!.start, end: tokens[k]!.end, next: k + 1 } : { next: i };
}

/** Where locatedIn's search ends: the index after the token found, else where the op's name was looked for from. */
let locatedNext = 0;

/**
 * locate over tokens [first, end) of `arrays`; `cursor` and `locatedNext` are indices into the arrays. The token
 * found, or -1 (no object per operation: the caller reads its start and end from the arrays).
 */
function locatedIn(text: string, arrays: SqlTokenArrays, first: number, end: number, op: SqlOp, cursor: number): number {
  let i = cursor;
  if (cursor === first && op.table) {
    const tableAt = indexOfNameIn(text, arrays, end, op.table, first);
    if (tableAt >= 0) i = tableAt + (op.column !== undefined ? 1 : 0);
  }
  const name = op.column ?? (op.kind === 'backfill' ? undefined : op.table);
  if (name === undefined || name === '') {
    locatedNext = i;
    return -1;
  }
  const k = indexOfNameIn(text, arrays, end, name, i);
  locatedNext = k >= 0 ? k + 1 : i;
  return k;
}

/** indexOfName over tokens [from, end) of `arrays`. */
function indexOfNameIn(text: string, arrays: SqlTokenArrays, end: number, name: string, from: number): number {
  const { kinds, starts, ends, values } = arrays;
  const lower = name.toLowerCase();
  const ascii = isAscii(lower);
  for (let k = from; k < end; k++) {
    const kind = kinds[k];
    if (kind === WORD ? (ascii ? ends[k]! - starts[k]! === lower.length && asciiWordIs(text, starts[k]!, lower) : text.slice(starts[k]!, ends[k]!).toLowerCase().toLowerCase() === lower) : kind === QUOTED && values[k]!.toLowerCase() === lower) return k;
  }
  return -1;
}

/** /^[\x00-\x7f]*$/ of a name, without the regular expression (a CLI run made two per operation). */
function isAscii(name: string): boolean {
  for (let k = 0; k < name.length; k++) if (name.charCodeAt(k) > 127) return false;
  return true;
}

/** The first token at or after `from` naming `name` (identifierOf, compared without case), or -1. */
function indexOfName(text: string, tokens: readonly SqlToken[], name: string, from: number): number {
  const lower = name.toLowerCase();
  // Only U+0130 lengthens when lower-cased, and not into ASCII: a word lower-casing to an ASCII name has its length.
  const ascii = /^[\x00-\x7f]*$/.test(lower);
  for (let k = from; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind === 'word' ? (ascii ? t.end - t.start === lower.length && asciiWordIs(text, t.start, lower) : identifierOf(t, text)!.toLowerCase() === lower) : t.kind === 'quoted' && t.value.toLowerCase() === lower) return k;
  }
  return -1;
}

/**
 * text[start, start + lower.length) lower-cased equals `lower` (ASCII), without making either string: ASCII letters
 * fold here; a character above 127 (the Kelvin sign lower-cases to `k`) goes to toLowerCase as before. Exported for
 * test/unit/core/migrations/locateNames.test.ts, which holds it to toLowerCase.
 */
export function asciiWordIs(text: string, start: number, lower: string): boolean {
  for (let k = 0; k < lower.length; k++) {
    let c = text.charCodeAt(start + k);
    if (c > 127) return text.slice(start, start + lower.length).toLowerCase() === lower;
    if (c >= 65 && c <= 90) c += 32;
    if (c !== lower.charCodeAt(k)) return false;
  }
  return true;
}

function qualifiedLast(text: string, tokens: readonly SqlToken[], index: number): string | null {
  let name: string | null = null;
  for (let k = index; k < tokens.length; k++) {
    const id = identifierOf(tokens[k]!, text);
    if (id === null) break;
    name = id;
    if (tokens[k + 1]?.value !== '.') break;
    k++;
  }
  return name;
}

/** The body of a DO block, function or procedure: a dollar-quoted string (Postgres) or BEGIN … END (others). */
function bodyRange(text: string, dialect: SqlDialect, tokens: readonly SqlToken[]): { start: number; end: number } | null {
  const dollar = tokens.find((t) => t.kind === 'dollar');
  if (dollar) {
    const open = text.indexOf('$', dollar.start + 1) + 1;
    return { start: open, end: open + dollar.value.length };
  }
  const quoted = dialect === 'postgres' ? tokens.find((t, i) => t.kind === 'string' && i > 0 && (tokens[i - 1]!.value === 'AS' || tokens[i - 1]!.value === 'DO')) : undefined;
  if (quoted && !quoted.value.includes("''")) return { start: quoted.start + 1, end: quoted.end - 1 };
  const begin = tokens.findIndex((t) => t.kind === 'word' && t.value === 'BEGIN');
  if (begin < 0) {
    if (dialect === 'postgres') return null;
    // MySQL/SQLite single-statement trigger: FOR EACH ROW <statement>.
    const row = tokens.findIndex((t, i) => t.value === 'ROW' && tokens[i - 1]?.value === 'EACH');
    return row >= 0 && tokens[row + 1] ? { start: tokens[row + 1]!.start, end: tokens[tokens.length - 1]!.end } : null;
  }
  return { start: tokens[begin]!.start, end: tokens[tokens.length - 1]!.end };
}

/** `NEW.x := … NEW.y …`, `SET NEW.x = NEW.y`, `SET x = NEW.y` (UPDATE in a trigger): column written ← columns read. */
function assignments(tokens: readonly SqlToken[], text: string): Assignment[] {
  const found: Assignment[] = [];
  for (let i = 0; i + 3 < tokens.length; i++) {
    let target: string | null = null;
    let valueAt = -1;
    if (tokens[i]!.value === 'NEW' && tokens[i + 1]!.value === '.' && (tokens[i + 3]!.value === ':=' || tokens[i + 3]!.value === '=')) {
      target = identifierOf(tokens[i + 2]!, text);
      valueAt = i + 4;
      // `IF NEW.x = …` is a comparison, not an assignment.
      if (tokens[i - 1] && /^(IF|WHEN|AND|OR|WHERE|ELSIF|NOT)$/.test(tokens[i - 1]!.value)) target = null;
    } else if ((tokens[i]!.value === 'SET' || tokens[i]!.value === ',') && tokens[i + 2]?.value === '=' && tokens[i + 1]!.value !== 'NEW') {
      target = identifierOf(tokens[i + 1]!, text);
      valueAt = i + 3;
    }
    if (target === null) continue;
    const reads: string[] = [];
    for (let k = valueAt; k < tokens.length; k++) {
      const t = tokens[k]!;
      if (t.value === ';' || t.value === ',' || (t.kind === 'word' && /^(WHERE|END|RETURN|IF|THEN|ELSE|FROM)$/.test(t.value))) break;
      if ((t.value === 'NEW' || t.value === 'OLD') && tokens[k + 1]?.value === '.' && tokens[k + 2]) {
        const id = identifierOf(tokens[k + 2]!, text);
        if (id) reads.push(id.toLowerCase());
        k += 2;
      }
    }
    if (reads.length > 0) found.push({ write: target.toLowerCase(), reads });
  }
  return found;
}

function triggerOps(text: string, dialect: SqlDialect, tokens: readonly SqlToken[], start: number, end: number, functions: Map<string, Assignment[]>): MigrationOperation[] {
  const on = tokens.findIndex((t) => t.kind === 'word' && t.value === 'ON');
  if (on < 0) return [];
  const table = qualifiedLast(text, tokens, on + 1);
  if (!table) return [];
  let found: Assignment[];
  const exec = tokens.findIndex((t, i) => t.value === 'EXECUTE' && (tokens[i + 1]?.value === 'FUNCTION' || tokens[i + 1]?.value === 'PROCEDURE'));
  if (exec >= 0) found = functions.get((qualifiedLast(text, tokens, exec + 2) ?? '').toLowerCase()) ?? [];
  else found = assignments(tokens, text);
  const tableToken = tokens[on + 1]!;
  const fold = (name: string): string => (dialect === 'postgres' ? name : name.toLowerCase());
  return found.map((a) => ({
    kind: 'dual-write' as const,
    table: fold(table),
    writes: [a.write],
    reads: a.reads,
    start: tableToken.start,
    end: tableToken.end,
    statementStart: start,
    statementEnd: end,
  }));
}
