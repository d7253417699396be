/**
 * The fast path for messages with a body (`buildModel` without conventional-commits-parser when the cleaned text
 * has no carriage return and no `gpg:` line) is checked against the reference it shortcuts: the model built from
 * the parser's output (`buildModel(…, false)`), field by field, on every message of every corpus in
 * test/fixtures/corpora (as is, with footers and notes added, as COMMIT_EDITMSG, mutated), and on tens of thousands
 * of generated messages made of the lines the parser treats specially (notes in every spelling, footer tokens,
 * references with and without actions, blank lines, reverts, note chains ended by a token). A divergence fails.
 */
import assert from 'node:assert/strict';
import { CORPORA_DIR, corpusMessages } from '../../../../bench/replayCorpus';
import { bodyModel, buildModel } from '../../../../src/core/commits/parse';
import { seededRandom } from '../../seededRandom';
import { modelAsData } from './helpers';

/** Checks one message; returns whether the body fast path took it. */
function check(message: string, commentChar: string | null): boolean {
  const fast = bodyModel(message, commentChar);
  const reference = buildModel(message, commentChar, false);
  if (fast) assert.deepStrictEqual(modelAsData(fast), modelAsData(reference), `body fast path differs from the parser on ${JSON.stringify(message)}`);
  assert.deepStrictEqual(modelAsData(buildModel(message, commentChar)), modelAsData(reference), `buildModel differs from the parser on ${JSON.stringify(message)}`);
  return fast !== undefined;
}


const HEADERS = [
  'feat: add a thing',
  'fix(core): closes #12',
  'feat!: drop node 18',
  'feat(api)!: remove #3 and fixes #4',
  'Fix #1 fixes #1',
  'Revert "feat: x"',
  'revert: "x"',
  'Merge branch "main" into x',
  'no conventional header',
  ' feat: leading space',
  'feat:missing space',
  'BREAKING CHANGE: as a header',
  'chore: release 1.2.3 [skip ci]',
  '#123 starts with a reference',
  'feat: unicode ÄÖÜ 😀 #5',
];

const LINES = [
  '',
  '',
  '',
  ' ',
  '\t',
  'plain body text',
  'Another line of prose, with a comma.',
  'Fixes #12',
  'fixes #1, closes #2 and resolves owner/repo#3',
  'see https://example.com/issues#42 and #43',
  'gh-5 and a#6 and #abc',
  '#7 #7 duplicated',
  'Closes #8',
  'BREAKING CHANGE: removes x',
  'BREAKING CHANGE:',
  'BREAKING CHANGE: ',
  'BREAKING-CHANGE: y #9',
  'breaking change: lower case',
  'Breaking-Change: mixed',
  '* BREAKING CHANGE: starred',
  '*  BREAKING CHANGE:no space',
  'BREAKING CHANGES: plural',
  'BREAKING CHANGE without colon',
  'Refs: #10',
  'Closes: #11',
  'Fixes: owner/repo#12',
  'Reviewed-by: A <a@b.c>',
  'Signed-off-by: A <a@b.c>',
  'Co-authored-by: B <b@c.d>',
  'Token #13',
  'Fixes #14, #15',
  'token:no-space',
  'Reviewed by: Jane',
  '  Indented: x',
  '-dash: x',
  'a: b',
  'a:  ',
  'x:\ty',
  'This reverts commit abcdef1.',
  'This reverts commit 1234567890abcdef.',
  '"quoted" `code` \'single\'',
  '@mention #16',
  'line\u2028separator',
  'unicode ÄÖÜ 😀',
  '- bullet #17',
  '# a comment line',
  '; another comment',
];

/** Messages made of a header and lines from LINES, with blank lines and line ends in random places. */
function generatedMessages(count: number): string[] {
  const rnd = seededRandom(20261206);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const lines: string[] = [];
    const leading = rnd() < 0.1 ? Math.floor(rnd() * 3) : 0;
    for (let b = 0; b < leading; b++) lines.push('');
    lines.push(pick(HEADERS));
    const n = 1 + Math.floor(rnd() * 9);
    for (let l = 0; l < n; l++) lines.push(pick(LINES));
    let message = lines.join('\n');
    const tail = rnd();
    if (tail < 0.5) message += '\n';
    else if (tail < 0.6) message += '\n\n';
    out.push(message);
  }
  return out;
}

