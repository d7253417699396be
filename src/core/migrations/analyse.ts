// One file → operations, file-local findings, suppressions (analyseMigrationText), and the workspace lint that
// weighs each drop against the evidence of an expand phase (lintMigrations).
import type { Finding } from '../findings';
import { detectDialect, sortMigrationFiles } from './files';
import { analyseRails, ignoredColumnsOf, tableOfModel, tableOfModelFile } from './orm/rails';
import { analyseAlembic, analyseDjango } from './orm/python';
import { analyseJs } from './orm/js';
import { analyseLiquibase } from './orm/liquibase';
import { analyseLaravel } from './orm/laravel';
import { analyseEfCore } from './orm/efcore';
import { analyseEcto } from './orm/ecto';
import { analyseSql } from './sql/analyseSql';
import { postgresParserMisses } from './sql/parseSql';
import { MIGRATION_RULES, migrationHelpUrl, recipeFor } from './rules';
import { lineOf, parseSuppressions, SUPPRESSION_KEYWORD } from './suppressions';
import { lineStartOffsets } from '../report/region';
import type {
  AnalyseOptions,
  ColumnType,
  Evidence,
  LintContext,
  MigrationAnalysis,
  MigrationFile,
  MigrationFinding,
  MigrationLintResult,
  MigrationOperation,
  MigrationRuleId,
  NotAnalysed,
  ReleaseInfo,
  SqlDialect,
  Suppression,
} from './types';

interface FileAnalysis {
  readonly operations: MigrationOperation[];
  readonly notAnalysed: NotAnalysed[];
  readonly suppressions: Suppression[];
  readonly dialect: SqlDialect;
  readonly starts: number[];
}

function analyseFile(text: string, options: AnalyseOptions): FileAnalysis {
  const path = options.path ?? '';
  const dialect = options.dialect ?? detectDialect(text) ?? 'postgres';
  let result: { operations: MigrationOperation[]; notAnalysed: Array<{ start: number; end: number; reason: string }>; comments: Array<{ start: number; end: number }> };
  switch (options.framework) {
    case 'rails':
      result = analyseRails(text, dialect);
      break;
    case 'django':
      result = analyseDjango(text, dialect, path);
      break;
    case 'alembic':
      result = analyseAlembic(text, dialect);
      break;
    case 'knex':
    case 'typeorm':
    case 'sequelize':
      result = analyseJs(text, dialect);
      break;
    case 'liquibase':
      result = analyseLiquibase(text, path, dialect);
      break;
    case 'laravel':
      result = analyseLaravel(text, dialect);
      break;
    case 'efcore':
      result = analyseEfCore(text, dialect);
      break;
    case 'ecto':
      result = analyseEcto(text, dialect);
      break;
    default:
      result = analyseSql(text, dialect);
  }
  const starts = lineStartOffsets(text);
  // A suppression comment holds the keyword: without it in the text there is none to find (nor lines to weigh).
  const suppressions = text.includes(SUPPRESSION_KEYWORD) ? parseSuppressions(text, result.comments, codeLines(text, result.comments, starts)) : [];
  return {
    operations: result.operations,
    notAnalysed: result.notAnalysed.length === 0 ? [] : result.notAnalysed.map((n) => ({ file: path, ...n })),
    suppressions,
    dialect,
    starts,
  };
}

/** 0-based lines holding something other than whitespace and comments. */
function codeLines(text: string, comments: ReadonlyArray<{ start: number; end: number }>, starts: readonly number[]): Set<number> {
  const lines = new Set<number>();
  let c = 0;
  let line = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    // Lines as lineStartOffsets counts them: LF, and a CR not followed by LF.
    if (ch === 10 || (ch === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      continue;
    }
    while (c < comments.length && comments[c]!.end <= i) c++;
    if (c < comments.length && comments[c]!.start <= i && i < comments[c]!.end) {
      // Jump over the comment; count the newlines inside it.
      const end = comments[c]!.end;
      line = lineOf(starts, end - 1);
      i = end - 1;
      continue;
    }
    if (ch !== 32 && ch !== 9 && ch !== 13) {
      lines.add(line);
      // The rest of this line cannot change anything up to its end or the next comment: jump there.
      let stop = nextLineBreak(text, i + 1);
      if (c < comments.length && comments[c]!.start < stop) stop = comments[c]!.start;
      i = stop - 1;
    }
  }
  return lines;
}

/** The offset of the first LF or CR at or after `from`, or the text's length. */
function nextLineBreak(text: string, from: number): number {
  const lf = text.indexOf('\n', from);
  const cr = text.indexOf('\r', from);
  const end = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
  return end < 0 ? text.length : end;
}

const qualified = (operation: MigrationOperation): string => `${operation.table}${operation.column !== undefined ? `.${operation.column}` : ''}`;

/**
 * The statement start of each finding made by `finding` (suppressions match the statement's first line too): kept
 * beside the finding rather than in it, so a finding needs no copy without it when it is kept (an object rest per
 * finding, slow in a CLI run's unoptimised code).
 */
const statementStarts = new WeakMap<MigrationFinding, number>();

function finding(ruleId: MigrationRuleId, file: string, operation: MigrationOperation, message: string, evidence: Evidence[], severity = MIGRATION_RULES[ruleId].severity): MigrationFinding {
  const helpUrl = migrationHelpUrl(ruleId);
  // recipeFor reads table, column and newName (absent ones are undefined either way). Two literals, not a spread:
  // the keys in the same order with or without columnName.
  const recipe = recipeFor(ruleId, operation);
  const made: MigrationFinding =
    operation.column !== undefined
      ? { ruleId, severity, message, start: operation.start, end: operation.end, helpUrl, file, table: operation.table, columnName: operation.column, evidence, recipe }
      : { ruleId, severity, message, start: operation.start, end: operation.end, helpUrl, file, table: operation.table, evidence, recipe };
  statementStarts.set(made, operation.statementStart);
  return made;
}

/** SQLite/Prisma table rebuilds: CREATE new_T …; DROP TABLE T; ALTER TABLE new_T RENAME TO T. */
function rebuiltTables(operations: readonly MigrationOperation[]): Set<string> {
  const dropped = new Set(operations.filter((o) => o.kind === 'drop-table').map((o) => o.table.toLowerCase()));
  return new Set(operations.filter((o) => o.kind === 'rename-table' && o.newName !== undefined && dropped.has(o.newName.toLowerCase())).flatMap((o) => [o.table.toLowerCase(), o.newName!.toLowerCase()]));
}

