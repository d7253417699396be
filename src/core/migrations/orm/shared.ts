// Helpers shared by the ORM readers.
import type { MigrationOperation, OperationKind, SqlDialect } from '../types';
import { analyseSql } from '../sql/analyseSql';
import type { ArgValue, CodeToken } from './codeLexer';

export interface OrmAnalysis {
  readonly operations: MigrationOperation[];
  readonly notAnalysed: Array<{ start: number; end: number; reason: string }>;
  readonly comments: CodeToken[];
}

export const emptyAnalysis = (): OrmAnalysis => ({ operations: [], notAnalysed: [], comments: [] });

/** A string or symbol argument's name, or null when it is computed at run time. */
export function nameOf(value: ArgValue | undefined): string | null {
  return value && (value.kind === 'string' || value.kind === 'symbol') ? value.text : null;
}

export function op(kind: OperationKind, table: string, at: ArgValue | undefined, call: { start: number; end: number }, extra: Partial<MigrationOperation> = {}): MigrationOperation {
  return {
    kind,
    table: table.toLowerCase(),
    start: at?.start ?? call.start,
    end: at?.end ?? call.end,
    statementStart: call.start,
    statementEnd: call.end,
    ...extra,
    ...(extra.column !== undefined ? { column: extra.column.toLowerCase() } : {}),
    ...(extra.newName !== undefined ? { newName: extra.newName.toLowerCase() } : {}),
  };
}

/** SQL embedded in a string literal (execute, RunSQL, knex.raw, queryRunner.query): analysed like a SQL file. */
export function embeddedSql(value: ArgValue | undefined, dialect: SqlDialect, into: OrmAnalysis, text: string): void {
  if (value?.kind === 'list') {
    // RunSQL(["…", "…"]) and similar: each literal is SQL.
    for (const item of value.items ?? []) embeddedSql(item, dialect, into, text);
    return;
  }
  const token = value?.token;
  if (!value || !token || token.kind !== 'string' || token.valueStart === undefined) {
    if (value) into.notAnalysed.push({ start: value.start, end: value.end, reason: 'SQL built at run time' });
    return;
  }
  // Offsets stay exact when the literal has no escapes; otherwise positions may shift inside the literal.
  const inner = analyseSql(text, dialect, token.valueStart, token.valueStart + token.value.length, false);
  for (const operation of inner.operations) into.operations.push({ ...operation, procedural: true });
  into.notAnalysed.push(...inner.notAnalysed);
}

/**
 * Token index ranges of the bodies of the methods named `name` (`function down() { … }`, `void Down(…) { … }`):
 * from the name to the matching `}` of the first `{` after it. Unclosed bodies run to the end.
 */
export function braceBodies(code: readonly CodeToken[], isMethod: (index: number) => boolean): Array<{ from: number; to: number }> {
  const ranges: Array<{ from: number; to: number }> = [];
  for (let i = 0; i < code.length; i++) {
    if (!isMethod(i)) continue;
    let k = i + 1;
    while (k < code.length && code[k]!.value !== '{' && code[k]!.value !== ';') k++;
    if (code[k]?.value !== '{') continue;
    let depth = 0;
    let to = code.length;
    for (let j = k; j < code.length; j++) {
      if (code[j]!.value === '{') depth++;
      else if (code[j]!.value === '}' && --depth === 0) {
        to = j;
        break;
      }
    }
    ranges.push({ from: i, to });
    i = to;
  }
  return ranges;
}

/** Method names chained after a call: `->nullable()->default(0)->change()` (`sep` is `->` or `.`). */
export function chainedCalls(code: readonly CodeToken[], at: number, sep: string, readCallArgs: (index: number) => number): string[] {
  const names: string[] = [];
  let i = at;
  while (code[i]?.value === sep && code[i + 1]?.kind === 'ident') {
    names.push(code[i + 1]!.value);
    i += 2;
    if (code[i]?.value === '(') i = readCallArgs(i);
  }
  return names;
}
