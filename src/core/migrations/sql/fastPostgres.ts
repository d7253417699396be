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
  // One reader for every statement (reset here, never re-entered): no object and constructor call per statement.
  const reader = READER;
  reader.reset(arrays, first, end, text);
  try {
    return reader.statement();
  } catch (error) {
    if (error instanceof NotSure) return null;
    throw error;
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

/**
 * The reader. A CLI run executes it unoptimised (Sparkplug), where every property load and call costs more than
 * the comparisons: hot paths read the token arrays through locals, and names and ops are built without
 * intermediate objects (no relation object and spread per op, no array per qualified name, bits for constraints).
 */
class Reader {
  /** The next token (an index into the arrays); the statement is [p, end) at the start. */
  private p = 0;
  private end = 0;
  private text = '';
  private kinds: number[] = [];
  private starts: number[] = [];
  private ends: number[] = [];
  private values: string[] = [];
  /** The schema of the last relation() read, or undefined. */
  private schema: string | undefined = undefined;

  reset(arrays: SqlTokenArrays, first: number, end: number, text: string): void {
    this.p = first;
    this.end = end;
    this.text = text;
    this.kinds = arrays.kinds;
    this.starts = arrays.starts;
    this.ends = arrays.ends;
    this.values = arrays.values;
  }

  statement(): SqlOp[] {
    const k = this.p;
    let ops: SqlOp[] | null = null;
    if (this.kinds[k] === WORD) {
      const keyword = this.values[k];
      this.p = k + 1;
      if (keyword === 'ALTER') ops = this.alterTable();
      else if (keyword === 'UPDATE') ops = this.update();
      else if (keyword === 'DROP') ops = this.dropTable();
    }
    if (ops === null || this.p !== this.end) throw NOT_SURE;
    return ops;
  }

  // ---- tokens ----

  /** The kind of the token `offset` ahead, or -1 past the statement's end. */
  private kindAt(offset = 0): number {
    const k = this.p + offset;
    return k < this.end ? this.kinds[k]! : -1;
  }

  private isWord(value: string, offset = 0): boolean {
    const k = this.p + offset;
    return k < this.end && this.values[k] === value && this.kinds[k] === WORD;
  }

  /** Consumes the keyword if it is next. */
  private word(value: string): boolean {
    const k = this.p;
    if (k < this.end && this.values[k] === value && this.kinds[k] === WORD) {
      this.p = k + 1;
      return true;
    }
    return false;
  }

  private expectWord(value: string): void {
    const k = this.p;
    if (!(k < this.end && this.values[k] === value && this.kinds[k] === WORD)) throw NOT_SURE;
    this.p = k + 1;
  }

  private isPunct(value: string, offset = 0): boolean {
    const k = this.p + offset;
    return k < this.end && this.values[k] === value && this.kinds[k] === PUNCT;
  }

  private punct(value: string): boolean {
    const k = this.p;
    if (k < this.end && this.values[k] === value && this.kinds[k] === PUNCT) {
      this.p = k + 1;
      return true;
    }
    return false;
  }

  private expectPunct(value: string): void {
    if (!this.punct(value)) throw NOT_SURE;
  }

  /** A name where the grammar takes a ColId, consumed: an unquoted non-keyword or unreserved keyword (folded), or a quoted name. */
  private name(): string {
    const k = this.p;
    if (k >= this.end) throw NOT_SURE;
    const kind = this.kinds[k];
    if (kind === QUOTED) {
      this.p = k + 1;
      return this.values[k]!;
    }
    if (kind !== WORD || NOT_UNRESERVED_KEYWORDS.has(this.values[k]!)) throw NOT_SURE;
    this.p = k + 1;
    return this.text.slice(this.starts[k]!, this.ends[k]!).toLowerCase();
  }

  /** schema.table or table: the table, its schema left in `this.schema` (undefined without one). */
  private relation(): string {
    const first = this.name();
    if (!this.punct('.')) {
      this.schema = undefined;
      return first;
    }
    const table = this.name();
    if (this.isPunct('.')) throw NOT_SURE;
    this.schema = first;
    return table;
  }

  /** Nothing but white space between tokens[from] and tokens[to] (indices into the arrays). */
  private onlySpaceBetween(from: number, to: number): boolean {
    for (let k = from; k < to; k++) if (!/^\s*$/.test(this.text.slice(this.ends[k]!, this.starts[k + 1]!))) return false;
    return true;
  }

  private atEnd(): boolean {
    return this.p === this.end;
  }

  // ---- statements ----

  /** ALTER TABLE [IF EXISTS] [ONLY] name { RENAME [COLUMN] … TO … | RENAME TO … | cmd [, cmd …] }. */
  private alterTable(): SqlOp[] {
    this.expectWord('TABLE');
    if (this.word('IF')) this.expectWord('EXISTS');
    this.word('ONLY');
    const table = this.relation();
    const schema = this.schema;
    if (this.word('RENAME')) {
      if (this.word('TO')) return [opOf('rename-table', table, schema, undefined, this.name())];
      this.expectWord('COLUMN');
      const column = this.name();
      this.expectWord('TO');
      return [opOf('rename-column', table, schema, column, this.name())];
    }
    const ops: SqlOp[] = [];
    do {
      const op = this.alterCommand(table, schema);
      if (op) ops.push(op);
    } while (this.punct(','));
    return ops;
  }

  private alterCommand(table: string, schema: string | undefined): SqlOp | null {
    const k = this.p;
    const command = k < this.end && this.kinds[k] === WORD ? this.values[k] : undefined;
    if (command === 'ADD') {
      this.p = k + 1;
      this.expectWord('COLUMN');
      if (this.word('IF')) {
        this.expectWord('NOT');
        this.expectWord('EXISTS');
      }
      const column = this.name();
      const serial = this.typeName();
      const constraints = this.columnConstraints();
      const op = opOf('add-column', table, schema, column, undefined);
      op.notNull = (constraints & (NOT_NULL_BIT | PRIMARY_KEY_BIT)) !== 0;
      op.hasDefault = serial || (constraints & DEFAULT_BIT) !== 0;
      return op;
    }
    if (command === 'DROP') {
      this.p = k + 1;
      this.expectWord('COLUMN');
      if (this.word('IF')) this.expectWord('EXISTS');
      const column = this.name();
      if (!this.word('CASCADE')) this.word('RESTRICT');
      return opOf('drop-column', table, schema, column, undefined);
    }
    if (command === 'ALTER') {
      this.p = k + 1;
      this.expectWord('COLUMN');
      const column = this.name();
      if (this.isWord('SET') && this.isWord('DATA', 1)) {
        this.p += 2;
        this.expectWord('TYPE');
        this.typeName();
        return opOf('change-column-type', table, schema, column, undefined);
      }
      if (this.word('TYPE')) {
        this.typeName();
        return opOf('change-column-type', table, schema, column, undefined);
      }
      if (this.word('SET')) {
        if (this.word('NOT')) this.expectWord('NULL');
        else if (this.word('DEFAULT')) this.expression(false, null);
        else throw NOT_SURE;
        return null;
      }
      if (this.word('DROP')) {
        if (this.word('NOT')) this.expectWord('NULL');
        else this.expectWord('DEFAULT');
        return null;
      }
      throw NOT_SURE;
    }
    throw NOT_SURE;
  }

  /** DROP TABLE [IF EXISTS] name [, name …] [CASCADE | RESTRICT]. */
  private dropTable(): SqlOp[] {
    this.expectWord('TABLE');
    if (this.word('IF')) this.expectWord('EXISTS');
    const ops: SqlOp[] = [];
    do {
      const table = this.relation();
      ops.push(opOf('drop-table', table, this.schema, undefined, undefined));
    } while (this.punct(','));
    if (!this.word('CASCADE')) this.word('RESTRICT');
    return ops;
  }

  /** UPDATE [ONLY] name SET col = expr [, col = expr …] [WHERE condition]. */
  private update(): SqlOp[] {
    this.word('ONLY');
    if (this.isWord('SET')) throw NOT_SURE;
    const table = this.relation();
    const schema = this.schema;
    this.expectWord('SET');
    const writes: string[] = [];
    const reads = new Set<string>();
    do {
      writes.push(this.name());
      this.expectPunct('=');
      if (this.word('DEFAULT')) continue;
      this.expression(true, reads);
    } while (this.punct(','));
    if (this.word('WHERE')) this.expression(true, null);
    const op = opOf('backfill', table, schema, undefined, undefined);
    op.writes = writes;
    op.reads = [...reads];
    return [op];
  }

  // ---- column definitions ----

  /** A type name; true when it is one of the serial pseudo-types (which imply a default). */
  private typeName(): boolean {
    let serial = false;
    const kind = this.kindAt();
    if (kind < 0) throw NOT_SURE;
    const value = this.values[this.p]!;
    if (this.isWord('DOUBLE') && this.isWord('PRECISION', 1)) this.p += 2;
    else if (kind === WORD && NOT_UNRESERVED_KEYWORDS.has(value)) this.keywordType();
    else if (kind === QUOTED || (kind === WORD && !KEYWORDISH_TYPES.has(value) && !UNRESERVED_RISKY.has(value))) {
      // A generic type: [schema.]name [(n, …)]; its parts are the names libpg-query reports.
      serial = SERIAL.test(this.genericTypePart());
      if (this.punct('.')) serial = SERIAL.test(this.genericTypePart()) || serial;
      if (this.isPunct('(')) this.typeModifiers(8);
    } else throw NOT_SURE;
    while (this.punct('[')) {
      if (this.kindAt() === NUMBER) this.p++;
      this.expectPunct(']');
    }
    return serial;
  }

  private genericTypePart(): string {
    const kind = this.kindAt();
    const value = this.values[this.p]!;
    if (!(kind === QUOTED || (kind === WORD && !NOT_UNRESERVED_KEYWORDS.has(value) && !UNRESERVED_RISKY.has(value) && !KEYWORDISH_TYPES.has(value)))) throw NOT_SURE;
    return this.name();
  }

  /** The SQL-standard type spellings that are keywords. */
  private keywordType(): void {
    const value = this.values[this.p++]!;
    switch (value) {
      case 'INT':
      case 'INTEGER':
      case 'SMALLINT':
      case 'BIGINT':
      case 'REAL':
      case 'BOOLEAN':
        return;
      case 'FLOAT':
        if (this.isPunct('(')) this.typeModifiers(1);
        return;
      case 'NUMERIC':
      case 'DECIMAL':
      case 'DEC':
      case 'VARCHAR':
        if (this.isPunct('(')) this.typeModifiers(value === 'VARCHAR' ? 1 : 2);
        return;
      case 'CHAR':
      case 'CHARACTER':
        this.word('VARYING');
        if (this.isPunct('(')) this.typeModifiers(1);
        return;
      case 'TIMESTAMP':
      case 'TIME':
        if (this.isPunct('(')) this.typeModifiers(1);
        if (this.isWord('WITH') || this.isWord('WITHOUT')) {
          // The parser looks one token ahead of WITH/WITHOUT, and a comment inside the phrase defeats it (a
          // syntax error in libpg-query): only white space between its words here.
          if (!this.isWord('TIME', 1) || !this.isWord('ZONE', 2) || !this.onlySpaceBetween(this.p - 1, this.p + 2)) throw NOT_SURE;
          this.p += 3;
        }
        return;
      default:
        throw NOT_SURE;
    }
  }

  /** ( number [, number …] ), at most `max` of them. */
  private typeModifiers(max: number): void {
    this.expectPunct('(');
    let count = 0;
    do {
      if (this.kindAt() !== NUMBER || ++count > max) throw NOT_SURE;
      this.p++;
    } while (this.punct(','));
    this.expectPunct(')');
  }

  /** NOT NULL, NULL, DEFAULT expr, PRIMARY KEY, UNIQUE, REFERENCES …: the bits of NOT NULL, PRIMARY KEY and DEFAULT. */
  private columnConstraints(): number {
    let found = 0;
    let onDelete = false;
    let onUpdate = false;
    while (!this.atEnd() && !this.isPunct(',')) {
      if (this.word('NOT')) {
        this.expectWord('NULL');
        if (this.isWord('NO')) throw NOT_SURE;
        found |= NOT_NULL_BIT;
      } else if (this.word('NULL')) {
        // allowed, nothing to report
      } else if (this.word('DEFAULT')) {
        this.expression(false, null);
        found |= DEFAULT_BIT;
      } else if (this.word('PRIMARY')) {
        this.expectWord('KEY');
        found |= PRIMARY_KEY_BIT;
      } else if (this.word('UNIQUE')) {
        // allowed, nothing to report
      } else if (this.word('REFERENCES')) {
        this.relation();
        if (this.punct('(')) {
          do this.name();
          while (this.punct(','));
          this.expectPunct(')');
        }
        onDelete = false;
        onUpdate = false;
        while (this.word('ON')) {
          if (this.word('DELETE')) {
            if (onDelete) throw NOT_SURE;
            onDelete = true;
          } else {
            this.expectWord('UPDATE');
            if (onUpdate) throw NOT_SURE;
            onUpdate = true;
          }
          this.referentialAction();
        }
      } else throw NOT_SURE;
    }
    return found;
  }

  private referentialAction(): void {
    if (this.word('CASCADE') || this.word('RESTRICT')) return;
    if (this.word('NO')) return this.expectWord('ACTION');
    this.expectWord('SET');
    if (!this.word('NULL')) this.expectWord('DEFAULT');
    if (this.isPunct('(')) throw NOT_SURE;
  }

  // ---- expressions ----

  /**
   * An expression, checked for syntax only; the column references it reads are added to `reads` in the order
   * written (libpg-query's tree lists them in that order for every form read here). `full`: AND, OR, NOT, IS and
   * comparisons allowed (a WHERE or SET value); otherwise only operands and arithmetic (a column DEFAULT).
   */
  private expression(full: boolean, reads: Set<string> | null): void {
    if (!full) return this.arithmetic(reads);
    this.orExpression(reads);
  }

  private orExpression(reads: Set<string> | null): void {
    do {
      do this.notExpression(reads);
      while (this.word('AND'));
    } while (this.word('OR'));
  }

  private notExpression(reads: Set<string> | null): void {
    while (this.word('NOT'));
    this.arithmetic(reads);
    if (this.kindAt() === PUNCT && COMPARISONS.has(this.values[this.p]!)) {
      this.p++;
      this.arithmetic(reads);
    } else if (this.word('IS')) {
      this.word('NOT');
      if (!this.word('NULL') && !this.word('TRUE')) this.expectWord('FALSE');
    }
  }

  private arithmetic(reads: Set<string> | null): void {
    for (;;) {
      while (this.isPunct('-') || this.isPunct('+')) this.p++;
      this.operand(reads);
      while (this.punct('::')) this.typeName();
      if (this.kindAt() === PUNCT && ARITHMETIC.has(this.values[this.p]!)) this.p++;
      else return;
    }
  }

  private operand(reads: Set<string> | null): void {
    const kind = this.kindAt();
    if (kind < 0) throw NOT_SURE;
    const value = this.values[this.p]!;
    if (kind === NUMBER || kind === STRING) {
      this.p++;
      return;
    }
    if (kind === PUNCT && value === '(') {
      this.p++;
      this.orExpression(reads);
      this.expectPunct(')');
      return;
    }
    if (kind === WORD && (value === 'NULL' || value === 'TRUE' || value === 'FALSE' || VALUE_FUNCTIONS.has(value))) {
      this.p++;
      if (this.isPunct('(')) throw NOT_SURE;
      return;
    }
    // name[.name[.name]] (a column) or name[.name](args) (a function call).
    let last = this.expressionName();
    let parts = 1;
    while (this.punct('.')) {
      last = this.expressionName();
      parts++;
    }
    if (this.punct('(')) {
      if (parts > 2) throw NOT_SURE;
      if (!this.punct(')')) {
        do this.orExpression(reads);
        while (this.punct(','));
        this.expectPunct(')');
      }
      return;
    }
    if (parts > 3) throw NOT_SURE;
    reads?.add(last);
  }

  private expressionName(): string {
    if (this.kindAt() === WORD && UNRESERVED_RISKY.has(this.values[this.p]!)) throw NOT_SURE;
    return this.name();
  }
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

/** The reader of fastPostgresOpsIn, reset for each statement. */
const READER = new Reader();
