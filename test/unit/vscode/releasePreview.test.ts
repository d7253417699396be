// The pure parts of the release preview (no vscode import): the safe Markdown reading, the status text, the
// message validation of the webview protocol.
import assert from 'node:assert/strict';
import { escapeMarkdownText } from '../../../src/core/release';
import { parseInline, parseMarkdownBlocks, safeHref, type MarkdownInline } from '../../../src/vscode/release/markdownTree';
import { statusText } from '../../../src/vscode/release/previewModel';
import { isWebviewMessage } from '../../../src/vscode/release/protocol';

const text = (nodes: readonly MarkdownInline[]): string => nodes.map((n) => ('text' in n ? n.text : text(n.children))).join('');

describe('release preview: safe Markdown tree', () => {
  it('reads a changelog section: headings, list items with bold scopes, code and links', () => {
    const blocks = parseMarkdownBlocks(
      '## [1.5.0](https://github.com/acme/w/compare/v1.4.1...v1.5.0) (2026-01-01)\n\n### Features\n\n* **api:** add `x` ([abc1234](https://github.com/acme/w/commit/abc1234))\n* plain\n  continued\n',
    );
    assert.deepEqual(blocks.map((b) => b.t), ['heading', 'heading', 'list']);
    assert.deepEqual(blocks[0], {
      t: 'heading',
      level: 2,
      children: [{ t: 'link', href: 'https://github.com/acme/w/compare/v1.4.1...v1.5.0', children: [{ t: 'text', text: '1.5.0' }] }, { t: 'text', text: ' (2026-01-01)' }],
    });
    const list = blocks[2];
    assert.ok(list?.t === 'list');
    assert.deepEqual(list.items[0]?.slice(0, 3), [{ t: 'strong', children: [{ t: 'text', text: 'api:' }] }, { t: 'text', text: ' add ' }, { t: 'code', text: 'x' }]);
    assert.equal(text(list.items[1] ?? []), 'plain continued');
  });

  for (const hostile of ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '<!-- x -->', '<a href="javascript:alert(1)">x</a>']) {
    it(`keeps ${hostile} as one text run after the engine's escaping`, () => {
      const nodes = parseInline(`handle ${escapeMarkdownText(hostile)} in titles`);
      assert.equal(text(nodes), `handle ${hostile} in titles`);
      assert.ok(nodes.every((n) => n.t === 'text'));
    });
  }

  it('drops non-http(s) link targets but keeps their text', () => {
    for (const href of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'data:text/html,x', 'vbscript:x', '//evil.example', 'command:workbench.action.quit', 'https://a b']) {
      assert.equal(safeHref(href), null, href);
      assert.deepEqual(parseInline(`[click](${href})`), [{ t: 'text', text: 'click' }], href);
    }
    assert.equal(safeHref('https://example.com/a?b=1#c'), 'https://example.com/a?b=1#c');
  });

  it('never throws and leaves unknown or broken syntax as text', () => {
    for (const input of ['**unclosed', '[a](', '`', '\\', '[[[]]](https://x.y)', '*'.repeat(50), `${'['.repeat(200)}x`]) {
      assert.doesNotThrow(() => parseMarkdownBlocks(input), input);
    }
    assert.equal(text(parseInline('**unclosed')), '**unclosed');
  });
});

describe('release preview: status bar text', () => {
  const base = { currentTag: 'v1.4.1', current: '1.4.1', nextTag: 'v1.5.0', next: '1.5.0', firstRelease: false };
  it('v1.4.1 → v1.5.0', () => assert.equal(statusText(base), 'v1.4.1 → v1.5.0'));
  it('first release', () => assert.equal(statusText({ ...base, currentTag: null, current: null, firstRelease: true, nextTag: 'v0.1.0', next: '0.1.0' }), '→ v0.1.0 (first release)'));
  it('nothing to release', () => assert.equal(statusText({ ...base, nextTag: null, next: null }), 'v1.4.1 (no release)'));
  it('nothing ever released', () => assert.equal(statusText({ ...base, currentTag: null, current: null, nextTag: null, next: null, firstRelease: true }), 'no release yet'));
});

describe('release preview: webview messages are validated', () => {
  it('accepts the protocol and rejects anything else', () => {
    assert.ok(isWebviewMessage({ type: 'ready' }));
    assert.ok(isWebviewMessage({ type: 'openCommit', hash: 'abc1234' }));
    for (const bad of [null, 'ready', {}, { type: 'eval' }, { type: 'openCommit', hash: '--output=x' }, { type: 'openCommit', hash: 'HEAD' }, { type: 'openLink' }]) {
      assert.equal(isWebviewMessage(bad), false, JSON.stringify(bad));
    }
  });
});
