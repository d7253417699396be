// Knex, TypeORM and Sequelize migrations (JavaScript/TypeScript). Knex: schema.alterTable/table('t', (t) => {
// t.dropColumn('c'); t.dropColumns('a', 'b'); t.renameColumn('a', 'b'); t.string('c').notNullable() }),
// dropTable, renameTable, knex.raw(SQL). TypeORM: queryRunner.dropColumn/dropColumns/renameColumn/changeColumn/
// addColumn/dropTable/renameTable/query(SQL). Sequelize: queryInterface.removeColumn/renameColumn/changeColumn/
// addColumn/dropTable/renameTable, sequelize.query(SQL). The `down` migration is skipped.
import type { SqlDialect } from '../types';
import { lexCode, readArgs, type ArgValue, type CodeToken } from './codeLexer';
import { emptyAnalysis, embeddedSql, nameOf, op, type OrmAnalysis } from './shared';

const KNEX_COLUMN_TYPES = new Set(['string', 'text', 'integer', 'bigInteger', 'bigint', 'boolean', 'date', 'datetime', 'timestamp', 'float', 'decimal', 'double', 'json', 'jsonb', 'uuid', 'enum', 'enu', 'binary', 'time', 'tinyint', 'smallint', 'mediumint', 'specificType']);

/** The index range of the `down` function's body, to skip. */
function downRange(code: readonly CodeToken[]): { from: number; to: number } | null {
  for (let i = 0; i < code.length; i++) {
    const t = code[i]!;
    if (t.kind !== 'ident' || t.value !== 'down') continue;
    const next = code[i + 1]?.value;
    if (next !== '(' && next !== ':' && next !== '=') continue;
    // the body: the first `{` after it, to its matching `}`
    let k = i + 1;
    while (k < code.length && code[k]!.value !== '{') k++;
    let depth = 0;
    for (let j = k; j < code.length; j++) {
      if (code[j]!.value === '{') depth++;
      else if (code[j]!.value === '}' && --depth === 0) return { from: i, to: j };
    }
    return { from: i, to: code.length };
  }
  return null;
}

