// Loads the commands' code when a command runs. From the sources (tests run them with tsx) ordinary imports;
// the CLI bundle swaps this file for commandsLoader.bundle.ts (esbuild.mjs), which requires the bundles
// dist/cliCommands.js, dist/cliSql.js (`check`, with the SQL parsers), dist/cliMigrations.js, dist/cliRelease.js
// (`next-version`, `changelog`), dist/cliFlags.js and dist/cliLintJsonl.js (`lint-message --jsonl`) at run time.
export type Commands = typeof import('./commands');
export type SqlCommands = typeof import('./sqlCommands');
export type MigrationsCommands = typeof import('./migrationsCommands');
export type ReleaseCommands = typeof import('./releaseCommands');
export type FlagsCommands = typeof import('./flagsCommands');
export type LintJsonlCommands = typeof import('./lintJsonlCommands');

export function loadCommands(): Promise<Commands> {
  return import('./commands');
}

export function loadSqlCommands(): Promise<SqlCommands> {
  return import('./sqlCommands');
}

export function loadMigrationsCommands(): Promise<MigrationsCommands> {
  return import('./migrationsCommands');
}

export function loadReleaseCommands(): Promise<ReleaseCommands> {
  return import('./releaseCommands');
}

export function loadFlagsCommands(): Promise<FlagsCommands> {
  return import('./flagsCommands');
}

export function loadLintJsonlCommands(): Promise<LintJsonlCommands> {
  return import('./lintJsonlCommands');
}