/**
 * An ORM alter that restates the column with the type it already had (Django AlterField of a CharField that
 * only becomes nullable, Ecto `modify :user_id, references(:users, on_delete: …)`) changes options, not the
 * type. A shorter length is still a type change (the database checks or rewrites every row); a longer one is
 * not reported (PostgreSQL and MySQL widen a varchar without a rewrite).
 */
function typeUnchanged(operation: MigrationOperation, before: ColumnType | undefined, dialect: SqlDialect): boolean {
  const previous = operation.previousType ?? before;
  const next = operation.columnType;
  if (!previous || !next) return false;
  // PostgreSQL turns varchar into text without a rewrite (binary-coercible), and the ORMs read both as strings.
  if (dialect === 'postgres' && VARCHAR_TYPES.has(previous.name.toLowerCase()) && TEXT_TYPES.has(next.name.toLowerCase())) return true;
  if (!same(previous.name, next.name)) return false;
  return !(previous.length !== undefined && next.length !== undefined && next.length < previous.length);
}

/** ORM spellings of varchar and text (Rails/Ecto/Laravel `string`/`text`, Django CharField/TextField). */
const VARCHAR_TYPES = new Set(['string', 'varchar', 'charfield']);
const TEXT_TYPES = new Set(['text', 'textfield']);

/**
 * Renames that come back to the name they started from in the same file (traccar: toAddress → toaddresstmp →
 * toaddress, to change only the case on databases that compare names without it): no name changes.
 */
function renameRoundTrips(operations: readonly MigrationOperation[]): Set<MigrationOperation> {
  const trips = new Set<MigrationOperation>();
  const renames = operations.filter((o) => o.kind === 'rename-column' && o.column !== undefined && o.newName !== undefined);
  // A round trip takes two renames at least (most files have one or none).
  if (renames.length < 2) return trips;
  // Names lower-cased once (a file of many renames compared each pair's names anew).
  const tables = renames.map((o) => o.table.toLowerCase());
  const columns = renames.map((o) => o.column!.toLowerCase());
  const newNames = renames.map((o) => o.newName!.toLowerCase());
  for (const [i, first] of renames.entries()) {
    const chain = [first];
    let name = newNames[i]!;
    for (let j = i + 1; j < renames.length; j++) {
      if (tables[j] !== tables[i] || columns[j] !== name) continue;
      chain.push(renames[j]!);
      name = newNames[j]!;
      if (name === columns[i]) {
        for (const o of chain) trips.add(o);
        break;
      }
    }
  }
  return trips;
}

/** Findings that need no other file. Drops are handled by the caller (local: "not looked for"; lint: evidence). */
function localFindings(file: string, operations: readonly MigrationOperation[], dialect: SqlDialect, typeBefore: (operation: MigrationOperation) => ColumnType | undefined = () => undefined): Array<MigrationFinding> {
  const out: Array<MigrationFinding> = [];
  // Each made at its first use: most files have no rename of a table nor a required column to weigh them for.
  let created: Set<string> | undefined;
  let rebuilt: Set<string> | undefined;
  let roundTrips: Set<MigrationOperation> | undefined;
  // An index loop: for-of makes an iterator and a result object per step in a CLI run's unoptimised code.
  for (let k = 0; k < operations.length; k++) {
    const o = operations[k]!;
    switch (o.kind) {
      case 'rename-column':
        if ((roundTrips ??= renameRoundTrips(operations)).has(o)) break;
        out.push(finding('rename-column', file, o, `Renaming ${qualified(o)} to ${o.newName} breaks every running instance that still uses ${o.column}: a rename is a drop plus an add.`, [{ kind: 'missing', lookedFor: 'expand-migration', description: `renames are never safe in place; add ${o.newName}, dual-write, backfill, switch reads, drop ${o.column} later` }]));
        break;
      case 'change-column-type':
        if (typeUnchanged(o, typeBefore(o), dialect)) break;
        out.push(finding('change-column-type', file, o, `Changing the type of ${qualified(o)} in place can rewrite the table under a lock and break code that reads the old type.`, [{ kind: 'missing', lookedFor: 'expand-migration', description: 'no new column with the new type was looked for; type changes in place are always reported' }]));
        break;
      case 'rename-table':
        if (!(rebuilt ??= rebuiltTables(operations)).has(o.table.toLowerCase())) out.push(finding('rename-table', file, o, `Renaming table ${o.table} to ${o.newName} breaks every running instance that queries ${o.table}.`, [{ kind: 'missing', lookedFor: 'expand-migration', description: 'renames are never safe in place' }]));
        break;
      case 'add-column':
        if (o.notNull && !o.hasDefault && !(created ??= new Set(operations.filter((c) => c.kind === 'create-table').map((c) => c.table.toLowerCase()))).has(o.table.toLowerCase())) {
          out.push(finding('add-required-column-without-default', file, o, `Adding ${qualified(o)} as NOT NULL without a default fails on a table with rows and breaks inserts from code that does not know the column.`, [{ kind: 'missing', lookedFor: 'expand-migration', description: 'no DEFAULT (or server default) on the new NOT NULL column' }]));
        }
        break;
      default:
        break;
    }
  }
  return out;
}

function applySuppressions(findings: ReadonlyArray<MigrationFinding>, suppressions: readonly Suppression[], starts: readonly number[]): { kept: MigrationFinding[]; suppressed: MigrationFinding[] } {
  const kept: MigrationFinding[] = [];
  const suppressed: MigrationFinding[] = [];
  if (suppressions.length === 0) {
    // Nothing to match (most files): every finding is kept.
    for (let k = 0; k < findings.length; k++) kept.push(findings[k]!);
    return { kept, suppressed };
  }
  for (const f of findings) {
    const lines = new Set([lineOf(starts, f.start), lineOf(starts, statementStarts.get(f)!)]);
    const s = suppressions.find((x) => x.valid && x.ruleId === f.ruleId && lines.has(x.appliesToLine));
    if (s) suppressed.push({ ...f, suppressed: { reason: s.reason, start: s.start, end: s.end } });
    else kept.push(f);
  }
  return { kept, suppressed };
}

