/**
 * The fast paths are checked against the reference they shortcut:
 *
 * - header-only messages: `buildModel` builds them without conventional-commits-parser; the model must be
 *   exactly the one built from the parser's output (`buildModel(…, false)`), on every message of every
 *   corpus in test/fixtures/corpora (or $RH_CORPORA_DIR), on their headers alone, and on a few thousand
 *   generated and mutated headers (references, `!`, odd scopes, `gpg:`, reverts, CR/LF, comments, Unicode);
 * - case checks: `inputIsCase` answers some cases from the first character; it must equal commitlint's
 *   algorithm (transform with `toCase`, compare) on the same texts;
 * - text preparation: one-line and unchanged texts skip building the cleaned text and its offset map;
 *   lines, cleaned text and offsets must equal the straightforward algorithm's;
 * - default ignores: each expression is tried only where it can match (first letter, "Merge ");
 *   the verdict must equal trying all of them;
 * - typo suggestions: the distance reuses its rows and suggestions are remembered per candidate list;
 *   the distance must equal the textbook table and a list changed in place must not get stale answers.
 */
import assert from 'node:assert/strict';
import { CORPORA_DIR, corpusMessages } from '../../../../bench/replayCorpus';
import { CASE_NAMES, caseInput, inputIsCase, toCase, type CaseName } from '../../../../src/core/commits/caseCheck';
import { buildModel, headerOnlyModel } from '../../../../src/core/commits/parse';
import { editDistance, suggest } from '../../../../src/core/commits/ruleKit/typo';
import { isSemverRelease, matchIgnore } from '../../../../src/core/commits/ignores';
import { normaliseCommentChar, prepareText, type CleanLine } from '../../../../src/core/commits/text';
import { seededRandom } from '../../seededRandom';
import { modelAsData } from './helpers';

const corporaDir = CORPORA_DIR;
/** Checks one message; returns whether the fast path took it. */
function check(message: string, commentChar: string | null): boolean {
  const fast = headerOnlyModel(message, commentChar);
  const reference = buildModel(message, commentChar, false);
  const used = buildModel(message, commentChar);
  assert.deepStrictEqual(modelAsData(used), modelAsData(reference), `buildModel differs from the parser on ${JSON.stringify(message)}`);
  if (fast) assert.deepStrictEqual(modelAsData(fast), modelAsData(reference), `fast path differs from the parser on ${JSON.stringify(message)}`);
  return fast !== undefined;
}


const TYPES = ['feat', 'fix', 'Feat', 'FIX', '', 'feat_x', 'feat-x', 'fé', '123', 'a b', ' feat', 'Revert', 'revert', 'Merge'];
const SCOPES = ['', '(core)', '()', '(a)(b)', '(a', 'a)', '((x))', '(scope with space)', '(a/b, c)', '(#12)', '(é)', '(x)!'];
const BANGS = ['', '!', '!!', ' !'];
const SEPARATORS = [': ', ':', ' : ', ':  ', ': \t', '', ' '];
const SUBJECTS = [
  'add a thing',
  'Add a thing.',
  'fix bug (#1234)',
  'closes #12',
  'fix #1, #2 and resolves #3',
  'owner/repo#3 and gh-5',
  'see https://example.com/#1 then #2',
  'see https://example.com/x #4',
  '#abc is not an issue',
  '#1 #1 duplicated',
  'Fixes #1 fixes #1',
  'a#1 b #2; c #3.',
  '(#99)',
  'FIXES #7',
  'fixups #8',
  'prefix #9',
  '',
  ' ',
  'trailing space ',
  'tab\tinside',
  'line\u2028separator',
  'unicode ÄÖÜ 😀 #5',
  '"quoted" `code` #6',
  'This reverts commit abc.',
  'BREAKING CHANGE: x',
  '@mention and #10',
];
const TAILS = ['', '\n', '\n\n', '\r\n', '\r\n\r\n', '\n \n', '\r', '\n\nbody #1', '\n# comment', '\n\n\n', '\nSigned-off-by: A <a@b.c>'];
const ODD = [
  'gpg: signature made',
  '  gpg: x',
  'Revert "feat: x" This reverts commit abcdef1.',
  'revert: "x" This reverts commit 1234.',
  'Revert "feat: x"\n\nThis reverts commit abcdef1.',
  '# comment only',
  '#123 starts with a reference',
  '\nfeat: leading blank line',
  '\r\nfeat: x',
  'feat: x\r\n',
  '------------------------ >8 ------------------------',
  '# ------------------------ >8 ------------------------\nfeat: x',
  'Merge branch "main" into x',
  'v1.2.3',
  'chore: release 1.2.3 [skip ci]',
];

function generatedHeaders(): string[] {
  const out: string[] = [...ODD];
  const rnd = seededRandom(20261126);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  for (let i = 0; i < 3000; i++) {
    out.push(pick(TYPES) + pick(SCOPES) + pick(BANGS) + pick(SEPARATORS) + pick(SUBJECTS) + (rnd() < 0.5 ? pick(TAILS) : ''));
  }
  return out;
}

