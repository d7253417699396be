// Entry of dist/cliMigrations.js: `migrations` alone, so that it starts without the other checks' code that
// dist/cliSql.js carries for `check` (pipelines, commits, flags, releases).
export { migrationsCommand } from './commands/migrations';
