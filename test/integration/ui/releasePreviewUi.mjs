#!/usr/bin/env node
// Playwright UI check of the release preview in a real VS Code 1.100.3 (code-server + headless Chromium): runs
// "Release Hygiene: Preview Next Release" from the command palette (F1), finds the webview's content frame
// (webviews are nested iframes), checks the next version is shown, that the fixture's hostile commit subjects
// are text (no <img> element, no extra <script>, no alert dialog), that the status bar item reads
// v1.4.1 → v1.5.0, and saves docs/screenshot-release-preview.png.
//
//   node test/integration/ui/releasePreviewUi.mjs [--extensionDevelopmentPath=DIR] [--folder=GIT_REPO] [--screenshot=PNG]
//
// Prints PASS/FAIL lines and a plain `N passed, N failed` line; exit 0 when all pass, 1 on a failed check,
// 2 when the harness is missing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HOSTILE_SUBJECT, NEXT_RELEASE_TAG, RELEASE_TAG, UNCONVENTIONAL_SUBJECT } from '../fixture/createFixtureRepo.mjs';
import { runUiCheck } from './uiSession.mjs';

const HOSTILE_TEXT = HOSTILE_SUBJECT.replace(/^fix: /, '');

/** The webview frame that holds the preview's content (the inner iframe of the webview host), or null. */
async function previewFrame(page) {
  for (const frame of page.frames()) {
    try {
      if (await frame.evaluate(() => !!document.getElementById('next-version'))) return frame;
    } catch { /* detached or cross-origin while loading */ }
  }
  return null;
}

/** Messages of any JavaScript dialog (alert) a hostile commit subject might open: there must be none. */
const dialogs = [];

