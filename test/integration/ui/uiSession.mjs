// What every Playwright UI check shares: arguments, PASS/FAIL counting, a throwaway fixture repository, code-server
// with the extension loaded from source, headless Chromium on the workbench, cleanup, and the plain closing line
// `N passed, N failed` (exit 0 when all pass, 1 on a failed check, 2 when the harness is missing).
//
//   node test/integration/ui/<check>.mjs [--extensionDevelopmentPath=DIR] [--folder=GIT_REPO] [--screenshot=PNG]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCodeServer, launchBrowser, harnessInstalled, tail, NOISE } from '../../../tools/vscode-test/lib/harness.mjs';
import { createFixtureRepo } from '../fixture/createFixtureRepo.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * Runs `steps` against a fresh workbench and exits the process with the result.
 * `setup.beforeStart(tmp)` runs before code-server starts (e.g. installing a .vsix into `<tmp>/extensions`, the
 * extensions folder the harness gives code-server); with `setup.installed`, no extensionDevelopmentPath is passed,
 * so only the installed extensions run.
 * @param {{ name: string, screenshot: string, settings: Record<string, unknown>, viewport?: { width: number, height: number },
 *   installed?: boolean, beforeStart?: (tmp: string, log: (...args: unknown[]) => void) => Promise<void> }} setup
 * @param {(session: { page: import('playwright-core').Page, server: any, browser: any, check: (ok: boolean, what: string) => void,
 *   log: (...args: unknown[]) => void, shot: string, folder: string, tmp: string, devPath: string, opts: Record<string, string> }) => Promise<void>} steps
 */
export async function runUiCheck(setup, steps) {
  const opts = Object.fromEntries(process.argv.slice(2).map((a) => /^--([^=]+)=(.*)$/s.exec(a)).filter(Boolean).map((m) => [m[1], m[2]]));
  const devPath = path.resolve(opts.extensionDevelopmentPath ?? ROOT);
  const shot = path.resolve(opts.screenshot ?? path.join(ROOT, 'docs', setup.screenshot));
  const t0 = Date.now();
  const log = (...a) => console.log(`[ui-${setup.name} ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
  let passed = 0;
  let failed = 0;
  const check = (ok, what) => { console.log(`${ok ? 'PASS' : 'FAIL'} ${what}`); ok ? passed++ : failed++; };

  if (!harnessInstalled()) {
    console.log('FAIL harness not installed: run bash tools/vscode-test/setup.sh');
    console.log('0 passed, 1 failed');
    process.exit(2);
  }
  if (!setup.installed && !fs.existsSync(path.join(devPath, 'dist', 'extension.js'))) log(`warning: ${devPath}/dist/extension.js is missing (npm run build)`);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `rh-ui-${setup.name}-`));
  const folder = opts.folder ? path.resolve(opts.folder) : createFixtureRepo(path.join(tmp, 'acme-parser'));
  let server;
  let browser;
  let page;
  try {
    if (setup.beforeStart) await setup.beforeStart(tmp, log);
    server = await startCodeServer({ tmpDir: tmp, settings: setup.settings, log });
    const development = setup.installed ? [] : [['extensionDevelopmentPath', server.toRemoteUri(devPath)]];
    const url = server.workbenchUrl({
      folder,
      payload: [...development, ['skipWelcome', 'true'], ['skipReleaseNotes', 'true']],
    });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: setup.viewport ?? { width: 1400, height: 850 }, deviceScaleFactor: 1 });
    page.on('pageerror', (e) => { if (!NOISE.test(e.message)) log('page error:', e.message); });
    await page.goto(url);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    log('workbench loaded');
    await steps({ page, server, browser, check, log, shot, folder, tmp, devPath, opts });
  } catch (e) {
    check(false, `UI check error: ${e.message}`);
    const errorShot = path.join(os.tmpdir(), `rh-ui-${setup.name}-error.png`);
    if (page) await page.screenshot({ path: errorShot }).then(() => log('error screenshot:', errorShot)).catch(() => {});
    if (server) console.error('--- code-server log (tail) ---\n' + tail(server.logPath));
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop().catch(() => {});
    if (process.env.KEEP_TMP === '1') log('kept', tmp); else fs.rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}
