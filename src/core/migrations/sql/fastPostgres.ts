// A token-level reading of the commonest PostgreSQL migration statements, so that most files never need the
// parser's WebAssembly: ALTER TABLE … ADD / DROP / ALTER [TYPE] / RENAME COLUMN, ALTER TABLE … RENAME TO,
// DROP TABLE, and a simple UPDATE … SET … [WHERE …]. It answers only when it is sure that libpg-query parses the
// statement and gives exactly these SqlOps; anything else (a keyword where a name would be, an expression form
// it does not know, a token PostgreSQL lexes differently) returns null and goes to the parser (parseSql.ts).
// test/unit/core/migrations/fastPostgres.test.ts runs both on every fixture and corpus statement and on generated
// variants, so a divergence fails.
import { lexSql, NUMBER, PUNCT, QUOTED, STRING, TOKEN_KINDS, WORD, type SqlToken, type SqlTokenArrays } from './lexer';
import type { SqlOp } from './parseSql';

/**
 * PostgreSQL 18's keywords that are not "unreserved" (reserved, column-name and type/function-name keywords, from
 * libpg-query's own scanner): none of them is read as a plain name here. Unreserved keywords are names wherever
 * the grammar takes a ColId; the test checks this list against the scanner.
 */
export const NOT_UNRESERVED_KEYWORDS: ReadonlySet<string> = new Set(
  (
    // reserved
    'all analyse analyze and any array as asc asymmetric both case cast check collate column constraint create current_catalog current_date ' +
    'current_role current_time current_timestamp current_user default deferrable desc distinct do else end except false fetch for foreign ' +
    'from grant group having in initially intersect into lateral leading limit localtime localtimestamp not null offset on only or order ' +
    'placing primary references returning select session_user some symmetric system_user table then to trailing true union unique user ' +
    'using variadic when where window with ' +
    // column names only
    'between bigint bit boolean char character coalesce dec decimal exists extract float greatest grouping inout int integer interval json ' +
    'json_array json_arrayagg json_exists json_object json_objectagg json_query json_scalar json_serialize json_table json_value least ' +
    'merge_action national nchar none normalize nullif numeric out overlay position precision real row setof smallint substring time ' +
    'timestamp treat trim values varchar xmlattributes xmlconcat xmlelement xmlexists xmlforest xmlnamespaces xmlparse xmlpi xmlroot ' +
    'xmlserialize xmltable ' +
    // type and function names only
    'authorization binary collation concurrently cross current_schema freeze full ilike inner is isnull join left like natural notnull ' +
    'outer overlaps right similar tablesample verbose'
  )
    .toUpperCase()
    .split(' '),
);

/** PostgreSQL's NAMEDATALEN - 1: longer names are truncated by the parser. */
const MAX_NAME = 63;
const QUOTED_NAME = /^"(?:[^"]|"")+"$/;
const STRING_LITERAL = /^'(?:[^'\\]|'')*'$/;
const NUMBER_LITERAL = /^[0-9]+(?:\.[0-9]+)?$/;
const NON_ASCII = /[\u0080-\uffff]/;
const SERIAL = /^(small|big)?serial[248]?$/;
const OPERATOR_CHARS = '+-*/<>=~!@#%^&|`?';
/** OPERATOR_CHARS by character code (1: an operator character). */
const OPERATOR_CODES = new Uint8Array(128);
for (let k = 0; k < OPERATOR_CHARS.length; k++) OPERATOR_CODES[OPERATOR_CHARS.charCodeAt(k)] = 1;
const COMPARISONS = new Set(['=', '<>', '!=', '<', '>', '<=', '>=']);
const ARITHMETIC = new Set(['+', '-', '*', '/', '||']);
const VALUE_FUNCTIONS = new Set(['CURRENT_TIMESTAMP', 'CURRENT_DATE', 'CURRENT_TIME', 'LOCALTIME', 'LOCALTIMESTAMP']);

/** Fails the reading: the statement goes to the parser. */
class NotSure extends Error {}
const NOT_SURE = new NotSure();

/**
 * The ops of one PostgreSQL statement, or null when the parser must decide. `tokens` are the statement's tokens
 * without comments (as splitSql gives them), `text` the text they index.
 */