function invalidSuppressions(file: string, suppressions: readonly Suppression[]): MigrationFinding[] {
  return suppressions
    .filter((s) => !s.valid)
    .map((s) => ({
      ruleId: 'invalid-suppression' as const,
      severity: MIGRATION_RULES['invalid-suppression'].severity,
      message: `This release-hygiene-ignore ${s.ruleId} comment has no reason, so it silences nothing: add ": <why this is safe>".`,
      start: s.start,
      end: s.end,
      helpUrl: migrationHelpUrl('invalid-suppression'),
      file,
      table: '',
      evidence: [],
      recipe: recipeFor('invalid-suppression', { table: '' }),
    }));
}

/** Rule settings: "off" removes a rule's findings; a severity re-levels them (safe drops stay information). */
function applyRules<T extends MigrationFinding>(findings: readonly T[], rules: LintContext['rules']): T[] {
  if (!rules) return [...findings];
  const out: T[] = [];
  for (const f of findings) {
    const setting = rules[f.ruleId];
    if (setting === 'off') continue;
    out.push(setting && f.severity !== 'information' ? { ...f, severity: setting } : f);
  }
  return out;
}

/** The as-you-type path: one file, no workspace evidence. */
export function analyseMigrationText(text: string, options: AnalyseOptions): MigrationAnalysis {
  const file = options.path ?? '';
  const analysis = analyseFile(text, options);
  const local = localFindings(file, analysis.operations, analysis.dialect);
  for (const o of analysis.operations) {
    if (o.kind === 'drop-column') {
      local.push(finding('drop-column', file, o, `Dropping ${qualified(o)}: no expand phase is known from this file alone (run the workspace check for the evidence).`, [{ kind: 'missing', lookedFor: 'expand-migration', description: 'earlier migrations, ORM markers, code references and releases were not looked at (single file)' }]));
    }
    if (o.kind === 'drop-table') {
      // No evidence is no evidence of safety: as squawk, an unproven DROP TABLE is an error.
      local.push(finding('drop-table', file, o, `Dropping table ${o.table}: references in the code were not searched (single file), so nothing shows it is unused.`, [{ kind: 'missing', lookedFor: 'code-reference', description: 'code references were not searched' }]));
    }
  }
  const rebuilt = rebuiltTables(analysis.operations);
  const relevant = local.filter((f) => !(f.ruleId === 'drop-table' && rebuilt.has(f.table.toLowerCase()))).sort((a, b) => a.start - b.start);
  const suppressions = options.allowSuppressions === false ? [] : analysis.suppressions;
  const { kept, suppressed } = applySuppressions(relevant, suppressions, analysis.starts);
  return {
    operations: analysis.operations,
    findings: applyRules([...kept, ...invalidSuppressions(file, suppressions)], options.rules).sort((a, b) => a.start - b.start),
    suppressedFindings: applyRules(suppressed, options.rules),
    notAnalysed: analysis.notAnalysed,
    suppressions: analysis.suppressions,
    dialect: analysis.dialect,
  };
}

interface Located {
  readonly file: MigrationFile;
  readonly index: number;
  readonly analysis: FileAnalysis;
}

/**
 * An operation with its names in lower case, computed once: every drop is weighed against the same table's
 * earlier operations, and comparing names without case there (for each drop) was most of the lint.
 */
interface Indexed {
  readonly l: Located;
  readonly o: MigrationOperation;
  readonly table: string;
  readonly column: string | undefined;
  readonly reads: readonly string[];
  readonly writes: readonly string[];
  /** Its place in its table's list. */
  readonly pos: number;
}

type ByTable = ReadonlyMap<string, readonly Indexed[]>;

/** Indexed.reads and .writes of an operation that has none (never written to). */
const NO_NAMES: readonly string[] = Object.freeze([]);

/**
 * One table's operations (lower-case key) indexed for the drop evidence: each drop looks up the few operations that
 * can speak for it (its column's adds, renames and markers, the copies reading it, the renames onto it) instead of
 * scanning every earlier operation of the table (a drop in a long history was linear in the table's operations).
 * Lists keep file order (Indexed.pos: the order the scan meets them in).
 */
interface TableIndex {
  /** add-column, rename-column and ignore-column by their lower-case column. */
  readonly byColumn: Map<string, Indexed[]>;
  /** Every add-column, whatever its column. */
  readonly addColumns: Indexed[];
  /** backfill and dual-write by each distinct lower-case column they read. */
  readonly copiesByRead: Map<string, Indexed[]>;
  /** rename-column by its lower-case new name. */
  readonly renamesTo: Map<string, Indexed[]>;
}

function pushTo(map: Map<string, Indexed[]>, key: string, x: Indexed): void {
  const list = map.get(key);
  if (list) list.push(x);
  else map.set(key, [x]);
}

function tableIndexes(byTable: ByTable): Map<string, TableIndex> {
  const indexes = new Map<string, TableIndex>();
  byTable.forEach((list, key) => {
    const index: TableIndex = { byColumn: new Map(), addColumns: [], copiesByRead: new Map(), renamesTo: new Map() };
    for (let k = 0; k < list.length; k++) {
      const x = list[k]!;
      const kind = x.o.kind;
      if (kind === 'add-column') index.addColumns.push(x);
      if ((kind === 'add-column' || kind === 'rename-column' || kind === 'ignore-column') && x.column !== undefined) pushTo(index.byColumn, x.column, x);
      if (kind === 'rename-column' && x.o.newName !== undefined) pushTo(index.renamesTo, x.o.newName.toLowerCase(), x);
      if (kind === 'backfill' || kind === 'dual-write') {
        for (let r = 0; r < x.reads.length; r++) if (x.reads.indexOf(x.reads[r]!) === r) pushTo(index.copiesByRead, x.reads[r]!, x);
      }
    }
    indexes.set(key, index);
  });
  return indexes;
}

