#!/usr/bin/env node
// The extension host's bundles: size, which one loads eagerly, and what each costs the first time it is used.
//   node esbuild.mjs --production && node bench/extensionBundles.mjs [--runs 31] [--compare FILE]
// --compare FILE adds a row for another extension bundle, e.g. everything in one file as before the split (the
// options of esbuild.mjs without its lazy-units plugin):
//   npx esbuild src/vscode/extension.ts --bundle --platform=node --format=cjs --target=node20 --minify \
//     --legal-comments=none --external:vscode --outfile=/tmp/extension-single.js
// Every measurement is a fresh Node process (nothing cached in the process, the files in the OS cache after a
// warm-up run), timed inside it with performance.now(); the table gives the median and the spread over the runs.
//   load: require() of the bundle (read, parse, compile and run its top level).
//   first use: the load plus the first call a capability makes (a commit message linted, a workflow linted, ...),
//   with the lazy bundles that call pulls in (yaml.js, git.js, semver.js) loaded on demand as in the editor.
// extension.js is required with a stand-in for the `vscode` module (only its top level runs, not activate()); the
// run also lists which dist/ files that require loaded: a lazy bundle in that list would be eager in effect.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 31;
// --compare FILE: also time an older dist/extension.js (e.g. the single bundle before the split), as a row.
const compareArg = process.argv.indexOf('--compare');
const COMPARE = compareArg > 0 ? process.argv[compareArg + 1] : undefined;

/** Loads the bundle in a child (`vscode` answered by bench/vscodeStandIn.cjs), runs `call`, prints timings as JSON. */
function child(bundle, call = '') {
  return `
const t0 = performance.now();
const bundle = require(${JSON.stringify(bundle.startsWith('/') ? bundle : join(DIST, bundle))});
const t1 = performance.now();
${call}
const t2 = performance.now();
const loaded = Object.keys(require.cache).filter((file) => file.startsWith(${JSON.stringify(DIST)})).map((file) => require('node:path').basename(file));
process.stdout.write(JSON.stringify({ load: t1 - t0, firstUse: t2 - t0, loaded }));
`;
}

const COMMIT = `bundle.m0.lintCommitMessage('Fix: Stuff.', { config: bundle.m0.DEFAULT_COMMITLINT_CONFIG, commentChar: null });`;
const WORKFLOW = `bundle.m0.lintPipelineText('.github/workflows/ci.yml', 'on: push\\njobs:\\n  test:\\n    runs-on: ubuntu-latest\\n    steps:\\n      - uses: actions/checkout@v4\\n      - run: npm test || true\\n');`;
const FLAG_SCAN = `bundle.m0.scanSource("if (client.isEnabled('new-checkout')) { render(); }\\n", { language: 'js', file: 'src/a.ts' });`;
const RELEASE = `bundle.m0.nextVersion('1.2.3', 'minor', null); bundle.m0.renderChangelog;`;
const YAML = `bundle.m0.parse('a: [1, 2]\\nb: { c: d }\\n');`;
const SEMVER = `bundle.m0.satisfies('1.2.3', '^1.0.0');`;

const CASES = [
  ...(COMPARE ? [{ bundle: COMPARE, what: 'before the split: on activation', call: '' }] : []),
  { bundle: 'extension.js', what: 'on activation', call: '' },
  { bundle: 'commitsEngine.js', what: 'first lint of a commit message (commit box, COMMIT_EDITMSG)', call: COMMIT },
  { bundle: 'pipelinesEngine.js', what: 'first CI file linted (with yaml.js)', call: WORKFLOW },
  { bundle: 'flagsEngine.js', what: 'first flag scan of a source file', call: FLAG_SCAN },
  { bundle: 'releaseEngine.js', what: 'release preview / status bar / hover (with semver.js)', call: RELEASE },
  { bundle: 'git.js', what: 'first git command (simple-git)', call: '' },
  { bundle: 'yaml.js', what: 'first YAML parsed (product config, YAML commitlint config, CI files)', call: YAML },
  { bundle: 'semver.js', what: 'first version compared (release, migration evidence)', call: SEMVER },
  { bundle: 'migrationsEngine.js', what: 'first migration file analysed (SQL parsers compiled on their first parse)', call: '' },
];

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (ms) => ms.toFixed(1);

const rows = [];
for (const { bundle, what, call } of CASES) {
  const script = child(bundle, call);
  const run = () => JSON.parse(execFileSync(process.execPath, ['--require', join(ROOT, 'bench/vscodeStandIn.cjs'), '-e', script], { cwd: ROOT, encoding: 'utf8' }));
  const warm = run();
  const results = Array.from({ length: RUNS }, run);
  const loads = results.map((r) => r.load);
  const uses = results.map((r) => r.firstUse);
  rows.push({ bundle, what, size: statSync(bundle.startsWith('/') ? bundle : join(DIST, bundle)).size, load: loads, firstUse: call ? uses : undefined, loaded: warm.loaded });
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(`Node ${process.version}, ${RUNS} runs per row (fresh process each), load ${readLoad()}`);
console.log('');
console.log('| file | size | loaded | load ms (median, min–max) | first use ms (median, min–max) |');
console.log('|---|---:|---|---:|---:|');
for (const row of rows) {
  const spread = (values) => `${fmt(median(values))} (${fmt(Math.min(...values))}–${fmt(Math.max(...values))})`;
  console.log(`| \`${row.bundle.startsWith('/') ? row.bundle : `dist/${row.bundle}`}\` | ${kb(row.size)} | ${row.what} | ${spread(row.load)} | ${row.firstUse ? spread(row.firstUse) : '–'} |`);
}
console.log('');
const eager = rows.find((row) => row.bundle === 'extension.js');
console.log(`dist/ files loaded by require('dist/extension.js'): ${eager.loaded.join(', ')}`);
const others = readdirSync(DIST).filter((file) => file.endsWith('.js') && !CASES.some((c) => c.bundle === file));
console.log(`not measured here (CLI and worker bundles): ${others.join(', ')}`);
for (const row of rows) if (row.bundle !== 'extension.js') console.log(`  ${row.bundle} loads: ${row.loaded.join(', ')}`);

function readLoad() {
  try {
    return execFileSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).split(' ').slice(0, 3).join(' ');
  } catch {
    return 'unknown';
  }
}