export function fastPostgresOps(tokens: readonly SqlToken[], text: string): SqlOp[] | null {
  return fastPostgresOpsIn(arraysOf(tokens), 0, tokens.length, text);
}

/** fastPostgresOps of the tokens [first, end) of `arrays` (lexed with comments apart: none among them). */
export function fastPostgresOpsIn(arrays: SqlTokenArrays, first: number, end: number, text: string): SqlOp[] | null {
  if (end - first < 3 || !lexedAlike(arrays, first, end, text)) return null;
  resetReader(arrays, first, end, text);
  try {
    return readStatement();
  } catch (error) {
    if (error instanceof NotSure) return null;
    throw error;
  } finally {
    releaseReader();
  }
}

/** The same statement as a string (the test's entry). */
export function fastPostgresOpsOf(sql: string): SqlOp[] | null {
  return fastPostgresOps(lexSql(sql, 'postgres').filter((t) => t.kind !== 'comment'), sql);
}

/** Token objects as arrays. */
function arraysOf(tokens: readonly SqlToken[]): SqlTokenArrays {
  return {
    count: tokens.length,
    kinds: tokens.map((t) => TOKEN_KINDS.indexOf(t.kind)),
    starts: tokens.map((t) => t.start),
    ends: tokens.map((t) => t.end),
    values: tokens.map((t) => t.value),
    comments: [],
    commentAt: [],
  };
}

