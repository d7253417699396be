// Django <app>/migrations/*.py and Alembic versions/*.py. Django: RemoveField, RenameField, AlterField, AddField,
// DeleteModel, RenameModel, RunSQL, RunPython (data migrations: `.update(new=F('old'))` is backfill evidence),
// SeparateDatabaseAndState (operations in state_operations change the ORM state only: a state-only RemoveField
// is the "stop using the column" step). Alembic: op.drop_column / batch_op.drop_column, op.alter_column
// (new_column_name, type_), op.add_column, op.drop_table, op.rename_table, op.execute; downgrade() is skipped.
import type { ColumnType, MigrationOperation, SqlDialect } from '../types';
import { lexCode, readArgs, type ArgValue, type CodeToken } from './codeLexer';
import { emptyAnalysis, embeddedSql, nameOf, op, type OrmAnalysis } from './shared';

const kw = (args: { keywords: ReadonlyMap<string, ArgValue>; positional: readonly ArgValue[] }, name: string, index: number): ArgValue | undefined =>
  args.keywords.get(name) ?? args.positional[index];

/** `<app>` of `<app>/migrations/0005_x.py`. */
export function djangoAppOf(path: string): string {
  const parts = path.split('/');
  const at = parts.lastIndexOf('migrations');
  return at > 0 ? parts[at - 1]! : '';
}

export function analyseDjango(text: string, dialect: SqlDialect, path: string): OrmAnalysis {
  const out = emptyAnalysis();
  const tokens = lexCode(text, 'python');
  out.comments.push(...tokens.filter((t) => t.kind === 'comment'));
  const code = tokens.filter((t) => t.kind !== 'comment');
  const app = djangoAppOf(path);
  const tableOf = (model: string): string => (app ? `${app}_${model}` : model).toLowerCase();
  const stateOnly: Array<{ start: number; end: number }> = stateListsByName(code);
  for (let i = 0; i < code.length; i++) {
    const t = code[i]!;
    if (t.kind !== 'ident' || code[i + 1]?.value !== '(') continue;
    if (code[i - 1]?.value === '.' && code[i - 2]?.value !== 'migrations') {
      if (t.value === 'update') backfillFromUpdate(code, i, out);
      continue;
    }
    const args = readArgs(code, i + 1);
    const call = { start: t.start, end: code[args.next - 1]?.end ?? t.end };
    const inState = stateOnly.some((r) => call.start >= r.start && call.end <= r.end);
    const model = nameOf(kw(args, 'model_name', 0));
    // In state_operations only a RemoveField means something for the database: the ORM stopped using the column.
    const push = (operation: MigrationOperation): void => {
      out.operations.push(inState ? { ...operation, stateOnly: true, kind: operation.kind === 'drop-column' ? 'ignore-column' : 'other' } : operation);
    };
    switch (t.value) {
      case 'SeparateDatabaseAndState': {
        const state = args.keywords.get('state_operations') ?? args.positional[1];
        if (state) stateOnly.push({ start: state.start, end: state.end });
        break;
      }
      case 'RemoveField': {
        const name = kw(args, 'name', 1);
        if (model && nameOf(name)) push(op('drop-column', tableOf(model), name, call, { column: nameOf(name)! }));
        break;
      }
      case 'RenameField': {
        const old = kw(args, 'old_name', 1);
        const next = nameOf(kw(args, 'new_name', 2));
        if (model && nameOf(old) && next) push(op('rename-column', tableOf(model), old, call, { column: nameOf(old)!, newName: next }));
        break;
      }
      case 'AlterField': {
        const name = kw(args, 'name', 1);
        const field = kw(args, 'field', 2);
        // A many-to-many field is a join table, not a column: altering it changes no column type.
        if (field?.kind === 'call' && /ManyToMany/.test(field.text)) break;
        const type = fieldType(field);
        if (model && nameOf(name)) push(op('change-column-type', tableOf(model), name, call, { column: nameOf(name)!, ...(type ? { columnType: type } : {}) }));
        break;
      }
      case 'AddField': {
        const name = kw(args, 'name', 1);
        const field = kw(args, 'field', 2);
        if (!model || !nameOf(name) || field?.kind !== 'call' || /ManyToMany/.test(field.text)) break;
        const f = field.call!;
        const type = fieldType(field);
        push(op('add-column', tableOf(model), name, call, { column: nameOf(name)!, notNull: f.keywords.get('null')?.text !== 'True', hasDefault: f.keywords.has('default') || f.keywords.has('db_default'), ...(type ? { columnType: type } : {}) }));
        break;
      }
      case 'DeleteModel': {
        const name = kw(args, 'name', 0);
        if (nameOf(name)) push(op('drop-table', tableOf(nameOf(name)!), name, call));
        break;
      }
      case 'RenameModel': {
        const old = kw(args, 'old_name', 0);
        const next = nameOf(kw(args, 'new_name', 1));
        if (nameOf(old) && next) push(op('rename-table', tableOf(nameOf(old)!), old, call, { newName: tableOf(next) }));
        break;
      }
      case 'CreateModel': {
        const name = kw(args, 'name', 0);
        if (nameOf(name)) push(op('create-table', tableOf(nameOf(name)!), name, call, { columns: modelFields(code, kw(args, 'fields', 1)) }));
        break;
      }
      case 'RunSQL':
        if (!inState) embeddedSql(kw(args, 'sql', 0), dialect, out, text);
        break;
      default:
        break;
    }
  }
  return out;
}

