/** Ranges, messages and fixes of findings: every row lints a message and checks what the editor gets. */
import assert from 'node:assert/strict';
import { DEFAULT_COMMITLINT_CONFIG, lintCommitMessage, type RuleSetting } from '../../../../src/core/commits';
import { applyFix, findingsOf, lintWithRule } from './helpers';

interface Row {
  readonly title: string;
  readonly message: string;
  readonly rule: string;
  /** Omitted: the rule as in DEFAULT_COMMITLINT_CONFIG. */
  readonly setting?: RuleSetting;
  readonly commentChar?: string | null;
  /** The text the finding covers (`''` for a zero-width range), or null when the rule must pass. */
  readonly range: string | null;
  /** Where a zero-width range must sit. */
  readonly at?: number;
  readonly severity?: 'error' | 'warning';
  readonly messageIncludes?: string;
  /** The message after applying the preferred (first) fix; omitted: no check; null: no fix offered. */
  readonly fixed?: string | null;
  /** All fix results, in order, when several are offered. */
  readonly allFixed?: readonly string[];
}

const ROWS: readonly Row[] = [
  // type
  { title: 'type-case lower-cases the type', message: 'Feat: add x', rule: 'type-case', range: 'Feat', fixed: 'feat: add x' },
  { title: 'type-case passes a lower-case type', message: 'feat: add x', rule: 'type-case', range: null },
  { title: 'type-enum suggests feat for feet', message: 'feet: add x', rule: 'type-enum', range: 'feet', fixed: 'feat: add x' },
  { title: 'type-enum suggests fix for fxi (transposition)', message: 'fxi: add x', rule: 'type-enum', range: 'fxi', fixed: 'fix: add x' },
  { title: 'type-enum suggests docs for doc', message: 'doc: add x', rule: 'type-enum', range: 'doc', fixed: 'docs: add x' },
  { title: 'type-enum suggests chore for chroe', message: 'chroe: add x', rule: 'type-enum', range: 'chroe', fixed: 'chore: add x' },
  { title: 'type-enum suggests refactor for refator', message: 'refator: add x', rule: 'type-enum', range: 'refator', fixed: 'refactor: add x' },
  { title: 'type-enum offers at most three, closest first', message: 'fex: x', rule: 'type-enum', range: 'fex', allFixed: ['fix: x', 'feat: x'] },
  { title: 'type-enum offers nothing for a word far from every type', message: 'banana: x', rule: 'type-enum', range: 'banana', fixed: null },
  { title: 'type-empty flags the whole unparsed header', message: 'Update readme', rule: 'type-empty', range: 'Update readme', messageIncludes: 'type may not be empty' },
  { title: 'type-empty is zero-width at the start when only the type is missing', message: ': x', rule: 'type-empty', range: '', at: 0 },
  { title: 'type-max-length covers the type', message: 'feature: x', rule: 'type-max-length', setting: [2, 'always', 4], range: 'feature' },
  { title: 'type-min-length covers the type', message: 'ci: x', rule: 'type-min-length', setting: [1, 'always', 3], range: 'ci', severity: 'warning' },
  // scope
  { title: 'scope-case lower-cases the scope', message: 'feat(API): x', rule: 'scope-case', setting: [2, 'always', 'lower-case'], range: 'API', fixed: 'feat(api): x' },
  { title: 'scope-case keeps delimiters when converting', message: 'feat(Core/CLI): x', rule: 'scope-case', setting: [2, 'always', 'lower-case'], range: 'Core/CLI', fixed: 'feat(core/cli): x' },
  { title: 'scope-case kebab-cases each segment', message: 'feat(fooBar, bazQux): x', rule: 'scope-case', setting: [2, 'always', 'kebab-case'], range: 'fooBar, bazQux', fixed: 'feat(foo-bar, baz-qux): x' },
  { title: 'scope-enum covers the scope and suggests a near one', message: 'feat(clie): x', rule: 'scope-enum', setting: [2, 'always', ['cli', 'core']], range: 'clie', fixed: 'feat(cli): x' },
  { title: 'scope-enum accepts every scope of a list', message: 'feat(cli,core): x', rule: 'scope-enum', setting: [2, 'always', ['cli', 'core']], range: null },
  { title: 'scope-empty never: zero-width after the type', message: 'feat: x', rule: 'scope-empty', setting: [2, 'never'], range: '', at: 4 },
  { title: 'scope-max-length covers the scope', message: 'feat(parser): x', rule: 'scope-max-length', setting: [2, 'always', 3], range: 'parser' },
  // subject
  { title: 'subject-case lower-cases the first letter', message: 'fix: Add the thing', rule: 'subject-case', range: 'Add the thing', fixed: 'fix: add the thing' },
  { title: 'subject-case lower-cases a shouted subject', message: 'fix: ADD THE THING', rule: 'subject-case', range: 'ADD THE THING', fixed: 'fix: add the thing' },
  { title: 'subject-case allows a leading acronym (API)', message: 'fix: API returns 500', rule: 'subject-case', range: null },
  { title: 'subject-case allows a leading acronym with digits (I18N)', message: 'feat: I18N support', rule: 'subject-case', range: null },
  { title: 'subject-case allows a leading "I"', message: 'docs: I think this is clearer', rule: 'subject-case', range: null },
  { title: "subject-case allows a leading \"I'm\"", message: "docs: I'm fixing the docs", rule: 'subject-case', range: null },
  { title: 'subject-case allows a leading acronym (URL)', message: 'fix: URL parsing', rule: 'subject-case', range: null },
  { title: 'subject-case allows a plural acronym (URLs)', message: 'fix: URLs with ports', rule: 'subject-case', range: null },
  { title: 'subject-case still flags a start-case subject after an acronym, keeping acronyms in the fix', message: 'fix: API Returns JSON Errors', rule: 'subject-case', range: 'API Returns JSON Errors', fixed: 'fix: API returns JSON errors' },
  { title: 'subject-case still flags an all-caps subject after an acronym, keeping the acronym in the fix', message: 'fix: API RETURNS 500', rule: 'subject-case', range: 'API RETURNS 500', messageIncludes: 'upper-case', allFixed: ['fix: api returns 500', 'fix: API returns 500'] },
  { title: 'subject-case flags a capitalised single letter word', message: 'fix: A typo', rule: 'subject-case', range: 'A typo' },
  { title: 'subject-case always sentence-case capitalises', message: 'fix: add x', rule: 'subject-case', setting: [2, 'always', 'sentence-case'], range: 'add x', fixed: 'fix: Add x' },
  { title: 'subject-empty is zero-width at the end of the header', message: 'feat(x): ', rule: 'subject-empty', range: '', at: 9 },
  { title: 'subject-full-stop removes the stop', message: 'fix: add x.', rule: 'subject-full-stop', range: '.', fixed: 'fix: add x' },
  { title: 'subject-full-stop allows an ellipsis', message: 'fix: add x...', rule: 'subject-full-stop', range: null },
  { title: 'subject-full-stop always adds the stop', message: 'fix: add x', rule: 'subject-full-stop', setting: [2, 'always', '.'], range: '', at: 10, fixed: 'fix: add x.' },
  { title: 'subject-exclamation-mark never removes the bang', message: 'feat(a)!: x', rule: 'subject-exclamation-mark', setting: [2, 'never'], range: '!', fixed: 'feat(a): x' },
  { title: 'subject-max-length covers the subject', message: 'fix: a very long subject', rule: 'subject-max-length', setting: [2, 'always', 5], range: 'a very long subject' },
  // header
  { title: 'header-trim trims both ends', message: '  feat: x  \n\nbody', rule: 'header-trim', range: '  feat: x  ', fixed: 'feat: x\n\nbody', messageIncludes: 'surrounded' },
  { title: 'header-trim reports a trailing space', message: 'feat: x ', rule: 'header-trim', range: 'feat: x ', messageIncludes: 'end with whitespace' },
  { title: 'header-full-stop removes the stop', message: 'feat: x.', rule: 'header-full-stop', setting: [2, 'never', '.'], range: '.', fixed: 'feat: x' },
  { title: 'header-max-length covers the header and states its length', message: `feat: ${'x'.repeat(100)}`, rule: 'header-max-length', range: `feat: ${'x'.repeat(100)}`, messageIncludes: 'current length is 106' },
  { title: 'header-min-length covers the header', message: 'feat: x', rule: 'header-min-length', setting: [2, 'always', 10], range: 'feat: x' },
  { title: 'header-case covers the header', message: 'feat: X', rule: 'header-case', setting: [2, 'always', 'upper-case'], range: 'feat: X' },
  // body
  { title: 'body-leading-blank inserts the blank line', message: 'feat: x\nbody', rule: 'body-leading-blank', range: 'body', severity: 'warning', fixed: 'feat: x\n\nbody' },
  { title: 'body-leading-blank inserts CRLF in a CRLF message', message: 'feat: x\r\nbody\r\n', rule: 'body-leading-blank', range: 'body', fixed: 'feat: x\r\n\r\nbody\r\n' },
  { title: 'body-leading-blank never removes the blank line', message: 'feat: x\n\nbody', rule: 'body-leading-blank', setting: [2, 'never'], range: '', at: 9, fixed: 'feat: x\nbody' },
  { title: 'body-max-line-length covers the long line and wraps it at spaces', message: `feat: x\n\nshort\n${'word '.repeat(25).trim()}\nend`, rule: 'body-max-line-length', range: 'word '.repeat(25).trim(), fixed: `feat: x\n\nshort\n${'word '.repeat(20).trim()}\n${'word '.repeat(5).trim()}\nend` },
  { title: 'body-max-line-length keeps a list item indented when wrapping', message: `feat: x\n\n- ${'ab '.repeat(40).trim()}`, rule: 'body-max-line-length', setting: [2, 'always', 60], range: `- ${'ab '.repeat(40).trim()}`, fixed: `feat: x\n\n- ${'ab '.repeat(19).trim()}\n  ${'ab '.repeat(19).trim()}\n  ab ab` },
  { title: 'body-max-line-length offers no fix for a line without a break point', message: `feat: x\n\n${'a'.repeat(120)}`, rule: 'body-max-line-length', range: 'a'.repeat(120), fixed: null },
  { title: 'body-max-line-length exempts a line with a URL', message: `feat: x\n\nsee https://example.com/${'a'.repeat(120)}`, rule: 'body-max-line-length', range: null },
  { title: 'body-max-length covers the body', message: 'feat: x\n\nline one\nline two', rule: 'body-max-length', setting: [2, 'always', 5], range: 'line one\nline two' },
  { title: 'body-full-stop never removes the final stop', message: 'feat: x\n\nbody.', rule: 'body-full-stop', setting: [2, 'never', '.'], range: '.', fixed: 'feat: x\n\nbody' },
  { title: 'body-empty never points at the header', message: 'feat: x', rule: 'body-empty', setting: [2, 'never'], range: 'feat: x' },
  { title: 'body-case covers the body', message: 'feat: x\n\nBody', rule: 'body-case', setting: [2, 'always', 'lower-case'], range: 'Body' },
  // footer
  { title: 'footer-leading-blank inserts the blank line before the footer', message: 'feat: x\n\nbody\nCloses #1', rule: 'footer-leading-blank', range: 'Closes #1', fixed: 'feat: x\n\nbody\n\nCloses #1' },
  { title: 'footer-max-line-length covers the long footer line', message: `feat: x\n\nReviewed-by: ${'n '.repeat(60).trim()}`, rule: 'footer-max-line-length', range: `Reviewed-by: ${'n '.repeat(60).trim()}` },
  { title: 'footer-empty never points at the header', message: 'feat: x\n\nbody', rule: 'footer-empty', setting: [2, 'never'], range: 'feat: x' },
  { title: 'footer-max-length covers the footer', message: 'feat: x\n\nRefs: #1\nAcked-by: someone', rule: 'footer-max-length', setting: [2, 'always', 5], range: 'Refs: #1\nAcked-by: someone' },
  // message-level
  { title: 'signed-off-by points at the last line', message: 'feat: x\n\nbody', rule: 'signed-off-by', setting: [2, 'always', 'Signed-off-by:'], range: 'body' },
  { title: 'trailer-exists finds a trailer block', message: 'feat: x\n\nbody\n\nSigned-off-by: A <a@b.c>', rule: 'trailer-exists', setting: [2, 'always', 'Signed-off-by:'], range: null },
  { title: 'trailer-exists points at the header when missing', message: 'feat: x\n\nSigned-off-by: A', rule: 'trailer-exists', setting: [2, 'always', 'Co-authored-by:'], range: 'feat: x' },
  { title: 'references-empty never (a reference is required) points at the header', message: 'feat: x', rule: 'references-empty', setting: [2, 'never'], range: 'feat: x', messageIncludes: 'may not be empty' },
  { title: 'breaking-change-exclamation-mark points at the bang', message: 'feat!: x', rule: 'breaking-change-exclamation-mark', setting: [2, 'always'], range: '!' },
  // Release Hygiene's own rules
  { title: 'header-prefix-format: "feat !: x"', message: 'feat !: x', rule: 'header-prefix-format', range: 'feat !: ', fixed: 'feat!: x' },
  { title: 'header-prefix-format: "feat! : x"', message: 'feat! : x', rule: 'header-prefix-format', range: 'feat! : ', fixed: 'feat!: x' },
  { title: 'header-prefix-format: "feat!(scope): x"', message: 'feat!(scope): x', rule: 'header-prefix-format', range: 'feat!(scope): ', fixed: 'feat(scope)!: x' },
  { title: 'header-prefix-format: "feat (scope): x"', message: 'feat (scope): x', rule: 'header-prefix-format', range: 'feat (scope): ', fixed: 'feat(scope): x' },
  { title: 'header-prefix-format: "feat(scope) !: x"', message: 'feat(scope) !: x', rule: 'header-prefix-format', range: 'feat(scope) !: ', fixed: 'feat(scope)!: x' },
  { title: 'header-prefix-format: "fix :x" gets the space too', message: 'fix :x', rule: 'header-prefix-format', range: 'fix :', fixed: 'fix: x' },
  { title: 'header-prefix-format leaves unknown words alone', message: 'Note (important): x', rule: 'header-prefix-format', range: null },
  { title: 'header-prefix-format leaves a valid header alone', message: 'feat(scope)!: x', rule: 'header-prefix-format', range: null },
  { title: 'header-colon-space: "feat:x"', message: 'feat:x', rule: 'header-colon-space', range: ':', fixed: 'feat: x', severity: 'error' },
  { title: 'header-colon-space: "fix(core):x"', message: 'fix(core):x', rule: 'header-colon-space', range: ':', fixed: 'fix(core): x' },
  { title: 'header-colon-space ignores URLs', message: 'http://example.com', rule: 'header-colon-space', range: null },
  { title: 'footer-token-format hyphenates "Reviewed by"', message: 'feat: x\n\nbody\n\nReviewed by: Jane', rule: 'footer-token-format', range: 'Reviewed by', fixed: 'feat: x\n\nbody\n\nReviewed-by: Jane', severity: 'warning' },
  { title: 'footer-token-format hyphenates "Co authored by" in a trailer block', message: 'feat: x\n\nCo authored by: A <a@b.c>\nSigned-off-by: B', rule: 'footer-token-format', range: 'Co authored by', fixed: 'feat: x\n\nCo-authored-by: A <a@b.c>\nSigned-off-by: B' },
  { title: 'footer-token-format leaves prose alone', message: 'feat: x\n\nNote that: this is prose', rule: 'footer-token-format', range: null },
  { title: 'footer-token-format leaves BREAKING CHANGE alone', message: 'feat: x\n\nBREAKING CHANGE: y', rule: 'footer-token-format', range: null },
  { title: 'breaking-change-token upper-cases "breaking change"', message: 'feat: x\n\nbreaking change: y', rule: 'breaking-change-token', range: 'breaking change', fixed: 'feat: x\n\nBREAKING CHANGE: y' },
  { title: 'breaking-change-token upper-cases "Breaking-Change"', message: 'feat: x\n\nBreaking-Change: y', rule: 'breaking-change-token', range: 'Breaking-Change', fixed: 'feat: x\n\nBREAKING-CHANGE: y' },
  { title: 'breaking-change-token flags the plural', message: 'feat: x\n\nBREAKING CHANGES: y', rule: 'breaking-change-token', range: 'BREAKING CHANGES', fixed: 'feat: x\n\nBREAKING CHANGE: y', messageIncludes: 'not a breaking-change token' },
  { title: 'breaking-change-token accepts BREAKING-CHANGE', message: 'feat: x\n\nBREAKING-CHANGE: y', rule: 'breaking-change-token', range: null },
  { title: 'breaking-change-description flags an empty description', message: 'feat: x\n\nBREAKING CHANGE:', rule: 'breaking-change-description', range: 'BREAKING CHANGE:' },
  { title: 'breaking-change-description accepts a description on the next line', message: 'feat: x\n\nBREAKING CHANGE:\n  the API changed', rule: 'breaking-change-description', range: null },
  // comments, scissors, CRLF: offsets into the original text
  { title: 'offsets skip comment lines above the header', message: '# comment\n# more\nFeat: x', commentChar: '#', rule: 'type-case', range: 'Feat', at: 17, fixed: '# comment\n# more\nfeat: x' },
  { title: 'a custom comment character is honoured', message: '; note\nFeat: x', commentChar: ';', rule: 'type-case', range: 'Feat', at: 7 },
  { title: 'commentChar auto means #', message: '# note\nFeat: x', commentChar: 'auto', rule: 'type-case', range: 'Feat', at: 7 },
  { title: 'without a comment character "#" lines are message text', message: '# note\nfeat: x', commentChar: null, rule: 'type-empty', range: '# note' },
  { title: 'everything below the scissors line is dropped', message: `fix: x\n\nbody\n# ------------------------ >8 ------------------------\n${'z'.repeat(200)}`, commentChar: '#', rule: 'body-max-line-length', range: null },
  { title: 'comment lines between header and body keep body offsets exact', message: 'fix: x\n# c\nbody', commentChar: '#', rule: 'body-leading-blank', range: 'body', fixed: 'fix: x\n# c\n\nbody' },
  { title: 'CRLF offsets are exact', message: 'fix: x\r\n\r\nbody line\r\n\r\nCloses #1\r\nRefs: #2.', rule: 'footer-max-length', setting: [2, 'always', 3], range: 'Closes #1\r\nRefs: #2.' },
];