await runUiCheck(
  { name: 'release', screenshot: 'screenshot-release-preview.png', viewport: { width: 1400, height: 900 }, settings: { 'workbench.colorTheme': 'Default Dark Modern', 'git.inputValidation': false } },
  async ({ page, check, log, shot, tmp }) => {
  page.on('dialog', (dialog) => { dialogs.push(dialog.message()); void dialog.dismiss().catch(() => {}); });
  // The Source Control view, so the screenshot shows where the command also lives (its title bar).
  await page.keyboard.press('Control+Shift+G');
  await page.locator('.scm-view').first().waitFor({ timeout: 30_000 }).catch(() => log('(no Source Control view)'));

  // F1 → the command, by its palette title.
  const title = 'Release Hygiene: Preview Next Release';
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input').first();
  await input.waitFor({ timeout: 15_000 });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Preview Next Release' }).first();
  await row.waitFor({ timeout: 15_000 });
  check(true, `command palette lists "${title}"`);
  await page.keyboard.press('Enter');

  let frame = null;
  let next = '';
  for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
    frame ??= await previewFrame(page);
    if (frame) {
      next = await frame.evaluate(() => document.getElementById('next-version')?.textContent ?? '').catch(() => '');
      if (next === NEXT_RELEASE_TAG) break;
      if (next === '') frame = null; // reloaded
    }
    await page.waitForTimeout(200);
  }
  check(next === NEXT_RELEASE_TAG, `the panel shows the next version ${NEXT_RELEASE_TAG} (got ${JSON.stringify(next)})`);
  if (!frame) throw new Error('no webview frame with the preview content');

  const dom = await frame.evaluate(() => ({
    current: document.getElementById('current-version')?.textContent ?? '',
    text: document.body.innerText,
    imgs: document.querySelectorAll('img').length,
    // VS Code injects one inline script of its own (acquireVsCodeApi); ours is the one external bundle.
    scripts: [...document.querySelectorAll('script')].map((s) => s.getAttribute('src') ?? `(inline) ${s.textContent.slice(0, 60)}`),
    alertScripts: [...document.querySelectorAll('script')].filter((s) => /alert\(/.test(s.textContent ?? '')).length,
    csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '',
    reasons: document.querySelectorAll('#reasons ul.commits li').length,
    rendered: document.getElementById('changelog-rendered')?.innerText ?? '',
    raw: document.getElementById('changelog-markdown')?.textContent ?? '',
    codiconFont: document.fonts ? [...document.fonts].some((f) => f.family.replace(/"/g, '') === 'codicon' && f.status === 'loaded') : false,
  }));
  check(dom.current === RELEASE_TAG, `the panel shows the current tag ${RELEASE_TAG} (got ${JSON.stringify(dom.current)})`);
  check(dom.imgs === 0, `no <img> element in the webview (found ${dom.imgs})`);
  check(dom.rendered.includes(HOSTILE_TEXT), `the rendered changelog shows the hostile subject as text: ${JSON.stringify(HOSTILE_TEXT)}`);
  check(dom.raw.includes(HOSTILE_TEXT.replace('<', '\\<')), 'the raw Markdown shows the escaped subject');
  check(dom.text.includes(UNCONVENTIONAL_SUBJECT), `"not in the changelog" shows ${JSON.stringify(UNCONVENTIONAL_SUBJECT)} as text`);
  const external = dom.scripts.filter((src) => !src.startsWith('(inline)'));
  check(external.length === 1 && /\/media\/release\/dist\/preview\.js$/.test(external[0]) && dom.alertScripts === 0,
    `the only script of ours is the preview bundle, and no script element carries commit text (${dom.scripts.map((x) => x.slice(0, 80)).join(' | ')})`);
  check(/default-src 'none'/.test(dom.csp) && /script-src 'nonce-/.test(dom.csp), `strict CSP with a nonce: ${dom.csp.replace(/nonce-[^' ;]+/g, 'nonce-…')}`);
  check(dom.reasons === 1, `one commit causes the bump (${dom.reasons})`);
  if (!dom.codiconFont) log('(the codicon font is not reported as loaded)');

  const status = page.locator('.statusbar-item', { hasText: `${RELEASE_TAG} → ${NEXT_RELEASE_TAG}` }).first();
  try {
    await status.waitFor({ timeout: 20_000 });
    check(true, `status bar shows ${RELEASE_TAG} → ${NEXT_RELEASE_TAG}`);
  } catch {
    check(false, `status bar shows ${RELEASE_TAG} → ${NEXT_RELEASE_TAG}`);
  }
  // Let the webview's fonts and layout settle, then the screenshot.
  await page.waitForTimeout(500);
  check(dialogs.length === 0, `no dialog (alert) was opened${dialogs.length ? `: ${dialogs.join(', ')}` : ''}`);
  fs.mkdirSync(path.dirname(shot), { recursive: true });
  await page.screenshot({ path: shot });
  check(fs.statSync(shot).size > 10_000, `screenshot saved: ${path.relative(process.cwd(), shot)}`);

  // Restored after a reload: pick the Markdown tab (kept with setState), reload the workbench, and find the panel
  // again (serializer + onWebviewPanel activation) on the same tab, without running the command.
  await frame.evaluate(() => document.getElementById('tab-markdown')?.click());
  await page.waitForTimeout(300);
  // Developer: Reload Window shuts the workbench down properly (editor state saved), unlike a bare page reload.
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').first().fill('>Developer: Reload Window');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Reload Window' }).first().waitFor({ timeout: 15_000 });
  await Promise.all([page.waitForEvent('load', { timeout: 60_000 }), page.keyboard.press('Enter')]);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  let restored = null;
  for (const deadline = Date.now() + 60_000; Date.now() < deadline && !restored;) {
    const again = await previewFrame(page);
    restored = again && await again.evaluate(() => {
      const next = document.getElementById('next-version')?.textContent;
      const raw = document.getElementById('changelog-markdown');
      return next && raw && !raw.hidden ? { next, raw: true } : null;
    }).catch(() => null);
    if (!restored) await page.waitForTimeout(250);
  }
  if (!restored && process.env.UI_DEBUG) {
    await page.screenshot({ path: '/tmp/rh-ui-reload.png' });
    for (const f of page.frames()) console.log('frame', f.url().slice(0, 120), await f.evaluate(() => document.body?.innerText.slice(0, 80)).catch((e) => 'ERR ' + e.message.slice(0, 60)));
  }
  check(restored?.next === NEXT_RELEASE_TAG, `after a reload the panel is restored on its Markdown tab and shows ${NEXT_RELEASE_TAG}`);
  },
);
