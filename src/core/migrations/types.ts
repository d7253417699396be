// The migrations engine's public types (pure). The editor (src/vscode/migrations/**), the CLI and src/node
// import these through src/core/migrations/index.ts.
//
// Exported functions (src/core/migrations/index.ts):
//
//   analyseMigrationText(text, { framework, dialect, path? }) → MigrationAnalysis
//       The as-you-type path: one file's text, no workspace. Splits and parses the file, returns the
//       schema operations it performs, the findings that need no other file (rename-column,
//       change-column-type, rename-table, add-required-column-without-default; drop-column and drop-table
//       with the evidence "not looked for: no workspace"), the suppressions and the statements it could
//       not read (NotAnalysed). Never throws. PostgreSQL needs `await loadSqlParsers()` once (WebAssembly);
//       before it resolves, Postgres statements the token-level fast path (sql/fastPostgres.ts) does not read
//       come back as NotAnalysed "the PostgreSQL parser is still loading" (postgresParserMisses() counts them).
//
//   lintMigrations(files, context) → MigrationLintResult
//       The workspace path: every migration file in tool order (sortMigrationFiles), plus what src/node
//       gathered (code references to columns, release of each migration file, schema files). Decides, for
//       each drop, whether an expand phase exists (earlier migration added + backfilled/dual-wrote a
//       replacement on the same table; ORM ignore markers; no references left in code; expand in an
//       earlier release), and reports the same-release case. A drop whose expand phase was found is reported
//       with severity "information" and the evidence (for the hover), not dropped silently.
//
//   migrationOperations(files, { dialect? }) → Map<path, MigrationOperation[]>
//       lintMigrations' `operations` alone (no findings weighed): the workspace check's first pass.
//
//   loadSqlParsers() → Promise<void>                               load the PostgreSQL parser (WASM) once
//   detectFramework(path, text?) → MigrationFramework | null      which tool a file belongs to (by path/text)
//   detectDialect(text) → SqlDialect | null                        dialect from the SQL, a Prisma provider, a config
//   DEFAULT_MIGRATION_GLOBS, matchesMigrationGlobs(path, globs?), globToRegExp(glob)
//   sortMigrationFiles(files) → MigrationFile[]                    each tool's own order (orderKey; Alembic's chain)
//   orderKeyFor(path, framework) → string                          the sortable key of one file
//   parseSuppressions(text, comments, codeLines) → Suppression[]   `release-hygiene-ignore <rule>: <reason>`
//   resolveRuleId(name) → MigrationRuleId | null                   rule names and their aliases
//   MIGRATION_RULES: Record<MigrationRuleId, MigrationRuleInfo>     severity and title
//   migrationHelpUrl(ruleId) → string                               docs/migrations.md#<rule-id>
//   recipeFor(ruleId, { table, column, newName }) → string          the expand-contract recipe, as text
//   ignoredColumnsOf(rubyText), tableOfModel(className)              Rails model helpers
//
// Node side (src/node/migrations): checkMigrations({ root, paths?, dialect?, globs? }) gathers everything and runs
// lintMigrations; its parts (findMigrationFiles, searchReferences, loadReleaseMap, addingCommits,
// lastCodeChanges, detectProjectDialect, listWorkspaceFiles) are exported for the editor.
//
// Offsets (start/end) are UTF-16 offsets into the exact file text, as in Finding.

import type { Finding, Severity } from '../findings';

export type SqlDialect = 'postgres' | 'mysql' | 'sqlite';

export type MigrationFramework =
  | 'sql' // plain SQL (Flyway V*__*.sql, golang-migrate *.up.sql, goose, dbmate, Atlas, Liquibase formatted SQL)
  | 'prisma' // prisma/migrations/*/migration.sql
  | 'drizzle' // drizzle/NNNN_name.sql with `--> statement-breakpoint`
  | 'rails' // db/migrate/*.rb
  | 'django' // <app>/migrations/NNNN_*.py
  | 'alembic' // versions/*.py
  | 'knex'
  | 'typeorm'
  | 'sequelize'
  | 'liquibase' // XML/YAML changelogs
  | 'laravel' // database/migrations/*.php
  | 'efcore' // Migrations/*.cs (not *.Designer.cs, *ModelSnapshot.cs)
  | 'ecto'; // priv/repo/migrations/*.exs

export interface MigrationFile {
  /** Workspace-relative path with forward slashes (the CLI prints it as is). */
  readonly path: string;
  readonly framework: MigrationFramework;
  /** SQL dialect; for ORM files the database the project uses. Absent: LintContext.dialect, else detected. */
  readonly dialect?: SqlDialect;
  readonly text: string;
  /** Sorts the files of one framework in the order the tool applies them (see orderKeyFor). */
  readonly orderKey: string;
}

