// The ONE module that knows which SQL parser is used (see docs/compatibility.md, "Migrations: SQL parser
// choice"): libpg-query (the PostgreSQL 18 parser compiled to WebAssembly) for PostgreSQL, node-sql-parser's
// per-dialect builds for MySQL and SQLite. It turns one statement into parser-neutral SqlOps; positions are
// found by the caller from its own tokens (lexer.ts), so both parsers give exact ranges.
import type * as LibpgQuery from 'libpg-query';
import type { MigrationOperation, SqlDialect } from '../types';
// node-sql-parser ships one build per dialect; importing only these two keeps the bundle small.
import * as mysqlBuild from 'node-sql-parser/build/mysql';
import * as sqliteBuild from 'node-sql-parser/build/sqlite';

export type SqlOpKind = 'drop-column' | 'rename-column' | 'change-column-type' | 'add-column' | 'drop-table' | 'rename-table' | 'create-table' | 'backfill' | 'dual-write' | 'other';

/** An operation as the parser sees it: a MigrationOperation before positions are attached. */
export type SqlOp = Pick<MigrationOperation, 'table' | 'schema' | 'column' | 'newName' | 'notNull' | 'hasDefault' | 'writes' | 'reads'> & {
  readonly kind: SqlOpKind;
};

export type ParseResult = { readonly ok: true; readonly ops: readonly SqlOp[] } | { readonly ok: false; readonly reason: string };

interface NspParser {
  astify(sql: string, options: { database: string }): unknown;
}
type NspModule = { Parser: new () => NspParser; default?: { Parser: new () => NspParser } };
const nspParser = (module: NspModule): NspParser => new (module.Parser ?? module.default!.Parser)();
let mysqlParser: NspParser | undefined;
let sqliteParser: NspParser | undefined;

/** libpg-query, imported by loadSqlParsers: even its module costs a collection (it allocates at load). */
let pg: typeof LibpgQuery | undefined;
let pgReady = false;
let pgLoading: Promise<void> | undefined;
/** Postgres statements that met the parser before it was loaded (each was reported "still loading"). */
let pgMisses = 0;

/** Loads the PostgreSQL parser (WebAssembly, once). Until it resolves, Postgres statements are "not analysed". */
export function loadSqlParsers(): Promise<void> {
  pgLoading ??= import('libpg-query').then(async (module) => {
    await module.loadModule();
    pg = module;
    pgReady = true;
  });
  return pgLoading;
}

export function sqlParsersReady(): boolean {
  return pgReady;
}

/** How many Postgres statements so far needed the parser before it was loaded: an analysis not to keep. */
export function postgresParserMisses(): number {
  return pgMisses;
}

/** Parses one statement (no trailing semicolon needed). Never throws. */
export function parseStatement(sql: string, dialect: SqlDialect): ParseResult {
  try {
    if (dialect === 'postgres') return parsePostgres(sql);
    const parser = dialect === 'mysql' ? (mysqlParser ??= nspParser(mysqlBuild as NspModule)) : (sqliteParser ??= nspParser(sqliteBuild as NspModule));
    const ast = parser.astify(sql, { database: dialect === 'mysql' ? 'MySQL' : 'Sqlite' });
    return { ok: true, ops: (Array.isArray(ast) ? ast : [ast]).flatMap((node) => nspOps(node as Node)) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: message.split('\n')[0]!.slice(0, 200) };
  }
}

// ---- PostgreSQL (libpg-query JSON parse tree) ----

type Node = Record<string, unknown>;
const obj = (value: unknown): Node | undefined => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Node) : undefined);
const arr = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function parsePostgres(sql: string): ParseResult {
  if (!pgReady || !pg) {
    pgMisses++;
    void loadSqlParsers();
    return { ok: false, reason: 'the PostgreSQL parser is still loading' };
  }
  const tree = pg.parseSync(sql) as unknown as { stmts?: Array<{ stmt?: Node }> };
  const ops: SqlOp[] = [];
  for (const raw of tree.stmts ?? []) {
    const [type, body] = Object.entries(raw.stmt ?? {})[0] ?? [];
    const node = obj(body);
    if (!type || !node) continue;
    ops.push(...pgOps(type, node));
  }
  return { ok: true, ops };
}