/** What the earlier operations say about one drop (dropColumnFindings weighs it). */
interface DropEvidence {
  /** An earlier add of another column (or rename of this one) that a copy of this column writes. */
  readonly replacement: Indexed | undefined;
  /** The copy that writes the replacement. */
  readonly copy: Indexed | undefined;
  /** Without a replacement: a copy in the drop's own file into another column. */
  readonly copyInPlace: Indexed | undefined;
  /** The first earlier add of another column (or rename of this one): reported when nothing copies into it. */
  readonly firstAdd: Indexed | undefined;
  /** State-only removals of this column in earlier files, in order. */
  readonly markers: readonly Indexed[];
  /** A rename onto the dropped name in the same file, after the drop. */
  readonly swap: MigrationOperation | undefined;
}

let indexedDropEvidence = true;

/** Tests only: off, each drop's evidence comes from a scan of the table's earlier operations (the reference). */
export function useIndexedDropEvidence(enabled: boolean): void {
  indexedDropEvidence = enabled;
}

const isEarlier = (x: Indexed, here: Located, drop: MigrationOperation): boolean => x.l.index < here.index || (x.l.index === here.index && x.o.statementEnd <= drop.statementStart);

/** The reference: every earlier operation of the table (and of '*') looked at, in file order. */
function scannedDropEvidence(here: Located, drop: MigrationOperation, byTable: ByTable, tableKey: string, columnKey: string): DropEvidence {
  const candidates: Indexed[] = [];
  for (const list of [byTable.get(tableKey), byTable.get('*')]) {
    for (const x of list ?? []) if (isEarlier(x, here, drop)) candidates.push(x);
  }
  const adds: Indexed[] = [];
  const copies: Indexed[] = [];
  for (const x of candidates) {
    const kind = x.o.kind;
    if (kind === 'add-column' && x.table === tableKey && x.column !== columnKey) adds.push(x);
    if ((kind === 'backfill' || kind === 'dual-write') && (x.table === tableKey || x.o.table === '*') && x.reads.includes(columnKey)) copies.push(x);
    if (kind === 'rename-column' && x.table === tableKey && x.column === columnKey) adds.push(x);
  }
  const replacement = adds.find((a) => a.column !== undefined && copies.some((c) => c.writes.includes(a.column!)));
  return {
    replacement,
    copy: replacement ? copies.find((c) => c.writes.includes(replacement.column!)) : undefined,
    copyInPlace: replacement ? undefined : copies.find((c) => c.l.index === here.index && c.writes.some((w) => w !== columnKey)),
    firstAdd: adds[0],
    markers: candidates.filter(({ l, o, table, column }) => o.kind === 'ignore-column' && table === tableKey && column === columnKey && l.index < here.index),
    swap: (byTable.get(tableKey) ?? []).find((x) => x.l === here && x.o.kind === 'rename-column' && x.o.newName?.toLowerCase() === columnKey && x.o.statementStart >= drop.statementStart && x.o !== drop)?.o,
  };
}

/** The first of `list` that is `kind` and earlier than the drop (lists are in the table's order). */
function firstEarlier(list: readonly Indexed[] | undefined, kind: MigrationOperation['kind'], here: Located, drop: MigrationOperation): Indexed | undefined {
  if (list === undefined) return undefined;
  for (let k = 0; k < list.length; k++) {
    const x = list[k]!;
    if (x.o.kind === kind && isEarlier(x, here, drop)) return x;
  }
  return undefined;
}

/** Of two candidates, the one first in the table's order. */
const earliest = (a: Indexed | undefined, b: Indexed | undefined): Indexed | undefined => (a === undefined ? b : b === undefined || a.pos < b.pos ? a : b);

/** The same answer as scannedDropEvidence from the tables' indexes (test/unit/core/migrations/dropEvidence.test.ts). */
function indexedEvidence(here: Located, drop: MigrationOperation, indexes: ReadonlyMap<string, TableIndex>, tableKey: string, columnKey: string): DropEvidence {
  // Index loops and no closures: for-of makes an iterator and a result per step in a CLI run's unoptimised code.
  const table = indexes.get(tableKey);
  const star = indexes.get('*');
  // The copies in the scan's order: the table's, then the unknown tables' ('*', ORM data migrations).
  const copies: Indexed[] = [];
  pushEarlier(copies, table?.copiesByRead.get(columnKey), here, drop);
  pushEarlier(copies, star?.copiesByRead.get(columnKey), here, drop);
  const sameColumn = table?.byColumn.get(columnKey);
  let replacement: Indexed | undefined;
  if (table && copies.length > 0) {
    // The columns written, each once, in the order first written.
    const written: string[] = [];
    for (let c = 0; c < copies.length; c++) {
      const writes = copies[c]!.writes;
      for (let w = 0; w < writes.length; w++) if (!written.includes(writes[w]!)) written.push(writes[w]!);
    }
    for (let k = 0; k < written.length; k++) {
      const w = written[k]!;
      replacement = earliest(replacement, w === columnKey ? firstEarlier(sameColumn, 'rename-column', here, drop) : firstEarlier(table.byColumn.get(w), 'add-column', here, drop));
    }
  }
  let firstOther: Indexed | undefined;
  const addColumns = table?.addColumns;
  for (let k = 0; addColumns !== undefined && k < addColumns.length; k++) {
    const x = addColumns[k]!;
    if (x.l.index > here.index) break;
    if (x.column !== columnKey && isEarlier(x, here, drop)) {
      firstOther = x;
      break;
    }
  }
  const markers: Indexed[] = [];
  for (let k = 0; sameColumn !== undefined && k < sameColumn.length; k++) {
    const x = sameColumn[k]!;
    if (x.o.kind === 'ignore-column' && x.l.index < here.index) markers.push(x);
  }
  let swap: MigrationOperation | undefined;
  const renamesTo = table?.renamesTo.get(columnKey);
  for (let k = 0; renamesTo !== undefined && k < renamesTo.length; k++) {
    const x = renamesTo[k]!;
    if (x.l === here && x.o.statementStart >= drop.statementStart && x.o !== drop) {
      swap = x.o;
      break;
    }
  }
  let copy: Indexed | undefined;
  let copyInPlace: Indexed | undefined;
  for (let k = 0; k < copies.length; k++) {
    const c = copies[k]!;
    if (replacement) {
      if (c.writes.includes(replacement.column!)) {
        copy = c;
        break;
      }
    } else if (c.l.index === here.index && writesOther(c.writes, columnKey)) {
      copyInPlace = c;
      break;
    }
  }
  return {
    replacement,
    copy,
    copyInPlace,
    firstAdd: table ? earliest(firstOther, firstEarlier(sameColumn, 'rename-column', here, drop)) : undefined,
    markers,
    swap,
  };
}

