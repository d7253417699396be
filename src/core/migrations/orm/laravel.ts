// Laravel database/migrations/*.php: Schema::table('t', function (Blueprint $table) { $table->dropColumn('c');
// $table->dropColumn(['a', 'b']); $table->renameColumn('a', 'b'); $table->string('x')->change(); … }),
// Schema::create, Schema::drop / dropIfExists / rename / dropColumns (also on Schema::connection('x')->…),
// DB::statement / DB::unprepared SQL, and `DB::table('t')->…->update(['new' => DB::raw('old')])` as a backfill.
// Only up() counts: the body of down() is skipped. Laravel columns are NOT NULL unless ->nullable().
import type { SqlDialect } from '../types';
import { lexCode, readArgs, type ArgValue, type CodeToken } from './codeLexer';
import { braceBodies, chainedCalls, emptyAnalysis, embeddedSql, nameOf, op, type OrmAnalysis } from './shared';

/** Blueprint methods that add a column named by their first argument. */
const COLUMN_TYPES = new Set([
  'bigIncrements', 'bigInteger', 'binary', 'boolean', 'char', 'date', 'dateTime', 'dateTimeTz', 'decimal', 'double', 'enum', 'float',
  'foreignId', 'foreignUlid', 'foreignUuid', 'geometry', 'geography', 'increments', 'integer', 'ipAddress', 'json', 'jsonb', 'longText',
  'macAddress', 'mediumIncrements', 'mediumInteger', 'mediumText', 'set', 'smallIncrements', 'smallInteger', 'string', 'text', 'time',
  'timeTz', 'timestamp', 'timestampTz', 'tinyIncrements', 'tinyInteger', 'tinyText', 'unsignedBigInteger', 'unsignedDecimal',
  'unsignedInteger', 'unsignedMediumInteger', 'unsignedSmallInteger', 'unsignedTinyInteger', 'ulid', 'uuid', 'year',
]);

/** Blueprint drops that name no column: the columns Laravel removes. */
const FIXED_DROPS: Readonly<Record<string, readonly string[]>> = {
  dropTimestamps: ['created_at', 'updated_at'],
  dropTimestampsTz: ['created_at', 'updated_at'],
  dropSoftDeletes: ['deleted_at'],
  dropSoftDeletesTz: ['deleted_at'],
  dropRememberToken: ['remember_token'],
};

/** Column names of drop arguments: 'a', 'b' or ['a', 'b']. */
function namesIn(values: readonly ArgValue[]): Array<{ name: string; at: ArgValue }> {
  return values.flatMap((v) => (v.kind === 'list' ? (v.items ?? []) : [v])).flatMap((v) => (nameOf(v) ? [{ name: nameOf(v)!, at: v }] : []));
}

/** The closure's parameter: `function (Blueprint $table)` or `fn (Blueprint $table) =>`: the last `$` name. */
function closureParam(code: readonly CodeToken[], fn: ArgValue | undefined): string | null {
  if (!fn) return null;
  let at = code.findIndex((t) => t.start === fn.start);
  if (at < 0) return null;
  while (at < code.length && code[at]!.value !== '(') at++;
  let param: string | null = null;
  for (let k = at + 1; k < code.length && code[k]!.value !== ')'; k++) if (code[k]!.kind === 'ident' && code[k]!.value.startsWith('$')) param = code[k]!.value;
  return param;
}

/** True when the tokens before `at` (the `->`) are `Schema::connection(…)`: the facade on another connection. */
function onSchemaConnection(code: readonly CodeToken[], at: number): boolean {
  if (code[at - 1]?.value !== ')') return false;
  let depth = 0;
  for (let k = at - 1; k >= 0; k--) {
    if (code[k]!.value === ')') depth++;
    else if (code[k]!.value === '(' && --depth === 0) return code[k - 1]?.value === 'connection' && code[k - 2]?.value === '::' && code[k - 3]?.value === 'Schema';
  }
  return false;
}