function relation(node: Node): { table: string; schema?: string } {
  const rel = obj(node['relation']) ?? {};
  const schema = str(rel['schemaname']);
  return { table: str(rel['relname']) ?? '', ...(schema ? { schema } : {}) };
}

function columnRefs(value: unknown, into: Set<string>): Set<string> {
  const node = obj(value);
  if (Array.isArray(value)) for (const item of value) columnRefs(item, into);
  if (!node) return into;
  const ref = obj(node['ColumnRef']);
  if (ref) {
    const fields = arr(ref['fields']).map((f) => str(obj(obj(f)?.['String'])?.['sval'])).filter((s): s is string => s !== undefined);
    const last = fields[fields.length - 1];
    if (last) into.add(last);
    // NEW.x in trigger bodies: keep the qualifier off, the column is what matters.
    return into;
  }
  for (const child of Object.values(node)) if (typeof child === 'object' && child !== null) columnRefs(child, into);
  return into;
}

function pgOps(type: string, node: Node): SqlOp[] {
  switch (type) {
    case 'AlterTableStmt': {
      if (node['objtype'] !== 'OBJECT_TABLE') return [];
      const target = relation(node);
      return arr(node['cmds']).flatMap((item): SqlOp[] => {
        const cmd = obj(obj(item)?.['AlterTableCmd']);
        if (!cmd) return [];
        const name = str(cmd['name']);
        switch (cmd['subtype']) {
          case 'AT_DropColumn':
            return name ? [{ kind: 'drop-column', ...target, column: name }] : [];
          case 'AT_AlterColumnType':
            return name ? [{ kind: 'change-column-type', ...target, column: name }] : [];
          case 'AT_AddColumn': {
            const def = obj(obj(cmd['def'])?.['ColumnDef']);
            if (!def) return [];
            const constraints = arr(def['constraints']).map((c) => str(obj(obj(c)?.['Constraint'])?.['contype']));
            const typeNames = arr(obj(def['typeName'])?.['names']).map((n) => str(obj(obj(n)?.['String'])?.['sval']) ?? '');
            const serial = typeNames.some((n) => /^(small|big)?serial[248]?$/.test(n));
            return [
              {
                kind: 'add-column',
                ...target,
                column: str(def['colname']) ?? '',
                notNull: constraints.includes('CONSTR_NOTNULL') || constraints.includes('CONSTR_PRIMARY'),
                hasDefault: serial || constraints.some((c) => c === 'CONSTR_DEFAULT' || c === 'CONSTR_IDENTITY' || c === 'CONSTR_GENERATED'),
              },
            ];
          }
          default:
            return [];
        }
      });
    }
    case 'RenameStmt': {
      const target = relation(node);
      const newName = str(node['newname']) ?? '';
      if (node['renameType'] === 'OBJECT_COLUMN' && node['relationType'] === 'OBJECT_TABLE') {
        return [{ kind: 'rename-column', ...target, column: str(node['subname']) ?? '', newName }];
      }
      if (node['renameType'] === 'OBJECT_TABLE') return [{ kind: 'rename-table', ...target, newName }];
      return [];
    }
    case 'DropStmt': {
      if (node['removeType'] !== 'OBJECT_TABLE') return [];
      return arr(node['objects']).map((o): SqlOp => {
        const names = arr(obj(obj(o)?.['List'])?.['items']).map((n) => str(obj(obj(n)?.['String'])?.['sval']) ?? '');
        const table = names[names.length - 1] ?? '';
        return { kind: 'drop-table', table, ...(names.length > 1 ? { schema: names[names.length - 2]! } : {}) };
      });
    }
    case 'UpdateStmt': {
      const writes: string[] = [];
      const reads = new Set<string>();
      for (const t of arr(node['targetList'])) {
        const target = obj(obj(t)?.['ResTarget']);
        const name = str(target?.['name']);
        if (name) writes.push(name);
        columnRefs(target?.['val'], reads);
      }
      return [{ kind: 'backfill', ...relation(node), writes, reads: [...reads] }];
    }
    case 'CreateStmt':
      return [{ kind: 'create-table', ...relation(node) }];
    default:
      return [];
  }
}