/** Appends the operations of `list` earlier than the drop, in order. */
function pushEarlier(out: Indexed[], list: readonly Indexed[] | undefined, here: Located, drop: MigrationOperation): void {
  if (list === undefined) return;
  for (let k = 0; k < list.length; k++) if (isEarlier(list[k]!, here, drop)) out.push(list[k]!);
}

/** Some column written is not `column`. */
function writesOther(writes: readonly string[], column: string): boolean {
  for (let w = 0; w < writes.length; w++) if (writes[w] !== column) return true;
  return false;
}

const same = (a: string | undefined, b: string | undefined): boolean => a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
const camel = (name: string): string => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * Analyses by file object: the workspace check lints the same files twice (once to learn which names are dropped,
 * once with the evidence), and parsing is most of a lint. Kept only while the file's fields are unchanged, and
 * never when a statement met the Postgres parser before it had loaded (that analysis says "still loading").
 */
const analysed = new WeakMap<MigrationFile, { readonly text: string; readonly framework: MigrationFile['framework']; readonly path: string; readonly dialect: SqlDialect | undefined; readonly analysis: FileAnalysis }>();

function analyseWorkspaceFile(file: MigrationFile, dialect: SqlDialect | undefined): FileAnalysis {
  const hit = analysed.get(file);
  if (hit && hit.text === file.text && hit.framework === file.framework && hit.path === file.path && hit.dialect === dialect) return hit.analysis;
  const misses = postgresParserMisses();
  const analysis = analyseFile(file.text, { framework: file.framework, dialect, path: file.path });
  if (postgresParserMisses() === misses) analysed.set(file, { text: file.text, framework: file.framework, path: file.path, dialect, analysis });
  return analysis;
}

/** More migrations than this added by one commit: an import of a project's history or a move, no one feature. */
const BULK_ADD = 10;

/**
 * The table was created by an earlier migration first released (or still unreleased) with this one: no release ran
 * with rows in it or with code that inserts without the new column, so a NOT NULL column without a default is
 * harmless (redash favorites.org_id, rubygems oidc_api_key_roles.token). Only when both releases are known,
 * neither file came with a bulk add, and an earlier migration shipped in an earlier release: the release that
 * brings a project's first migrations is where its known history starts (a first commit importing an older
 * repository, papercups; development before the first tag, saleor), so its boundaries say nothing.
 */
function createdInSameRelease(here: Located, table: string, located: readonly Located[], byTable: ByTable, context: LintContext, addedTogether: ReadonlyMap<string, number>): boolean {
  const release = context.releases?.get(here.file.path);
  const single = (commit: string | null | undefined): boolean => commit != null && (addedTogether.get(commit) ?? 0) <= BULK_ADD;
  if (!release || !single(release.commit)) return false;
  return (byTable.get(table.toLowerCase()) ?? []).some(({ l, o }) => {
    if (o.kind !== 'create-table' || l.index >= here.index) return false;
    const created = context.releases!.get(l.file.path);
    if (created === undefined || !single(created.commit) || created.tag !== release.tag) return false;
    return located.some((earlier) => earlier.index < l.index && inOtherRelease(context.releases!.get(earlier.file.path), release));
  });
}

/** A migration ordered earlier that shipped in another known release: the history has a boundary before this one. */
function inOtherRelease(other: ReleaseInfo | undefined, release: ReleaseInfo): boolean {
  return other !== undefined && other.tag !== null && other.tag !== release.tag;
}

/**
 * The operations of every file by path, in tool order: what lintMigrations reports as `operations`, without
 * weighing any finding (the workspace check's first pass, which only needs to know what is dropped).
 */
export function migrationOperations(files: readonly MigrationFile[], context: Pick<LintContext, 'dialect'> = {}): Map<string, readonly MigrationOperation[]> {
  const operations = new Map<string, readonly MigrationOperation[]>();
  const sorted = sortMigrationFiles(files);
  for (let k = 0; k < sorted.length; k++) operations.set(sorted[k]!.path, analyseWorkspaceFile(sorted[k]!, sorted[k]!.dialect ?? context.dialect).operations);
  return operations;
}

