// Liquibase changelogs (XML and YAML): dropColumn, renameColumn, modifyDataType, addColumn, dropTable, renameTable.
// A light reader of the changeSet elements; comments are removed first, rollback blocks skipped.
import type { MigrationOperation } from '../types';
import { emptyAnalysis, type OrmAnalysis } from './shared';

function attr(tag: string, name: string): string | undefined {
  return new RegExp(`\\b${name}\\s*[=:]\\s*["']?([^"'\\s,}>]+)`).exec(tag)?.[1];
}

export function analyseLiquibase(text: string, path: string): OrmAnalysis {
  const out = emptyAnalysis();
  const xml = /\.xml$/i.test(path) || text.trimStart().startsWith('<');
  // Blank out comments and rollback sections (same length, so offsets stay exact).
  const blank = (s: string): string => s.replace(/[^\n]/g, ' ');
  let clean = xml ? text.replace(/<!--[\s\S]*?-->/g, (m: string, at: number) => { out.comments.push({ kind: 'comment', start: at, end: at + m.length, value: m, newlineBefore: false }); return blank(m); }) : text.replace(/#[^\n]*/g, (m: string, at: number) => { out.comments.push({ kind: 'comment', start: at, end: at + m.length, value: m, newlineBefore: false }); return blank(m); });
  clean = xml ? clean.replace(/<rollback>[\s\S]*?<\/rollback>/g, blank) : clean;
  const push = (kind: MigrationOperation['kind'], table: string, start: number, end: number, extra: Partial<MigrationOperation> = {}): void => {
    out.operations.push({ kind, table: table.toLowerCase(), start, end, statementStart: start, statementEnd: end, ...extra });
  };
  const re = xml ? /<(dropColumn|renameColumn|modifyDataType|addColumn|dropTable|renameTable)\b([\s\S]*?)(\/>|<\/\1>)/g : /-\s*(dropColumn|renameColumn|modifyDataType|addColumn|dropTable|renameTable)\s*:([\s\S]*?)(?=\n\s*-\s*\w+\s*:|\n\S|$)/g;
  for (const m of clean.matchAll(re)) {
    const body = m[2]!;
    const start = m.index!;
    const end = start + m[0].length;
    const table = attr(body, 'tableName') ?? attr(body, 'oldTableName') ?? '';
    switch (m[1]) {
      case 'dropColumn': {
        const names = [attr(body, 'columnName'), ...[...body.matchAll(/<column\b[^>]*\bname\s*=\s*"([^"]+)"/g)].map((c) => c[1])].filter((n): n is string => !!n);
        if (!xml) for (const c of body.matchAll(/name\s*:\s*["']?(\w+)/g)) names.push(c[1]!);
        for (const c of new Set(names)) push('drop-column', table, start, end, { column: c.toLowerCase() });
        break;
      }
      case 'renameColumn':
        push('rename-column', table, start, end, { column: (attr(body, 'oldColumnName') ?? '').toLowerCase(), newName: (attr(body, 'newColumnName') ?? '').toLowerCase() });
        break;
      case 'modifyDataType':
        push('change-column-type', table, start, end, { column: (attr(body, 'columnName') ?? '').toLowerCase() });
        break;
      case 'addColumn':
        for (const c of body.matchAll(xml ? /<column\b([\s\S]*?)(\/>|<\/column>)/g : /name\s*:\s*["']?(\w+)[\s\S]*?(?=name\s*:|$)/g)) {
          const col = xml ? attr(c[1]!, 'name') : c[1];
          if (!col) continue;
          push('add-column', table, start, end, { column: col.toLowerCase(), notNull: /nullable\s*[=:]\s*["']?false/.test(c[0]), hasDefault: /defaultValue/.test(c[0]) });
        }
        break;
      case 'dropTable':
        push('drop-table', table, start, end);
        break;
      case 'renameTable':
        push('rename-table', attr(body, 'oldTableName') ?? table, start, end, { newName: (attr(body, 'newTableName') ?? '').toLowerCase() });
        break;
    }
  }
  return out;
}
