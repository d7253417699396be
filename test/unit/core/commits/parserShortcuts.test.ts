/**
 * The commit parser instance `buildModel` uses skips the reference scan on lines without `#` and does not collect
 * mentions (src/core/commits/parse.ts). Both shortcuts must leave every other field exactly as a plain
 * conventional-commits-parser with the same options gives it: checked on every message of every corpus in
 * test/fixtures/corpora, and on generated messages with references in headers, bodies, notes and footers.
 */
import assert from 'node:assert/strict';
import { corpusMessages } from '../../../../bench/replayCorpus';
import { plainParser, runParser } from '../../../../src/core/commits/parse';

/** The plain parser's output without `mentions`, which the shortcut parser leaves empty by design. */
function withoutMentions(commit: object | null): object | null {
  if (commit === null) return null;
  const { mentions: _mentions, ...rest } = commit as { mentions?: unknown };
  return rest;
}

function plainParse(parser: ReturnType<typeof plainParser>, message: string): object | null {
  try {
    return parser.parse(message);
  } catch {
    return null;
  }
}

const GENERATED: readonly string[] = [
  'fix: close #12',
  'fix(core): something\n\nFixes #1, closes owner/repo#2 and #3\n\nRefs: #4',
  'feat!: drop node 18\n\nBREAKING CHANGE: gone #7\nmore text fixes #8\n\nReviewed-by: someone',
  'feat: x\n\nno reference here\nnor here\n\nCloses: gh-1',
  'chore: y\n\nsee https://example.com/issues#42 and fix #5',
  'refactor: z\n\nBREAKING-CHANGE: a\nBREAKING CHANGE: b #9\nSigned-off-by: A <a@b.c>\ncloses #10',
  'docs: @someone thanks for #11\n\n@other fixed #12',
  'fix: a\n\nresolves #1 #2 #1\nResolves #1',
];

describe('commit parser shortcuts (no reference scan without "#", no mentions)', () => {
  const messages = [...corpusMessages(), ...GENERATED];

  it('reads the corpora (else the comparison below proves nothing)', () => {
    assert.ok(messages.length > 10_000, `only ${messages.length} messages`);
    assert.ok(messages.some((m) => /#\d/.test(m.slice(m.indexOf('\n') + 1))), 'no corpus body has a reference');
  });

  it('gives exactly the plain parser output on every corpus and generated message', () => {
    const plain = plainParser();
    let withReferences = 0;
    for (const message of messages) {
      if (message.trim() === '') continue;
      const expected = withoutMentions(plainParse(plain, message));
      const actual = withoutMentions(runParser(message));
      assert.deepStrictEqual(actual, expected, JSON.stringify(message.slice(0, 200)));
      if (expected && (expected as { references: unknown[] }).references.length > 0) withReferences++;
    }
    assert.ok(withReferences > 100, `only ${withReferences} messages with references`);
  });
});
