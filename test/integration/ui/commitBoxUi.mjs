#!/usr/bin/env node
// Playwright UI check of the Source Control commit box in a real VS Code 1.100.3 (code-server + headless Chromium):
// the extension is loaded from source through the workbench's extensionDevelopmentPath payload (no vsix, no install).
// Types a bad message into the commit box, waits for the squiggle, hovers it, checks the hover names the rule,
// saves the screenshot, then checks Ctrl+. offers the quick fix and that applying it rewrites the message.
//
//   node test/integration/ui/commitBoxUi.mjs [--extensionDevelopmentPath=DIR] [--folder=GIT_REPO] [--screenshot=PNG]
//
// Defaults: the repo root, a fresh fixture repo, docs/screenshot-commit-box.png. Prints PASS/FAIL lines and a plain
// `N passed, N failed` line; exit 0 when all pass, 1 on a failed check, 2 when the harness is missing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runUiCheck } from './uiSession.mjs';

const BAD = 'Feat: Add thing.';
const RULE_TEXT = /type-case|lower-case|lower case|full stop/i;

await runUiCheck(
  { name: 'commit-box', screenshot: 'screenshot-commit-box.png', viewport: { width: 1400, height: 850 }, settings: { 'editor.hover.delay': 200, 'workbench.colorTheme': 'Default Dark Modern', 'scm.inputMinLineCount': 3, 'git.inputValidation': false } },
  async ({ page, check, log, shot }) => {

  // Source Control view; open the modified file's diff so the screenshot shows the change being committed.
  await page.keyboard.press('Control+Shift+G');
  const scmInput = page.locator('.scm-editor .monaco-editor').first();
  await scmInput.waitFor({ timeout: 30_000 });
  const change = page.locator('.scm-view .monaco-list-row', { hasText: 'parser.js' }).first();
  try {
    await change.waitFor({ timeout: 20_000 });
    await change.click();
    await page.waitForSelector('.monaco-diff-editor', { timeout: 15_000 });
  } catch (e) {
    log('(could not open the diff of parser.js:', e.message.split('\n')[0] + ')');
  }
  check(true, 'Source Control view shows the commit box');
  // Collapse the Graph pane: the screenshot is about the commit box (and the fixture history may hold odd commits).
  try {
    const graph = page.locator('.scm-view, .part.sidebar').locator('.pane-header[aria-expanded="true"]', { hasText: /^\s*graph/i }).first();
    if (await graph.count()) await graph.locator('.title').first().click();
  } catch { /* cosmetic only */ }
  // A wider side bar, so the hover in the screenshot is not squeezed.
  try {
    const bar = await page.locator('.part.sidebar').boundingBox();
    if (bar && bar.width < 420) {
      await page.mouse.move(bar.x + bar.width + 1, bar.y + 300);
      await page.mouse.down();
      await page.mouse.move(bar.x + bar.width + 120, bar.y + 300, { steps: 8 });
      await page.mouse.move(bar.x + 470, bar.y + 300, { steps: 8 });
      await page.mouse.up();
    }
  } catch { /* cosmetic only */ }

  await scmInput.click();
  await page.keyboard.type(BAD);
  const squiggle = page.locator('.scm-editor .squiggly-error');
  try {
    await squiggle.first().waitFor({ timeout: 20_000 });
    check(true, `squiggle in the commit box for "${BAD}" (${await squiggle.count()} error decoration(s))`);
  } catch {
    check(false, `squiggle in the commit box for "${BAD}"`);
  }

  if (await squiggle.count()) {
    // Hover the type ("Feat"): its problems are type-case (and type-enum).
    // The linter catches up with the typing (an early hover may show "type may not be empty"): re-hover the
    // left-most squiggle until the hover names a rule of the full message, for up to 20 s.
    const hover = page.locator('.monaco-hover:visible', { hasText: 'release-hygiene' }).first();
    const hoverText = () => hover.evaluate((el) => [...el.querySelectorAll('.hover-row')].map((row) => {
      const parts = [];
      const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) { const t = walker.currentNode.textContent.trim(); if (t) parts.push(t); }
      return parts.join(' ');
    }).filter(Boolean).join(' | '));
    let text = '';
    for (const deadline = Date.now() + 20_000; Date.now() < deadline && !RULE_TEXT.test(text);) {
      const boxes = (await Promise.all((await squiggle.all()).map((s) => s.boundingBox().catch(() => null)))).filter(Boolean);
      const box = boxes.sort((a, b) => a.x - b.x)[0];
      if (!box) { await page.waitForTimeout(100); continue; }
      await page.mouse.move(900, 600);
      await page.mouse.move(box.x + 2, box.y + box.height / 2);
      await page.mouse.move(box.x + Math.min(box.width / 2, 12), box.y + box.height / 2, { steps: 3 });
      text = await hover.waitFor({ timeout: 3_000 }).then(hoverText, () => '');
    }
    check(RULE_TEXT.test(text), `hover names the rule: ${text.slice(0, 200) || '(no hover)'}`);
    // The extension's own hover row (the type's release effect) joins the marker rows: wait for it.
    const bumpHover = page.locator('.monaco-hover:visible', { hasText: /minor/ }).first();
    try {
      await bumpHover.waitFor({ timeout: 10_000 });
      check(true, 'hover shows the release effect of the type (minor)');
    } catch {
      check(false, 'hover shows the release effect of the type (minor)');
    }
    // The hover's "Quick Fix... (Ctrl+.)" footer fills in once the code actions are computed.
    await page.locator('.monaco-hover:visible .hover-row.status-bar', { hasText: /Quick Fix/ }).first()
      .waitFor({ timeout: 5_000 }).catch(() => log('(no "Quick Fix" footer in the hover)'));
    // Let the hover's fade-in finish before the screenshot.
    await page.waitForFunction(() => {
      const el = document.querySelector('.monaco-hover:not(.hidden)');
      return !!el && el.getAnimations({ subtree: true }).length === 0 && getComputedStyle(el.closest('.monaco-resizable-hover') ?? el).opacity === '1';
    }, null, { timeout: 5_000 }).catch(() => log('(hover animation did not settle)'));
    fs.mkdirSync(path.dirname(shot), { recursive: true });
    await page.screenshot({ path: shot });
    check(fs.statSync(shot).size > 10_000, `screenshot saved: ${path.relative(process.cwd(), shot)}`);

    // Ctrl+. in the commit box (the light bulb is hidden there) lists the quick fix; applying it rewrites the type.
    // (no Escape here: in the commit box it may clear the message)
    await page.mouse.move(900, 600);
    await scmInput.click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Control+.');
    const fixRow = page.locator('.action-widget .monaco-list-row', { hasText: /lower/i }).first();
    try {
      await fixRow.waitFor({ timeout: 10_000 });
      const title = (await fixRow.innerText()).trim().split('\n')[0];
      // the action list takes the keyboard: move the focus onto the fix row, then Enter
      for (let i = 0; i < 10 && !/\bfocused\b/.test((await fixRow.getAttribute('class')) ?? ''); i++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      const lines = page.locator('.scm-editor .view-lines');
      const deadline = Date.now() + 10_000;
      let text = '';
      while (Date.now() < deadline) {
        text = (await lines.first().innerText()).replace(/\u00a0/g, ' ').trim();
        if (text.startsWith('feat:')) break;
        await page.waitForTimeout(100);
      }
      check(text.startsWith('feat:'), `Ctrl+. quick fix "${title}" rewrites the message: ${JSON.stringify(text)}`);
    } catch (e) {
      if (process.env.UI_DEBUG) {
        const dbg = path.join(os.tmpdir(), 'rh-ui-quickfix.png');
        await page.screenshot({ path: dbg });
        log('UI_DEBUG screenshot:', dbg);
        console.log(await page.evaluate(() => [...document.querySelectorAll('*')].filter(el => el.children.length === 0 && /lower/i.test(el.textContent || '')).map(el => el.className + ' < ' + el.parentElement?.className + ' :: ' + el.textContent).join('\n')));
      }
      check(false, `Ctrl+. offers a lower-case quick fix (${e.message.split('\n')[0]})`);
    }
  }
  },
);