/** The workspace path: every migration file, with the evidence gathered by src/node. */
export function lintMigrations(files: readonly MigrationFile[], context: LintContext = {}): MigrationLintResult {
  const sorted = sortMigrationFiles(files);
  const located: Located[] = sorted.map((file, index) => ({ file, index, analysis: analyseWorkspaceFile(file, file.dialect ?? context.dialect) }));
  const findings: MigrationFinding[] = [];
  const suppressed: MigrationFinding[] = [];
  const notAnalysed: NotAnalysed[] = [];
  const operations = new Map<string, readonly MigrationOperation[]>();
  const markers = (m: { path: string; text: string }, release?: { commit: string; tag: string | null }): IgnoredColumn[] =>
    ignoredColumnsOf(m.text).map((c) => ({ ...c, path: m.path, text: m.text, table: tableOfModelFile(m.text), ...(release ? { commit: release.commit, tag: release.tag } : {}) }));
  const ignored = [...(context.modelFiles ?? []).flatMap((m) => markers(m)), ...(context.modelHistory ?? []).flatMap((m) => markers(m, m))];
  // Operations by table (lower case; '*' for ORM data migrations of unknown tables), in file order.
  const byTable = new Map<string, Indexed[]>();
  // No names: one shared empty list (read only), not an empty array per operation that lives to the end.
  const lower = (names: readonly string[] | undefined): readonly string[] => (names === undefined || names.length === 0 ? NO_NAMES : names.map((n) => n.toLowerCase()));
  for (let h = 0; h < located.length; h++) {
    const l = located[h]!;
    const fileOperations = l.analysis.operations;
    for (let k = 0; k < fileOperations.length; k++) {
      const o = fileOperations[k]!;
      const key = o.table.toLowerCase();
      let list = byTable.get(key);
      if (!list) byTable.set(key, (list = []));
      list.push({ l, o, table: key, column: o.column?.toLowerCase(), reads: lower(o.reads), writes: lower(o.writes), pos: list.length });
    }
  }

  // Built at the first drop: a workspace without drops never needs it.
  let indexes: Map<string, TableIndex> | undefined;
  // How many migration files each commit added: a commit that adds many at once is an import or a move.
  const addedTogether = new Map<string, number>();
  for (const release of context.releases?.values() ?? []) if (release.commit) addedTogether.set(release.commit, (addedTogether.get(release.commit) ?? 0) + 1);
  for (let h = 0; h < located.length; h++) {
    const here = located[h]!;
    const { file, analysis } = here;
    operations.set(file.path, analysis.operations);
    if (analysis.notAnalysed.length > 0) notAnalysed.push(...analysis.notAnalysed);
    const suppressions = context.allowSuppressions === false ? [] : analysis.suppressions;
    let raw = localFindings(file.path, analysis.operations, analysis.dialect, (o) => typeBefore(here, o, byTable));
    // Filtered (a closure and a copy) only when there is a required column to weigh.
    for (let n = 0; n < raw.length; n++) {
      if (raw[n]!.ruleId !== 'add-required-column-without-default') continue;
      raw = raw.filter((f) => !(f.ruleId === 'add-required-column-without-default' && createdInSameRelease(here, f.table, located, byTable, context, addedTogether)));
      break;
    }
    let rebuilt: Set<string> | undefined;
    const fileOperations = analysis.operations;
    for (let n = 0; n < fileOperations.length; n++) {
      const o = fileOperations[n]!;
      if (o.kind === 'drop-column' && o.column !== undefined) {
        // A loop, not push(...): a call with a spread per drop was a third of this loop's own time, unoptimised.
        const drops = dropColumnFindings(here, o, byTable, (indexes ??= tableIndexes(byTable)), context, ignored);
        for (let k = 0; k < drops.length; k++) raw.push(drops[k]!);
      }
      if (o.kind === 'drop-table' && !(rebuilt ??= rebuiltTables(analysis.operations)).has(o.table.toLowerCase())) {
        const f = dropTableFinding(file.path, o, context);
        if (f) raw.push(f);
      }
    }
    raw.sort(byStart);
    if (suppressions.length === 0 && !context.rules) {
      // No suppression comment and no rule settings (most files): the findings as they are, without the copies.
      for (let k = 0; k < raw.length; k++) findings.push(raw[k]!);
      continue;
    }
    const applied = applySuppressions(raw, suppressions, analysis.starts);
    findings.push(...applyRules([...applied.kept, ...invalidSuppressions(file.path, suppressions)], context.rules));
    suppressed.push(...applyRules(applied.suppressed, context.rules));
  }
  return { findings, suppressed, notAnalysed, operations };
}

const byStart = (a: MigrationFinding, b: MigrationFinding): number => a.start - b.start;

/** The type the column was last declared with before `alter` (an earlier add, alter or create-table of it). */
function typeBefore(here: Located, alter: MigrationOperation, byTable: ByTable): ColumnType | undefined {
  if (alter.column === undefined || alter.columnType === undefined) return undefined;
  const types = new Map<string, ColumnType>();
  for (const { l, o } of byTable.get(alter.table.toLowerCase()) ?? []) {
    if (!(l.index < here.index || (l.index === here.index && o.statementEnd <= alter.statementStart))) continue;
    const column = o.column?.toLowerCase();
    if ((o.kind === 'add-column' || o.kind === 'change-column-type') && column !== undefined) {
      if (o.columnType) types.set(column, o.columnType);
      else types.delete(column);
    } else if (o.kind === 'create-table') for (const c of o.columns ?? []) types.set(c.name.toLowerCase(), c.type);
    else if (o.kind === 'drop-column' && column !== undefined) types.delete(column);
    else if (o.kind === 'rename-column' && column !== undefined && o.newName !== undefined) {
      const type = types.get(column);
      types.delete(column);
      if (type) types.set(o.newName.toLowerCase(), type);
    }
  }
  return types.get(alter.column.toLowerCase());
}