export type MigrationRuleId =
  | 'drop-column'
  | 'rename-column'
  | 'change-column-type'
  | 'drop-table'
  | 'rename-table'
  | 'add-required-column-without-default'
  | 'expand-contract-same-release'
  /** A `release-hygiene-ignore` comment without a reason (it silences nothing). */
  | 'invalid-suppression';

/** What kind of schema change one statement or ORM call performs. */
export type OperationKind =
  | 'drop-column'
  | 'rename-column'
  | 'change-column-type'
  | 'add-column'
  | 'drop-table'
  | 'rename-table'
  | 'create-table'
  | 'backfill' // UPDATE t SET new = … old …, or an ORM data migration
  | 'dual-write' // a trigger that copies old → new
  | 'ignore-column' // Rails ignored_columns, Django state-only RemoveField, Prisma @ignore
  | 'other';

export interface MigrationOperation {
  readonly kind: OperationKind;
  /** Table name without schema and quotes (lower-cased unless it was quoted). */
  readonly table: string;
  readonly schema?: string;
  readonly column?: string;
  /** rename-column / rename-table: the new name; MySQL CHANGE old new likewise. */
  readonly newName?: string;
  /** add-column: NOT NULL and whether a default was given. */
  readonly notNull?: boolean;
  readonly hasDefault?: boolean;
  /** backfill / dual-write: the columns written and the columns read. */
  readonly writes?: readonly string[];
  readonly reads?: readonly string[];
  /** Where the operation is in the file: the name of the column/table when known, else the statement. */
  readonly start: number;
  readonly end: number;
  /** The whole statement or call. */
  readonly statementStart: number;
  readonly statementEnd: number;
  /** True inside a DO $$ … $$ block, a function/procedure body, RunSQL, queryRunner.query, execute. */
  readonly procedural?: boolean;
  /** Django SeparateDatabaseAndState state_operations: changes the ORM state only, not the database. */
  readonly stateOnly?: boolean;
  /**
   * add-column / change-column-type of ORM migrations that restate the whole column (Django AlterField, Ecto
   * modify): the declared type as the tool spells it (`CharField`, `text`, `references:users`), and its length
   * when it has one. An alter whose type is the one the column already had changes only options (null,
   * default, on_delete): not a type change.
   */
  readonly columnType?: ColumnType;
  /** change-column-type: the type before, when the migration itself says (Ecto `from:`). */
  readonly previousType?: ColumnType;
  /** create-table of ORM migrations: the columns it declares with their types. */
  readonly columns?: ReadonlyArray<{ readonly name: string; readonly type: ColumnType }>;
}

/** A column's declared type in an ORM migration (see MigrationOperation.columnType). */
export interface ColumnType {
  readonly name: string;
  readonly length?: number;
}

export type EvidenceKind =
  | 'expand-migration' // an earlier migration added the replacement column
  | 'backfill' // UPDATE … SET new = … old …
  | 'dual-write' // trigger
  | 'ignore-marker' // ignored_columns, state-only RemoveField, @ignore
  | 'schema-removed' // the field is gone from schema.prisma / the entity class
  | 'code-reference' // a remaining reference in application code (file + line)
  | 'release' // release boundary facts from git tags
  | 'missing'; // something that was looked for and not found

export interface Evidence {
  readonly kind: EvidenceKind;
  /** One sentence: what was found, or what was looked for and not found. */
  readonly description: string;
  /** Workspace-relative file of the evidence, when it has one. */
  readonly file?: string;
  /** 1-based line in `file`. */
  readonly line?: number;
  /** 1-based column in `file`. */
  readonly column?: number;
  /** For `missing`: the evidence kind that was looked for. */
  readonly lookedFor?: EvidenceKind;
}

export interface MigrationFinding extends Finding {
  readonly ruleId: MigrationRuleId;
  /** Workspace-relative migration file (the one `start`/`end` point into). */
  readonly file: string;
  readonly table: string;
  readonly columnName?: string;
  readonly evidence: readonly Evidence[];
  /** The safe recipe as plain text (several lines), also in docs/migrations.md#<rule>. */
  readonly recipe: string;
  /** Set when a suppression comment silences this finding. */
  readonly suppressed?: { readonly reason: string; readonly start: number; readonly end: number };
}

export interface NotAnalysed {
  readonly file: string;
  readonly start: number;
  readonly end: number;
  /** Why: the parser's message, "unsupported statement", … */
  readonly reason: string;
}

