#!/usr/bin/env node
// Playwright UI check of the feature flag code lenses in a real VS Code 1.100.3 (code-server + headless Chromium):
// opens src/flags-demo.ts of the fixture from the Explorer, waits for the lens of the stale flag
// (`express-checkout-v2 · added 94 days ago by A. Author · 3 references · stale`) and the squiggle under its key,
// checks the Feature Flags view in the Explorer lists the flags with the stale one first, and saves
// docs/screenshot-flags.png. Before that, the first history pass is held by a git wrapper first on code-server's
// PATH, so its notification shows: its Cancel button is clicked, the held git process must end, the lens must say
// the age was not computed, and clicking that lens must read the history again (with the real git).
//
//   node test/integration/ui/flagsUi.mjs [--extensionDevelopmentPath=DIR] [--folder=GIT_REPO] [--screenshot=PNG]
//
// Prints PASS/FAIL lines and a plain `N passed, N failed` line; exit 0 when all pass, 1 on a failed check,
// 2 when the harness is missing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EXPIRED_FLAG, FRESH_FLAG, STALE_FLAG } from '../fixture/createFixtureRepo.mjs';
import { execFileSync } from 'node:child_process';
import { runUiCheck } from './uiSession.mjs';

const STALE_LENS = `${STALE_FLAG.key} · added ${STALE_FLAG.days} days ago by ${STALE_FLAG.author} · ${STALE_FLAG.references} references · stale`;

/** Lines of the extension's own log (its LogOutputChannel) over every extension host session, oldest first. */
function extensionLogLines(tmpDir) {
  const lines = [];
  const logsDir = path.join(tmpDir, 'user-data', 'logs');
  for (const session of fs.existsSync(logsDir) ? fs.readdirSync(logsDir).sort() : []) {
    for (const host of fs.readdirSync(path.join(logsDir, session)).filter((d) => d.startsWith('exthost')).sort()) {
      const dir = path.join(logsDir, session, host, 'release-hygiene.release-hygiene');
      for (const f of fs.existsSync(dir) ? fs.readdirSync(dir) : []) lines.push(...fs.readFileSync(path.join(dir, f), 'utf8').split('\n'));
    }
  }
  return lines.filter(Boolean).sort(); // each line starts with its timestamp
}

/** Is the process alive? */
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// The git wrapper (written before code-server starts, so its extension host finds it first on PATH): it records
// every git process and holds the first history walk (`git log … --reverse … --raw`) for 40 s unless killed.
let gitRecord = '';
let gitHeld = '';
async function holdFirstHistoryWalk(tmp) {
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  const bin = path.join(tmp, 'git-hold');
  fs.mkdirSync(bin, { recursive: true });
  gitRecord = path.join(bin, 'pids');
  gitHeld = path.join(bin, 'held');
  fs.writeFileSync(gitRecord, '');
  const hold = `: > "${gitHeld}"; echo $$ >> "${gitHeld}"; sleep 40 & held=$!; trap 'kill $held; exit 143' TERM INT; wait $held; trap - TERM INT`;
  fs.writeFileSync(path.join(bin, 'git'), [
    '#!/bin/sh',
    `echo "$$ $*" >> "${gitRecord}"`,
    `if [ ! -e "${gitHeld}" ]; then raw=; rev=; for arg in "$@"; do [ "$arg" = --raw ] && raw=1; [ "$arg" = --reverse ] && rev=1; done; [ -n "$raw" ] && [ -n "$rev" ] && { ${hold}; }; fi`,
    `exec "${realGit}" "$@"`,
    '',
  ].join('\n'));
  fs.chmodSync(path.join(bin, 'git'), 0o755);
  process.env.PATH = `${bin}${path.delimiter}${process.env.PATH ?? ''}`;
  // The VS Code server otherwise gives its extension host the PATH of a login shell (`bash -ilc env`), which
  // /etc/profile resets; VSCODE_CLI=1 says this environment already is the user's, and only skips that step.
  process.env.VSCODE_CLI = '1';
}

