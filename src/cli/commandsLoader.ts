// Loads the commands' code when a command runs. From the sources (tests run them with tsx) ordinary imports;
// the CLI bundle swaps this file for commandsLoader.bundle.ts (esbuild.mjs), which requires the bundles
// dist/cliCommands.js and dist/cliSql.js (the SQL parsers) at run time.
export type Commands = typeof import('./commands');
export type SqlCommands = typeof import('./sqlCommands');

export function loadCommands(): Promise<Commands> {
  return import('./commands');
}

export function loadSqlCommands(): Promise<SqlCommands> {
  return import('./sqlCommands');
}
