#!/usr/bin/env node
// `npm run test:integration`: the extension's tests in a real VS Code 1.100.3 (code-server + headless Chromium).
//   1. installs the harness (tools/vscode-test/setup.sh) when it is missing;
//   2. builds the extension (npm run build) when dist/extension.js is missing (or with --build);
//   3. bundles the extension-host suite (test/integration/suite -> out/integration/suite/*.cjs);
//   4. creates a throwaway fixture git repo;
//   5. runs the suite in the extension host (tools/vscode-test/run-tests.mjs);
//   6. runs the Playwright UI check (test/integration/ui/commitBoxUi.mjs), which saves docs/screenshot-commit-box.png;
//   7. runs the release preview UI check (test/integration/ui/releasePreviewUi.mjs): docs/screenshot-release-preview.png.
//   8. runs the pipeline gates UI check (test/integration/ui/pipelinesUi.mjs): docs/screenshot-pipelines.png.
//   9. runs the feature flags UI check (test/integration/ui/flagsUi.mjs): docs/screenshot-flags.png.
//  10. runs the migrations UI check (test/integration/ui/migrationsUi.mjs): docs/screenshot-migrations.png.
//  11. installs the built .vsix into a fresh code-server (test/integration/ui/installedVsixUi.mjs) and checks that the
//      installed copy activates without error and that each capability shows its first finding.
// Ends with a plain `N passed, N failed` line for both parts together; exits 1 on any failure.
// Flags: --build  --no-suite  --no-ui  --no-vsix  --only-vsix  --keep (keep the fixture repo)  --screenshot=PNG
// Env:   RH_TEST_GREP=regex (suite only)  VSCODE_TEST_TIMEOUT_MS  VSCODE_TEST_VERBOSE=1  KEEP_TMP=1
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { harnessInstalled, vscodeVersion } from '../../tools/vscode-test/lib/harness.mjs';
import { buildSuite, ROOT } from './buildSuite.mjs';
import { createFixtureRepo, removeFixtureRepo } from './fixture/createFixtureRepo.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const args = new Set(process.argv.slice(2));
const screenshotArg = process.argv.slice(2).find((a) => a.startsWith('--screenshot='));
const t0 = Date.now();
const secs = (t) => ((Date.now() - t) / 1000).toFixed(1) + ' s';
const say = (...a) => console.log(`[integration ${secs(t0)}]`, ...a);
const results = [];
let passed = 0;
let failed = 0;

/** Runs a command with inherited stdin-less stdio, echoing and capturing its stdout. */
function run(cmd, argv, { cwd = ROOT, env = process.env, timeoutMs = 0, label = path.basename(argv[0] ?? cmd) } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, argv, { cwd, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    let pending = '';
    // Echo line by line; a part's own `N passed, N failed` line is indented, so that only the combined closing
    // line starts with a count (CI sums every line that starts with `N passed, N failed`).
    const echo = (line) => process.stdout.write((/^\d+ passed, \d+ failed/.test(line) ? `  (${label}) ${line}` : line) + '\n');
    child.stdout.on('data', (d) => {
      out += d;
      const lines = (pending + d).split('\n');
      pending = lines.pop();
      lines.forEach(echo);
    });
    child.stdout.on('end', () => { if (pending) echo(pending); pending = ''; });
    let timer;
    if (timeoutMs) timer = setTimeout(() => { say(`timeout after ${timeoutMs} ms: ${cmd} ${argv.join(' ')}`); child.kill('SIGTERM'); }, timeoutMs);
    child.on('error', (e) => { clearTimeout(timer); resolve({ code: 127, out: out + String(e) }); });
    child.on('close', (code, signal) => { clearTimeout(timer); resolve({ code: code ?? (signal ? 128 : 1), out }); });
  });
}

/** The last `N passed, N failed` line a part printed; a crash without one counts as one failure. */
function tally(name, { code, out }, seconds) {
  const all = [...out.matchAll(/^(\d+) passed, (\d+) failed/gm)];
  const last = all[all.length - 1];
  let p = last ? +last[1] : 0;
  let f = last ? +last[2] : 0;
  if (code !== 0 && f === 0) f = 1; // harness error / timeout / crash
  if (code === 0 && f > 0) code = 1;
  passed += p;
  failed += f;
  results.push(`${name}: ${p} passed, ${f} failed (exit ${code}, ${seconds})`);
}

