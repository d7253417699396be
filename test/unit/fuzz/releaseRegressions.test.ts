// Minimised counterexamples of the release properties (test/unit/fuzz/release.test.ts), kept as cases.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { computeReleasePlan, escapeMarkdownText, hasChangelogSection, renderChangelog, selectTag } from '../../../src/core/release';
import { parseMarkdownBlocks } from '../../../src/vscode/release/markdownTree';
import { bounded, hostileString, property } from './harness';

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

describe('fuzz regressions: release', function () {
  // The per-case budget (harness.ts) bounds these cases; mocha's own timeout would be a second, smaller one.
  this.timeout(0);

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

  describe('hasChangelogSection', () => {
    /** The former implementation, a pattern built from the version: the reference where it compiles. */
    function formerPattern(existing: string, version: string): boolean {
      const v = escapeMarkdownText(version).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      return new RegExp(`^#{1,3} +(?:\\[v?${v}\\]|v?${v})(?=[\\s(]|$)`, 'm').test(existing);
    }

    it('a 20,000-character version of "<" or "(" is looked for without building a pattern', () => {
      for (const unit of ['<', '(', '[', '\\']) {
        const version = unit.repeat(20_000);
        assert.equal(bounded('hasChangelogSection', () => hasChangelogSection(`# Changelog\n\n## ${escapeMarkdownText(version)} (2026-12-04)\n`, version)), true);
        assert.equal(hasChangelogSection(version, version), false);
      }
    });

    /** Stands for the version under test, escaped as the renderer writes it. */
    const VERSION_SLOT = '\u0001version\u0001';
    const headings = fc
      .tuple(
        fc.constantFrom('', '#', '##', '###', '####', '## ', 'x'),
        fc.constantFrom(' ', '  ', '   ', ''),
        fc.constantFrom('', '[', 'v', '[v'),
        fc.constantFrom('1.2.3', 'v1.2.3', '1.2.30', 'Unreleased', '<b>', '\\<', VERSION_SLOT, VERSION_SLOT),
        fc.constantFrom('', ']', '](url)', ' (2024-01-01)', '(x)', 'x', '\t', '\u2028'),
        fc.constantFrom('\n', '\r\n', '\r', '\u2028'),
      )
      .map((parts) => parts.join(''));
    // A version with a line break in it is left out: the former pattern matched it across lines, a heading is one.
    const versions = fc
      .oneof(fc.constantFrom('1.2.3', 'v1.2.3', '1.2.3-rc.1', 'Unreleased', '<b>', '\\<', 'a.b', '', ' ', '  1.2.3', ' <b>'), hostileString(8))
      .filter((version) => !/[\n\r\u2028\u2029]/.test(version));
    property('agrees with the former pattern', fc.tuple(fc.array(headings, { maxLength: 4 }), versions), ([lines, version]) => {
      const existing = lines.join('').split(VERSION_SLOT).join(escapeMarkdownText(version));
      assert.equal(hasChangelogSection(existing, version), formerPattern(existing, version), JSON.stringify({ existing, version }));
    }, { runs: 5 });
  });

  describe("the webview's Markdown tree", () => {
    it('60,000 "[" and a line of 200,000 inner spaces are read in one pass', () => {
      assert.equal(bounded('brackets', () => parseMarkdownBlocks(`* ${'['.repeat(60_000)}`)).length, 1);
      assert.equal(bounded('spaces', () => parseMarkdownBlocks(`* a${' '.repeat(200_000)}b  `)).length, 1);
    });

    it('links, nested brackets and escapes read as before', () => {
      assert.deepEqual(parseMarkdownBlocks('* [a [b] c](https://x.example/p(1)) \\[d](https://y.example) [e](javascript:x)'), [
        {
          t: 'list',
          items: [[
            { t: 'link', href: 'https://x.example/p(1)', children: [{ t: 'text', text: 'a [b] c' }] },
            { t: 'text', text: ' [d](https://y.example) e' },
          ]],
        },
      ]);
    });
  });
});
