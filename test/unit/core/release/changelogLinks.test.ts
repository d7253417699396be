/**
 * The changelog's issue linking (linkIssues, a scan) against its reference expression (ISSUE_REFERENCE through
 * String.prototype.replace): the same text and the same issues found, in order, with and without a host, on
 * every subject and breaking note of the corpora and on generated texts of `#`, digits, word characters, every
 * character that may precede an issue and some that may not.
 */
import assert from 'node:assert/strict';
import { CORPORA_DIR, corpusExists, loadCorpus } from '../../../../bench/replayCorpus';
import { escapeMarkdownText, issueUrl, type RepositoryHost } from '../../../../src/core/release';
import { ISSUE_REFERENCE, linkIssues } from '../../../../src/core/release/changelog';
import { seededRandom } from '../../seededRandom';

const CORPORA = ['conventional-changelog__commitlint', 'orhun__git-cliff', 'semantic-release__semantic-release', 'vitejs__vite'] as const;
const HOSTS: readonly (RepositoryHost | null)[] = [null, { kind: 'github', url: 'https://github.com/o/r' }, { kind: 'gitlab', url: 'https://gitlab.com/g/s/r' }];

function reference(text: string, host: RepositoryHost | null): { text: string; found: string[] } {
  const found = new Set<string>();
  const out = text.replace(ISSUE_REFERENCE, (match, before: string, issue: string) => {
    found.add(issue);
    return host ? `${before}[#${issue}](${issueUrl(host, issue)})` : match;
  });
  return { text: out, found: [...found] };
}

function assertSame(text: string): void {
  for (const host of HOSTS) {
    const found = new Set<string>();
    const ours = { text: linkIssues(text, host, found), found: [...found] };
    assert.deepStrictEqual(ours, reference(text, host), `differs on ${JSON.stringify(text)} (${host?.kind ?? 'no host'})`);
  }
}


const PIECES = [
  '#', '#', '#', '1', '23', '0', 'a', 'Z', '_', '-', '.', ' ', '\t', '\n', '\r', '\v', '\f', '(', ')', ',', ';', '[', ']', '\\<',
  '\u00a0', '\u1680', '\u2000', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff', '\u180e', '\u200b',
  '\uff11', 'é', '日', '😀', 'fix', '(#12)', 'closes #3', '#4a', '#5_', 'x#6',
];

describe('changelog issue links: the scan agrees with its reference expression', function () {
  this.timeout(120_000);

  it('agrees on edge cases', () => {
    const cases = ['', '#', '#1', '#1#2', '#1 #2', '(#1,#2;#3[#4', 'a#1', '#12a', '#12_', '#12-', '#12.', '\u00a0#7', '\u180e#8', '#\uff11', '##1', '# 1', 'x (#1234)'];
    for (const text of cases) assertSame(text);
  });

  it('agrees on generated texts', () => {
    const next = seededRandom(31);
    for (let i = 0; i < 20_000; i++) {
      let text = '';
      const count = 1 + Math.floor(next() * 12);
      for (let p = 0; p < count; p++) text += PIECES[Math.floor(next() * PIECES.length)] as string;
      assertSame(text);
    }
  });

  for (const corpus of CORPORA) {
    it(`agrees on every subject and message line of ${corpus}`, function () {
      if (!corpusExists(corpus)) this.skip();
      let linked = 0;
      for (const commit of loadCorpus(corpus, CORPORA_DIR)) {
        for (const line of commit.message.split('\n')) {
          const text = escapeMarkdownText(line);
          assertSame(text);
          if (/#\d/.test(text)) linked++;
        }
      }
      assert.ok(linked > 0, 'some lines have issue references');
    });
  }
});
