// Entry of dist/cliSql.js: the commands that need the SQL parsers (node-sql-parser, libpg-query and its
// WebAssembly), so that dist/cli.js stays small and every other command starts without compiling them.
export { checkCommand } from './commands/check';
export { migrationsCommand } from './commands/migrations';
