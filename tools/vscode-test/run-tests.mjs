#!/usr/bin/env node
// Run a VS Code extension's tests (extensionTestsPath, e.g. a mocha runner exporting run()) inside a REAL
// VS Code 1.100.3: code-server's remote Node extension host, driven through headless Chromium.
//
//   node tools/vscode-test/run-tests.mjs --extensionDevelopmentPath=DIR --extensionTestsPath=FILE [--logs=DIR] [FOLDER]
//
// Arguments use VS Code's CLI spelling, so @vscode/test-electron can call this through ./code-wrapper; other
// bare --flags it passes (--no-sandbox, --disable-extensions, ...) are accepted and ignored.
// The extension host's console (mocha's reporter) is printed on stdout.
// Exit code: the suite's (0 when run() resolves, 1 when it rejects); 2 on a harness error or timeout
// (VSCODE_TEST_TIMEOUT_MS, default 300000). Env: KEEP_TMP=1 keeps the temp profile, VSCODE_TEST_VERBOSE=1
// shows the known offline noise, VSCODE_TEST_SETTINGS='{"json":"settings"}' adds user settings.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCodeServer, launchBrowser, harnessInstalled, vscodeVersion, tail, NOISE, HARNESS_DIR } from './lib/harness.mjs';

const t0 = Date.now();
const el = () => ((Date.now() - t0) / 1000).toFixed(1) + 's';
const say = (...a) => console.error(`[run-tests ${el()}]`, ...a);
const verbose = process.env.VSCODE_TEST_VERBOSE === '1';

const opts = {}; const positional = [];
for (const a of process.argv.slice(2)) {
  const m = /^--([^=]+)=(.*)$/s.exec(a);
  if (m) opts[m[1]] = m[2];
  else if (a.startsWith('--')) opts[a.slice(2)] = true;
  else positional.push(a);
}
if (!opts.extensionDevelopmentPath || !opts.extensionTestsPath) {
  console.error('usage: run-tests.mjs --extensionDevelopmentPath=DIR --extensionTestsPath=FILE [--logs=DIR] [FOLDER]');
  process.exit(2);
}
if (!harnessInstalled()) {
  console.error(`run-tests: the harness is not installed; run: bash ${path.relative(process.cwd(), path.join(HARNESS_DIR, 'setup.sh')) || 'setup.sh'}`);
  process.exit(2);
}
const devPath = path.resolve(opts.extensionDevelopmentPath);
const testsPath = path.resolve(opts.extensionTestsPath);
const folder = positional[0] ? path.resolve(positional[0]) : undefined;
const TIMEOUT_MS = +(process.env.VSCODE_TEST_TIMEOUT_MS || 300000);
for (const [what, p] of [['extensionDevelopmentPath', devPath], ['extensionTestsPath', testsPath], ['folder', folder]]) {
  if (p && !fs.existsSync(p)) { console.error(`run-tests: ${what} does not exist: ${p}`); process.exit(2); }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rh-vscode-test-'));
let server, browser, finished = false;
async function finish(code, why) {
  if (finished) return;
  finished = true;
  say(`${why}; exit code ${code}; wall ${el()}`);
  if (code === 2 && server) console.error('--- code-server log (tail) ---\n' + tail(server.logPath));
  if (code !== 0) printExtensionLog();
  try { await browser?.close(); } catch { /* already gone */ }
  try { await server?.stop(); } catch { /* already gone */ }
  if (process.env.KEEP_TMP === '1') say('kept', tmp); else fs.rmSync(tmp, { recursive: true, force: true });
  process.exit(code);
}
/** On failure, the extension's own output channel log from the server side (user-data/logs/SESSION/exthostN/PUBLISHER.NAME). */
function printExtensionLog() {
  try {
    const { publisher, name } = JSON.parse(fs.readFileSync(path.join(devPath, 'package.json'), 'utf8'));
    const logsDir = path.join(tmp, 'user-data', 'logs');
    for (const session of fs.existsSync(logsDir) ? fs.readdirSync(logsDir) : []) {
      for (const host of fs.readdirSync(path.join(logsDir, session)).filter((d) => d.startsWith('exthost'))) {
        const dir = path.join(logsDir, session, host, `${publisher}.${name}`);
        for (const f of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
          console.error(`--- ${publisher}.${name} log (${f}, tail) ---\n${tail(path.join(dir, f), 4000)}`);
        }
      }
    }
  } catch { /* best effort */ }
}
setTimeout(() => finish(2, `harness timeout after ${TIMEOUT_MS} ms (no codeAutomationExit)`), TIMEOUT_MS).unref();
process.on('SIGINT', () => finish(130, 'interrupted'));
process.on('SIGTERM', () => finish(143, 'terminated'));

try {
  say(`VS Code ${vscodeVersion()} (code-server); extension ${devPath}; tests ${testsPath}; folder ${folder ?? '(none)'}`);
  let settings = {};
  if (process.env.VSCODE_TEST_SETTINGS) settings = JSON.parse(process.env.VSCODE_TEST_SETTINGS);
  server = await startCodeServer({ tmpDir: tmp, settings, log: say });
  server.process.on('exit', c => finish(2, `code-server exited early (${c})`));
  const payload = [
    ['extensionDevelopmentPath', server.toRemoteUri(devPath)],
    ['extensionTestsPath', server.toRemoteUri(testsPath)],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  const url = server.workbenchUrl({ folder, payload });

  browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  // The workbench forwards the extension host's console to window.codeAutomationLog(level, message) ...
  await page.exposeFunction('codeAutomationLog', (level, args) => {
    const text = (verbose ? `[${level}] ` : "") + (Array.isArray(args) ? args : [args]).map(a => typeof a === 'string' ? a : JSON.stringify(a)).join(' ');
    if (!verbose && NOISE.test(text)) return;
    (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(text.endsWith('\n') ? text : text + '\n');
  });
  // ... and calls window.codeAutomationExit(code, logs) when run() settles (0 resolved, 1 rejected/failed to load).
  await page.exposeFunction('codeAutomationExit', (code, logs) => {
    if (opts.logs && Array.isArray(logs)) {
      for (const { relativePath, contents } of logs) {
        const f = path.join(path.resolve(opts.logs), relativePath);
        fs.mkdirSync(path.dirname(f), { recursive: true });
        fs.writeFileSync(f, contents);
      }
    }
    setImmediate(() => finish(typeof code === 'number' ? code : 1, 'extension host finished the tests'));
  });
  page.on('pageerror', e => { if (verbose || !NOISE.test(e.message)) say('page error:', e.message); });
  page.on('crash', () => finish(2, 'page crashed'));
  say('opening the workbench');
  await page.goto(url);
} catch (e) {
  await finish(2, 'harness error: ' + (e && e.stack || e));
}
