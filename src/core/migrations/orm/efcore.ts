// EF Core Migrations/*.cs: in Up(MigrationBuilder migrationBuilder), migrationBuilder.DropColumn(name:, table:),
// RenameColumn(name:, table:, newName:), AlterColumn<T>(name:, table:, …) (a type change unless the old and new
// types are given and equal), AddColumn<T>(…, nullable:, defaultValue(Sql):), DropTable, RenameTable, CreateTable
// and Sql("…") (analysed like SQL). Named and positional arguments both work. The Down method is skipped; the
// .Designer.cs and ModelSnapshot.cs files are never read (files.ts excludes them).
import type { SqlDialect } from '../types';
import { lexCode, readArgs, type ArgValue, type CallArgs, type CodeToken } from './codeLexer';
import { braceBodies, emptyAnalysis, embeddedSql, nameOf, op, type OrmAnalysis } from './shared';

/** The parameter order of each MigrationBuilder method this reader uses (positional arguments). */
const PARAMETERS: Readonly<Record<string, readonly string[]>> = {
  DropColumn: ['name', 'table', 'schema'],
  RenameColumn: ['name', 'table', 'newName', 'schema'],
  AlterColumn: ['name', 'table', 'type'],
  AddColumn: ['name', 'table', 'type'],
  DropTable: ['name', 'schema'],
  RenameTable: ['name', 'schema', 'newName', 'newSchema'],
  CreateTable: ['name'],
  Sql: ['sql'],
};

/** An argument by its name, or by its position when it is not named. */
function argument(args: CallArgs, method: string, name: string): ArgValue | undefined {
  const named = args.keywords.get(name);
  if (named) return named;
  const index = PARAMETERS[method]?.indexOf(name) ?? -1;
  return index >= 0 ? args.positional[index] : undefined;
}

/** Index after a generic argument list `<…>` starting at `at` (nested `<…>` allowed), or `at` when none. */
function skipGeneric(code: readonly CodeToken[], at: number): { next: number; type: string } {
  if (code[at]?.value !== '<') return { next: at, type: '' };
  let depth = 0;
  for (let k = at; k < code.length && k < at + 40; k++) {
    if (code[k]!.value === '<') depth++;
    else if (code[k]!.value === '>' && --depth === 0) return { next: k + 1, type: code.slice(at + 1, k).map((t) => t.value).join('') };
  }
  return { next: at, type: '' };
}

/** `typeof(string)` → "string". */
const typeofName = (value: ArgValue | undefined): string | undefined => (value?.kind === 'call' && value.text === 'typeof' ? value.call?.positional[0]?.text : undefined);

export function analyseEfCore(text: string, dialect: SqlDialect): OrmAnalysis {
  const out = emptyAnalysis();
  const tokens = lexCode(text, 'csharp');
  out.comments.push(...tokens.filter((t) => t.kind === 'comment'));
  const code = tokens.filter((t) => t.kind !== 'comment');
  const down = braceBodies(code, (i) => code[i]!.value === 'Down' && code[i + 1]?.value === '(' && code[i - 1]?.value === 'void');
  const skipped = (i: number): boolean => down.some((r) => i >= r.from && i <= r.to);
  // The builder parameter's name: Up(MigrationBuilder migrationBuilder).
  const builders = new Set(['migrationBuilder']);
  code.forEach((t, i) => {
    if (t.value === 'MigrationBuilder' && code[i + 1]?.kind === 'ident') builders.add(code[i + 1]!.value);
  });
  for (let i = 0; i < code.length; i++) {
    if (skipped(i)) continue;
    const t = code[i]!;
    if (t.kind !== 'ident' || code[i - 1]?.value !== '.' || !builders.has(code[i - 2]?.value ?? '') || !PARAMETERS[t.value]) continue;
    const generic = skipGeneric(code, i + 1);
    if (code[generic.next]?.value !== '(') continue;
    const args = readArgs(code, generic.next);
    const call = { start: t.start, end: code[args.next - 1]?.end ?? t.end };
    const method = t.value;
    const name = argument(args, method, 'name');
    const table = nameOf(argument(args, method, 'table'));
    const column = nameOf(name);
    switch (method) {
      case 'DropColumn':
        if (table && column) out.operations.push(op('drop-column', table, name, call, { column }));
        break;
      case 'RenameColumn': {
        const newName = nameOf(argument(args, method, 'newName'));
        if (table && column && newName) out.operations.push(op('rename-column', table, name, call, { column, newName }));
        break;
      }
      case 'AlterColumn': {
        if (!table || !column) break;
        // Only nullability, a default or a comment changes when the old and the new type are the same.
        const type = nameOf(args.keywords.get('type'));
        const oldType = nameOf(args.keywords.get('oldType'));
        const oldClr = typeofName(args.keywords.get('oldClrType'));
        const sameStoreType = type !== null && oldType !== null && type.toLowerCase() === oldType.toLowerCase();
        const sameClrType = type === null && oldType === null && oldClr !== undefined && oldClr === generic.type;
        if (!sameStoreType && !sameClrType) out.operations.push(op('change-column-type', table, name, call, { column }));
        break;
      }
      case 'AddColumn':
        if (table && column) {
          const nullable = args.keywords.get('nullable')?.text === 'true';
          const hasDefault = ['defaultValue', 'defaultValueSql', 'computedColumnSql'].some((k) => args.keywords.has(k) && args.keywords.get(k)!.text !== 'null');
          out.operations.push(op('add-column', table, name, call, { column, notNull: !nullable, hasDefault }));
        }
        break;
      case 'DropTable':
        if (column) out.operations.push(op('drop-table', column, name, call));
        break;
      case 'RenameTable': {
        const newName = nameOf(argument(args, method, 'newName'));
        // The same name moves the table to another schema; SQLite has no schemas (EF Core ignores them there), and
        // the same schema too is no change at all.
        const sameName = column !== null && newName !== null && column.toLowerCase() === newName.toLowerCase();
        const sameSchema = nameOf(argument(args, method, 'schema')) === nameOf(argument(args, method, 'newSchema'));
        if (sameName && (dialect === 'sqlite' || sameSchema)) break;
        if (column && newName) out.operations.push(op('rename-table', column, name, call, { newName }));
        break;
      }
      case 'CreateTable':
        if (column) out.operations.push(op('create-table', column, name, call));
        break;
      case 'Sql':
        embeddedSql(argument(args, method, 'sql'), dialect, out, text);
        break;
      default:
        break;
    }
  }
  return out;
}
