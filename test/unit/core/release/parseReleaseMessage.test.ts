/**
 * The release engine's parse-only path (`parseReleaseMessage`) against the linter's reference (`parseCommit`, which
 * goes through `buildModel`): every field the engine reads must be identical on every message of every corpus in
 * test/fixtures/corpora (or $RH_CORPORA_DIR), on the squash-body blocks the engine parses out of them, and on a few
 * thousand generated messages (CR/LF, `!`, notes, footers, references, reverts, `gpg:` lines, blank edges).
 */
import assert from 'node:assert/strict';
import { CORPORA_DIR, corpusExists, loadCorpus } from '../../../../bench/replayCorpus';
import { parseCommit } from '../../../../src/core/release/parseCommit';
import { parseReleaseMessage, type ReleaseParse } from '../../../../src/core/release/parseReleaseMessage';
import { seededRandom } from '../../seededRandom';

const CORPORA = ['conventional-changelog__commitlint', 'orhun__git-cliff', 'semantic-release__semantic-release', 'vitejs__vite'] as const;
const FIELDS = ['header', 'type', 'scope', 'subject', 'body', 'footer', 'breaking', 'notes', 'references', 'revert'] as const;

function reference(message: string): ReleaseParse {
  const parsed = parseCommit(message);
  return Object.fromEntries(FIELDS.map((field) => [field, parsed[field]])) as unknown as ReleaseParse;
}

function assertSame(message: string): void {
  const ours = parseReleaseMessage(message);
  assert.deepEqual(Object.keys(ours).sort(), [...FIELDS].sort(), 'the parse-only result has exactly the fields the engine reads');
  assert.deepStrictEqual(ours, reference(message), `differs on ${JSON.stringify(message.slice(0, 200))}`);
}

/** The blocks `analyse` (plan.ts) parses for squash bodies: each `* type: subject` line with the text after it. */
function squashBlocks(message: string): string[] {
  const lines = [...message.matchAll(/^[ \t]*[*-][ \t]+(\w+(?:\([^()\r\n]*\))?!?: \S.*?)[ \t]*$/gm)];
  return lines.map((match, index) => {
    const end = lines[index + 1]?.index ?? message.length;
    return `${match[1] as string}\n${message.slice((match.index as number) + match[0].length, end)}`;
  });
}


const PIECES = [
  'feat', 'fix', 'feat!', 'fix(core)', 'fix(core)!', 'revert', 'chore', 'Revert', ': ', '!: ', ' ', '', '(', ')',
  'subject', 'add x', '"feat: y"', '#12', 'closes #3', 'fixes #4, #5', 'Refs: #9', 'BREAKING CHANGE: gone',
  'BREAKING-CHANGE: z', '* BREAKING CHANGE: w', 'breaking change: lower', 'Signed-off-by: a <a@b>', 'Co-authored-by: c',
  'This reverts commit 1234abcd.', 'This reverts commit a5f3e9d0c2b1a5f3e9d0c2b1a5f3e9d0c2b1a5f3.', 'gpg: signature',
  '  gpg: x', '* feat(a): nested', '- fix: nested two', 'Release-As: 2.0.0', 'body text', 'ü ✓ 日本',
  '\n', '\n', '\n', '\n\n', '\r\n', '\r', '\r\n\r\n', '\t', '#', 'Merge branch x', 'fixup! feat: x',
];

function generated(count: number, seed: number): string[] {
  const next = seededRandom(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const parts = 1 + Math.floor(next() * 14);
    let message = '';
    for (let p = 0; p < parts; p++) message += PIECES[Math.floor(next() * PIECES.length)] as string;
    out.push(message);
  }
  return out;
}

