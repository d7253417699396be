// Rails db/migrate/*.rb: remove_column(s), rename_column, change_column, add_column, remove_reference,
// remove_timestamps, change_table blocks (t.remove, t.rename, t.change), drop_table, rename_table, execute SQL.
// `down` methods (also `def self.down`) are skipped; `change` and `up` are read. Models: `self.ignored_columns` (ignoredColumnsOf).
import type { ColumnType, SqlDialect } from '../types';
import { lexCode, readArgs, type ArgValue, type CodeToken } from './codeLexer';
import { emptyAnalysis, embeddedSql, nameOf, op, type OrmAnalysis } from './shared';

const notNullOf = (keywords: ReadonlyMap<string, { text: string }>): boolean => keywords.get('null')?.text === 'false';

/** The schema methods read at the top level of a migration and inside a `change_table` block. */
const MIGRATION_METHODS = new Set(['remove_column', 'remove_columns', 'remove_timestamps', 'remove_reference', 'remove_belongs_to', 'rename_column', 'change_column', 'add_column', 'drop_table', 'rename_table', 'create_table', 'change_table', 'execute']);
const BLOCK_METHODS = new Set(['remove', 'rename', 'change', 'remove_timestamps', 'remove_references', 'remove_belongs_to']);

export function analyseRails(text: string, dialect: SqlDialect): OrmAnalysis {
  const out = emptyAnalysis();
  const tokens = lexCode(text, 'ruby');
  out.comments.push(...tokens.filter((t) => t.kind === 'comment'));
  const code = tokens.filter((t) => t.kind !== 'comment');
  const blockTables: Array<{ variable: string; table: string; depth: number }> = [];
  let depth = 0; // do/end and { } nesting, to know when a change_table block ends
  let skipUntilDepth = -1; // inside `def down`
  for (let i = 0; i < code.length; i++) {
    const t = code[i]!;
    if (t.kind === 'ident' && (t.value === 'do' || t.value === 'def' || t.value === 'class' || t.value === 'module' || t.value === 'begin' || ((t.value === 'if' || t.value === 'unless' || t.value === 'while' || t.value === 'case') && t.newlineBefore))) {
      // `def down` and the class-method form of older Rails, `def self.down`.
      const method = code[i + 1]?.value === 'self' && code[i + 2]?.value === '.' ? code[i + 3]?.value : code[i + 1]?.value;
      if (t.value === 'def' && method === 'down' && skipUntilDepth < 0) skipUntilDepth = depth;
      depth++;
      continue;
    }
    if (t.kind === 'ident' && t.value === 'end') {
      depth--;
      while (blockTables.length > 0 && blockTables[blockTables.length - 1]!.depth >= depth) blockTables.pop();
      if (skipUntilDepth >= 0 && depth <= skipUntilDepth) skipUntilDepth = -1;
      continue;
    }
    if (skipUntilDepth >= 0 || t.kind !== 'ident') continue;
    const previous = code[i - 1];
    const receiver = previous?.value === '.' ? code[i - 2]?.value : undefined;
    if (previous?.value === '.' && !blockTables.some((b) => b.variable === receiver)) continue;
    const argsAt = code[i + 1]?.value === '(' && code[i + 1]!.start === t.end ? i + 1 : i + 1;
    if (!code[argsAt] || (code[argsAt]!.newlineBefore && code[argsAt]!.value !== '(')) continue;
    const block = receiver !== undefined ? blockTables.find((b) => b.variable === receiver) : undefined;
    // Arguments run to the end of the line: reading them for every identifier was quadratic on long lines.
    if (!(block ? BLOCK_METHODS : MIGRATION_METHODS).has(t.value)) continue;
    const args = readArgs(code, argsAt);
    const call = { start: t.start, end: code[args.next - 1]?.end ?? t.end };
    const [a0, a1, a2] = args.positional;
    if (block) {
      const table = block.table;
      if (t.value === 'remove') for (const a of args.positional) { const c = nameOf(a); if (c) out.operations.push(op('drop-column', table, a, call, { column: c })); }
      else if (t.value === 'rename' && nameOf(a0) && nameOf(a1)) out.operations.push(op('rename-column', table, a0, call, { column: nameOf(a0)!, newName: nameOf(a1)! }));
      else if (t.value === 'change' && nameOf(a0)) out.operations.push(op('change-column-type', table, a0, call, { column: nameOf(a0)! }));
      else if (t.value === 'remove_timestamps' || t.value === 'remove_references' || t.value === 'remove_belongs_to') {
        for (const c of t.value === 'remove_timestamps' ? ['created_at', 'updated_at'] : args.positional.map((a) => `${nameOf(a)}_id`)) out.operations.push(op('drop-column', table, a0, call, { column: c }));
      }
      continue;
    }
    const table = nameOf(a0);
    switch (t.value) {
      case 'remove_column':
        if (table && nameOf(a1)) out.operations.push(op('drop-column', table, a1, call, { column: nameOf(a1)! }));
        break;
      case 'remove_columns':
        if (table) for (const a of args.positional.slice(1)) { const c = nameOf(a); if (c) out.operations.push(op('drop-column', table, a, call, { column: c })); }
        break;
      case 'remove_timestamps':
        if (table) for (const c of ['created_at', 'updated_at']) out.operations.push(op('drop-column', table, a0, call, { column: c }));
        break;
      case 'remove_reference':
      case 'remove_belongs_to':
        if (table && nameOf(a1)) {
          out.operations.push(op('drop-column', table, a1, call, { column: `${nameOf(a1)}_id` }));
          if (args.keywords.get('polymorphic')?.text === 'true') out.operations.push(op('drop-column', table, a1, call, { column: `${nameOf(a1)}_type` }));
        }
        break;
      case 'rename_column':
        if (table && nameOf(a1) && nameOf(a2)) out.operations.push(op('rename-column', table, a1, call, { column: nameOf(a1)!, newName: nameOf(a2)! }));
        break;
      case 'change_column': {
        // change_column restates the type: the lint compares it with the column's earlier one.
        const type = railsType(a2, args.keywords);
        if (table && nameOf(a1)) out.operations.push(op('change-column-type', table, a1, call, { column: nameOf(a1)!, ...(type ? { columnType: type } : {}) }));
        break;
      }
      case 'add_column': {
        const type = railsType(a2, args.keywords);
        if (table && nameOf(a1)) out.operations.push(op('add-column', table, a1, call, { column: nameOf(a1)!, notNull: notNullOf(args.keywords), hasDefault: args.keywords.has('default'), ...(type ? { columnType: type } : {}) }));
        break;
      }
      case 'drop_table':
        if (table) out.operations.push(op('drop-table', table, a0, call));
        break;
      case 'rename_table':
        if (table && nameOf(a1)) out.operations.push(op('rename-table', table, a0, call, { newName: nameOf(a1)! }));
        break;
      case 'create_table':
        if (table) out.operations.push(op('create-table', table, a0, call, { columns: createTableColumns(code, args.next) }));
        break;
      case 'change_table': {
        // change_table :users do |t| … end
        let bar = args.next;
        while (bar < code.length && code[bar]!.value !== '|') bar++;
        if (bar === code.length) bar = -1;
        if (table && bar >= 0 && code[bar + 1]?.kind === 'ident') blockTables.push({ variable: code[bar + 1]!.value, table, depth: depth + 1 });
        break;
      }
      case 'execute':
        embeddedSql(a0, dialect, out, text);
        break;
      case 'update_column':
      case 'update_all':
        break;
      default:
        break;
    }
  }
  // Data migrations in Ruby (`User.update_all("full_name = name")`, `update_column`) are backfill evidence.
  for (let i = 0; i < code.length; i++) {
    const t = code[i]!;
    if (t.kind !== 'ident' || (t.value !== 'update_all' && t.value !== 'in_batches')) continue;
    const args = code[i + 1]?.value === '(' ? readArgs(code, i + 1) : undefined;
    const literal = args?.positional[0];
    const model = code[i - 2]?.kind === 'ident' ? code[i - 2]!.value : '';
    if (literal?.kind === 'string') {
      const m = /^\s*"?(\w+)"?\s*=\s*(.+)$/.exec(literal.text);
      if (m) out.operations.push(op('backfill', tableOfModel(model), literal, { start: t.start, end: literal.end }, { writes: [m[1]!.toLowerCase()], reads: (m[2]!.match(/[A-Za-z_]\w*/g) ?? []).map((s) => s.toLowerCase()) }));
    }
  }
  return out;
}