const MUTATION_CHARS = [' ', ':', '(', ')', '!', '#', '1', 'a', 'A', '\r', '\n', '\t', '/', '-', '.', 'é', '"', '`'];

/** Corpus headers with random characters inserted, deleted or replaced. */
function mutatedHeaders(messages: readonly string[], count: number): string[] {
  const rnd = seededRandom(42);
  const out: string[] = [];
  for (let i = 0; i < count && messages.length > 0; i++) {
    let text = (messages[Math.floor(rnd() * messages.length)] as string).split('\n')[0] as string;
    const edits = 1 + Math.floor(rnd() * 3);
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(rnd() * (text.length + 1));
      const ch = MUTATION_CHARS[Math.floor(rnd() * MUTATION_CHARS.length)] as string;
      const op = rnd();
      if (op < 0.4) text = text.slice(0, at) + ch + text.slice(at);
      else if (op < 0.7) text = text.slice(0, at) + text.slice(at + 1);
      else text = text.slice(0, at) + ch + text.slice(at + 1);
    }
    out.push(rnd() < 0.7 ? `${text}\n` : text);
  }
  return out;
}

describe('fast paths agree with their reference', function () {
  this.timeout(120_000);
  const messages = corpusMessages();

  it(`finds the corpora in ${corporaDir}`, () => {
    assert.ok(messages.length > 0, `no *.commits.jsonl.gz corpora in ${corporaDir}: set RH_CORPORA_DIR`);
  });

  it('header-only model = parser model on every corpus message (as is, as a header, as COMMIT_EDITMSG)', () => {
    let fast = 0;
    for (const message of messages) {
      if (check(message, null)) fast++;
      const header = message.split('\n')[0] as string;
      check(header, null);
      check(`${header}\n`, null);
      check(`${message}\n# Please enter the commit message\n`, '#');
    }
    // The fast path must actually be exercised (most real messages are a header and a line end).
    assert.ok(fast > messages.length * 0.5, `fast path taken for only ${fast} of ${messages.length} messages`);
  });

  it('header-only model = parser model on generated and mutated headers', () => {
    const headers = [...generatedHeaders(), ...mutatedHeaders(messages, 3000)];
    let fast = 0;
    for (const header of headers) {
      for (const commentChar of [null, '#', ';']) if (check(header, commentChar)) fast++;
    }
    assert.ok(headers.length >= 6000);
    assert.ok(fast > headers.length, `fast path taken for only ${fast} of ${headers.length * 3} checks`);
  });

  it("case checks answered from the first character = commitlint's algorithm", () => {
    const reference = (input: string, target: CaseName): boolean => {
      const transformed = toCase(input, target);
      if (transformed === '' || (transformed.charCodeAt(0) >= 48 && transformed.charCodeAt(0) <= 57)) return true;
      return transformed === input;
    };
    const texts = new Set<string>();
    for (const message of messages) {
      const header = message.split('\n')[0] as string;
      const colon = header.indexOf(': ');
      texts.add(colon === -1 ? header : header.slice(colon + 2));
    }
    for (const header of generatedHeaders()) texts.add(header);
    for (const header of mutatedHeaders(messages, 3000)) texts.add(header.toLowerCase());
    for (const extra of ["a'b", 'a’s', 'añb', 'a\u0301', 'a-b_c d', 'aB', 'a1', 'ab2C', 'a😀', 'aǅ', 'aß', 'a\u2028b']) texts.add(extra);
    let lowerLed = 0;
    for (const extra of [' a', 'a ', '\ta\u00a0', '\u3000x', '"q" a', "'q' b `c`"]) texts.add(extra);
    for (const text of texts) {
      const input = caseInput(text);
      assert.equal(input, text.replace(/`.*?`|".*?"|'.*?'/g, '').trim(), `caseInput of ${JSON.stringify(text)}`);
      const c = input.charCodeAt(0);
      if (c >= 97 && c <= 122) lowerLed++;
      for (const target of CASE_NAMES) {
        assert.equal(inputIsCase(input, target), reference(input, target), `${target} of ${JSON.stringify(input)}`);
      }
    }
    assert.ok(lowerLed > 1000, `only ${lowerLed} texts start with a lower-case letter`);
  });

  it('edit distance = the textbook optimal-string-alignment table; remembered suggestions follow the list', () => {
    const osa = (a: string, b: string): number => {
      const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
      for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
          const cost = a[i - 1] === b[j - 1] ? 0 : 1;
          let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
          d[i]![j] = v;
        }
      }
      return d[a.length]![b.length]!;
    };
    const rnd = seededRandom(7);
    const word = (): string => {
      let w = '';
      const n = Math.floor(rnd() * 12);
      for (let i = 0; i < n; i++) w += 'abcfeixt'[Math.floor(rnd() * 8)];
      return w;
    };
    for (let k = 0; k < 5000; k++) {
      const a = word();
      const b = word();
      const limit = Math.floor(rnd() * 4);
      const exact = osa(a, b);
      const got = editDistance(a, b, limit);
      if (exact <= limit) assert.equal(got, exact, `${a} / ${b}`);
      else assert.ok(got > limit, `${a} / ${b}: ${got} should exceed ${limit}`);
    }
    assert.equal(editDistance('x'.repeat(100), 'x'.repeat(99) + 'y', 2), 1);
    const types = ['feat', 'fix', 'docs'];
    assert.deepEqual(suggest('fxi', types), ['fix']);
    assert.deepEqual(suggest('fxi', types), ['fix']);
    types[1] = 'chore';
    assert.deepEqual(suggest('fxi', types), []);
    const first = suggest('fet', types);
    first.push('mutated by the caller');
    assert.deepEqual(suggest('fet', types), ['feat']);
  });

  it('prepared text = the straightforward line-by-line preparation', () => {
    const SCISSORS = '------------------------ >8 ------------------------';
    const reference = (original: string, commentChar: string | null): { cleaned: string; lines: CleanLine[]; offsets: number[] } => {
      const comment = normaliseCommentChar(commentChar);
      const lines: CleanLine[] = [];
      const parts: string[] = [];
      let cleanPos = 0;
      let pos = 0;
      while (pos <= original.length) {
        let nl = original.indexOf('\n', pos);
        if (nl === -1) nl = original.length;
        let end = nl;
        if (end > pos && original.charCodeAt(end - 1) === 13 && nl < original.length) end -= 1;
        const text = original.slice(pos, end);
        if (comment !== null) {
          if (text === `${comment} ${SCISSORS}`) break;
          if (text.startsWith(comment)) {
            pos = nl + 1;
            continue;
          }
        }
        lines.push({ text, cleanStart: cleanPos, origStart: pos });
        parts.push(text);
        cleanPos += text.length + 1;
        pos = nl + 1;
      }
      const cleaned = parts.join('\n');
      const offsets: number[] = [];
      for (let o = -1; o <= cleaned.length + 1; o++) {
        if (cleaned === original) {
          offsets.push(Math.min(Math.max(o, 0), original.length));
          continue;
        }
        if (lines.length === 0) {
          offsets.push(0);
          continue;
        }
        const c = Math.min(Math.max(o, 0), cleaned.length);
        let line = lines[0] as CleanLine;
        for (const l of lines) if (l.cleanStart <= c) line = l;
        offsets.push(line.origStart + Math.min(c - line.cleanStart, line.text.length));
      }
      return { cleaned, lines, offsets };
    };
    const texts = [...messages.slice(0, 4000), ...generatedHeaders(), ...mutatedHeaders(messages, 2000), '', '\n', '\r\n', '#', '# x\nfeat: y', `feat: x\n# ${SCISSORS}\nmore`, `# ${SCISSORS}`, 'a\r', 'a\rb\r\n'];
    for (const text of texts) {
      for (const commentChar of [null, '#', ';', 'auto']) {
        const got = prepareText(text, commentChar);
        const offsets: number[] = [];
        for (let o = -1; o <= got.cleaned.length + 1; o++) offsets.push(got.toOriginal(o));
        assert.deepStrictEqual({ cleaned: got.cleaned, lines: got.lines, offsets }, reference(text, commentChar), JSON.stringify([text, commentChar]));
      }
    }
  });

  it('default ignores = every expression tried', () => {
    const expressions = [
      /^((Merge pull request)|(Merge (.*?) into (.*?)|(Merge branch (.*?)))(?:\r?\n)*$)/m,
      /^(Merge tag (.*?))(?:\r?\n)*$/m,
      /^(R|r)evert (.*)/,
      /^(R|r)eapply (.*)/,
      /^(amend|fixup|squash)!/,
      /^(Merged (.*?)(in|into) (.*)|Merged PR (.*): (.*))/,
      /^Merge remote-tracking branch(\s*)(.*)/,
      /^Automatic merge(.*)/,
      /^Auto-merged (.*?) into (.*)/,
    ];
    const reference = (message: string): boolean => {
      const m = message.trimEnd();
      return expressions.some((e) => e.test(m)) || isSemverRelease(m);
    };
    const extra = [
      'Merge branch "x"', 'feat: x\n\nMerge branch "y"', 'Merge tag v1', 'x\nMerge tag v1\n', 'Merged a into b', 'Merged PR 1: x',
      'Merge remote-tracking branch origin', 'Automatic merge of x', 'Auto-merged a into b', 'revert x', 'Reapply y', 'amend! x',
      'fixup! x', 'squash! x', 'v1.2.3', 'chore: 1.2.3 [skip ci]', 'chore(release): v2.0.0-beta.1 (skip ci)', '1.2', 'Merge', ' Merge branch x',
    ];
    let ignored = 0;
    for (const message of [...messages, ...generatedHeaders(), ...extra]) {
      const expected = reference(message);
      if (expected) ignored++;
      assert.equal(matchIgnore(message, true, []) === 'default', expected, JSON.stringify(message));
    }
    assert.ok(ignored > 100, `only ${ignored} ignored messages exercised`);
  });
});