const MUTATION_CHARS = [' ', ':', '(', ')', '!', '#', '1', 'a', 'A', '\n', '\n', '\n\n', '\t', '-', '.', 'é', '"', '*', 'BREAKING CHANGE: ', 'Refs: '];

/** Corpus messages with random characters inserted, deleted or replaced anywhere (line ends included). */
function mutatedMessages(messages: readonly string[], count: number): string[] {
  const rnd = seededRandom(1206);
  const out: string[] = [];
  for (let i = 0; i < count && messages.length > 0; i++) {
    let text = messages[Math.floor(rnd() * messages.length)] as string;
    const edits = 1 + Math.floor(rnd() * 4);
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(rnd() * (text.length + 1));
      const piece = MUTATION_CHARS[Math.floor(rnd() * MUTATION_CHARS.length)] as string;
      const op = rnd();
      if (op < 0.5) text = text.slice(0, at) + piece + text.slice(at);
      else if (op < 0.75) text = text.slice(0, at) + text.slice(at + 1);
      else text = text.slice(0, at) + piece + text.slice(at + 1);
    }
    out.push(text);
  }
  return out;
}

describe('body fast path agrees with the parser', function () {
  this.timeout(300_000);
  const messages = corpusMessages();
  const multiLine = messages.filter((m) => m.trimEnd().includes('\n'));

  it('reads the corpora (else the comparison below proves little)', () => {
    assert.ok(messages.length > 10_000, `only ${messages.length} corpus messages in ${CORPORA_DIR}`);
    assert.ok(multiLine.length > 3000, `only ${multiLine.length} corpus messages with a body`);
  });

  it('on every corpus message: as is, with a footer and notes added, as COMMIT_EDITMSG', () => {
    let fast = 0;
    for (const message of messages) {
      if (check(message, null) && multiLine.length > 0 && message.trimEnd().includes('\n')) fast++;
      const trimmed = message.trimEnd();
      check(`${trimmed}\n\nRefs: #1\nBREAKING CHANGE: more\ncontinued #2\nCloses: #3\nBREAKING-CHANGE: after a token\n`, null);
      check(`${trimmed}\nBREAKING CHANGE: no blank line\n\n\n`, null);
      check(`${message}\n# Please enter the commit message\n# ------------------------ >8 ------------------------\ndiff\n`, '#');
    }
    // The path must actually be taken: every corpus message is free of lone CRs and nearly all of `gpg:`.
    assert.ok(fast > multiLine.length * 0.9, `body fast path taken for only ${fast} of ${multiLine.length} messages with a body`);
  });

  it('on generated messages, with and without a comment character', () => {
    const generated = generatedMessages(20_000);
    let fast = 0;
    for (const message of generated) {
      for (const commentChar of [null, '#', ';']) if (check(message, commentChar)) fast++;
    }
    assert.ok(fast > generated.length * 2, `body fast path taken for only ${fast} of ${generated.length * 3} checks`);
  });

  it('on mutated corpus messages', () => {
    let fast = 0;
    const mutated = mutatedMessages(multiLine, 20_000);
    for (const message of mutated) if (check(message, null)) fast++;
    assert.ok(fast > mutated.length * 0.5, `body fast path taken for only ${fast} of ${mutated.length} mutated messages`);
  });

  it('leaves to the parser what it does not replay: carriage returns, gpg lines, long note chains', () => {
    for (const message of [
      'feat: x\r\n\r\nbody\r',
      'feat: x\n\nbody\rwith a lone CR',
      'feat: x\n\ngpg: Signature made\nbody',
      'feat: x\n\n  gpg: indented',
      `feat: x\n\n${'BREAKING CHANGE: a\n'.repeat(150)}`,
    ]) {
      assert.equal(bodyModel(message, null), undefined, JSON.stringify(message.slice(0, 60)));
      check(message, null);
    }
    // Below the note limit the chain is replayed, and equals the parser's.
    assert.notEqual(bodyModel(`feat: x\n\n${'BREAKING CHANGE: a\n'.repeat(50)}`, null), undefined);
    check(`feat: x\n\n${'BREAKING CHANGE: a\n'.repeat(50)}`, null);
  });
});