describe('parseReleaseMessage: the release engine parse-only path agrees with the linter parse (parseCommit)', function () {
  this.timeout(120_000);

  it('agrees on edge cases', () => {
    const cases = [
      '', '\n', '   \n\n', '\r\n', 'feat: x', 'feat: x\n', 'feat: x\r\n', 'feat: x\n\r', 'feat: x\r\n\r\n', 'feat!: x\n',
      'feat(scope)!: x closes #1 #1\n', 'fix: a #2, fixes #3\n', 'gpg: x\n', 'Revert "feat: a"\n\nThis reverts commit abcd1234.\n',
      'revert: feat: a\n', 'feat: a\n\nBREAKING CHANGE: b\n', 'feat: a\r\n\r\nbody\r\n\r\nBREAKING-CHANGE: c\r\n', '\n\nfeat: late header\n',
      'fix: closes #4 fixes #4 Closes #4\n', 'feat: a\n\n* fix: b\n* feat!: c\n\nBREAKING CHANGE: d\n', 'not conventional\n\nCloses #7\n', 'feat: \rcarriage\n',
    ];
    for (const message of cases) assertSame(message);
  });

  it('agrees on a few thousand generated messages', () => {
    for (const message of generated(4000, 13)) assertSame(message);
  });

  for (const corpus of CORPORA) {
    it(`agrees on every message of ${corpus} and on its squash-body blocks`, function () {
      if (!corpusExists(corpus)) this.skip();
      const commits = loadCorpus(corpus, CORPORA_DIR);
      let blocks = 0;
      for (const commit of commits) {
        assertSame(commit.message);
        for (const block of squashBlocks(commit.message)) {
          assertSame(block);
          blocks++;
        }
      }
      assert.ok(commits.length > 1000, `expected the whole corpus, got ${commits.length} messages`);
      console.log(`      ${corpus}: ${commits.length} messages, ${blocks} squash blocks`);
    });
  }
});

