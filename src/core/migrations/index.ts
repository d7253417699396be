// The migrations engine's public surface (pure): the CLI, src/node and the editor import from here only.
// Signatures are documented in ./types.ts.
export type * from './types';
export { analyseMigrationText, lintMigrations, migrationOperations } from './analyse';
export { DEFAULT_MIGRATION_GLOBS, detectDialect, detectFramework, globToRegExp, isMigrationCandidate, matchesMigrationGlobs, orderKeyFor, referenceSpellings, sortMigrationFiles } from './files';
export { MIGRATION_RULES, MIGRATIONS_DOC_URL, RULE_ALIASES, migrationHelpUrl, recipeFor } from './rules';
export { parseSuppressions, resolveRuleId } from './suppressions';
export { ignoredColumnsOf, tableOfModel } from './orm/rails';
export { loadSqlParsers, postgresParserMisses, sqlParsersReady } from './sql/parseSql';
