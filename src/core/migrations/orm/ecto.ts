// Ecto priv/repo/migrations/*.exs: `alter table(:users) do remove :email; modify :age, :bigint; add :c, :t,
// null: false; rename :a, to: :b; timestamps() end`, `rename table(:users), :name, to: :full_name`, `rename table(:a), to:
// table(:b)`, `drop table(:users)`, `drop_if_exists table(:users)`, `create table(…) do … end` and `execute "SQL"`
// (analysed like SQL). `def change` and `def up` count; `def down` (a block or `, do:`) is skipped.
import type { ColumnType, SqlDialect } from '../types';
import { lexCode, readArgs, type ArgValue, type CallArgs, type CodeToken } from './codeLexer';
import { emptyAnalysis, embeddedSql, nameOf, op, type OrmAnalysis } from './shared';

/** The table of `table(:users)` / `table("users")`, with the argument that names it. */
function tableOf(value: ArgValue | undefined): { name: string; at: ArgValue } | null {
  if (value?.kind !== 'call' || value.text !== 'table') return null;
  const first = value.call?.positional[0];
  const name = nameOf(first);
  return name && first ? { name, at: first } : null;
}

/** True when `do` opens a block (not the keyword `do:` of a one-line form). */
const opensBlock = (code: readonly CodeToken[], i: number): boolean => (code[i]!.value === 'do' && code[i + 1]?.value !== ':') || code[i]!.value === 'fn';

/** The first type in `from: :text` or `from: {:text, null: true}` (Ecto 3.7+ `modify … from:`). */
function fromType(code: readonly CodeToken[], value: ArgValue | undefined): string | null {
  if (!value) return null;
  if (value.kind === 'symbol') return value.text;
  const at = code.findIndex((t) => t.start === value.start);
  return at >= 0 && code[at]!.value === '{' && code[at + 1]?.kind === 'symbol' ? code[at + 1]!.value : null;
}

/**
 * The declared type of `add`/`modify`: `:text`, or `references(:users, type: :uuid)` (its on_delete is a
 * constraint, not part of the type), with `size:` as the length.
 */
function ectoType(value: ArgValue | undefined, keywords: CallArgs['keywords']): ColumnType | undefined {
  const size = Number(keywords.get('size')?.text);
  const length = Number.isInteger(size) ? { length: size } : {};
  if (value?.kind === 'symbol') return { name: value.text, ...length };
  if (value?.kind === 'call' && value.text === 'references') {
    const table = nameOf(value.call!.positional[0]);
    // Without `type:` a reference is :bigserial's bigint, as `type: :id` and `type: :bigserial` are.
    const given = nameOf(value.call!.keywords.get('type'));
    const type = given === null || given === 'id' || given === 'bigserial' ? 'bigint' : given;
    return table ? { name: `references:${table}:${type}`, ...length } : undefined;
  }
  return undefined;
}