function referencesOf(context: LintContext, name: string) {
  if (!context.references) return undefined;
  const seen = new Set<string>();
  return [name.toLowerCase(), camel(name).toLowerCase()]
    .flatMap((key) => context.references!.get(key) ?? [])
    .filter((r) => {
      const key = `${r.file}:${r.line}:${r.column}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

function lineIn(file: Located, offset: number): number {
  return lineOf(file.analysis.starts, offset) + 1;
}

type IgnoredColumn = { column: string; start: number; path: string; text: string; table: string | null; commit?: string; tag?: string | null };

function dropColumnFindings(here: Located, drop: MigrationOperation, byTable: ByTable, indexes: ReadonlyMap<string, TableIndex>, context: LintContext, ignored: readonly IgnoredColumn[]): Array<MigrationFinding> {
  const column = drop.column!;
  // Names compared without case: `x.table`, `x.column`, `x.reads`, `x.writes` are lower case already.
  const columnKey = column.toLowerCase();
  const tableKey = drop.table.toLowerCase();
  const evidence: Evidence[] = [];
  const expandFiles: Array<{ path: string; what: string }> = [];
  // A drop on '*' itself would meet that list twice in the scan: left to the scan.
  const found = indexedDropEvidence && tableKey !== '*' ? indexedEvidence(here, drop, indexes, tableKey, columnKey) : scannedDropEvidence(here, drop, byTable, tableKey, columnKey);

  // 1. An earlier migration added a replacement on the same table and backfilled or dual-wrote it from this column.
  const replacement = found.replacement;
  // The same migration copies the column into one that already exists (redash moves users.profile_image_url into
  // details with an UPDATE) and drops it: an expand and contract in one step, whatever the target's age.
  const copyInPlace = found.copyInPlace;
  if (copyInPlace) {
    const target = copyInPlace.o.writes!.find((w) => !same(w, column))!;
    evidence.push({ kind: 'backfill', description: `${here.file.path} copies ${column} into ${drop.table}.${target} before the drop`, file: here.file.path, line: lineIn(here, copyInPlace.o.start) });
    expandFiles.push({ path: here.file.path, what: 'the backfill' });
  } else if (replacement) {
    const copy = found.copy!;
    evidence.push({ kind: 'expand-migration', description: `${replacement.l.file.path} adds ${drop.table}.${replacement.o.column}`, file: replacement.l.file.path, line: lineIn(replacement.l, replacement.o.start) });
    evidence.push({ kind: copy.o.kind === 'dual-write' ? 'dual-write' : 'backfill', description: `${copy.l.file.path} ${copy.o.kind === 'dual-write' ? 'dual-writes' : 'backfills'} ${replacement.o.column} from ${column}`, file: copy.l.file.path, line: lineIn(copy.l, copy.o.start) });
    expandFiles.push({ path: replacement.l.file.path, what: 'the expand migration' }, { path: copy.l.file.path, what: copy.o.kind === 'dual-write' ? 'the dual write' : 'the backfill' });
  } else if (found.firstAdd) {
    const a = found.firstAdd;
    evidence.push({ kind: 'missing', lookedFor: 'backfill', description: `${a.l.file.path} adds ${drop.table}.${a.o.column}, but no backfill or trigger copies ${column} into it` });
  } else {
    evidence.push({ kind: 'missing', lookedFor: 'expand-migration', description: `no earlier migration adds a replacement column on ${drop.table} and backfills it from ${column}` });
  }

  // 2. The application stopped using the column: ORM markers, schema, code references.
  let marker = false;
  for (let k = 0; k < found.markers.length; k++) {
    const { l, o } = found.markers[k]!;
    marker = true;
    evidence.push({ kind: 'ignore-marker', description: `${l.file.path} removes ${column} from the ORM state only (SeparateDatabaseAndState)`, file: l.file.path, line: lineIn(l, o.start) });
    expandFiles.push({ path: l.file.path, what: 'the state-only removal' });
  }
  // Rails: the model of this table (a model of another table ignoring a column of the same name says nothing)
  // ignores the column now, or did in an earlier release (the drop's commit usually removes the line).
  let markerOverridesReferences = false;
  let sameReleaseMarker: IgnoredColumn | undefined;
  if (here.file.framework === 'rails') {
    const ofTable = ignored.filter((i) => same(i.column, column) && (i.table === null || same(i.table, drop.table)));
    const dropTag = context.releases?.get(here.file.path)?.tag;
    const current = ofTable.find((i) => i.commit === undefined);
    const earlier = ofTable.find((i) => i.commit !== undefined && dropTag !== undefined && i.tag !== dropTag && i.tag !== null);
    sameReleaseMarker = current || earlier ? undefined : ofTable.find((i) => i.commit !== undefined);
    const hit = current ?? earlier ?? sameReleaseMarker;
    if (hit) {
      marker = true;
      // The model cannot read or write an ignored column: a name left elsewhere is another table's column.
      markerOverridesReferences = hit === earlier;
      const when = hit.commit === undefined ? '' : ` in ${hit.commit.slice(0, 7)}${hit.tag ? `, released in ${hit.tag}` : ''}`;
      evidence.push({ kind: 'ignore-marker', description: `${hit.path} lists ${column} in ignored_columns${when}`, file: hit.path, line: lineOf(lineStartOffsets(hit.text), hit.start) + 1 });
    } else evidence.push({ kind: 'missing', lookedFor: 'ignore-marker', description: `no model of ${drop.table} lists ${column} in self.ignored_columns` });
  }
  const schemaHit = schemaField(context, drop.table, column);
  if (schemaHit === 'removed') {
    marker = true;
    evidence.push({ kind: 'schema-removed', description: `the field for ${drop.table}.${column} is gone from the schema` });
  } else if (schemaHit) {
    evidence.push({ kind: 'missing', lookedFor: 'schema-removed', description: `${schemaHit.path} still declares ${column}`, file: schemaHit.path, line: schemaHit.line });
  }
  // The markers themselves (an ignored_columns line, a Prisma field marked @ignore) are not uses of the column.
  // Without searched references (outside git) there is nothing to filter: no set of marker lines per drop.
  const markerLines = context.references ? new Set(evidence.filter((e) => e.kind === 'ignore-marker' && e.file && e.line).map((e) => `${e.file}:${e.line}`)) : undefined;
  const refs = referencesOf(context, column)?.filter((r) => !markerLines!.has(`${r.file}:${r.line}`) && !(r.file.endsWith('.prisma') && /@ignore\b/.test(r.text)));
  if (refs === undefined) evidence.push({ kind: 'missing', lookedFor: 'code-reference', description: 'code references were not searched' });
  else if (refs.length === 0) evidence.push({ kind: 'code-reference', description: `no references to ${column}${camel(column) !== column ? ` or ${camel(column)}` : ''} outside the migrations` });
  else for (const r of refs) evidence.push({ kind: 'code-reference', description: `still referenced: ${r.text.trim().slice(0, 120)}`, file: r.file, line: r.line, column: r.column });

  const refsRemaining = (refs?.length ?? 0) > 0 && !markerOverridesReferences;
  const releaseOf = (path: string) => context.releases?.get(path);
  const dropRelease = releaseOf(here.file.path);
  // "Nothing references it at HEAD" proves nothing on its own: the code that used the column may have been
  // removed in this very release, and the running (previous) release still uses it. It counts only when
  // the history of the drop's release was searched (codeChanges) and showed no such removal.
  const unusedAtHead = refs !== undefined && refs.length === 0;
  const releaseSearched = context.releases !== undefined && context.codeChanges !== undefined && dropRelease !== undefined;
  const unusedSinceEarlierRelease = unusedAtHead && releaseSearched;
  const unprovenUnused = unusedAtHead && !releaseSearched && replacement === undefined && copyInPlace === undefined && !marker;
  if (unprovenUnused) {
    evidence.push({ kind: 'missing', lookedFor: 'release', description: `nothing references ${column} now, but whether the code stopped using it in an earlier release was not checked (no git history of releases)` });
  }
  const stopped = marker || unusedSinceEarlierRelease;
  // Drop `id`, then rename `public_id` to `id` in the same migration (koel's promote_public_ids): the column is
  // swapped in place, and the running release reads the new values under the old name. The rename is reported
  // on its own; the drop is no contract step of anything.
  // The file's operations on this table, in file order (the table's index lists them so): the first such rename.
  const swap = found.swap;
  if (swap) evidence.push({ kind: 'missing', lookedFor: 'expand-migration', description: `${here.file.path} renames ${swap.column} to ${column} after the drop: the column is swapped in place`, file: here.file.path, line: lineIn(here, swap.start) });
  const safe = !swap && !refsRemaining && (replacement !== undefined || copyInPlace !== undefined || stopped) && !(schemaHit && schemaHit !== 'removed');

  // 3. Release boundaries.
  const out: Array<MigrationFinding> = [];
  const sameRelease: string[] = [];
  for (let k = 0; k < expandFiles.length; k++) {
    const e = expandFiles[k]!;
    if (e.path === here.file.path) {
      sameRelease.push(`${e.what} is in the same migration file`);
      continue;
    }
    const r = releaseOf(e.path);
    if (!r || !dropRelease) continue;
    if (r.tag === dropRelease.tag) sameRelease.push(`${e.what} (${e.path}) and the drop are both ${r.tag === null ? 'unreleased' : `first released in ${r.tag}`}`);
    else evidence.push({ kind: 'release', description: `${e.what} (${e.path}) shipped in ${r.tag ?? 'no release yet'}, the drop ${dropRelease.tag === null ? 'is unreleased' : `ships in ${dropRelease.tag}`}` });
  }
  if (sameReleaseMarker) sameRelease.push(`${column} was added to ignored_columns (${sameReleaseMarker.path}, ${sameReleaseMarker.commit!.slice(0, 7)}) in the same release as the drop`);
  const change = context.codeChanges?.get(column.toLowerCase());
  // After a release that ignored the column, the change in the drop's release is the removal of that marker.
  if (change && dropRelease && change.tag === dropRelease.tag && !refsRemaining && !markerOverridesReferences) {
    sameRelease.push(`the code change that stopped using ${column} (${change.commit.slice(0, 7)}${change.file ? `, ${change.file}` : ''}) ships ${change.tag === null ? 'unreleased' : `in ${change.tag}`}, the same release as the drop`);
  }
  if (!context.releases) evidence.push({ kind: 'missing', lookedFor: 'release', description: 'release boundaries were not checked (no git history)' });

  if (!safe) {
    let firstMissing: string | undefined;
    for (let k = 0; k < evidence.length && firstMissing === undefined; k++) if (evidence[k]!.kind === 'missing') firstMissing = evidence[k]!.description;
    const why = swap
      ? `the same migration renames ${swap.column} to ${column}, so the running release reads other values under ${column}`
      : refsRemaining
      ? `${refs!.length} reference${refs!.length === 1 ? ' to ' + column + ' remains' : 's to ' + column + ' remain'} in the code`
      : unprovenUnused ? `nothing references ${column} now, but nothing shows it was unused in an earlier release` : firstMissing ?? 'no expand phase found';
    out.push(finding('drop-column', here.file.path, drop, `Dropping ${qualified(drop)} without an expand phase: ${why}.`, evidence));
  } else if (sameRelease.length > 0) {
    // The evidence list is this finding's alone: the release notes appended to it (no copy).
    for (let k = 0; k < sameRelease.length; k++) evidence.push({ kind: 'release', description: sameRelease[k]! });
    out.push(finding('expand-contract-same-release', here.file.path, drop, `Expand and contract of ${qualified(drop)} in the same release: ${sameRelease[0]}.`, evidence));
  } else {
    // Safe: say what was found, as information (the hover and the CLI show the evidence).
    const found = evidence.find((e) => e.kind === 'expand-migration' || e.kind === 'ignore-marker' || e.kind === 'schema-removed') ?? evidence.find((e) => e.kind === 'code-reference');
    out.push(finding('drop-column', here.file.path, drop, `Dropping ${qualified(drop)} is the contract step of an expand phase: ${found?.description ?? 'the application no longer uses it'}.`, evidence, 'information'));
  }
  return out;
}

function dropTableFinding(file: string, o: MigrationOperation, context: LintContext): MigrationFinding | null {
  const refs = referencesOf(context, o.table);
  if (refs === undefined) return finding('drop-table', file, o, `Dropping table ${o.table}: references in the code were not searched, so nothing shows it is unused.`, [{ kind: 'missing', lookedFor: 'code-reference', description: 'code references were not searched' }]);
  if (refs.length === 0) return null;
  return finding('drop-table', file, o, `Dropping table ${o.table} while ${refs.length} reference${refs.length === 1 ? '' : 's'} to it remain in the code.`, refs.map((r) => ({ kind: 'code-reference' as const, description: `still referenced: ${r.text.trim().slice(0, 120)}`, file: r.file, line: r.line, column: r.column })));
}

/**
 * schema.prisma: the model mapped to `table` ("removed" when it exists without the field; the field's location when
 * it is still declared; null when no model maps to the table).
 */
function schemaField(context: LintContext, table: string, column: string): 'removed' | { path: string; line: number } | null {
  const schemaFiles = context.schemaFiles;
  if (schemaFiles === undefined || schemaFiles.length === 0) return null;
  for (const schema of schemaFiles) {
    if (!schema.path.endsWith('.prisma')) continue;
    const models = schema.text.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm);
    for (const m of models) {
      const body = m[2]!;
      const mapped = /@@map\(\s*"([^"]+)"\s*\)/.exec(body)?.[1] ?? m[1]!;
      if (!same(mapped, table) && !same(tableOfModel(m[1]!), table)) continue;
      const bodyStart = m.index! + m[0].indexOf(body);
      for (const line of body.split('\n')) {
        const field = /^\s*(\w+)\s+\w/.exec(line);
        if (!field || line.trim().startsWith('//') || line.trim().startsWith('@@')) continue;
        const dbName = /@map\(\s*"([^"]+)"\s*\)/.exec(line)?.[1] ?? field[1]!;
        if (same(dbName, column) && !/@ignore\b/.test(line)) {
          const offset = bodyStart + body.indexOf(line);
          return { path: schema.path, line: schema.text.slice(0, offset).split('\n').length };
        }
      }
      return 'removed';
    }
  }
  return null;
}

export type { Finding };