/** `:string, limit: 32` → string, 32 (the type symbol of add_column, change_column and `t.<type>`). */
function railsType(type: ArgValue | undefined, keywords: ReadonlyMap<string, ArgValue>): ColumnType | undefined {
  const name = type?.kind === 'symbol' || type?.kind === 'string' ? type.text : null;
  if (!name) return undefined;
  const limit = Number(keywords.get('limit')?.text);
  return { name, ...(Number.isInteger(limit) ? { length: limit } : {}) };
}

/** `create_table :t do |t| t.string :name, limit: 5 … end`: the columns and types, from `do |t|` to its `end`. */
function createTableColumns(code: readonly CodeToken[], at: number): Array<{ name: string; type: ColumnType }> {
  const columns: Array<{ name: string; type: ColumnType }> = [];
  if (code[at]?.value !== 'do' || code[at + 1]?.value !== '|' || code[at + 2]?.kind !== 'ident') return columns;
  const variable = code[at + 2]!.value;
  let depth = 1;
  for (let i = at + 3; i < code.length && depth > 0; i++) {
    const t = code[i]!;
    if (t.kind === 'ident' && (t.value === 'do' || ((t.value === 'if' || t.value === 'unless') && t.newlineBefore))) depth++;
    else if (t.kind === 'ident' && t.value === 'end') depth--;
    else if (t.kind === 'ident' && t.value === variable && code[i + 1]?.value === '.' && code[i + 2]?.kind === 'ident' && t.newlineBefore) {
      const args = readArgs(code, i + 3);
      const column = nameOf(args.positional[0]);
      // `t.column "address", :inet` (older Rails) names the type as the second argument.
      const method = code[i + 2]!.value;
      const type = railsType(method === 'column' ? args.positional[1] : { kind: 'symbol', text: method, start: 0, end: 0 }, args.keywords);
      if (column && type) columns.push({ name: column.toLowerCase(), type });
    }
  }
  return columns;
}