try {
  // 1. harness
  if (!harnessInstalled()) {
    say('installing the VS Code test harness (tools/vscode-test/setup.sh)');
    const t = Date.now();
    const r = await run('bash', [path.join(ROOT, 'tools/vscode-test/setup.sh')]);
    if (r.code !== 0 || !harnessInstalled()) throw new Error(`harness setup failed (exit ${r.code})`);
    say(`harness installed in ${secs(t)}`);
  }
  say(`VS Code ${vscodeVersion()} via code-server`);

  // 2. the extension bundle
  if (args.has('--build') || !fs.existsSync(path.join(ROOT, 'dist', 'extension.js'))) {
    say('building the extension (npm run build)');
    const r = await run('npm', ['run', 'build', '--silent']);
    if (r.code !== 0 || !fs.existsSync(path.join(ROOT, 'dist', 'extension.js'))) throw new Error(`npm run build failed (exit ${r.code})`);
  }

  // 3. the suite bundle, 4. the fixture
  const suiteEntry = await buildSuite();
  const fixture = createFixtureRepo();
  say(`suite bundled to ${path.relative(ROOT, suiteEntry)}; fixture repo ${fixture}`);

  // 5. extension-host suite
  if (!args.has('--no-suite') && !args.has('--only-vsix')) {
    say('extension-host suite');
    const t = Date.now();
    const r = await run(process.execPath, [
      path.join(ROOT, 'tools/vscode-test/run-tests.mjs'),
      `--extensionDevelopmentPath=${ROOT}`, `--extensionTestsPath=${suiteEntry}`, fixture,
    ], { label: 'extension-host suite' });
    tally('extension-host suite', r, secs(t));
  }

  // 6. UI check (its own code-server, same fixture)
  if (!args.has('--no-ui') && !args.has('--only-vsix')) {
    say('Playwright UI check');
    const t = Date.now();
    const r = await run(process.execPath, [
      path.join(HERE, 'ui', 'commitBoxUi.mjs'), `--extensionDevelopmentPath=${ROOT}`, `--folder=${fixture}`,
      ...(screenshotArg ? [screenshotArg] : []),
    ], { timeoutMs: 300_000, label: 'UI check' });
    tally('UI check', r, secs(t));
    // 7. release preview UI check (its own code-server, same fixture): saves docs/screenshot-release-preview.png
    say('Playwright UI check: release preview');
    const t2 = Date.now();
    const r2 = await run(process.execPath, [
      path.join(HERE, 'ui', 'releasePreviewUi.mjs'), `--extensionDevelopmentPath=${ROOT}`, `--folder=${fixture}`,
    ], { timeoutMs: 300_000, label: 'release preview UI check' });
    tally('release preview UI check', r2, secs(t2));
    // 8. pipeline gates UI check (its own code-server, same fixture): saves docs/screenshot-pipelines.png
    say('Playwright UI check: pipeline gates');
    const tPipelines = Date.now();
    const rPipelines = await run(process.execPath, [
      path.join(HERE, 'ui', 'pipelinesUi.mjs'), `--extensionDevelopmentPath=${ROOT}`, `--folder=${fixture}`,
    ], { timeoutMs: 300_000, label: 'pipeline gates UI check' });
    tally('pipeline gates UI check', rPipelines, secs(tPipelines));
    // 9. feature flags UI check (its own code-server, same fixture): saves docs/screenshot-flags.png
    say('Playwright UI check: feature flags');
    const tFlags = Date.now();
    const rFlags = await run(process.execPath, [
      path.join(HERE, 'ui', 'flagsUi.mjs'), `--extensionDevelopmentPath=${ROOT}`, `--folder=${fixture}`,
    ], { timeoutMs: 300_000, label: 'feature flags UI check' });
    tally('feature flags UI check', rFlags, secs(tFlags));
    // 10. migrations UI check (its own code-server, same fixture): saves docs/screenshot-migrations.png
    say('Playwright UI check: migrations');
    const tMigrations = Date.now();
    const rMigrations = await run(process.execPath, [
      path.join(HERE, 'ui', 'migrationsUi.mjs'), `--extensionDevelopmentPath=${ROOT}`, `--folder=${fixture}`,
    ], { timeoutMs: 300_000, label: 'migrations UI check' });
    tally('migrations UI check', rMigrations, secs(tMigrations));
  }

  // 11. the .vsix as a user installs it: its own code-server, extensions folder and fresh fixture (the checks
  // above edit theirs), no extensionDevelopmentPath. It builds the .vsix with vsce package itself.
  if (!args.has('--no-vsix')) {
    say('installed .vsix check');
    const tVsix = Date.now();
    const rVsix = await run(process.execPath, [path.join(HERE, 'ui', 'installedVsixUi.mjs')], { timeoutMs: 300_000, label: 'installed .vsix check' });
    tally('installed .vsix check', rVsix, secs(tVsix));
  }

  if (args.has('--keep')) say('kept the fixture repo', fixture);
  else removeFixtureRepo(fixture);
} catch (e) {
  failed += 1;
  results.push(`error: ${e && e.message || e}`);
}

console.log('');
for (const line of results) console.log(`  ${line}`);
console.log(`integration wall time ${secs(t0)}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
