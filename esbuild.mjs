// Bundles the extension and the CLI into CommonJS files under dist/ (VS Code 1.100 loads extensions with require).
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { trainCodeCaches } from './tools/codeCacheTraining.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
/** `--metafile`: writes each bundle's esbuild metafile to out/metafile/ (what is in which bundle, bench/). */
const metafile = process.argv.includes('--metafile');

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

/**
 * The extension host's lazy bundles. `dist/extension.js` holds activation, registration and the cheap providers;
 * each unit below is compiled into its own file, and every other extension-host bundle imports its modules through
 * a stand-in whose exports are getters that require that file the first time one is read (the mechanism of
 * dist/migrationsEngine.js and of the CLI's SQL parsers). A module is in exactly one bundle, so module state (git's
 * Restricted Mode refusal, caches) stays single. Imported names are read at the call (esbuild's CommonJS interop
 * forwards them through getters), so a capability's engine loads at its first call, not when extension.js loads.
 */
const LAZY_UNITS = [
  // The YAML parser: pipelines, .release-hygiene.yaml, YAML commitlint configs, flag registries, release configs.
  { file: 'yaml.js', modules: ['yaml'] },
  // Version ranges: the release plan and the migrations' framework-version evidence.
  { file: 'semver.js', modules: ['semver'] },
  // git access with simple-git; its refusal state lives here once for every bundle.
  { file: 'git.js', modules: ['src/node/git.ts'] },
  // Commit linting: the rules, conventional-commits-parser, commitlint config loading.
  { file: 'commitsEngine.js', modules: ['src/core/commits/index.ts', 'src/node/config.ts'] },
  // The release plan: history reading, semver, changelog rendering, peers' configs.
  { file: 'releaseEngine.js', modules: ['src/core/release/index.ts', 'src/node/release.ts', 'src/node/showCommit.ts'] },
  // Flags: the source scanner, registry parsing, ages from history, Unleash.
  { file: 'flagsEngine.js', modules: ['src/core/flags/index.ts', 'src/node/flags/index.ts'] },
  // Pipeline gates: the GitHub Actions and GitLab CI linters.
  { file: 'pipelinesEngine.js', modules: ['src/core/pipelines/index.ts'] },
];

/**
 * The CLI command bundles are compiled through vm.Script for their code cache (src/cli/codeCache.ts), which has no
 * import() of its own in Node 20: src/node/dynamicImport.ts becomes a call of the loader's import there (the
 * `__codeCacheHost` parameter of its wrapper), or a plain import() when Node's own loader compiled the bundle.
 */
const importThroughLoader = {
  name: 'import-through-loader',
  setup(build) {
    build.onResolve({ filter: /\/dynamicImport$/ }, () => ({ path: 'dynamicImport', namespace: 'import-through-loader' }));
    build.onLoad({ filter: /.*/, namespace: 'import-through-loader' }, () => ({
      loader: 'js',
      contents: `module.exports = { dynamicImport: (specifier) => (typeof __codeCacheHost === 'object' ? __codeCacheHost.import(specifier) : import(specifier)) };\n`,
    }));
  },
};

/**
 * Libraries the CLI bundles set up on first use instead of when the bundle loads: `flags` in a repository without a
 * configuration file or a flag never parses YAML, runs git through simple-git or hashes (issue #16). Each import
 * becomes a stand-in whose getters require the library, which stays in the same bundle (esbuild runs a bundled
 * CommonJS module's code at its first require); node:crypto is Node's own, required at the first use (~5 ms).
 * The bin takes node:module, node:vm and node:zlib (the code cache's) so: `--help` and `--version` load no bundle.
 */