export interface Suppression {
  /** Rule id as written (aliases accepted: drop-column-without-expand → drop-column, …). */
  readonly ruleId: MigrationRuleId;
  readonly reason: string;
  /** The comment. */
  readonly start: number;
  readonly end: number;
  /** Applies to findings on this 0-based line (the comment's own line, or the next code line). */
  readonly appliesToLine: number;
  /** A suppression without a reason is reported as a finding instead of silencing anything. */
  readonly valid: boolean;
}

export interface MigrationAnalysis {
  readonly operations: readonly MigrationOperation[];
  /** Findings of this file alone (no workspace evidence), suppressions already applied. */
  readonly findings: readonly MigrationFinding[];
  /** Findings silenced by a suppression comment (with its reason). */
  readonly suppressedFindings?: readonly MigrationFinding[];
  readonly notAnalysed: readonly NotAnalysed[];
  readonly suppressions: readonly Suppression[];
  readonly dialect: SqlDialect;
}

export interface AnalyseOptions {
  readonly framework: MigrationFramework;
  readonly dialect?: SqlDialect;
  /** Workspace-relative path, copied to findings; default "". */
  readonly path?: string;
  /** Rules turned off or re-levelled (MigrationOptions.rules). */
  readonly rules?: MigrationOptions['rules'];
  /** false: suppression comments are ignored (every finding is reported). Default true. */
  readonly allowSuppressions?: boolean;
}

/** A reference to a column in application code (found by src/node, outside migration folders). */
export interface CodeReference {
  /** The column or ORM attribute name that matched. */
  readonly name: string;
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  readonly column: number;
  readonly text: string;
}

/** The release (semver tag) that first contains a commit, from git. */
export interface ReleaseInfo {
  /** e.g. "v1.4.0"; null when no tag contains it yet (unreleased). */
  readonly tag: string | null;
  /** The commit that added the file / made the change; null when uncommitted. */
  readonly commit: string | null;
}

export interface LintContext {
  /** Default dialect for files that don't say. */
  readonly dialect?: SqlDialect;
  /** Rules turned off or re-levelled (MigrationOptions.rules). */
  readonly rules?: MigrationOptions['rules'];
  /** false: suppression comments are ignored. Default true. */
  readonly allowSuppressions?: boolean;
  /**
   * Remaining code references per column name (lower-case), already searched by the caller.
   * Absent: references were not searched (the evidence says so).
   */
  readonly references?: ReadonlyMap<string, readonly CodeReference[]>;
  /** Release of each migration file (by path). Absent: release boundaries not checked. */
  readonly releases?: ReadonlyMap<string, ReleaseInfo>;
  /** Current ORM schema sources (schema.prisma, models) by path, for "field gone from the schema". */
  readonly schemaFiles?: ReadonlyArray<{ readonly path: string; readonly text: string }>;
  /**
   * The last commit outside migration folders that changed how often a column name occurs (git log -S), per
   * column name (lower-case): when the application stopped using it, and in which release.
   */
  readonly codeChanges?: ReadonlyMap<string, { readonly commit: string; readonly tag: string | null; readonly file?: string }>;
  /** Rails models etc. declaring ignored columns (path → text); searched for ignored_columns. */
  readonly modelFiles?: ReadonlyArray<{ readonly path: string; readonly text: string }>;
  /**
   * Earlier versions of those models, from the commits that changed their ignored columns, with the release each
   * shipped in: strong_migrations' pattern ignores the column in one release and, in a later one, drops it and
   * removes it from ignored_columns in the same commit, so the current model no longer shows the marker.
   */
  readonly modelHistory?: ReadonlyArray<{ readonly path: string; readonly text: string; readonly commit: string; readonly tag: string | null }>;
}

export interface MigrationLintResult {
  /** Unsuppressed findings, in file order. */
  readonly findings: readonly MigrationFinding[];
  /** Findings silenced by a suppression comment (with its reason). */
  readonly suppressed: readonly MigrationFinding[];
  readonly notAnalysed: readonly NotAnalysed[];
  /** Operations per file path, for the editor's hover and skeleton quick fix. */
  readonly operations: ReadonlyMap<string, readonly MigrationOperation[]>;
}

export interface MigrationRuleInfo {
  readonly id: MigrationRuleId;
  readonly severity: Severity;
  readonly title: string;
}

/** Options shared by the CLI and the editor settings (`releaseHygiene.migrations.*`). */
export interface MigrationOptions {
  readonly dialect?: SqlDialect;
  /** Globs of migration files (workspace-relative); default DEFAULT_MIGRATION_GLOBS. */
  readonly globs?: readonly string[];
  /** Rules turned off or re-levelled. */
  readonly rules?: Partial<Record<MigrationRuleId, Severity | 'off'>>;
  /** Accept suppression comments (default true). */
  readonly allowSuppressions?: boolean;
}
