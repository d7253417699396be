/** Bad input never throws, and offsets stay inside the text. */
import assert from 'node:assert/strict';
import { DEFAULT_COMMITLINT_CONFIG, lintCommitMessage, type CommitLintResult } from '../../../../src/core/commits';
import { applyFix } from './helpers';

function checkInvariants(text: string, result: CommitLintResult): void {
  for (const f of result.findings) {
    assert.ok(f.start >= 0 && f.start <= f.end && f.end <= text.length, `${f.ruleId} [${f.start}, ${f.end}] outside 0..${text.length}`);
    for (const fix of f.fixes ?? []) {
      for (const e of fix.edits) assert.ok(e.start >= 0 && e.start <= e.end && e.end <= text.length);
      assert.equal(typeof applyFix(text, fix), 'string');
    }
  }
  assert.equal(result.valid, !result.findings.some((f) => f.severity === 'error'));
}

const BIG_LINES = `feat: big\n\n${'word '.repeat(30).trim()}\n`.repeat(1);
const ROWS: readonly (readonly [title: string, text: string, commentChar: string | null, expectValid?: boolean])[] = [
  ['empty message', '', null, true],
  ['only whitespace', '   \n\t\n', null, true],
  ['only comments', '# one\n# two\n', '#', true],
  ['only a scissors section', '# ------------------------ >8 ------------------------\ndiff --git a b\n', '#', true],
  ['comments and blank lines', '\n# x\n\n# y\n', '#', true],
  ['CRLF only', '\r\n\r\n', null, true],
  ['lone CR characters', 'feat: x\rstill header\r', null],
  ['CRLF message', 'fix: x\r\n\r\nbody\r\n\r\nCloses #1\r\n', null, true],
  ['lone surrogates', 'fix: \ud800 broken \udc00 text\n\n\ud83d', null],
  ['replacement characters', 'fix: caf\ufffd\ufffd decoding\n\nbody \ufffd', null, true],
  ['emoji in the type', '✨: sparkle', null, false],
  ['emoji type with scope', '🐛(core): fix', null, false],
  ['emoji in the subject', 'feat: add 🎉 party mode', null, true],
  ['emoji at the start of the subject', 'feat: 🎉 party mode', null, true],
  ['NUL bytes', 'fix: a\u0000b\n\n\u0000\u0000', null],
  ['NUL as the whole message', '\u0000', null, false],
  ['a very long header', `feat: ${'x'.repeat(10_000)}`, null, false],
  ['header of spaces and bangs', `feat${' '.repeat(5000)}!${' '.repeat(5000)}x`, null, false],
  ['unbalanced parentheses', 'feat((((: x', null, false],
  ['scope with parentheses', 'feat(a(b)): x', null],
  ['comment char is a multi-character string', '// note\nfeat: x', '//', true],
  ['empty comment char means no comments', '#x\nfeat: y', '', false],
  ['gpg lines are dropped by the parser', 'feat: x\ngpg: Signature made\n\nbody', null, true],
  ['many lines', BIG_LINES.repeat(2000), null],
];

describe('bad input never throws', () => {
  for (const [title, text, commentChar, expectValid] of ROWS) {
    it(title, () => {
      const result = lintCommitMessage(text, { config: DEFAULT_COMMITLINT_CONFIG, commentChar });
      checkInvariants(text, result);
      if (expectValid !== undefined) assert.equal(result.valid, expectValid, JSON.stringify(result.findings));
    });
  }

  it('a non-string message is linted as empty', () => {
    const result = lintCommitMessage(undefined as unknown as string, { config: DEFAULT_COMMITLINT_CONFIG });
    assert.equal(result.valid, true);
    assert.deepEqual(result.findings, []);
  });

  it('a 5 MB single-line message finishes and is flagged', function () {
    this.timeout(30_000);
    const text = `feat: ${'a'.repeat(5 * 1024 * 1024)}`;
    const result = lintCommitMessage(text, { config: DEFAULT_COMMITLINT_CONFIG });
    checkInvariants(text, result);
    assert.ok(result.findings.some((f) => f.ruleId === 'header-max-length'));
  });

  it('a 5 MB message of many lines finishes, with a finding per long line', function () {
    this.timeout(30_000);
    const line = `${'word '.repeat(25)}\n`;
    const text = `fix: x\n\n${line.repeat(Math.ceil((5 * 1024 * 1024) / line.length))}`;
    const result = lintCommitMessage(text, { config: DEFAULT_COMMITLINT_CONFIG });
    checkInvariants(text, result);
    assert.ok(result.findings.filter((f) => f.ruleId === 'body-max-line-length').length > 1000);
  });

  it('a 5 MB message with comments and CRLF finishes with exact offsets', function () {
    this.timeout(30_000);
    const text = `Fix: x\r\n${'# comment line\r\nbody text\r\n'.repeat(200_000)}`;
    const result = lintCommitMessage(text, { config: DEFAULT_COMMITLINT_CONFIG, commentChar: '#' });
    checkInvariants(text, result);
    const typeCase = result.findings.find((f) => f.ruleId === 'type-case');
    assert.equal(text.slice(typeCase!.start, typeCase!.end), 'Fix');
  });

  it('a 5 MB message of pathological characters finishes', function () {
    this.timeout(30_000);
    const text = `feat(${'('.repeat(1_000_000)}: ${'`"\''.repeat(1_000_000)}\n\n${'BREAKING CHANGE: \n'.repeat(100_000)}`;
    const result = lintCommitMessage(text, { config: DEFAULT_COMMITLINT_CONFIG });
    checkInvariants(text, result);
  });
});