const PACKAGES_ON_FIRST_USE = ['yaml', 'simple-git', 'node:crypto', 'node:module', 'node:vm', 'node:zlib'];
const packagesOnFirstUse = {
  name: 'packages-on-first-use',
  setup(build) {
    const filter = new RegExp(`^(${PACKAGES_ON_FIRST_USE.join('|')})$`);
    build.onResolve({ filter }, (args) => (args.pluginData === 'real' ? undefined : { path: args.path, namespace: 'package-on-first-use' }));
    build.onLoad({ filter: /.*/, namespace: 'package-on-first-use' }, (args) => ({
      loader: 'js',
      resolveDir: process.cwd(),
      pluginData: 'real',
      contents: [
        `let library;`,
        `const load = () => (library ??= require(${JSON.stringify(args.path)}));`,
        `module.exports = { ${Object.keys(requireFromRoot(args.path)).filter((name) => name !== '__esModule').map((name) => `get ${name}() { return load().${name}; }`).join(', ')} };`,
      ].join('\n'),
    }));
  },
};

const requireFromRoot = createRequire(new URL('./package.json', import.meta.url));
/** A unit module's absolute path: a package's main file, or a source file. */
const modulePath = (module) => (module.startsWith('src/') ? resolve(module) : requireFromRoot.resolve(module));

/** The value exports of each unit module, for its stand-in's getters (types have none). */
async function exportNames(module) {
  if (!module.startsWith('src/')) return Object.keys(requireFromRoot(module)).filter((name) => name !== '__esModule');
  const result = await esbuild.build({ entryPoints: [module], bundle: true, format: 'esm', platform: 'node', packages: 'external', write: false, metafile: true, logLevel: 'silent' });
  return Object.values(result.metafile.outputs)[0].exports;
}

const lazyModules = new Map();
for (const unit of LAZY_UNITS) {
  for (const [index, module] of unit.modules.entries()) {
    lazyModules.set(modulePath(module), { file: unit.file, namespace: `m${index}`, names: await exportNames(module) });
  }
}

/** Each unit's entry: its modules as namespaces (`export *` of two modules would drop a name both export). */
const unitEntry = (unit) => ({
  contents: unit.modules.map((module, index) => `export * as m${index} from ${JSON.stringify(modulePath(module))};`).join('\n'),
  resolveDir: process.cwd(),
  sourcefile: `${unit.file}-entry.js`,
  loader: 'js',
});

/** Replaces imports of the lazy units' modules (other than `own`, the unit being built) by stand-ins. */
const lazyUnits = (own) => ({
  name: 'lazy-units',
  setup(build) {
    build.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData === 'lazy-units' || args.kind === 'entry-point' || args.path === 'vscode') return undefined;
      const resolved = await build.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: 'lazy-units' });
      const lazy = lazyModules.get(resolved.path);
      if (!lazy || lazy.file === own) return resolved.errors.length > 0 ? undefined : resolved;
      return { path: resolved.path, namespace: 'lazy-unit', pluginData: lazy };
    });
    build.onLoad({ filter: /.*/, namespace: 'lazy-unit' }, ({ pluginData: { file, namespace, names } }) => ({
      loader: 'js',
      resolveDir: process.cwd(),
      contents: [
        `let unit;`,
        `const load = () => (unit ??= require(require('node:path').join(__dirname, ${JSON.stringify(file)}))[${JSON.stringify(namespace)}]);`,
        `module.exports = { ${names.map((name) => `get ${name}() { return load().${name}; }`).join(', ')} };`,
      ].join('\n'),
    }));
  },
});

/** The CLI command bundles: loaded by dist/cli.js through src/cli/codeCache.ts. */
const cliCommand = { ...common, plugins: [importThroughLoader, packagesOnFirstUse] };
/** Bundles with a code cache, `dist/<name>.cache`, from the training run (tools/codeCacheTraining.mjs). */
const CODE_CACHED = ['cliCommands.js', 'cliRelease.js', 'cliLintJsonl.js', 'cliFlags.js', 'cliSql.js', 'cliMigrations.js'];

