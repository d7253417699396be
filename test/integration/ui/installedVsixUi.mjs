#!/usr/bin/env node
// The extension as a user installs it, in a real VS Code 1.100.3 (code-server + headless Chromium): builds the .vsix
// with vsce (or takes --vsix=FILE), installs it with `code-server --install-extension` into a fresh extensions
// folder, opens a fresh fixture repository WITHOUT extensionDevelopmentPath (only the installed copy can run), and
// checks that it activates with no error in the extension host's logs and that each capability shows its first
// finding: the commit box squiggle, the next release in the status bar, the stale flag's lens, the migration's
// and the pipeline's squiggles.
//
//   node test/integration/ui/installedVsixUi.mjs [--vsix=FILE]
//
// Prints PASS/FAIL lines and a plain `N passed, N failed` line; exit 0 when all pass, 1 on a failed check,
// 2 when the harness is missing.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { installExtension } from '../../../tools/vscode-test/lib/harness.mjs';
import { FLAGS_DEMO_FILE, GITLAB_CI_FILE, MIGRATION_V2, NEXT_RELEASE_TAG, STALE_FLAG } from '../fixture/createFixtureRepo.mjs';
import { ROOT, runUiCheck } from './uiSession.mjs';

const EXTENSION_ID = 'release-hygiene.release-hygiene';
const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const vsixArg = process.argv.slice(2).find((a) => a.startsWith('--vsix='))?.slice('--vsix='.length);

/** Every log file of the server's extension host sessions: `{ file, lines }`, the extension's own log included. */
function extensionHostLogs(tmp) {
  const found = [];
  const walk = (dir) => {
    for (const entry of fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : []) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.log') && /exthost/.test(full)) found.push({ file: full, lines: fs.readFileSync(full, 'utf8').split('\n') });
    }
  };
  walk(path.join(tmp, 'user-data', 'logs'));
  return found;
}

const ownLog = (tmp) => extensionHostLogs(tmp).filter(({ file }) => file.includes(`${path.sep}${EXTENSION_ID}${path.sep}`)).flatMap(({ lines }) => lines);