export function analyseJs(text: string, dialect: SqlDialect): OrmAnalysis {
  const out = emptyAnalysis();
  const tokens = lexCode(text, 'js');
  out.comments.push(...tokens.filter((t) => t.kind === 'comment'));
  const code = tokens.filter((t) => t.kind !== 'comment');
  const down = downRange(code);
  // Knex callbacks: alterTable('t', (table) => …): the parameter name → table, until the call's closing paren.
  const scopes: Array<{ variable: string; table: string; until: number }> = [];
  for (let i = 0; i < code.length; i++) {
    if (down && i >= down.from && i <= down.to) continue;
    const t = code[i]!;
    while (scopes.length > 0 && t.start > scopes[scopes.length - 1]!.until) scopes.pop();
    if (t.kind !== 'ident' || code[i + 1]?.value !== '(' || code[i - 1]?.value !== '.') continue;
    const receiver = code[i - 2]?.kind === 'ident' ? code[i - 2]!.value : '';
    const args = readArgs(code, i + 1);
    const call = { start: t.start, end: code[args.next - 1]?.end ?? t.end };
    const scope = scopes.find((s) => s.variable === receiver);
    const [a0, a1, a2] = args.positional;
    if (scope) {
      const table = scope.table;
      if (t.value === 'dropColumn' || t.value === 'dropColumns') {
        for (const a of args.positional) { const c = nameOf(a); if (c) out.operations.push(op('drop-column', table, a, call, { column: c })); }
      } else if (t.value === 'dropTimestamps') {
        for (const c of ['created_at', 'updated_at']) out.operations.push(op('drop-column', table, undefined, call, { column: c }));
      } else if (t.value === 'renameColumn' && nameOf(a0) && nameOf(a1)) {
        out.operations.push(op('rename-column', table, a0, call, { column: nameOf(a0)!, newName: nameOf(a1)! }));
      } else if (KNEX_COLUMN_TYPES.has(t.value) && nameOf(a0)) {
        // t.string('c').notNullable().defaultTo(…).alter()
        const chain = chainAfter(code, args.next);
        if (chain.includes('alter')) out.operations.push(op('change-column-type', table, a0, call, { column: nameOf(a0)! }));
        else out.operations.push(op('add-column', table, a0, call, { column: nameOf(a0)!, notNull: chain.includes('notNullable'), hasDefault: chain.includes('defaultTo') }));
      }
      continue;
    }
    switch (t.value) {
      case 'alterTable':
      case 'table': {
        if (receiver !== 'schema' && !/schema/i.test(code[i - 2]?.value ?? '')) break;
        const table = nameOf(a0);
        const fn = a1;
        const param = fn ? paramName(code, fn) : null;
        if (table && param) scopes.push({ variable: param, table: table.toLowerCase(), until: code[args.next - 1]?.end ?? text.length });
        break;
      }
      case 'createTable':
        if (nameOf(a0)) out.operations.push(op('create-table', nameOf(a0)!, a0, call));
        break;
      case 'dropTable':
      case 'dropTableIfExists': {
        const name = nameOf(a0) ?? (a0?.kind === 'call' ? null : null);
        if (name) out.operations.push(op('drop-table', name, a0, call));
        break;
      }
      case 'renameTable':
        if (nameOf(a0) && nameOf(a1)) out.operations.push(op('rename-table', nameOf(a0)!, a0, call, { newName: nameOf(a1)! }));
        break;
      case 'dropColumn':
      case 'removeColumn':
        if (nameOf(a0) && nameOf(a1)) out.operations.push(op('drop-column', nameOf(a0)!, a1, call, { column: nameOf(a1)! }));
        break;
      case 'dropColumns':
        if (nameOf(a0) && a1?.kind === 'list') for (const item of a1.items ?? []) { const c = nameOf(item); if (c) out.operations.push(op('drop-column', nameOf(a0)!, item, call, { column: c })); }
        break;
      case 'renameColumn':
        if (nameOf(a0) && nameOf(a1) && nameOf(a2)) out.operations.push(op('rename-column', nameOf(a0)!, a1, call, { column: nameOf(a1)!, newName: nameOf(a2)! }));
        break;
      case 'changeColumn':
        if (nameOf(a0) && nameOf(a1)) out.operations.push(op('change-column-type', nameOf(a0)!, a1, call, { column: nameOf(a1)! }));
        break;
      case 'addColumn': {
        // Sequelize addColumn('T', 'c', { allowNull: false, defaultValue }), TypeORM addColumn('t', new TableColumn({…}))
        const table = nameOf(a0);
        if (!table) break;
        if (nameOf(a1)) {
          const body = objectText(text, a2);
          out.operations.push(op('add-column', table, a1, call, { column: nameOf(a1)!, notNull: /allowNull\s*:\s*false/.test(body), hasDefault: /defaultValue\s*:/.test(body) }));
        } else if (a1) {
          const body = objectText(text, a1);
          const name = /name\s*:\s*['"`]([^'"`]+)['"`]/.exec(body);
          if (name) out.operations.push(op('add-column', table, a1, call, { column: name[1]!, notNull: !/isNullable\s*:\s*true/.test(body), hasDefault: /default\s*:/.test(body) || /isGenerated\s*:\s*true/.test(body) }));
        }
        break;
      }
      case 'raw':
      case 'query':
        if (a0 && (a0.kind === 'string' || a0.kind === 'other')) embeddedSql(a0.kind === 'string' ? a0 : undefined, dialect, out, text);
        break;
      default:
        break;
    }
  }
  return out;
}

function chainAfter(code: readonly CodeToken[], at: number): string[] {
  const names: string[] = [];
  let i = at;
  while (code[i]?.value === '.' && code[i + 1]?.kind === 'ident') {
    names.push(code[i + 1]!.value);
    i += 2;
    if (code[i]?.value === '(') i = readArgs(code, i).next;
  }
  return names;
}

/** The first parameter name of a callback argument: `(t) => …`, `t => …`, `function (t) {…}`. */
function paramName(code: readonly CodeToken[], fn: ArgValue): string | null {
  const at = code.findIndex((t) => t.start === fn.start);
  if (at < 0) return null;
  for (let k = at; k < Math.min(code.length, at + 8); k++) {
    const t = code[k]!;
    if (t.kind === 'ident' && t.value !== 'function' && t.value !== 'async') return t.value;
  }
  return null;
}

/** The text of an object-literal argument, up to its closing brace (for option flags). */
function objectText(text: string, value: ArgValue | undefined): string {
  if (!value) return '';
  let depth = 0;
  for (let i = value.start; i < text.length; i++) {
    if (text[i] === '{' || text[i] === '(') depth++;
    else if ((text[i] === '}' || text[i] === ')') && --depth <= 0) return text.slice(value.start, i + 1);
  }
  return text.slice(value.start, Math.min(text.length, value.start + 400));
}