/**
 * `state_operations = [...]` at class level, passed as `SeparateDatabaseAndState(state_operations=state_operations)`:
 * the ranges of those lists (the inline form is found where the call is read).
 */
function stateListsByName(code: readonly CodeToken[]): Array<{ start: number; end: number }> {
  const names = new Set<string>();
  for (let i = 0; i < code.length; i++) {
    if (code[i]!.value !== 'SeparateDatabaseAndState' || code[i + 1]?.value !== '(') continue;
    const args = readArgs(code, i + 1);
    const state = args.keywords.get('state_operations') ?? args.positional[1];
    if (state?.kind === 'ident') names.add(state.text);
  }
  const ranges: Array<{ start: number; end: number }> = [];
  if (names.size === 0) return ranges;
  for (let i = 0; i < code.length; i++) {
    const t = code[i]!;
    if (t.kind !== 'ident' || !names.has(t.value) || code[i + 1]?.value !== '=' || code[i - 1]?.value === '.') continue;
    if (code[i + 2]?.value !== '[') continue;
    const at = code[i + 2]!;
    let depth = 0;
    let end = at.end;
    for (let k = i + 2; k < code.length; k++) {
      if (code[k]!.value === '[' || code[k]!.value === '(' || code[k]!.value === '{') depth++;
      else if (code[k]!.value === ']' || code[k]!.value === ')' || code[k]!.value === '}') {
        if (--depth === 0) {
          end = code[k]!.end;
          break;
        }
      }
    }
    ranges.push({ start: at.start, end });
  }
  return ranges;
}

/** `models.CharField(max_length=100, …)` → CharField, 100 (the class decides the column type, max_length its length). */
function fieldType(field: ArgValue | undefined): ColumnType | undefined {
  if (field?.kind !== 'call') return undefined;
  // django_countries' CountryField is a CharField of the ISO code: the same column.
  const declared = field.text.split('.').pop()!;
  // A project's own subclass of django-phonenumber-field's PhoneNumberField (saleor's PossiblePhoneNumberField)
  // changes validation only: the same varchar. PhoneNumberField itself stays apart from CharField, since switching
  // to it rewrites every number (saleor 0013).
  const name = declared === 'CountryField' ? 'CharField' : /.PhoneNumberField$/.test(declared) ? 'PhoneNumberField' : declared;
  const length = Number(field.call!.keywords.get('max_length')?.text);
  return { name, ...(Number.isInteger(length) ? { length } : {}) };
}