describe("parseReleaseMessage(message, 'plan'): what the release plan reads", function () {
  this.timeout(120_000);

  /**
   * Every field as the full parse has it, except: references narrowed to those with an action (`closes #1`), and
   * a body and footer that may be the text after the header where neither holds what the plan reads (then both
   * must say alike whether there is a body or footer, and neither may hold a breaking-change marker).
   */
  function assertPlanSame(message: string): { readonly shortcut: boolean } {
    const all = parseReleaseMessage(message);
    const plan = parseReleaseMessage(message, 'plan');
    const comparable = (parse: ReleaseParse): ReleaseParse => ({ ...parse, body: null, footer: null, references: parse.references.filter((reference) => reference.action !== null) });
    const where = `on ${JSON.stringify(message.slice(0, 200))}`;
    assert.deepStrictEqual(comparable(plan), comparable(all), `differs ${where}`);
    const shortcut = plan.body !== all.body || plan.footer !== all.footer;
    if (shortcut) {
      assert.equal(Boolean(plan.body || plan.footer), Boolean(all.body || all.footer), `body or footer ${where}`);
      for (const text of [plan.body, plan.footer, all.body, all.footer]) assert.ok(!/BREAKING[ -]CHANGE/i.test(text ?? ''), `a breaking marker ${where}`);
    }
    return { shortcut };
  }

  it('reads what the plan reads on edge cases and generated messages', () => {
    const cases = [
      'fix: closes #4 fixes #4 Closes #4\n', 'fix: a (#12)\n', 'fix: fix #3\n', 'fix: prefix #3\n', 'feat: resolved\t#9\n', 'feat: x FIXES #1, #2\n',
      'feat: closes#1\n', 'feat: closed #1 (#2)\n', 'fix(fix): fixup #5\n', 'fix: unfixed #6\n', 'chore: close\u00a0#7\n', 'x\n\ncloses #8\n',
      'feat: a\n\nbody\n', 'feat!: a\n\nbody\n', 'feat: a\n \n', 'feat: a\n\t\n\n', '  \nfeat: a\n', ': a\nb\n', 'feat: a\n\nSigned-off-by: x\n',
      'feat: a\n\nBreaking change: b\n', 'feat: a\n\nnot breaking\n', 'feat: a\n\n  gpg: x\n', 'feat: a\r\nb\r\n', 'feat: a\rb\n',
      'Revert "feat: a"\n\nThis reverts commit abcd1234.\n', 'feat: a\n\n* fix: b\n* feat!: c\n', '\nfeat: late\nbody\n',
      'fix: a (#12)\n\nbody\n', 'fix: closes #3, fixes #3\n\nbody\n', 'fix: a #1 closes #1\n\nbody\n', 'feat: BREAKING CHANGE: x\n\nbody\n',
      'feat!: a (#2)\n\nbody\n\nSigned-off-by: x\n', 'fix: a\n\nsee #4\n', 'gpg: a\nfeat: b\n',
      // A `#` after the header without an action keyword takes the shortcut; with one (also `Closes:` on a
      // footer line, or a keyword at a line's end) the parser reads it.
      'fix: a\n\nCloses: #4\n', 'fix: a\n\nfixes\n#4\n', 'fix: a\n\nprefix #4 unfixed #5\n', 'fix: a\n\nRefs #4\nResolves #5\n',
      'fix: a (#1)\n\nfix-up #2\n', 'fix: a\n\nResolved:\t#7\n', 'fix: closes #1\n\nsee #1 and #2\n', 'fix: a\n\n#3 closes #3\n',
      'revert: a\n\nsee #3\n', 'Revert "a"\n\n#3\n', 'fix: a\n\nFIXED  #8\n', 'fix: a\n\nclose_#9 closed#10\n',
    ];
    for (const message of cases) assertPlanSame(message);
    for (const message of generated(4000, 14)) assertPlanSame(message);
  });

  /**
   * Whether the plan's parse took the shortcut and found a reference with an action after the header (the body
   * lines scanned one by one instead of the parser): the full parse has more of those than the header alone gives.
   */
  function bodyActionShortcut(message: string): boolean {
    const all = parseReleaseMessage(message);
    const plan = parseReleaseMessage(message, 'plan');
    if (plan.body === all.body && plan.footer === all.footer) return false;
    const actions = (parse: ReleaseParse): number => parse.references.filter((reference) => reference.action !== null).length;
    return actions(plan) > actions(parseReleaseMessage(plan.header, 'plan'));
  }

  /** Lines of bodies with references: actions in text and footer tokens, repeats, URLs, repositories, edges. */
  const BODY_LINES = [
    'closes #1', 'Closes #1', 'fixes #2, #3', 'Fixes: #4', 'Closes: #1', 'Resolves #5 and fixes #6', 'fix #7 fix #7',
    'see #8', '#9', '#10 closes #11', 'Refs: #12', 'Refs #13', 'owner/repo#14 closes owner/repo#14', 'closes gh-15',
    'fixes https://github.com/a/b/issues/16', 'fixes https://github.com/a/b/pull/17 #18', 'closes #19.', 'closes (#20)',
    'fixes #21;#22', 'closed\t#23', 'resolved  #24', 'closes\u00a0#25', 'fixes\u2028#26', 'prefix #27', 'unfixed #28',
    'fixes #abc', 'fixes #1a2', 'close_#29', 'closes#30', 'Fixes', '#31', 'fixes:', '  closes #32', '- fixes #33',
    '* fix(x): y (#34)', 'Co-authored-by: a <a@b>', 'Signed-off-by: c', 'body text', '', '', 'Closes #1 closes #1 CLOSES #1',
    'Fix-for: #35', 'fixes-#36', 'Reviewed-by: d fixes #37', 'x fixes: #38', 'ü ✓ fixes #39', '#40, fixes #41, resolves #40',
  ];
  const HEADERS = ['fix: a', 'feat(x): b (#1)', 'fix: closes #1', 'feat!: c fixes #2', 'not conventional', 'chore: fixes #3, #4'];

  function generatedBodies(count: number, seed: number): string[] {
    const next = seededRandom(seed);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
    const out: string[] = [];
    for (let i = 0; i < count; i++) {
      const lines = [pick(HEADERS), ...(next() < 0.7 ? [''] : [])];
      const size = 1 + Math.floor(next() * 8);
      for (let k = 0; k < size; k++) lines.push(next() < 0.2 ? `${pick(BODY_LINES)} ${pick(BODY_LINES)}` : pick(BODY_LINES));
      out.push(`${lines.join('\n')}${next() < 0.8 ? '\n' : ''}`);
    }
    return out;
  }

  it('reads the references of bodies without the parser as the parser does (generated bodies)', () => {
    let scanned = 0;
    for (const message of generatedBodies(6000, 15)) {
      assertPlanSame(message);
      if (bodyActionShortcut(message)) scanned++;
    }
    // The path is taken (a test over messages that all go to the parser would prove nothing).
    assert.ok(scanned > 2000, `${scanned} generated bodies took the line scan`);
  });

  for (const corpus of CORPORA) {
    it(`reads what the plan reads on every message of ${corpus}`, function () {
      if (!corpusExists(corpus)) this.skip();
      let shortcuts = 0;
      let scanned = 0;
      for (const commit of loadCorpus(corpus, CORPORA_DIR)) {
        if (assertPlanSame(commit.message).shortcut) shortcuts++;
        if (bodyActionShortcut(commit.message)) scanned++;
        for (const block of squashBlocks(commit.message)) assertPlanSame(block);
      }
      assert.ok(shortcuts > 0, 'some bodies take the shortcut (else it is not tested here)');
      console.log(`      ${corpus}: ${shortcuts} shortcuts, ${scanned} of them with references with an action after the header`);
    });
  }
});
