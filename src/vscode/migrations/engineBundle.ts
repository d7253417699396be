// Entry of dist/migrationsEngine.js: the migration analysis with its SQL parsers (about 550 KB of JavaScript
// and a WebAssembly module), loaded only when a migration file is analysed, not when the extension activates.
export { analyseMigrationText, lintMigrations, loadSqlParsers } from '../../core/migrations';