/** CreateModel `fields=[("name", models.CharField(…)), …]`: each field's name and type. */
function modelFields(code: readonly CodeToken[], fields: ArgValue | undefined): Array<{ name: string; type: ColumnType }> {
  const out: Array<{ name: string; type: ColumnType }> = [];
  if (fields?.kind !== 'list') return out;
  let k = code.findIndex((t) => t.start === fields.start);
  for (; k >= 0 && k < code.length && code[k]!.start < fields.end; k++) {
    if (code[k]!.value !== '(' || code[k + 1]?.kind !== 'string' || code[k + 2]?.value !== ',' || code[k + 3]?.kind !== 'ident') continue;
    let at = k + 3;
    let name = code[at]!.value;
    while (code[at + 1]?.value === '.' && code[at + 2]?.kind === 'ident') {
      name += `.${code[at + 2]!.value}`;
      at += 2;
    }
    if (code[at + 1]?.value !== '(') continue;
    const type = fieldType({ kind: 'call', text: name, start: code[k + 3]!.start, end: code[at]!.end, call: readArgs(code, at + 1) });
    if (type) out.push({ name: code[k + 1]!.value.toLowerCase(), type });
  }
  return out;
}

/** `Model.objects.update(new=F('old'))` or `.update(new=Concat(F('a'), …))` in a data migration. */
function backfillFromUpdate(code: readonly CodeToken[], at: number, out: OrmAnalysis): void {
  const args = readArgs(code, at + 1);
  const call = { start: code[at]!.start, end: code[args.next - 1]?.end ?? code[at]!.end };
  const reads: string[] = [];
  const collect = (value: ArgValue | undefined): void => {
    if (!value) return;
    if (value.kind === 'call') {
      if (/(^|\.)F$/.test(value.text)) {
        const n = nameOf(value.call!.positional[0]);
        if (n) reads.push(n.toLowerCase());
      }
      for (const v of value.call!.positional) collect(v);
      for (const v of value.call!.keywords.values()) collect(v);
    }
  };
  const writes = [...args.keywords.keys()].map((k) => k.toLowerCase());
  for (const v of args.keywords.values()) collect(v);
  if (writes.length > 0) out.operations.push(op('backfill', '*', undefined, call, { writes, reads }));
}