await runUiCheck(
  {
    name: 'installed-vsix',
    screenshot: 'screenshot-installed-vsix.png', // not saved: this check proves the install, it documents nothing
    viewport: { width: 1400, height: 850 },
    installed: true,
    settings: { 'git.inputValidation': false, 'editor.minimap.enabled': false },
    beforeStart: async (tmp, log) => {
      let vsix = vsixArg && path.resolve(vsixArg);
      if (!vsix) {
        vsix = path.join(tmp, `release-hygiene-${version}.vsix`);
        log('building', path.basename(vsix), 'with vsce package');
        const built = spawnSync('npx', ['--no', '--', 'vsce', 'package', '--no-dependencies', '--out', vsix], { cwd: ROOT, encoding: 'utf8' });
        if (built.status !== 0) throw new Error(`vsce package failed (exit ${built.status}):\n${built.stdout}\n${built.stderr}`);
      }
      log('installing', vsix, `(${(fs.statSync(vsix).size / 1024 / 1024).toFixed(2)} MB)`);
      log((await installExtension({ tmpDir: tmp, vsix })).trim().split('\n').pop());
    },
  },
  async ({ page, check, log, tmp }) => {
  const installedDir = path.join(tmp, 'extensions', `${EXTENSION_ID}-${version}`);
  check(fs.existsSync(path.join(installedDir, 'dist', 'extension.js')), `code-server installed the .vsix into ${path.relative(tmp, installedDir)}`);
  check(!fs.existsSync(path.join(installedDir, 'src')) && !fs.existsSync(path.join(installedDir, 'node_modules')), 'the installed extension holds no sources and no node_modules');

  // Activation: the extension's own log says so (workspaceContains:.git activates it on opening the fixture).
  let activated = false;
  for (const deadline = Date.now() + 60_000; Date.now() < deadline && !activated;) {
    activated = ownLog(tmp).some((line) => line.includes('Release Hygiene activated'));
    if (!activated) await page.waitForTimeout(250);
  }
  check(activated, 'the installed extension activates (its log: "Release Hygiene activated")');

  /** Opens a workspace file through Quick Open (Ctrl+P), as a user would. */
  const open = async (file) => {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input').first();
    await input.waitFor({ timeout: 10_000 });
    await input.fill(file);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: path.basename(file) }).first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
    await page.locator('.tab.active', { hasText: path.basename(file) }).first().waitFor({ timeout: 15_000 });
  };
  const squiggleIn = async (what) => {
    const squiggle = page.locator('.editor-instance .monaco-editor .squiggly-error');
    const ok = await squiggle.first().waitFor({ timeout: 30_000 }).then(() => true, () => false);
    check(ok, `${what}: an error squiggle`);
  };

  // Pipelines: the manual production deploy without allow_failure.
  await open(GITLAB_CI_FILE);
  await squiggleIn(`pipelines (${GITLAB_CI_FILE})`);

  // Migrations: the untracked drop of a column the code still reads.
  await open(MIGRATION_V2);
  await squiggleIn(`migrations (${MIGRATION_V2})`);

  // Feature flags: the stale flag's code lens.
  await open(FLAGS_DEMO_FILE);
  const lens = page.locator('.codelens-decoration', { hasText: STALE_FLAG.key }).first();
  const lensOk = await lens.waitFor({ timeout: 60_000 }).then(() => true, () => false);
  check(lensOk, `flags (${FLAGS_DEMO_FILE}): the lens of ${STALE_FLAG.key}${lensOk ? `: ${(await lens.textContent()).replace(/\u00a0/g, ' ')}` : ''}`);

  // Next release: the status bar item names the version the commits since the last tag cause.
  const release = page.locator('.statusbar-item', { hasText: NEXT_RELEASE_TAG }).first();
  const releaseOk = await release.waitFor({ timeout: 30_000 }).then(() => true, () => false);
  check(releaseOk, `next release: the status bar shows ${NEXT_RELEASE_TAG}${releaseOk ? ` (${(await release.innerText()).trim()})` : ''}`);

  // Commit messages: a bad message in the Source Control commit box gets a squiggle.
  await page.keyboard.press('Control+Shift+G');
  const scmInput = page.locator('.scm-editor .monaco-editor').first();
  await scmInput.waitFor({ timeout: 30_000 });
  await scmInput.click();
  await page.keyboard.type('Feat: Add thing.');
  const commitOk = await page.locator('.scm-editor .squiggly-error').first().waitFor({ timeout: 20_000 }).then(() => true, () => false);
  check(commitOk, 'commit messages: the commit box underlines "Feat: Add thing."');

  // No error in the extension host's logs that concerns the extension (activation failures, uncaught errors).
  const errors = extensionHostLogs(tmp).flatMap(({ file, lines }) => {
    const own = file.includes(`${path.sep}${EXTENSION_ID}${path.sep}`);
    return lines.filter((line) => /\[error\]/i.test(line) && (own || /release-hygiene|releaseHygiene/i.test(line))).map((line) => `${path.basename(file)}: ${line}`);
  });
  const hostLogs = extensionHostLogs(tmp).filter(({ file }) => !file.includes(`${path.sep}${EXTENSION_ID}${path.sep}`));
  log('extension host logs read:', hostLogs.map(({ file }) => path.relative(tmp, file)).join(', ') || '(none)');
  // The host's own log names the activation: proof these are the logs of the host that ran the extension.
  const activation = hostLogs.flatMap(({ lines }) => lines).find((line) => line.includes(`_doActivateExtension ${EXTENSION_ID}`));
  check(activation !== undefined, `the extension host log records the activation${activation ? `: ${activation.replace(/^.*_doActivateExtension /, '')}` : ''}`);
  check(errors.length === 0, `no error about the extension in the extension host logs${errors.length ? `:\n  ${errors.slice(0, 10).join('\n  ')}` : ''}`);
  },
);
