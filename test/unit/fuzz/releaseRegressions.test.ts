// Minimised counterexamples of the release properties (test/unit/fuzz/release.test.ts), kept as cases.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { computeReleasePlan, escapeMarkdownText, hasChangelogSection, renderChangelog, selectTag } from '../../../src/core/release';
import { bounded, property } from './harness';

/** Each `<` is escaped by an odd number of backslashes (an even number escapes only the backslashes). */
function rawAngleBrackets(markdown: string): number {
  let raw = 0;
  for (let i = markdown.indexOf('<'); i !== -1; i = markdown.indexOf('<', i + 1)) {
    let backslashes = 0;
    while (markdown[i - backslashes - 1] === '\\') backslashes++;
    if (backslashes % 2 === 0) raw++;
  }
  return raw;
}

describe('fuzz regressions: release', () => {
  describe('escapeMarkdownText', () => {
    it('a backslash run before "<" cannot unescape it', () => {
      assert.equal(escapeMarkdownText('\\\\<i>'), '\\\\\\\\\\<i>');
      assert.equal(escapeMarkdownText('\\<b>'), '\\\\\\<b>');
      assert.equal(escapeMarkdownText('<b>'), '\\<b>');
      assert.equal(escapeMarkdownText('a\\b<c'), 'a\\b\\<c');
    });

    it('a subject with two backslashes before a tag renders as text', () => {
      const selection = selectTag([], { tagFormat: 'v${version}', prerelease: null });
      const plan = computeReleasePlan({ selection, commits: [{ hash: 'a'.repeat(40), message: 'feat: \\\\<script>alert(1)</script>', parents: [] }] });
      const { markdown } = renderChangelog(plan, { date: '2026-12-04', host: null });
      assert.match(markdown, /alert\(1\)/);
      assert.equal(rawAngleBrackets(markdown), 0, markdown);
    });

    it('a run of 50,000 backslashes is escaped in one pass', () => {
      const text = `${'\\'.repeat(50_000)}x<`;
      assert.equal(bounded('escapeMarkdownText', () => escapeMarkdownText(text)), `${'\\'.repeat(50_000)}x\\<`);
    });
  });
});