export function analyseEcto(text: string, dialect: SqlDialect): OrmAnalysis {
  const out = emptyAnalysis();
  const tokens = lexCode(text, 'elixir');
  out.comments.push(...tokens.filter((t) => t.kind === 'comment'));
  const code = tokens.filter((t) => t.kind !== 'comment');
  const blocks: Array<{ table: string; depth: number }> = [];
  let depth = 0;
  let skipUntilDepth = -1; // inside `def down do … end`
  for (let i = 0; i < code.length; i++) {
    const t = code[i]!;
    if (t.kind === 'ident' && t.value === 'def' && code[i + 1]?.value === 'down' && skipUntilDepth < 0) {
      // `def down, do: …` ends at the end of its line; `def down do … end` at its `end`.
      let k = i + 2;
      while (k < code.length && !code[k]!.newlineBefore && code[k]!.value !== 'do') k++;
      if (code[k]?.value === 'do' && code[k + 1]?.value === ':') {
        while (k + 1 < code.length && !code[k + 1]!.newlineBefore) k++;
        i = k;
        continue;
      }
      skipUntilDepth = depth;
      continue;
    }
    if (t.kind === 'ident' && opensBlock(code, i)) {
      depth++;
      continue;
    }
    if (t.kind === 'ident' && t.value === 'end') {
      depth--;
      while (blocks.length > 0 && blocks[blocks.length - 1]!.depth > depth) blocks.pop();
      if (skipUntilDepth >= 0 && depth <= skipUntilDepth) skipUntilDepth = -1;
      continue;
    }
    // Statements start a line (or follow `;`): a name in an argument list is never one.
    if (skipUntilDepth >= 0 || t.kind !== 'ident' || !(t.newlineBefore || code[i - 1]?.value === ';' || code[i - 1]?.value === '(')) continue;
    if (code[i - 1]?.value === '.') continue;
    const args = readArgs(code, code[i + 1]?.value === '(' && code[i + 1]!.start === t.end ? i + 1 : i + 1);
    const call = { start: t.start, end: code[args.next - 1]?.end ?? t.end };
    const [a0, a1] = args.positional;
    const block = blocks[blocks.length - 1];
    if (block && block.depth === depth) {
      const column = nameOf(a0);
      switch (t.value) {
        case 'remove':
        case 'remove_if_exists':
          if (column) out.operations.push(op('drop-column', block.table, a0, call, { column }));
          break;
        case 'modify': {
          const from = args.keywords.get('from');
          const previous = from?.kind === 'call' ? ectoType(from, new Map()) : fromType(code, from);
          const type = ectoType(a1, args.keywords);
          if (column) {
            out.operations.push(
              op('change-column-type', block.table, a0, call, {
                column,
                ...(type ? { columnType: type } : {}),
                ...(previous ? { previousType: typeof previous === 'string' ? { name: previous } : previous } : {}),
              }),
            );
          }
          break;
        }
        case 'add':
        case 'add_if_not_exists':
          if (column) {
            const type = ectoType(a1, args.keywords);
            out.operations.push(op('add-column', block.table, a0, call, { column, notNull: args.keywords.get('null')?.text === 'false', hasDefault: args.keywords.has('default'), ...(type ? { columnType: type } : {}) }));
          }
          break;
        case 'rename': {
          const to = nameOf(args.keywords.get('to'));
          if (column && to) out.operations.push(op('rename-column', block.table, a0, call, { column, newName: to }));
          break;
        }
        case 'timestamps': {
          // timestamps() adds inserted_at and updated_at, NOT NULL unless `null: true`.
          const notNull = args.keywords.get('null')?.text !== 'true';
          const names = [nameOf(args.keywords.get('inserted_at')) ?? 'inserted_at', nameOf(args.keywords.get('updated_at')) ?? 'updated_at'];
          for (const name of names) out.operations.push(op('add-column', block.table, undefined, call, { column: name, notNull, hasDefault: args.keywords.has('default') }));
          break;
        }
        default:
          break;
      }
      continue;
    }
    const table = tableOf(a0);
    switch (t.value) {
      case 'alter':
      case 'create':
      case 'create_if_not_exists':
        if (!table) break;
        if (t.value !== 'alter') out.operations.push(op('create-table', table.name, table.at, call));
        // The block's `do` is the token after the arguments: its contents are one level deeper.
        if (code[args.next]?.value === 'do' && code[args.next + 1]?.value !== ':') blocks.push({ table: table.name.toLowerCase(), depth: depth + 1 });
        break;
      case 'drop':
      case 'drop_if_exists':
        if (table) out.operations.push(op('drop-table', table.name, table.at, call));
        break;
      case 'rename': {
        const to = args.keywords.get('to');
        if (!table || !to) break;
        const newTable = tableOf(to);
        if (newTable) out.operations.push(op('rename-table', table.name, table.at, call, { newName: newTable.name }));
        else if (nameOf(a1) && nameOf(to)) out.operations.push(op('rename-column', table.name, a1, call, { column: nameOf(a1)!, newName: nameOf(to)! }));
        break;
      }
      case 'execute':
        // execute "up SQL", "down SQL": only the first runs on the way up.
        embeddedSql(a0, dialect, out, text);
        break;
      default:
        break;
    }
  }
  return out;
}