export function analyseAlembic(text: string, dialect: SqlDialect): OrmAnalysis {
  const out = emptyAnalysis();
  const tokens = lexCode(text, 'python');
  out.comments.push(...tokens.filter((t) => t.kind === 'comment'));
  const code = tokens.filter((t) => t.kind !== 'comment');
  const batchTables = new Map<string, string>();
  // Data copies done outside `op`: `conn.execute(update_query)` with the SQL in a variable, and SQLAlchemy core
  // `t.update().values(new=row.old)` on `t = table("name", …)` (redash's encrypted_options): backfill evidence.
  // A name may be reassigned (downgrade() often reuses `update_query`): each use takes the last assignment before it.
  const sqlStrings = new Map<string, ArgValue[]>();
  const coreTables = new Map<string, string>();
  for (let i = 0; i + 2 < code.length; i++) {
    const t = code[i]!;
    if (t.kind !== 'ident' || code[i + 1]!.value !== '=' || code[i - 1]?.value === '.') continue;
    const value = code[i + 2]!;
    if (value.kind === 'string') sqlStrings.set(t.value, [...(sqlStrings.get(t.value) ?? []), { kind: 'string', text: value.value, start: value.start, end: value.end, token: value }]);
    let k = i + 2;
    if (code[k]?.value === 'sa' && code[k + 1]?.value === '.') k += 2;
    if (code[k]?.kind === 'ident' && /^[tT]able$/.test(code[k]!.value) && code[k + 1]?.value === '(' && code[k + 2]?.kind === 'string') coreTables.set(t.value, code[k + 2]!.value.toLowerCase());
  }
  let skipping = false;
  for (let i = 0; i < code.length; i++) {
    const t = code[i]!;
    const atLineStart = t.start === 0 || text[t.start - 1] === '\n';
    if (t.kind === 'ident' && t.value === 'def' && atLineStart) skipping = code[i + 1]?.value === 'downgrade';
    if (skipping || t.kind !== 'ident' || code[i + 1]?.value !== '(' || code[i - 1]?.value !== '.') continue;
    const receiver = code[i - 2]?.value ?? '';
    const args = readArgs(code, i + 1);
    const call = { start: code[i - 2]?.start ?? t.start, end: code[args.next - 1]?.end ?? t.end };
    if (receiver !== 'op' && t.value === 'execute') {
      // conn.execute("UPDATE …") / conn.execute(sa.text(query)) / conn.execute(query): only literal SQL is read.
      const arg = args.positional[0];
      const sql = arg?.kind === 'call' ? arg.call!.positional[0] : arg;
      const literal = sql?.kind === 'ident' ? (sqlStrings.get(sql.text) ?? []).filter((v) => v.end < t.start).pop() : sql?.kind === 'string' ? sql : undefined;
      if (literal) embeddedSql(literal, dialect, out, text);
      continue;
    }
    if (t.value === 'update' && coreTables.has(receiver)) {
      coreUpdate(code, args.next, coreTables.get(receiver)!, call.start, out);
      continue;
    }
    const batch = batchTables.get(receiver);
    if (receiver !== 'op' && batch === undefined) continue;
    // With a batch_op the table argument is implicit: shift the positional arguments by one.
    const positional = batch !== undefined ? [undefined, ...args.positional] : [...args.positional];
    const table = batch ?? nameOf(args.keywords.get('table_name') ?? positional[0]);
    const column = args.keywords.get('column_name') ?? positional[1];
    switch (t.value) {
      case 'batch_alter_table': {
        // with op.batch_alter_table("t") as batch_op:
        const as = code[args.next];
        if (as?.value === 'as' && code[args.next + 1]?.kind === 'ident' && table) batchTables.set(code[args.next + 1]!.value, table);
        break;
      }
      case 'drop_column':
        if (table && nameOf(column)) out.operations.push(op('drop-column', table, column, call, { column: nameOf(column)! }));
        break;
      case 'alter_column': {
        if (!table || !nameOf(column)) break;
        const newName = nameOf(args.keywords.get('new_column_name'));
        if (newName) out.operations.push(op('rename-column', table, column, call, { column: nameOf(column)!, newName }));
        if (args.keywords.has('type_')) out.operations.push(op('change-column-type', table, column, call, { column: nameOf(column)! }));
        break;
      }
      case 'add_column': {
        const col = positional[1];
        if (!table || col?.kind !== 'call') break;
        const c = col.call!;
        const name = c.positional[0];
        if (!nameOf(name)) break;
        out.operations.push(op('add-column', table, name, call, { column: nameOf(name)!, notNull: c.keywords.get('nullable')?.text === 'False' || c.keywords.get('primary_key')?.text === 'True', hasDefault: c.keywords.has('server_default') }));
        break;
      }
      case 'drop_table':
        if (table) out.operations.push(op('drop-table', table, positional[0], call));
        break;
      case 'rename_table': {
        const next = nameOf(positional[1]);
        if (table && next) out.operations.push(op('rename-table', table, positional[0], call, { newName: next }));
        break;
      }
      case 'create_table':
        if (table) out.operations.push(op('create-table', table, positional[0], call));
        break;
      case 'execute': {
        const arg = args.positional[0];
        embeddedSql(arg?.kind === 'call' ? arg.call!.positional[0] : arg, dialect, out, text);
        break;
      }
      default:
        break;
    }
  }
  return out;
}

/** `t.update().where(…).values(new=row.old)`: the `.values(…)` of the same chain, as a backfill of the table. */
function coreUpdate(code: readonly CodeToken[], from: number, table: string, start: number, out: OrmAnalysis): void {
  let depth = 0;
  for (let k = from; k < code.length && k < from + 400; k++) {
    const v = code[k]!.value;
    if (v === '(' || v === '[' || v === '{') depth++;
    else if (v === ')' || v === ']' || v === '}') {
      if (--depth < 0) return;
    } else if (depth === 0 && v === 'values' && code[k - 1]?.value === '.' && code[k + 1]?.value === '(') {
      const args = readArgs(code, k + 1);
      const writes = [...args.keywords.keys()].map((w) => w.toLowerCase());
      // `row.old`, `ds.options`: the attribute read from the selected row.
      const reads = [...args.keywords.values()].flatMap((value) => (value.kind === 'ident' ? [value.text.split('.').pop()!.toLowerCase()] : []));
      if (writes.length > 0) out.operations.push(op('backfill', table, undefined, { start, end: code[args.next - 1]?.end ?? code[k]!.end }, { writes, reads }));
      return;
    }
  }
}
