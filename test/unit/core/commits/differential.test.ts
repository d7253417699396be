/**
 * Rule-by-rule differential test: each of commitlint's 38 rules, with several settings, on a bag of
 * messages, must give the same verdict as the real @commitlint/lint with that single rule.
 */
import assert from 'node:assert/strict';
import lint from '@commitlint/lint';
import preset from 'conventional-changelog-conventionalcommits';
import type { RuleSetting } from '../../../../src/core/commits';
import { findingsOf, lintWithRule } from './helpers';

const MESSAGES: readonly string[] = [
  'feat: add a thing',
  'feat(api): Add a thing.',
  'Fix(API): ADD A THING',
  'fix(api)!: drop node 18\n\nBREAKING CHANGE: node 18 is gone',
  'fix!: drop node 18',
  'refactor(core, cli): move code\nno blank line before body',
  'chore(deps/dev): bump\n\nbody text here.\n\nSigned-off-by: A <a@b.c>',
  'docs: readme\n\nCloses #12\nRefs #13',
  'feat(my-scope): use fooBar\n\nA long body line that is quite long indeed, more than forty characters wide for sure.\n\nReviewed-by: Z',
  'perf(parser_core): speed up\n\nhttps://example.com/a/very/long/url/that/goes/on/and/on/and/on/and/on/and/on/and/on/and/on/and/on/forever',
  '  feat: leading space',
  'feat: trailing space ',
  'feat: ends with dots...',
  'feat:',
  'WIP',
  'feat(Scope): StartCase Subject Here',
  'feat(scopeName): camelCaseSubject',
  'feat(scope\\\\x): PascalCase',
  'feat(a,b): snake_case_subject',
  'feat(a, b): kebab-case-subject',
  'ci: `Quoted` start',
  'build: 2 things',
  'test: ümlaut start',
  'test: Ärger start',
  'fix: x\n\nbody\n\nBREAKING-CHANGE: y',
  'fix: x\n\nFixes #1\n\nmore text after footer',
  'revert: feat: x\n\nThis reverts commit abcdef1.',
  'feat: x\n\nbody\n\n(cherry picked from commit 1234567abc)',
  'feat: x\n\nbody\nSigned-off-by: A <a@b.c>',
  'style: x\n\n# not a comment here\nSigned-off-by: B',
  'feat(scope/sub): thing\n\nCo-authored-by: X <x@y.z>\nSigned-off-by: Y <y@z.a>',
];

type Row = readonly [rule: string, setting: RuleSetting];