// ---- MySQL and SQLite (node-sql-parser AST) ----

function nspName(value: unknown): string {
  if (typeof value === 'string') return value;
  const node = obj(value);
  if (!node) return '';
  if (typeof node['column'] !== 'undefined') return nspName(node['column']);
  const expr = obj(node['expr']);
  if (expr) return nspName(expr['value'] ?? expr);
  return str(node['value']) ?? '';
}

function nspReads(value: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const item of value) nspReads(item, into);
  const node = obj(value);
  if (!node) return into;
  if (node['type'] === 'column_ref') {
    const name = nspName(node);
    if (name) into.add(name);
    return into;
  }
  for (const child of Object.values(node)) if (typeof child === 'object' && child !== null) nspReads(child, into);
  return into;
}

function nspTable(value: unknown): { table: string; schema?: string } {
  const node = obj(Array.isArray(value) ? value[0] : value) ?? {};
  const db = str(node['db']);
  return { table: str(node['table']) ?? '', ...(db ? { schema: db } : {}) };
}

function nspOps(node: Node): SqlOp[] {
  // Names keep the case written; analyseSql folds MySQL and SQLite names (case-insensitive there) to lower case.
  switch (node['type']) {
    case 'alter': {
      const target = nspTable(node['table']);
      return arr(node['expr']).flatMap((item): SqlOp[] => {
        const action = obj(item);
        if (!action) return [];
        const resource = action['resource'];
        const kind = action['action'];
        if (resource === 'table' && kind === 'rename') return [{ kind: 'rename-table', ...target, newName: nspName(action['table']) }];
        if (resource !== 'column') return [];
        const column = nspName(action['column']);
        if (kind === 'drop') return [{ kind: 'drop-column', ...target, column }];
        if (kind === 'rename') return [{ kind: 'rename-column', ...target, column: nspName(action['old_column']), newName: column }];
        if (kind === 'change') {
          const old = nspName(action['old_column']);
          return old.toLowerCase() === column.toLowerCase()
            ? [{ kind: 'change-column-type', ...target, column }]
            : [{ kind: 'rename-column', ...target, column: old, newName: column }];
        }
        if (kind === 'modify') return [{ kind: 'change-column-type', ...target, column }];
        if (kind === 'add') {
          const nullable = obj(action['nullable']);
          const definition = obj(action['definition']) ?? {};
          const suffix = JSON.stringify(definition['suffix'] ?? '').toLowerCase();
          const autoIncrement = suffix.includes('auto_increment') || JSON.stringify(action).toLowerCase().includes('auto_increment');
          return [
            {
              kind: 'add-column',
              ...target,
              column,
              notNull: nullable?.['type'] === 'not null' || JSON.stringify(action['unique_or_primary'] ?? action['primary_key'] ?? '').includes('primary'),
              hasDefault: action['default_val'] !== undefined && action['default_val'] !== null ? true : autoIncrement || action['generated'] !== undefined,
            },
          ];
        }
        return [];
      });
    }
    case 'drop':
      return node['keyword'] === 'table' ? arr(node['name']).map((n): SqlOp => ({ kind: 'drop-table', ...nspTable(n) })) : [];
    case 'rename':
      return arr(node['table']).map((pair): SqlOp => ({ kind: 'rename-table', ...nspTable(arr(pair)[0]), newName: nspTable(arr(pair)[1]).table }));
    case 'update': {
      const writes: string[] = [];
      const reads = new Set<string>();
      for (const s of arr(node['set'])) {
        const set = obj(s);
        if (!set) continue;
        writes.push(nspName(set['column']));
        nspReads(set['value'], reads);
      }
      return [{ kind: 'backfill', ...nspTable(node['table']), writes, reads: [...reads] }];
    }
    case 'create': {
      if (node['keyword'] === 'table') return [{ kind: 'create-table', ...nspTable(node['table']) }];
      return [];
    }
    default:
      return [];
  }
}