await runUiCheck(
  { name: 'flags', screenshot: 'screenshot-flags.png', viewport: { width: 1400, height: 850 }, settings: { 'workbench.colorTheme': 'Default Dark Modern', 'git.inputValidation': false, 'editor.minimap.enabled': false, 'workbench.startupEditor': 'none' }, beforeStart: holdFirstHistoryWalk },
  async ({ page, check, log, shot, tmp }) => {

  // The Explorer: expand src/, open flags-demo.ts by clicking it.
  await page.keyboard.press('Control+Shift+E');
  const explorer = page.locator('.explorer-folders-view');
  await explorer.waitFor({ timeout: 30_000 });
  const row = (name) => explorer.locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${name.replace(/[.]/g, '\\.')}$`) }) }).first();
  await row('src').waitFor({ timeout: 30_000 });
  if ((await row('src').getAttribute('aria-expanded')) !== 'true') await row('src').click();
  await row('flags-demo.ts').waitFor({ timeout: 15_000 });
  await row('flags-demo.ts').click();
  await page.locator('.monaco-editor .view-lines', { hasText: 'express-checkout-v2' }).first().waitFor({ timeout: 30_000 });
  check(true, 'src/flags-demo.ts opened from the Explorer');

  // The first history pass is held: its notification shows (after 2 s); click its Cancel button.
  const toast = page.locator('.notification-toast', { hasText: 'dating feature flags from history' }).first();
  await toast.waitFor({ timeout: 30_000 }).then(() => check(true, 'the history pass shows a notification with Cancel'), () => check(false, 'the history pass shows a notification with Cancel'));
  const heldPid = Number((fs.existsSync(gitHeld) ? fs.readFileSync(gitHeld, 'utf8') : '').trim());
  check(heldPid > 0 && alive(heldPid), `the history walk is held by the git wrapper (pid ${heldPid})`);
  await toast.locator('.monaco-button', { hasText: /^Cancel$/ }).first().click({ timeout: 10_000 });
  await toast.waitFor({ state: 'detached', timeout: 10_000 }).then(() => check(true, 'the notification closes after Cancel'), () => check(false, 'the notification closes after Cancel'));
  let ended = false;
  for (const deadline = Date.now() + 10_000; Date.now() < deadline && !ended;) {
    ended = heldPid > 0 && !alive(heldPid);
    if (!ended) await page.waitForTimeout(100);
  }
  check(ended, 'Cancel ends the held git process at once (it would otherwise run 40 s)');
  const cancelledLens = page.locator('.codelens-decoration', { hasText: `${STALE_FLAG.key} · age not computed (cancelled)` }).first();
  await cancelledLens.waitFor({ timeout: 20_000 }).then(() => check(true, 'the lens says the age was not computed (cancelled)'), () => check(false, 'the lens says the age was not computed (cancelled)'));
  // Clicking that lens reads the history again; the wrapper now lets every git process through.
  await page.locator('.codelens-decoration a', { hasText: `${STALE_FLAG.key} · age not computed` }).first().click({ timeout: 10_000 }).catch((e) => log('retry click:', e.message));
  const walks = () => fs.readFileSync(gitRecord, 'utf8').split('\n').filter((l) => / --raw /.test(l) && / --reverse /.test(l)).length;
  let retried = false;
  for (const deadline = Date.now() + 20_000; Date.now() < deadline && !retried;) {
    retried = walks() >= 2;
    if (!retried) await page.waitForTimeout(200);
  }
  check(retried, `clicking the cancelled lens starts the history walk again (${walks()} walks)`);

  // Code lenses: the stale flag's lens resolves once history has been read.
  const lens = page.locator('.codelens-decoration', { hasText: STALE_FLAG.key });
  let lensText = '';
  for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
    lensText = ((await lens.first().textContent({ timeout: 1_000 }).catch(() => '')) ?? '').replace(/\u00a0/g, ' ');
    if (lensText.includes(STALE_LENS)) break;
    await page.waitForTimeout(250);
  }
  check(lensText.includes(STALE_LENS), `lens reads "${STALE_LENS}" (got ${JSON.stringify(lensText)})`);
  const all = (await page.locator('.codelens-decoration').allTextContents()).map((t) => t.replace(/\u00a0/g, ' '));
  for (const flag of [EXPIRED_FLAG, FRESH_FLAG]) {
    check(all.some((t) => t.startsWith(`${flag.key} · added ${flag.days} days ago`)), `a lens for ${flag.key} (${flag.days} days)`);
  }
  const squiggle = page.locator('.monaco-editor .squiggly-error');
  await squiggle.first().waitFor({ timeout: 20_000 }).then(() => check(true, 'the stale key is underlined as an error'), () => check(false, 'the stale key is underlined as an error'));

  // The Feature Flags view in the Explorer: expand it when collapsed; the stale flag is listed first.
  const header = page.locator('.part.sidebar .pane-header', { hasText: /feature flags/i }).first();
  await header.waitFor({ timeout: 15_000 });
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  // Collapse Outline and Timeline so the view has room.
  for (const name of [/^\s*outline/i, /^\s*timeline/i]) {
    const other = page.locator('.part.sidebar .pane-header[aria-expanded="true"]', { hasText: name }).first();
    if (await other.count()) await other.click().catch(() => {});
  }
  const pane = page.locator('.part.sidebar .pane', { has: page.locator('.pane-header', { hasText: /feature flags/i }) }).first();
  const firstRow = pane.locator('.monaco-list-row').first();
  await pane.locator('.monaco-list-row', { hasText: STALE_FLAG.key }).first().waitFor({ timeout: 30_000 }).catch(() => {});
  const firstText = ((await firstRow.textContent().catch(() => '')) ?? '').replace(/\u00a0/g, ' ');
  check(firstText.includes(STALE_FLAG.key) && /stale/.test(firstText), `the Feature Flags view lists ${STALE_FLAG.key} first, as stale (${JSON.stringify(firstText)})`);
  const rows = await pane.locator('.monaco-list-row').count();
  check(rows >= 4, `the view lists the fixture's flags (${rows} rows)`);

  // A wider side bar, so the view's descriptions (status, age, references) are readable in the screenshot.
  try {
    const bar = await page.locator('.part.sidebar').boundingBox();
    if (bar && bar.width < 400) {
      await page.mouse.move(bar.x + bar.width + 1, bar.y + 300);
      await page.mouse.down();
      await page.mouse.move(bar.x + bar.width + 60, bar.y + 300, { steps: 8 });
      await page.mouse.move(bar.x + 400, bar.y + 300, { steps: 8 });
      await page.mouse.up();
    }
  } catch { /* cosmetic only */ }
  await page.mouse.move(1300, 800);
  await page.waitForTimeout(500);
  fs.mkdirSync(path.dirname(shot), { recursive: true });
  await page.screenshot({ path: shot });
  check(fs.statSync(shot).size > 10_000, `screenshot saved: ${path.relative(process.cwd(), shot)}`);

  // Clicking the lens peeks every reference of the flag.
  await page.locator('.codelens-decoration a', { hasText: STALE_FLAG.key }).first().click();
  const peek = page.locator('.peekview-widget, .reference-zone-widget').first();
  try {
    await peek.waitFor({ timeout: 15_000 });
    const title = ((await page.locator('.peekview-widget .peekview-title').first().textContent().catch(() => '')) ?? '').replace(/\u00a0/g, ' ');
    const refs = await page.locator('.reference-zone-widget .ref-tree .monaco-list-row').count().catch(() => 0);
    check(/(Locations|References) \(3\)|3 references/.test(title), `clicking the lens peeks the references (${JSON.stringify(title)}, ${refs} rows)`);
  } catch {
    check(false, 'clicking the lens peeks the references');
  }

  // Developer: Reload Window starts a new extension host: the lenses come back, and the ages come from the
  // engine's on-disk cache for this HEAD (the extension's workspace storage), not from another history pass.
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').first().fill('>Developer: Reload Window');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Reload Window' }).first().waitFor({ timeout: 15_000 });
  await Promise.all([page.waitForEvent('load', { timeout: 60_000 }), page.keyboard.press('Enter')]);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  let again = '';
  for (const deadline = Date.now() + 60_000; Date.now() < deadline && !again.includes(STALE_LENS);) {
    again = ((await page.locator('.codelens-decoration', { hasText: STALE_FLAG.key }).first().textContent({ timeout: 1_000 }).catch(() => '')) ?? '').replace(/\u00a0/g, ' ');
    if (!again.includes(STALE_LENS)) await page.waitForTimeout(250);
  }
  check(again.includes(STALE_LENS), 'after a reload the lenses are back');
  const agesLines = extensionLogLines(tmp).filter((line) => /feature flags of .*: ages of \d+ keys at/.test(line));
  const last = agesLines[agesLines.length - 1] ?? '';
  check(agesLines.length >= 2 && /\(cached, /.test(last), `after a reload the ages come from the HEAD cache: ${JSON.stringify(last.replace(/^.*ages of/, 'ages of'))}`);
  },
);