const ROWS: readonly Row[] = [
  ['body-case', [2, 'always', 'lower-case']],
  ['body-case', [2, 'never', ['upper-case', 'sentence-case']]],
  ['body-empty', [2, 'always']],
  ['body-empty', [2, 'never']],
  ['body-full-stop', [2, 'always', '.']],
  ['body-full-stop', [2, 'never', '.']],
  ['body-leading-blank', [2, 'always']],
  ['body-leading-blank', [2, 'never']],
  ['body-max-length', [2, 'always', 40]],
  ['body-max-line-length', [2, 'always', 40]],
  ['body-min-length', [2, 'always', 20]],
  ['breaking-change-exclamation-mark', [2, 'always']],
  ['breaking-change-exclamation-mark', [2, 'never']],
  ['footer-empty', [2, 'always']],
  ['footer-empty', [2, 'never']],
  ['footer-leading-blank', [2, 'always']],
  ['footer-leading-blank', [2, 'never']],
  ['footer-max-length', [2, 'always', 20]],
  ['footer-max-line-length', [2, 'always', 20]],
  ['footer-min-length', [2, 'always', 20]],
  ['header-case', [2, 'always', 'lower-case']],
  ['header-case', [2, 'never', ['upper-case']]],
  ['header-full-stop', [2, 'always', '.']],
  ['header-full-stop', [2, 'never', '.']],
  ['header-max-length', [2, 'always', 20]],
  ['header-min-length', [2, 'always', 20]],
  ['header-trim', [2, 'always']],
  ['references-empty', [2, 'always']],
  ['references-empty', [2, 'never']],
  ['scope-case', [2, 'always', 'lower-case']],
  ['scope-case', [2, 'always', ['kebab-case', 'snake-case']]],
  ['scope-case', [2, 'always', 'camel-case']],
  ['scope-case', [2, 'always', 'pascal-case']],
  ['scope-case', [2, 'never', 'upper-case']],
  ['scope-case', [2, 'always', { cases: ['lower-case'], delimiters: ['/'] }]],
  ['scope-delimiter-style', [2, 'always', ['/']]],
  ['scope-delimiter-style', [2, 'always', []]],
  ['scope-delimiter-style', [2, 'never', [',']]],
  ['scope-empty', [2, 'always']],
  ['scope-empty', [2, 'never']],
  ['scope-enum', [2, 'always', ['api', 'cli', 'a', 'b']]],
  ['scope-enum', [2, 'never', ['api']]],
  ['scope-enum', [2, 'always', { scopes: ['deps', 'dev', 'scope'], delimiters: ['/'] }]],
  ['scope-max-length', [2, 'always', 3]],
  ['scope-min-length', [2, 'always', 4]],
  ['signed-off-by', [2, 'always', 'Signed-off-by:']],
  ['signed-off-by', [2, 'never', 'Signed-off-by:']],
  ['subject-case', [2, 'never', ['sentence-case', 'start-case', 'pascal-case', 'upper-case']]],
  ['subject-case', [2, 'always', 'lower-case']],
  ['subject-case', [2, 'always', ['sentence-case', 'camel-case']]],
  ['subject-case', [2, 'always', 'kebab-case']],
  ['subject-case', [2, 'always', 'snake-case']],
  ['subject-case', [2, 'always', 'start-case']],
  ['subject-empty', [2, 'always']],
  ['subject-empty', [2, 'never']],
  ['subject-exclamation-mark', [2, 'always']],
  ['subject-exclamation-mark', [2, 'never']],
  ['subject-full-stop', [2, 'always', '.']],
  ['subject-full-stop', [2, 'never', '.']],
  ['subject-max-length', [2, 'always', 10]],
  ['subject-min-length', [2, 'always', 12]],
  ['trailer-exists', [2, 'always', 'Signed-off-by:']],
  ['trailer-exists', [2, 'never', 'Signed-off-by:']],
  ['type-case', [2, 'always', 'lower-case']],
  ['type-case', [2, 'always', 'upper-case']],
  ['type-case', [2, 'never', 'pascal-case']],
  ['type-empty', [2, 'always']],
  ['type-empty', [2, 'never']],
  ['type-enum', [2, 'always', ['feat', 'fix']]],
  ['type-enum', [2, 'never', ['chore']]],
  ['type-max-length', [2, 'always', 4]],
  ['type-min-length', [2, 'always', 4]],
];

/** Messages where our verdict deliberately differs (documented in docs/compatibility.md). */
const DELIBERATE = new Set<string>([
  // "ADD" is an all-caps first word: not "sentence-case" for us, still upper-case and start-case.
  'subject-case|Fix(API): ADD A THING',
]);

describe('each commitlint rule agrees with @commitlint/lint', function () {
  this.timeout(60_000);
  let parserOpts: unknown;
  before(async () => {
    parserOpts = ((await preset()) as { parser: unknown }).parser;
  });

  for (const [rule, setting] of ROWS) {
    it(`${rule} ${JSON.stringify(setting.slice(1))}`, async () => {
      const disagreements: string[] = [];
      let failures = 0;
      for (const message of MESSAGES) {
        const theirs = await lint(message, { [rule]: setting } as never, { parserOpts: parserOpts as never });
        const ours = lintWithRule(message, rule, setting);
        const theirFail = theirs.errors.some((e) => e.name === rule);
        const ourFail = findingsOf(ours, rule).length > 0;
        if (theirFail) failures++;
        if (theirFail !== ourFail && !DELIBERATE.has(`${rule}|${message}`)) {
          disagreements.push(`${JSON.stringify(message)}: commitlint ${theirFail ? 'fails' : 'passes'}, ours ${ourFail ? 'fails' : 'passes'}`);
        }
        // commitlint's message text, ours may add detail after it.
        const theirText = theirs.errors.find((e) => e.name === rule)?.message;
        const ourText = findingsOf(ours, rule)[0]?.message;
        if (theirText && ourText && !ourText.startsWith(theirText) && !DELIBERATE.has(`${rule}|${message}`)) {
          disagreements.push(`${JSON.stringify(message)}: message "${ourText}" vs commitlint "${theirText}"`);
        }
      }
      assert.deepEqual(disagreements, []);
      // The bag must exercise the rule: a row where nothing fails would prove little.
      assert.ok(failures > 0 && failures < MESSAGES.length, `${failures}/${MESSAGES.length} messages fail: pick better messages`);
    });
  }
});