/** Every token is one PostgreSQL would lex the same way (no adjacent operator characters, no junk after numbers). */
function lexedAlike(arrays: SqlTokenArrays, first: number, end: number, text: string): boolean {
  const { kinds, starts, ends, values } = arrays;
  // Every word of an all-ASCII statement is plain (the lexer's words are [A-Za-z_][A-Za-z0-9_$]* there): one
  // search of the statement instead of a loop over each word's characters.
  const ascii = !NON_ASCII.test(text.slice(starts[first]!, ends[end - 1]!));
  for (let i = first; i < end; i++) {
    const kind = kinds[i]!;
    if (kind === WORD) {
      if (ends[i]! - starts[i]! > MAX_NAME || !(ascii || plainWord(text, starts[i]!, ends[i]!))) return false;
      continue;
    }
    const next = i + 1 < end ? i + 1 : -1;
    switch (kind) {
      case QUOTED:
        if (!QUOTED_NAME.test(text.slice(starts[i]!, ends[i]!)) || values[i]!.length > MAX_NAME || !/^[\x20-\x7e]+$/.test(values[i]!)) return false;
        break;
      case STRING:
        if (!STRING_LITERAL.test(text.slice(starts[i]!, ends[i]!))) return false;
        break;
      case NUMBER:
        // A number's value is its text as written.
        if (!NUMBER_LITERAL.test(values[i]!) || (next >= 0 && starts[next] === ends[i] && kinds[next] !== PUNCT)) return false;
        break;
      case PUNCT:
        // Its last character and the next token's first, read in place (no string per punctuation token).
        if (isOperatorChar(text.charCodeAt(ends[i]! - 1)) && next >= 0 && starts[next] === ends[i] && kinds[next] === PUNCT && isOperatorChar(text.charCodeAt(starts[next]!))) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** The character code is one of OPERATOR_CHARS. */
function isOperatorChar(code: number): boolean {
  return code < 128 && OPERATOR_CODES[code] === 1;
}

/** text[start, end) is [A-Za-z_][A-Za-z0-9_$]*: an ASCII word, folded to lower case by PostgreSQL as by us. */
function plainWord(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
    if (!(letter || (i > start && ((c >= 48 && c <= 57) || c === 36)))) return false;
  }
  return end > start;
}

/** Column constraint kinds found by columnConstraints, as bits. */
const NOT_NULL_BIT = 1;
const PRIMARY_KEY_BIT = 2;
const DEFAULT_BIT = 4;

// ---- the reader ----
// Module state and functions rather than a class: a CLI run executes this unoptimised (Sparkplug), where each
// `this.x` and each method looked up on `this` is a property load through an inline cache, and a module variable
// a context slot read in place. One statement is read at a time (resetReader), never re-entered.

/** The next token (an index into the arrays); the statement is [rp, rEnd) at the start. */
let rp = 0;
let rEnd = 0;
let rText = '';
let rKinds: number[] = [];
let rStarts: number[] = [];
let rEnds: number[] = [];
let rValues: string[] = [];
/** The schema of the last readRelation(), or undefined. */
let rSchema: string | undefined = undefined;

function resetReader(arrays: SqlTokenArrays, first: number, end: number, text: string): void {
  rp = first;
  rEnd = end;
  rText = text;
  rKinds = arrays.kinds;
  rStarts = arrays.starts;
  rEnds = arrays.ends;
  rValues = arrays.values;
}

/** Lets go of the statement's text and arrays: the editor's long-lived process keeps no file alive through them. */
function releaseReader(): void {
  rText = '';
  rKinds = rStarts = rEnds = NO_NUMBERS;
  rValues = NO_STRINGS;
  rSchema = undefined;
}
const NO_NUMBERS: number[] = [];
const NO_STRINGS: string[] = [];

function readStatement(): SqlOp[] {
  const k = rp;
  let ops: SqlOp[] | null = null;
  if (rKinds[k] === WORD) {
    const keyword = rValues[k];
    rp = k + 1;
    if (keyword === 'ALTER') ops = alterTable();
    else if (keyword === 'UPDATE') ops = readUpdate();
    else if (keyword === 'DROP') ops = dropTable();
  }
  if (ops === null || rp !== rEnd) throw NOT_SURE;
  return ops;
}

// ---- tokens ----

/** The kind of the token `offset` ahead, or -1 past the statement's end. */
function kindAt(offset = 0): number {
  const k = rp + offset;
  return k < rEnd ? rKinds[k]! : -1;
}

function isWord(value: string, offset = 0): boolean {
  const k = rp + offset;
  return k < rEnd && rValues[k] === value && rKinds[k] === WORD;
}

/** Consumes the keyword if it is next. */
function word(value: string): boolean {
  const k = rp;
  if (k < rEnd && rValues[k] === value && rKinds[k] === WORD) {
    rp = k + 1;
    return true;
  }
  return false;
}

function expectWord(value: string): void {
  const k = rp;
  if (!(k < rEnd && rValues[k] === value && rKinds[k] === WORD)) throw NOT_SURE;
  rp = k + 1;
}

function isPunct(value: string, offset = 0): boolean {
  const k = rp + offset;
  return k < rEnd && rValues[k] === value && rKinds[k] === PUNCT;
}

function punct(value: string): boolean {
  const k = rp;
  if (k < rEnd && rValues[k] === value && rKinds[k] === PUNCT) {
    rp = k + 1;
    return true;
  }
  return false;
}

function expectPunct(value: string): void {
  if (!punct(value)) throw NOT_SURE;
}

/** A name where the grammar takes a ColId, consumed: an unquoted non-keyword or unreserved keyword (folded), or a quoted name. */
function readName(): string {
  const k = rp;
  if (k >= rEnd) throw NOT_SURE;
  const kind = rKinds[k];
  if (kind === QUOTED) {
    rp = k + 1;
    return rValues[k]!;
  }
  if (kind !== WORD || NOT_UNRESERVED_KEYWORDS.has(rValues[k]!)) throw NOT_SURE;
  rp = k + 1;
  return rText.slice(rStarts[k]!, rEnds[k]!).toLowerCase();
}

/** schema.table or table: the table, its schema left in `rSchema` (undefined without one). */
function readRelation(): string {
  const first = readName();
  if (!punct('.')) {
    rSchema = undefined;
    return first;
  }
  const table = readName();
  if (isPunct('.')) throw NOT_SURE;
  rSchema = first;
  return table;
}

/** Nothing but white space between tokens[from] and tokens[to] (indices into the arrays). */
function onlySpaceBetween(from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (!/^\s*$/.test(rText.slice(rEnds[k]!, rStarts[k + 1]!))) return false;
  return true;
}

function atEnd(): boolean {
  return rp === rEnd;
}

// ---- statements ----

/** ALTER TABLE [IF EXISTS] [ONLY] name { RENAME [COLUMN] … TO … | RENAME TO … | cmd [, cmd …] }. */
function alterTable(): SqlOp[] {
  expectWord('TABLE');
  if (word('IF')) expectWord('EXISTS');
  word('ONLY');
  const table = readRelation();
  const schema = rSchema;
  if (word('RENAME')) {
    if (word('TO')) return [opOf('rename-table', table, schema, undefined, readName())];
    expectWord('COLUMN');
    const column = readName();
    expectWord('TO');
    return [opOf('rename-column', table, schema, column, readName())];
  }
  const ops: SqlOp[] = [];
  do {
    const op = alterCommand(table, schema);
    if (op) ops.push(op);
  } while (punct(','));
  return ops;
}

function alterCommand(table: string, schema: string | undefined): SqlOp | null {
  const k = rp;
  const command = k < rEnd && rKinds[k] === WORD ? rValues[k] : undefined;
  if (command === 'ADD') {
    rp = k + 1;
    expectWord('COLUMN');
    if (word('IF')) {
      expectWord('NOT');
      expectWord('EXISTS');
    }
    const column = readName();
    const serial = typeName();
    const constraints = columnConstraints();
    const op = opOf('add-column', table, schema, column, undefined);
    op.notNull = (constraints & (NOT_NULL_BIT | PRIMARY_KEY_BIT)) !== 0;
    op.hasDefault = serial || (constraints & DEFAULT_BIT) !== 0;
    return op;
  }
  if (command === 'DROP') {
    rp = k + 1;
    expectWord('COLUMN');
    if (word('IF')) expectWord('EXISTS');
    const column = readName();
    if (!word('CASCADE')) word('RESTRICT');
    return opOf('drop-column', table, schema, column, undefined);
  }
  if (command === 'ALTER') {
    rp = k + 1;
    expectWord('COLUMN');
    const column = readName();
    if (isWord('SET') && isWord('DATA', 1)) {
      rp += 2;
      expectWord('TYPE');
      typeName();
      return opOf('change-column-type', table, schema, column, undefined);
    }
    if (word('TYPE')) {
      typeName();
      return opOf('change-column-type', table, schema, column, undefined);
    }
    if (word('SET')) {
      if (word('NOT')) expectWord('NULL');
      else if (word('DEFAULT')) readExpression(false, null);
      else throw NOT_SURE;
      return null;
    }
    if (word('DROP')) {
      if (word('NOT')) expectWord('NULL');
      else expectWord('DEFAULT');
      return null;
    }
    throw NOT_SURE;
  }
  throw NOT_SURE;
}

/** DROP TABLE [IF EXISTS] name [, name …] [CASCADE | RESTRICT]. */
function dropTable(): SqlOp[] {
  expectWord('TABLE');
  if (word('IF')) expectWord('EXISTS');
  const ops: SqlOp[] = [];
  do {
    const table = readRelation();
    ops.push(opOf('drop-table', table, rSchema, undefined, undefined));
  } while (punct(','));
  if (!word('CASCADE')) word('RESTRICT');
  return ops;
}

/** UPDATE [ONLY] name SET col = expr [, col = expr …] [WHERE condition]. */
function readUpdate(): SqlOp[] {
  word('ONLY');
  if (isWord('SET')) throw NOT_SURE;
  const table = readRelation();
  const schema = rSchema;
  expectWord('SET');
  const writes: string[] = [];
  const reads = new Set<string>();
  do {
    writes.push(readName());
    expectPunct('=');
    if (word('DEFAULT')) continue;
    readExpression(true, reads);
  } while (punct(','));
  if (word('WHERE')) readExpression(true, null);
  const op = opOf('backfill', table, schema, undefined, undefined);
  op.writes = writes;
  op.reads = [...reads];
  return [op];
}

// ---- column definitions ----

/** A type name; true when it is one of the serial pseudo-types (which imply a default). */
function typeName(): boolean {
  let serial = false;
  const kind = kindAt();
  if (kind < 0) throw NOT_SURE;
  const value = rValues[rp]!;
  if (isWord('DOUBLE') && isWord('PRECISION', 1)) rp += 2;
  else if (kind === WORD && NOT_UNRESERVED_KEYWORDS.has(value)) keywordType();
  else if (kind === QUOTED || (kind === WORD && !KEYWORDISH_TYPES.has(value) && !UNRESERVED_RISKY.has(value))) {
    // A generic type: [schema.]name [(n, …)]; its parts are the names libpg-query reports.
    serial = SERIAL.test(genericTypePart());
    if (punct('.')) serial = SERIAL.test(genericTypePart()) || serial;
    if (isPunct('(')) typeModifiers(8);
  } else throw NOT_SURE;
  while (punct('[')) {
    if (kindAt() === NUMBER) rp++;
    expectPunct(']');
  }
  return serial;
}

function genericTypePart(): string {
  const kind = kindAt();
  const value = rValues[rp]!;
  if (!(kind === QUOTED || (kind === WORD && !NOT_UNRESERVED_KEYWORDS.has(value) && !UNRESERVED_RISKY.has(value) && !KEYWORDISH_TYPES.has(value)))) throw NOT_SURE;
  return readName();
}

/** The SQL-standard type spellings that are keywords. */
function keywordType(): void {
  const value = rValues[rp++]!;
  switch (value) {
    case 'INT':
    case 'INTEGER':
    case 'SMALLINT':
    case 'BIGINT':
    case 'REAL':
    case 'BOOLEAN':
      return;
    case 'FLOAT':
      if (isPunct('(')) typeModifiers(1);
      return;
    case 'NUMERIC':
    case 'DECIMAL':
    case 'DEC':
    case 'VARCHAR':
      if (isPunct('(')) typeModifiers(value === 'VARCHAR' ? 1 : 2);
      return;
    case 'CHAR':
    case 'CHARACTER':
      word('VARYING');
      if (isPunct('(')) typeModifiers(1);
      return;
    case 'TIMESTAMP':
    case 'TIME':
      if (isPunct('(')) typeModifiers(1);
      if (isWord('WITH') || isWord('WITHOUT')) {
        // The parser looks one token ahead of WITH/WITHOUT, and a comment inside the phrase defeats it (a
        // syntax error in libpg-query): only white space between its words here.
        if (!isWord('TIME', 1) || !isWord('ZONE', 2) || !onlySpaceBetween(rp - 1, rp + 2)) throw NOT_SURE;
        rp += 3;
      }
      return;
    default:
      throw NOT_SURE;
  }
}

/** ( number [, number …] ), at most `max` of them. */
function typeModifiers(max: number): void {
  expectPunct('(');
  let count = 0;
  do {
    if (kindAt() !== NUMBER || ++count > max) throw NOT_SURE;
    rp++;
  } while (punct(','));
  expectPunct(')');
}

/** NOT NULL, NULL, DEFAULT expr, PRIMARY KEY, UNIQUE, REFERENCES …: the bits of NOT NULL, PRIMARY KEY and DEFAULT. */
function columnConstraints(): number {
  let found = 0;
  let onDelete = false;
  let onUpdate = false;
  while (!atEnd() && !isPunct(',')) {
    if (word('NOT')) {
      expectWord('NULL');
      if (isWord('NO')) throw NOT_SURE;
      found |= NOT_NULL_BIT;
    } else if (word('NULL')) {
      // allowed, nothing to report
    } else if (word('DEFAULT')) {
      readExpression(false, null);
      found |= DEFAULT_BIT;
    } else if (word('PRIMARY')) {
      expectWord('KEY');
      found |= PRIMARY_KEY_BIT;
    } else if (word('UNIQUE')) {
      // allowed, nothing to report
    } else if (word('REFERENCES')) {
      readRelation();
      if (punct('(')) {
        do readName();
        while (punct(','));
        expectPunct(')');
      }
      onDelete = false;
      onUpdate = false;
      while (word('ON')) {
        if (word('DELETE')) {
          if (onDelete) throw NOT_SURE;
          onDelete = true;
        } else {
          expectWord('UPDATE');
          if (onUpdate) throw NOT_SURE;
          onUpdate = true;
        }
        referentialAction();
      }
    } else throw NOT_SURE;
  }
  return found;
}

function referentialAction(): void {
  if (word('CASCADE') || word('RESTRICT')) return;
  if (word('NO')) return expectWord('ACTION');
  expectWord('SET');
  if (!word('NULL')) expectWord('DEFAULT');
  if (isPunct('(')) throw NOT_SURE;
}

// ---- expressions ----

/**
 * An expression, checked for syntax only; the column references it reads are added to `reads` in the order
 * written (libpg-query's tree lists them in that order for every form read here). `full`: AND, OR, NOT, IS and
 * comparisons allowed (a WHERE or SET value); otherwise only operands and arithmetic (a column DEFAULT).
 */
function readExpression(full: boolean, reads: Set<string> | null): void {
  if (!full) return arithmetic(reads);
  orExpression(reads);
}

function orExpression(reads: Set<string> | null): void {
  do {
    do notExpression(reads);
    while (word('AND'));
  } while (word('OR'));
}

function notExpression(reads: Set<string> | null): void {
  while (word('NOT'));
  arithmetic(reads);
  if (kindAt() === PUNCT && COMPARISONS.has(rValues[rp]!)) {
    rp++;
    arithmetic(reads);
  } else if (word('IS')) {
    word('NOT');
    if (!word('NULL') && !word('TRUE')) expectWord('FALSE');
  }
}

function arithmetic(reads: Set<string> | null): void {
  for (;;) {
    while (isPunct('-') || isPunct('+')) rp++;
    operand(reads);
    while (punct('::')) typeName();
    if (kindAt() === PUNCT && ARITHMETIC.has(rValues[rp]!)) rp++;
    else return;
  }
}

function operand(reads: Set<string> | null): void {
  const kind = kindAt();
  if (kind < 0) throw NOT_SURE;
  const value = rValues[rp]!;
  if (kind === NUMBER || kind === STRING) {
    rp++;
    return;
  }
  if (kind === PUNCT && value === '(') {
    rp++;
    orExpression(reads);
    expectPunct(')');
    return;
  }
  if (kind === WORD && (value === 'NULL' || value === 'TRUE' || value === 'FALSE' || VALUE_FUNCTIONS.has(value))) {
    rp++;
    if (isPunct('(')) throw NOT_SURE;
    return;
  }
  // name[.name[.name]] (a column) or name[.name](args) (a function call).
  let last = expressionName();
  let parts = 1;
  while (punct('.')) {
    last = expressionName();
    parts++;
  }
  if (punct('(')) {
    if (parts > 2) throw NOT_SURE;
    if (!punct(')')) {
      do orExpression(reads);
      while (punct(','));
      expectPunct(')');
    }
    return;
  }
  if (parts > 3) throw NOT_SURE;
  reads?.add(last);
}

function expressionName(): string {
  if (kindAt() === WORD && UNRESERVED_RISKY.has(rValues[rp]!)) throw NOT_SURE;
  return readName();
}

type MutableOp = { -readonly [K in keyof SqlOp]: SqlOp[K] };

/** An op on `table` (with `schema`, `column`, `newName` when defined): the keys present as the parser gives them. */
function opOf(kind: SqlOp['kind'], table: string, schema: string | undefined, column: string | undefined, newName: string | undefined): MutableOp {
  const op: MutableOp = { kind, table };
  if (schema !== undefined) op.schema = schema;
  if (column !== undefined) op.column = column;
  if (newName !== undefined) op.newName = newName;
  return op;
}

/** Unreserved keywords that start or shape a type or an expression of their own: never taken as a plain name there. */
const UNRESERVED_RISKY: ReadonlySet<string> = new Set(['DOUBLE', 'SET', 'ARRAY', 'ROW', 'INTERVAL', 'AT', 'OVER', 'FILTER', 'WITHIN', 'COLLATE', 'ESCAPE']);
/** Type names that are keywords of some category or carry their own syntax. */
const KEYWORDISH_TYPES: ReadonlySet<string> = new Set(['DOUBLE', 'INTERVAL', 'BIT', 'NATIONAL', 'NCHAR', 'JSON', 'SETOF']);