describe('findings: ranges, messages and fixes', () => {
  for (const row of ROWS) {
    it(row.title, () => {
      const commentChar = row.commentChar ?? null;
      const result = row.setting
        ? lintWithRule(row.message, row.rule, row.setting, commentChar)
        : lintCommitMessage(row.message, { config: DEFAULT_COMMITLINT_CONFIG, commentChar });
      const found = findingsOf(result, row.rule);
      if (row.range === null) {
        assert.deepEqual(found, [], `expected no ${row.rule} finding`);
        return;
      }
      assert.equal(found.length, 1, `expected one ${row.rule} finding, got ${JSON.stringify(result.findings)}`);
      const f = found[0]!;
      assert.equal(row.message.slice(f.start, f.end), row.range);
      if (row.at !== undefined) assert.equal(f.start, row.at);
      if (row.severity) assert.equal(f.severity, row.severity);
      if (row.messageIncludes) assert.ok(f.message.includes(row.messageIncludes), f.message);
      assert.ok(f.helpUrl?.endsWith(`#${row.rule}`), f.helpUrl);
      if (row.fixed === null) assert.equal(f.fixes, undefined, 'expected no fix');
      else if (row.fixed !== undefined) {
        assert.ok(f.fixes && f.fixes.length > 0, 'expected a fix');
        assert.equal(f.fixes[0]!.preferred, true);
        assert.equal(applyFix(row.message, f.fixes[0]!), row.fixed);
      }
      if (row.allFixed) assert.deepEqual((f.fixes ?? []).map((x) => applyFix(row.message, x)), row.allFixed);
    });
  }
});
