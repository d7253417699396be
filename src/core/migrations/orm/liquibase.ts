// Liquibase changelogs. XML is read with a real XML parser (saxes, with positions): dropColumn (the columnName
// attribute or nested <column name=…>), renameColumn, modifyDataType, addColumn (nested columns, nullable="false"
// constraints, defaultValue*), dropTable, renameTable, createTable and <sql> bodies (analysed like SQL); everything
// inside <rollback> is skipped. YAML changelogs keep a light reader of the same change types.
import { SaxesParser } from 'saxes';
import type { MigrationOperation, SqlDialect } from '../types';
import { analyseSql } from '../sql/analyseSql';
import { emptyAnalysis, type OrmAnalysis } from './shared';

function attr(tag: string, name: string): string | undefined {
  return new RegExp(`\\b${name}\\s*[=:]\\s*["']?([^"'\\s,}>]+)`).exec(tag)?.[1];
}

export function analyseLiquibase(text: string, path: string, dialect: SqlDialect = 'postgres'): OrmAnalysis {
  const xml = /\.xml$/i.test(path) || text.trimStart().startsWith('<');
  return xml ? analyseLiquibaseXml(text, dialect) : analyseLiquibaseYaml(text);
}

/** An attribute value and where it is in the file (its raw text between the quotes). */
interface Located {
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

interface OpenElement {
  readonly name: string;
  readonly start: number;
  /** Offset after the start tag's `>`. */
  bodyStart: number;
  readonly attributes: Map<string, Located>;
  readonly children: OpenElement[];
}

const CHANGES = new Set(['dropColumn', 'renameColumn', 'modifyDataType', 'addColumn', 'dropTable', 'renameTable', 'createTable', 'sql']);
const DEFAULTS = ['defaultValue', 'defaultValueNumeric', 'defaultValueBoolean', 'defaultValueDate', 'defaultValueComputed', 'defaultValueSequenceNext'];

/** The XML text of a <sql> body as SQL of the same length: CDATA markers blanked, entities padded to their width. */
function sqlOfXml(text: string, from: number, to: number): string {
  const body = text
    .slice(from, to)
    .replace(/<!\[CDATA\[|\]\]>/g, (m) => ' '.repeat(m.length))
    .replace(/&(lt|gt|amp|quot|apos);/g, (m, name: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[name]! + ' '.repeat(m.length - 1));
  return ' '.repeat(from) + body + ' '.repeat(text.length - to);
}

function analyseLiquibaseXml(text: string, dialect: SqlDialect): OrmAnalysis {
  const out = emptyAnalysis();
  const parser = new SaxesParser({ position: true });
  const stack: OpenElement[] = [];
  let rollbackDepth = 0;
  let failed = false;
  const local = (name: string): string => name.slice(name.indexOf(':') + 1);
  const push = (kind: MigrationOperation['kind'], table: Located | undefined, at: Located | undefined, element: OpenElement, end: number, extra: Partial<MigrationOperation> = {}): void => {
    if (!table?.value) return;
    out.operations.push({ kind, table: table.value.toLowerCase(), start: at?.start ?? element.start, end: at?.end ?? end, statementStart: element.start, statementEnd: end, ...extra });
  };
  const columnsOf = (element: OpenElement): OpenElement[] => element.children.filter((c) => c.name === 'column');
  const finish = (element: OpenElement, end: number): void => {
    const a = element.attributes;
    const table = a.get('tableName');
    switch (element.name) {
      case 'dropColumn': {
        const named = [a.get('columnName'), ...columnsOf(element).map((c) => c.attributes.get('name'))].filter((c): c is Located => !!c?.value);
        for (const c of named) push('drop-column', table, c, element, end, { column: c.value.toLowerCase() });
        break;
      }
      case 'renameColumn': {
        const from = a.get('oldColumnName');
        const to = a.get('newColumnName');
        if (from && to) push('rename-column', table, from, element, end, { column: from.value.toLowerCase(), newName: to.value.toLowerCase() });
        break;
      }
      case 'modifyDataType': {
        const column = a.get('columnName');
        if (column) push('change-column-type', table, column, element, end, { column: column.value.toLowerCase() });
        break;
      }
      case 'addColumn':
      case 'createTable':
        if (element.name === 'createTable') push('create-table', table, table, element, end);
        for (const c of columnsOf(element)) {
          const name = c.attributes.get('name');
          if (!name) continue;
          const constraints = c.children.filter((k) => k.name === 'constraints');
          const notNull = [c, ...constraints].some((k) => k.attributes.get('nullable')?.value === 'false');
          push('add-column', table, name, element, end, { column: name.value.toLowerCase(), notNull, hasDefault: DEFAULTS.some((d) => c.attributes.has(d)) });
        }
        break;
      case 'dropTable':
        push('drop-table', table, table, element, end);
        break;
      case 'renameTable': {
        const to = a.get('newTableName');
        const from = a.get('oldTableName');
        if (to) push('rename-table', from, from, element, end, { newName: to.value.toLowerCase() });
        break;
      }
      case 'sql': {
        const bodyEnd = Math.max(element.bodyStart, text.lastIndexOf('</', end));
        const inner = analyseSql(sqlOfXml(text, element.bodyStart, bodyEnd), dialect, element.bodyStart, bodyEnd, false);
        out.operations.push(...inner.operations);
        out.notAnalysed.push(...inner.notAnalysed);
        out.comments.push(...inner.comments.map((c) => ({ kind: 'comment' as const, start: c.start, end: c.end, value: text.slice(c.start, c.end), newlineBefore: false })));
        break;
      }
      default:
        break;
    }
  };
  parser.on('opentagstart', (tag) => {
    // The parser is one character past the name (a space, `/` or `>`).
    const start = parser.position - tag.name.length - 2;
    const element: OpenElement = { name: local(tag.name), start, bodyStart: start, attributes: new Map(), children: [] };
    stack[stack.length - 1]?.children.push(element);
    stack.push(element);
    if (element.name === 'rollback') rollbackDepth++;
  });
  parser.on('attribute', (attribute) => {
    // The parser is just past the closing quote; the raw value is what lies between the quotes.
    const end = parser.position - 1;
    const quote = text[end] ?? '"';
    const start = text.lastIndexOf(quote, end - 1) + 1;
    stack[stack.length - 1]?.attributes.set(local(attribute.name), { value: attribute.value, start, end });
  });
  parser.on('opentag', () => {
    const element = stack[stack.length - 1];
    if (element) element.bodyStart = parser.position;
  });
  parser.on('closetag', () => {
    const element = stack.pop();
    if (!element) return;
    if (element.name === 'rollback') rollbackDepth--;
    else if (rollbackDepth === 0 && CHANGES.has(element.name)) finish(element, parser.position);
  });
  parser.on('comment', (comment) => {
    const end = parser.position;
    const start = end - comment.length - 7;
    out.comments.push({ kind: 'comment', start, end, value: text.slice(start, end), newlineBefore: false });
  });
  parser.on('error', (error) => {
    // The first error is reported once; the parser goes on, so the changes before (and after) it still count.
    if (!failed) out.notAnalysed.push({ start: Math.min(parser.position, text.length), end: Math.min(parser.position, text.length), reason: `not well-formed XML: ${error.message.replace(/^[^:]*:\d+:\d+: /, '')}` });
    failed = true;
  });
  try {
    parser.write(text).close();
  } catch {
    // saxes throws only without an error handler; kept for safety on unexpected input.
  }
  return out;
}

/** YAML: the change entries of each changeSet, read by their keys (comments removed first). */
function analyseLiquibaseYaml(text: string): OrmAnalysis {
  const out = emptyAnalysis();
  // Blank out comments (same length, so offsets stay exact).
  const blank = (s: string): string => s.replace(/[^\n]/g, ' ');
  const clean = text.replace(/#[^\n]*/g, (m: string, at: number) => {
    out.comments.push({ kind: 'comment', start: at, end: at + m.length, value: m, newlineBefore: false });
    return blank(m);
  });
  const push = (kind: MigrationOperation['kind'], table: string, start: number, end: number, extra: Partial<MigrationOperation> = {}): void => {
    out.operations.push({ kind, table: table.toLowerCase(), start, end, statementStart: start, statementEnd: end, ...extra });
  };
  const change = /-\s*(dropColumn|renameColumn|modifyDataType|addColumn|dropTable|renameTable)\s*:([\s\S]*?)(?=\n\s*-\s*\w+\s*:|\n\S|$)/g;
  for (const m of clean.matchAll(change)) {
    const body = m[2]!;
    const start = m.index!;
    const end = start + m[0].length;
    const table = attr(body, 'tableName') ?? attr(body, 'oldTableName') ?? '';
    switch (m[1]) {
      case 'dropColumn': {
        const names = [attr(body, 'columnName'), ...[...body.matchAll(/name\s*:\s*["']?(\w+)/g)].map((c) => c[1])].filter((n): n is string => !!n);
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
        for (const c of body.matchAll(/name\s*:\s*["']?(\w+)[\s\S]*?(?=name\s*:|$)/g)) {
          push('add-column', table, start, end, { column: c[1]!.toLowerCase(), notNull: /nullable\s*[=:]\s*["']?false/.test(c[0]), hasDefault: /defaultValue/.test(c[0]) });
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
