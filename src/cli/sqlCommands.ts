// Entry of dist/cliSql.js: `check`, which needs the SQL parsers (libpg-query and its WebAssembly; node-sql-parser
// from dist/sqlParserMysql.js and dist/sqlParserSqlite.js on first use), so that dist/cli.js stays small and every
// other command starts without compiling them. `migrations` alone is dist/cliMigrations.js.
export { checkCommand } from './commands/check';