/** Rails' default table of a model class name: User → users, OrderItem → order_items. */
export function tableOfModel(model: string): string {
  const snake = model.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  if (snake.endsWith('y') && !/[aeiou]y$/.test(snake)) return `${snake.slice(0, -1)}ies`;
  if (/(s|x|ch|sh)$/.test(snake)) return `${snake}es`;
  return `${snake}s`;
}

/** The table of the model a Ruby file defines: `self.table_name = "x"`, else the class name's default; null when none. */
export function tableOfModelFile(text: string): string | null {
  const explicit = /self\.table_name\s*=\s*["':]([\w.]+)["']?/.exec(text)?.[1];
  if (explicit) return explicit.split('.').pop()!.toLowerCase();
  const model = /^\s*class\s+(?:\w+::)*(\w+)\s*</m.exec(text)?.[1];
  return model ? tableOfModel(model) : null;
}

/** `self.ignored_columns = [...]` / `+= [...]` / `ignore_column :x` in Ruby model code: the column names. */
export function ignoredColumnsOf(text: string): Array<{ column: string; start: number; end: number }> {
  const code = lexCode(text, 'ruby').filter((t: CodeToken) => t.kind !== 'comment');
  const found: Array<{ column: string; start: number; end: number }> = [];
  for (let i = 0; i < code.length; i++) {
    const t = code[i]!;
    if (t.kind === 'ident' && t.value === 'ignored_columns' && (code[i + 1]?.value === '=' || code[i + 1]?.value === '+=')) {
      const args = readArgs(code, i + 2);
      for (const v of args.positional) for (const item of v.kind === 'list' ? (v.items ?? []) : [v]) {
        const c = nameOf(item);
        if (c) found.push({ column: c.toLowerCase(), start: item.start, end: item.end });
      }
    }
    if (t.kind === 'ident' && (t.value === 'ignore_column' || t.value === 'ignore_columns')) {
      for (const v of readArgs(code, i + 1).positional) {
        const c = nameOf(v);
        if (c) found.push({ column: c.toLowerCase(), start: v.start, end: v.end });
      }
    }
  }
  return found;
}
