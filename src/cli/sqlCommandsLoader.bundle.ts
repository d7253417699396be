// dist/cli.js's stand-in for sqlCommandsLoader.ts: requires the second bundle, dist/cliSql.js, beside it.
// A require of a computed path, which esbuild leaves alone, so the SQL parsers stay out of dist/cli.js.
import { join } from 'node:path';
import type { SqlCommands } from './sqlCommandsLoader';

export function loadSqlCommands(): Promise<SqlCommands> {
  const bundle = join(__dirname, 'cliSql.js');
  return Promise.resolve(require(bundle) as SqlCommands);
}
