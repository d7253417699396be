/** The cleaned message and the offsets of its parts in the original text. */
import assert from 'node:assert/strict';
import { DEFAULT_COMMITLINT_CONFIG, lintCommitMessage, type MessageLayout } from '../../../../src/core/commits';

interface Row {
  readonly title: string;
  readonly text: string;
  readonly commentChar: string | null;
  readonly cleaned: string;
  /** Expected text of each layout part in the original. */
  readonly parts: Partial<Record<keyof MessageLayout, string>>;
}

const ROWS: readonly Row[] = [
  {
    title: 'plain message',
    text: 'feat(api)!: add x\n\nbody one\nbody two\n\nCloses #1\n',
    commentChar: null,
    cleaned: 'feat(api)!: add x\n\nbody one\nbody two\n\nCloses #1\n',
    parts: { header: 'feat(api)!: add x', type: 'feat', scope: 'api', bang: '!', subject: 'add x', body: 'body one\nbody two', footer: 'Closes #1' },
  },
  {
    title: 'COMMIT_EDITMSG with comments and scissors',
    text: 'fix: y\n# Please enter the commit message\n\nbody\n# ------------------------ >8 ------------------------\ndiff --git a/x b/x\n',
    commentChar: '#',
    cleaned: 'fix: y\n\nbody',
    parts: { header: 'fix: y', type: 'fix', subject: 'y', body: 'body' },
  },
  {
    title: 'the scissors line must be exact',
    text: 'fix: y\n\n#------------------------ >8 ------------------------\nkept',
    commentChar: '#',
    cleaned: 'fix: y\n\nkept',
    parts: { body: 'kept' },
  },
  {
    title: 'CRLF is normalised in the cleaned text, offsets stay exact',
    text: 'fix(core): z\r\n\r\nline a\r\nline b\r\n\r\nRefs #2\r\n',
    commentChar: null,
    cleaned: 'fix(core): z\n\nline a\nline b\n\nRefs #2\n',
    parts: { header: 'fix(core): z', scope: 'core', body: 'line a\r\nline b', footer: 'Refs #2' },
  },
  {
    title: 'without a comment character, "#" lines are kept',
    text: 'docs: a\n\n# heading\ntext',
    commentChar: null,
    cleaned: 'docs: a\n\n# heading\ntext',
    parts: { body: '# heading\ntext' },
  },
  {
    title: 'leading blank lines are not the header',
    text: '\n\nfeat: late header\n\nbody',
    commentChar: null,
    cleaned: '\n\nfeat: late header\n\nbody',
    parts: { header: 'feat: late header', body: 'body' },
  },
  {
    title: 'a footer note continues over lines',
    text: 'feat: x\n\nBREAKING CHANGE: one\n  two\nRefs: #3',
    commentChar: null,
    cleaned: 'feat: x\n\nBREAKING CHANGE: one\n  two\nRefs: #3',
    parts: { footer: 'BREAKING CHANGE: one\n  two\nRefs: #3' },
  },
];

describe('text handling and layout', () => {
  for (const row of ROWS) {
    it(row.title, () => {
      const { parsed } = lintCommitMessage(row.text, { config: DEFAULT_COMMITLINT_CONFIG, commentChar: row.commentChar });
      assert.equal(parsed.cleaned, row.cleaned);
      for (const [part, expected] of Object.entries(row.parts)) {
        const span = parsed.layout[part as keyof MessageLayout];
        assert.ok(span, `${part} missing`);
        assert.equal(row.text.slice(span.start, span.end), expected, part);
      }
    });
  }

  it('the parse fields come from conventional-commits-parser', () => {
    const { parsed } = lintCommitMessage('fix(a,b): x\n\nBREAKING-CHANGE: y\nCloses #4', { config: DEFAULT_COMMITLINT_CONFIG });
    assert.equal(parsed.type, 'fix');
    assert.equal(parsed.scope, 'a,b');
    assert.equal(parsed.subject, 'x');
    assert.equal(parsed.breaking, true);
    assert.deepEqual(parsed.notes, [{ title: 'BREAKING-CHANGE', text: 'y' }]);
    assert.deepEqual(parsed.references.map((r) => [r.action, r.issue]), [['Closes', '4']]);
  });
});
