// dist/cli.js's stand-in for commandsLoader.ts: requires the commands' bundles beside it. Requires of a
// computed path, which esbuild leaves alone, so the commands and their libraries stay out of dist/cli.js.
import { join } from 'node:path';
import type { Commands, MigrationsCommands, SqlCommands } from './commandsLoader';

export function loadCommands(): Promise<Commands> {
  return Promise.resolve(require(join(__dirname, 'cliCommands.js')) as Commands);
}

export function loadSqlCommands(): Promise<SqlCommands> {
  return Promise.resolve(require(join(__dirname, 'cliSql.js')) as SqlCommands);
}

export function loadMigrationsCommands(): Promise<MigrationsCommands> {
  return Promise.resolve(require(join(__dirname, 'cliMigrations.js')) as MigrationsCommands);
}
