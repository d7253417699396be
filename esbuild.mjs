// Bundles the extension and the CLI into CommonJS files under dist/ (VS Code 1.100 loads extensions with require).
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'info',
  legalComments: 'none',
};

/** Resolves the CLI's commandsLoader to its bundle variant, which requires the commands' bundles at run time. */
const commandsFromBundles = {
  name: 'commands-from-bundles',
  setup(build) {
    build.onResolve({ filter: /\/commandsLoader$/ }, () => ({ path: fileURLToPath(new URL('src/cli/commandsLoader.bundle.ts', import.meta.url)) }));
  },
};

/**
 * node-sql-parser's MySQL and SQLite builds (most of the CLI's SQL code) as stand-ins that require
 * dist/sqlParser<Dialect>.js the first time a parser is made: a Postgres check never compiles them.
 */
const sqlParsersOnFirstUse = {
  name: 'sql-parsers-on-first-use',
  setup(build) {
    build.onResolve({ filter: /^node-sql-parser\/build\/(mysql|sqlite)$/ }, (args) => ({ path: args.path, namespace: 'sql-parser-on-first-use' }));
    build.onLoad({ filter: /.*/, namespace: 'sql-parser-on-first-use' }, (args) => {
      const file = `sqlParser${args.path.endsWith('mysql') ? 'Mysql' : 'Sqlite'}.js`;
      return {
        loader: 'js',
        resolveDir: process.cwd(),
        contents: `let parser;\nmodule.exports = { get Parser() { return (parser ??= require(require('node:path').join(__dirname, ${JSON.stringify(file)}))).Parser; } };\n`,
      };
    });
  },
};

const builds = [
  { ...common, entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  // The bin: argument parsing and help only. A command requires its bundle when it runs (commandsLoader.bundle.ts):
  // dist/cliMigrations.js for `migrations`, dist/cliSql.js for `check` (the SQL parsers), dist/cliRelease.js for
  // `next-version` and `changelog`, dist/cliFlags.js for `flags`, dist/cliCommands.js for the others.
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [commandsFromBundles] },
  { ...common, entryPoints: ['src/cli/commands.ts'], outfile: 'dist/cliCommands.js' },
  { ...common, entryPoints: ['src/cli/releaseCommands.ts'], outfile: 'dist/cliRelease.js' },
  // `flags` alone: 250 KB to compile instead of the 480 KB of every other command (issue #16).
  { ...common, entryPoints: ['src/cli/flagsCommands.ts'], outfile: 'dist/cliFlags.js' },
  { ...common, entryPoints: ['src/cli/sqlCommands.ts'], outfile: 'dist/cliSql.js', plugins: [sqlParsersOnFirstUse] },
  // `migrations` alone: without the other checks `check` carries, and with node-sql-parser on first use.
  { ...common, entryPoints: ['src/cli/migrationsCommands.ts'], outfile: 'dist/cliMigrations.js', plugins: [sqlParsersOnFirstUse] },
  { ...common, entryPoints: ['node-sql-parser/build/mysql'], outfile: 'dist/sqlParserMysql.js' },
  { ...common, entryPoints: ['node-sql-parser/build/sqlite'], outfile: 'dist/sqlParserSqlite.js' },
  // Migrations: the as-you-type analysis of large files runs in this worker thread, off the extension host's thread.
  { ...common, entryPoints: ['src/vscode/migrations/analysisWorker.ts'], outfile: 'dist/migrationsWorker.js' },
  // The migrations engine for the extension host, required on first use so activation does not load the SQL parsers.
  { ...common, entryPoints: ['src/vscode/migrations/engineBundle.ts'], outfile: 'dist/migrationsEngine.js' },
  // The release preview's webview script: a browser bundle, loaded through asWebviewUri under a nonce CSP.
  { ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: ['media/release/preview.ts'], outfile: 'media/release/dist/preview.js' },
];

mkdirSync('dist', { recursive: true });
// The PostgreSQL parser (libpg-query) loads its WebAssembly from the bundle's folder (migrations check).
copyFileSync('node_modules/libpg-query/wasm/libpg-query.wasm', 'dist/libpg-query.wasm');
// The package is "type": "module" for the sources and tests; the bundles are CommonJS.
writeFileSync('dist/package.json', '{ "type": "commonjs" }\n');
// Codicons for the webview (the font cannot come from a CDN): the two files of @vscode/codicons it needs.
mkdirSync('media/release/dist', { recursive: true });
for (const file of ['codicon.css', 'codicon.ttf']) copyFileSync(`node_modules/@vscode/codicons/dist/${file}`, `media/release/dist/${file}`);

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
