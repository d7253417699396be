// Loads the SQL commands. From the sources (tests run them with tsx) an ordinary import; the CLI bundle swaps
// this file for sqlCommandsLoader.bundle.ts (esbuild.mjs), which requires dist/cliSql.js at run time.
export type SqlCommands = typeof import('./sqlCommands');

export function loadSqlCommands(): Promise<SqlCommands> {
  return import('./sqlCommands');
}
