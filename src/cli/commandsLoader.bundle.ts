// dist/cli.js's stand-in for commandsLoader.ts: requires the commands' bundles beside it, through their V8 code
// cache when there is a trustworthy one (codeCache.ts). Computed paths, which esbuild leaves alone, so the commands
// and their libraries stay out of dist/cli.js.
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { requireBundle } from './codeCache';
import type { Commands, FlagsCommands, LintJsonlCommands, MigrationsCommands, ReleaseCommands, SqlCommands } from './commandsLoader';

export function loadCommands(): Promise<Commands> {
  return Promise.resolve(requireBundle(join(__dirname, 'cliCommands.js')) as Commands);
}

export function loadReleaseCommands(): Promise<ReleaseCommands> {
  return Promise.resolve(requireBundle(join(__dirname, 'cliRelease.js')) as ReleaseCommands);
}

/**
 * The PostgreSQL parser's WebAssembly (1.7 MB) kept on V8's baseline compiler: a CLI run parses for well under a
 * second, and the optimising tier's background compiles cost more CPU than they save (1,000 files: ~830 → ~560 ms
 * CPU, never slower up to 10,000 files; docs/benchmarks.md, Migrations). Set before the bundle compiles the module.
 */
function baselineWebAssembly(): void {
  setFlagsFromString('--liftoff-only');
}

export function loadSqlCommands(): Promise<SqlCommands> {
  baselineWebAssembly();
  return Promise.resolve(requireBundle(join(__dirname, 'cliSql.js')) as SqlCommands);
}

export function loadMigrationsCommands(): Promise<MigrationsCommands> {
  baselineWebAssembly();
  return Promise.resolve(requireBundle(join(__dirname, 'cliMigrations.js')) as MigrationsCommands);
}

export function loadFlagsCommands(): Promise<FlagsCommands> {
  return Promise.resolve(requireBundle(join(__dirname, 'cliFlags.js')) as FlagsCommands);
}

export function loadLintJsonlCommands(): Promise<LintJsonlCommands> {
  return Promise.resolve(requireBundle(join(__dirname, 'cliLintJsonl.js')) as LintJsonlCommands);
}
