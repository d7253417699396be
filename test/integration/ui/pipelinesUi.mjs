#!/usr/bin/env node
// Playwright UI check of pipeline gates in a real VS Code 1.100.3 (code-server + headless Chromium): opens the
// fixture's .gitlab-ci.yml from the Explorer (dotfiles show there), waits for the error squiggle of
// deploy-allow-failure, hovers it, checks the hover explains the rule with its fix, saves
// docs/screenshot-pipelines.png, then applies the allow_failure quick fix through Ctrl+. and checks the squiggle goes.
//
//   node test/integration/ui/pipelinesUi.mjs [--extensionDevelopmentPath=DIR] [--folder=GIT_REPO] [--screenshot=PNG]
//
// Prints PASS/FAIL lines and a plain `N passed, N failed` line; exit 0 when all pass, 1 on a failed check,
// 2 when the harness is missing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GITLAB_CI_FILE, PRODUCTION_DEPLOY_JOB } from '../fixture/createFixtureRepo.mjs';
import { runUiCheck } from './uiSession.mjs';

const RULE = 'deploy-allow-failure';

await runUiCheck(
  { name: 'pipelines', screenshot: 'screenshot-pipelines.png', viewport: { width: 1400, height: 1000 }, settings: { 'editor.hover.delay': 200, 'editor.hover.above': false, 'workbench.colorTheme': 'Default Dark Modern', 'git.inputValidation': false, 'editor.minimap.enabled': false, } },
  async ({ page, check, log, shot }) => {

  // Explorer → .gitlab-ci.yml (a dotfile: the Explorer shows it; only .git is excluded by default).
  await page.keyboard.press('Control+Shift+E');
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: GITLAB_CI_FILE }).first();
  await row.waitFor({ timeout: 30_000 });
  check(true, `the Explorer lists ${GITLAB_CI_FILE}`);
  await row.click();
  const editor = page.locator('.editor-instance .monaco-editor').first();
  await editor.waitFor({ timeout: 20_000 });
  await page.locator('.tab.active', { hasText: GITLAB_CI_FILE }).first().waitFor({ timeout: 20_000 });
  check(true, `${GITLAB_CI_FILE} opens in the editor`);

  // The squiggle: the error decoration of deploy-allow-failure, inside the production deploy job.
  const squiggle = page.locator('.editor-instance .monaco-editor .squiggly-error');
  try {
    await squiggle.first().waitFor({ timeout: 30_000 });
    check(true, `error squiggle in ${GITLAB_CI_FILE} (${await squiggle.count()} error decoration(s))`);
  } catch {
    check(false, `error squiggle in ${GITLAB_CI_FILE}`);
  }

  if (await squiggle.count()) {
    // Hover the squiggle until the hover shows both the marker (the finding) and our rule explanation.
    const hover = page.locator('.monaco-hover:visible', { hasText: RULE }).first();
    const hoverText = () => hover.evaluate((el) => el.innerText.replace(/\s+/g, ' ').trim());
    let text = '';
    for (const deadline = Date.now() + 20_000; Date.now() < deadline && !(/Fix:/.test(text) && text.includes(RULE));) {
      const box = await squiggle.first().boundingBox().catch(() => null);
      if (!box) { await page.waitForTimeout(100); continue; }
      await page.mouse.move(1300, 950);
      await page.mouse.move(box.x + 2, box.y + box.height / 2);
      await page.mouse.move(box.x + Math.min(box.width / 2, 16), box.y + box.height / 2, { steps: 3 });
      text = await hover.waitFor({ timeout: 3_000 }).then(hoverText, () => '');
    }
    check(text.includes(RULE), `hover names the rule: ${text.slice(0, 160) || '(no hover)'}`);
    check(/Fix:/.test(text) && /allow_failure/.test(text), 'hover explains the fix (allow_failure)');
    check(/documentation/.test(text) && /release-hygiene-ignore/.test(text), 'hover links to the rule documentation and shows the suppression comment');
    await page.locator('.monaco-hover:visible .hover-row.status-bar', { hasText: /Quick Fix/ }).first()
      .waitFor({ timeout: 5_000 }).catch(() => log('(no "Quick Fix" footer in the hover)'));
    await page.waitForFunction(() => {
      const el = document.querySelector('.monaco-hover:not(.hidden)');
      return !!el && el.getAnimations({ subtree: true }).length === 0 && getComputedStyle(el.closest('.monaco-resizable-hover') ?? el).opacity === '1';
    }, null, { timeout: 5_000 }).catch(() => log('(hover animation did not settle)'));
    fs.mkdirSync(path.dirname(shot), { recursive: true });
    await page.screenshot({ path: shot });
    check(fs.statSync(shot).size > 10_000, `screenshot saved: ${path.relative(process.cwd(), shot)}`);

    // Ctrl+. on the finding lists the mechanical fix first; applying it removes the squiggle.
    await page.mouse.move(1300, 950);
    await page.keyboard.press('Escape');
    const box = await squiggle.first().boundingBox();
    await page.mouse.click(box.x + Math.min(box.width / 2, 16), box.y + box.height / 2);
    await page.keyboard.press('Control+.');
    const fixRow = page.locator('.action-widget .monaco-list-row', { hasText: /allow_failure/ }).first();
    try {
      await fixRow.waitFor({ timeout: 10_000 });
      const title = (await fixRow.innerText()).trim().split('\n')[0];
      for (let i = 0; i < 10 && !/\bfocused\b/.test((await fixRow.getAttribute('class')) ?? ''); i++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      const lines = page.locator('.editor-instance .monaco-editor .view-lines').first();
      let after = '';
      for (const deadline = Date.now() + 10_000; Date.now() < deadline && !/allow_failure: false/.test(after);) {
        after = (await lines.innerText()).replace(/\u00a0/g, ' ');
        await page.waitForTimeout(100);
      }
      check(/allow_failure: false/.test(after), `Ctrl+. quick fix "${title}" writes allow_failure: false into ${PRODUCTION_DEPLOY_JOB}`);
      let gone = false;
      for (const deadline = Date.now() + 15_000; Date.now() < deadline && !gone;) {
        gone = (await squiggle.count()) === 0;
        if (!gone) await page.waitForTimeout(100);
      }
      check(gone, 'the error squiggle goes away after the fix');
    } catch (e) {
      check(false, `Ctrl+. offers an allow_failure quick fix (${e.message.split('\n')[0]})`);
    }
  }
  },
);