const builds = [
  { ...common, entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], plugins: [lazyUnits(undefined)] },
  ...LAZY_UNITS.map((unit) => ({ ...common, stdin: unitEntry(unit), outfile: `dist/${unit.file}`, plugins: [lazyUnits(unit.file)] })),
  // The bin: argument parsing and help only. A command requires its bundle when it runs (commandsLoader.bundle.ts):
  // dist/cliMigrations.js for `migrations`, dist/cliSql.js for `check` (the SQL parsers), dist/cliRelease.js for
  // `next-version` and `changelog`, dist/cliFlags.js for `flags`, dist/cliLintJsonl.js for `lint-message --jsonl`,
  // dist/cliCommands.js for the others.
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [commandsFromBundles, packagesOnFirstUse] },
  // The command bundles load through their code cache (CODE_CACHED below).
  { ...cliCommand, entryPoints: ['src/cli/commands.ts'], outfile: 'dist/cliCommands.js' },
  { ...cliCommand, entryPoints: ['src/cli/releaseCommands.ts'], outfile: 'dist/cliRelease.js' },
  // `lint-message --jsonl` alone: ~280 KB to compile instead of the ~420 KB of cliCommands.js (issue #13).
  { ...cliCommand, entryPoints: ['src/cli/lintJsonlCommands.ts'], outfile: 'dist/cliLintJsonl.js' },
  // `flags` alone: 250 KB to compile instead of the 480 KB of every other command (issue #16).
  { ...cliCommand, entryPoints: ['src/cli/flagsCommands.ts'], outfile: 'dist/cliFlags.js' },
  { ...cliCommand, entryPoints: ['src/cli/sqlCommands.ts'], outfile: 'dist/cliSql.js', plugins: [...cliCommand.plugins, sqlParsersOnFirstUse] },
  // `migrations` alone: without the other checks `check` carries, and with node-sql-parser on first use.
  { ...cliCommand, entryPoints: ['src/cli/migrationsCommands.ts'], outfile: 'dist/cliMigrations.js', plugins: [...cliCommand.plugins, sqlParsersOnFirstUse] },
  { ...common, entryPoints: ['node-sql-parser/build/mysql'], outfile: 'dist/sqlParserMysql.js' },
  { ...common, entryPoints: ['node-sql-parser/build/sqlite'], outfile: 'dist/sqlParserSqlite.js' },
  // Migrations: the as-you-type analysis of large files runs in this worker thread, off the extension host's thread.
  { ...common, entryPoints: ['src/vscode/migrations/analysisWorker.ts'], outfile: 'dist/migrationsWorker.js' },
  // The flag scan's search on the second core for large workspaces (`flags`): the search alone, ~4 KB.
  { ...common, entryPoints: ['src/node/flags/searchWorker.ts'], outfile: 'dist/flagsSearchWorker.js' },
  // The migrations engine for the extension host, required on first use so activation does not load the SQL parsers.
  { ...common, entryPoints: ['src/vscode/migrations/engineBundle.ts'], outfile: 'dist/migrationsEngine.js' },
  // The release preview's webview script: a browser bundle, loaded through asWebviewUri under a nonce CSP.
  { ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: ['media/release/preview.ts'], outfile: 'media/release/dist/preview.js' },
];

mkdirSync('dist', { recursive: true });
// The caches of the previous build go first: a cache is valid for the one bundle it was made from.
for (const file of readdirSync('dist')) if (file.endsWith('.cache')) rmSync(join('dist', file), { force: true });
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
  const results = await Promise.all(builds.map((options) => esbuild.build({ ...options, metafile })));
  if (metafile) {
    mkdirSync('out/metafile', { recursive: true });
    for (const [index, result] of results.entries()) writeFileSync(`out/metafile/${basename(builds[index].outfile)}.json`, JSON.stringify(result.metafile));
  }
  if (!process.argv.includes('--no-code-cache')) {
    const started = performance.now();
    try {
      await trainCodeCaches(resolve('dist'), CODE_CACHED);
      console.log(`\n  code caches of ${CODE_CACHED.length} CLI bundles trained in ${Math.round(performance.now() - started)} ms`);
    } catch (error) {
      // A release must ship its caches; a development build works without them (the CLI compiles from source).
      if (production) throw error;
      for (const file of CODE_CACHED) rmSync(join('dist', file.replace(/\.js$/, '.cache')), { force: true });
      console.warn(`\n  warning: no code caches (the CLI starts slower): ${error instanceof Error ? error.message : error}`);
    }
  }
}