export function analyseLaravel(text: string, dialect: SqlDialect): OrmAnalysis {
  const out = emptyAnalysis();
  const tokens = lexCode(text, 'php');
  out.comments.push(...tokens.filter((t) => t.kind === 'comment'));
  const code = tokens.filter((t) => t.kind !== 'comment');
  const down = braceBodies(code, (i) => code[i]!.value === 'down' && code[i - 1]?.value === 'function');
  const skipped = (i: number): boolean => down.some((r) => i >= r.from && i <= r.to);
  const scopes: Array<{ variable: string; table: string; until: number }> = [];
  const argsEnd = (i: number): number => readArgs(code, i).next;
  for (let i = 0; i < code.length; i++) {
    if (skipped(i)) continue;
    const t = code[i]!;
    while (scopes.length > 0 && t.start > scopes[scopes.length - 1]!.until) scopes.pop();
    if (t.kind !== 'ident' || code[i + 1]?.value !== '(') continue;
    const separator = code[i - 1]?.value;
    const receiver = code[i - 2]?.value ?? '';
    if (separator !== '->' && separator !== '::') continue;
    const args = readArgs(code, i + 1);
    const call = { start: t.start, end: code[args.next - 1]?.end ?? t.end };
    const [a0, a1] = args.positional;
    const scope = separator === '->' ? scopes.find((s) => s.variable === receiver) : undefined;
    if (scope) {
      const table = scope.table;
      if (t.value === 'dropColumn' || t.value === 'dropColumns') {
        for (const { name, at } of namesIn(args.positional)) out.operations.push(op('drop-column', table, at, call, { column: name }));
      } else if (t.value === 'dropConstrainedForeignId' && nameOf(a0)) {
        out.operations.push(op('drop-column', table, a0, call, { column: nameOf(a0)! }));
      } else if ((t.value === 'dropMorphs' || t.value === 'dropNullableMorphs') && nameOf(a0)) {
        for (const suffix of ['_type', '_id']) out.operations.push(op('drop-column', table, a0, call, { column: `${nameOf(a0)!}${suffix}` }));
      } else if (FIXED_DROPS[t.value]) {
        for (const column of FIXED_DROPS[t.value]!) out.operations.push(op('drop-column', table, undefined, call, { column }));
      } else if (t.value === 'renameColumn' && nameOf(a0) && nameOf(a1)) {
        out.operations.push(op('rename-column', table, a0, call, { column: nameOf(a0)!, newName: nameOf(a1)! }));
      } else if (COLUMN_TYPES.has(t.value) && nameOf(a0)) {
        // $table->string('x')->nullable()->default('')->change()
        const chain = chainedCalls(code, args.next, '->', argsEnd);
        // The declared type: `change()` restates it, so the lint compares it with the column's earlier one.
        const length = Number(a1?.text);
        // integer('x')->unsigned() is unsignedInteger('x'): one spelling for the comparison.
        const unsigned = chain.includes('unsigned') && /^(tiny|small|medium|big)?integer$/i.test(t.value);
        const columnType = { name: unsigned ? `unsigned${t.value[0]!.toUpperCase()}${t.value.slice(1)}` : t.value, ...(a1?.kind === 'other' && Number.isInteger(length) ? { length } : {}) };
        if (chain.includes('change')) out.operations.push(op('change-column-type', table, a0, call, { column: nameOf(a0)!, columnType }));
        else out.operations.push(op('add-column', table, a0, call, { column: nameOf(a0)!, columnType, notNull: !chain.includes('nullable'), hasDefault: chain.some((c) => c === 'default' || c === 'useCurrent' || c === 'storedAs' || c === 'virtualAs' || c === 'generatedAs') || /increments$/i.test(t.value) }));
      }
      // dropForeign, dropIndex, dropUnique, dropPrimary: constraints and indexes, not columns.
      continue;
    }
    if (separator === '->' && t.value === 'update') {
      const table = queryBuilderTable(code, i - 1);
      if (table) backfillFromUpdate(code, i + 1, args.next, table, call, out);
      continue;
    }
    if (separator === '::' && receiver === 'DB' && (t.value === 'statement' || t.value === 'unprepared')) {
      embeddedSql(a0, dialect, out, text);
      continue;
    }
    if (!(separator === '::' && receiver === 'Schema') && !(separator === '->' && onSchemaConnection(code, i - 1))) continue;
    const table = nameOf(a0);
    switch (t.value) {
      case 'table':
      case 'create': {
        if (!table) break;
        if (t.value === 'create') out.operations.push(op('create-table', table, a0, call));
        const param = closureParam(code, a1);
        if (param) scopes.push({ variable: param, table: table.toLowerCase(), until: call.end });
        break;
      }
      case 'drop':
      case 'dropIfExists':
        if (table) out.operations.push(op('drop-table', table, a0, call));
        break;
      case 'rename':
        if (table && nameOf(a1)) out.operations.push(op('rename-table', table, a0, call, { newName: nameOf(a1)! }));
        break;
      case 'dropColumns':
      case 'dropColumn':
        if (table) for (const { name, at } of namesIn(args.positional.slice(1))) out.operations.push(op('drop-column', table, at, call, { column: name }));
        break;
      default:
        break;
    }
  }
  return out;
}

/** The table of `DB::table('t')->where(…)->…` ending at the `->` at `arrow`, or null for any other receiver. */
function queryBuilderTable(code: readonly CodeToken[], arrow: number): string | null {
  let k = arrow;
  while (code[k]?.value === '->' && code[k - 1]?.value === ')') {
    let depth = 0;
    let open = -1;
    for (let j = k - 1; j >= 0; j--) {
      if (code[j]!.value === ')') depth++;
      else if (code[j]!.value === '(' && --depth === 0) {
        open = j;
        break;
      }
    }
    if (open < 1) return null;
    const method = code[open - 1]!;
    if (method.value === 'table' && code[open - 2]?.value === '::' && code[open - 3]?.value === 'DB') return code[open + 1]?.kind === 'string' ? code[open + 1]!.value.toLowerCase() : null;
    k = open - 2;
  }
  return null;
}

/**
 * `->update(['new' => DB::raw('old'), 'x' => $row->y])`: the keys are written; the names in the values' SQL
 * strings and the properties read from a row are read.
 */
function backfillFromUpdate(code: readonly CodeToken[], open: number, next: number, table: string, call: { start: number; end: number }, out: OrmAnalysis): void {
  const writes: string[] = [];
  const reads = new Set<string>();
  let depth = 0;
  let inValue = false;
  for (let k = open; k < next; k++) {
    const t = code[k]!;
    if (t.value === '(' || t.value === '[') depth++;
    else if (t.value === ')' || t.value === ']') depth--;
    // depth 2: inside `(` and `[` of update([…]).
    if (depth === 2 && t.value === ',') inValue = false;
    else if (depth === 2 && t.kind === 'string' && code[k + 1]?.value === '=>') {
      writes.push(t.value.toLowerCase());
      inValue = true;
      k++;
    } else if (inValue && t.kind === 'string') for (const name of t.value.match(/[A-Za-z_]\w*/g) ?? []) reads.add(name.toLowerCase());
    else if (inValue && t.kind === 'ident' && code[k - 1]?.value === '->' && code[k + 1]?.value !== '(') reads.add(t.value.toLowerCase());
  }
  if (writes.length > 0) out.operations.push(op('backfill', table, undefined, call, { writes, reads: [...reads] }));
}
