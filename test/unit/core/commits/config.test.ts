import assert from 'node:assert/strict';
import { DEFAULT_COMMITLINT_CONFIG, resolveCommitLintConfig, type RawCommitLintConfig } from '../../../../src/core/commits';

const CONVENTIONAL_RULES = [
  'body-leading-blank', 'body-max-line-length', 'footer-leading-blank', 'footer-max-line-length', 'header-max-length',
  'header-trim', 'subject-case', 'subject-empty', 'subject-full-stop', 'type-case', 'type-empty', 'type-enum',
];

describe('resolveCommitLintConfig', () => {
  it('no layers gives config-conventional (and our rules)', () => {
    const { config, problems } = resolveCommitLintConfig([]);
    assert.deepEqual(problems, []);
    assert.equal(config, DEFAULT_COMMITLINT_CONFIG);
    for (const rule of CONVENTIONAL_RULES) assert.ok(config.rules[rule], rule);
    assert.deepEqual(config.rules['type-enum'], [2, 'always', ['build', 'chore', 'ci', 'docs', 'feat', 'fix', 'perf', 'refactor', 'revert', 'style', 'test']]);
    assert.deepEqual(config.rules['body-leading-blank'], [1, 'always']);
    assert.equal(config.defaultIgnores, true);
  });

  interface Row {
    readonly title: string;
    readonly layers: readonly RawCommitLintConfig[];
    /** Rule → expected setting (undefined: absent). */
    readonly expectRules?: Readonly<Record<string, unknown>>;
    /** Substrings, one per expected problem, in order. */
    readonly problems: readonly string[];
  }
  const ROWS: readonly Row[] = [
    { title: 'extends @commitlint/config-conventional', layers: [{ extends: ['@commitlint/config-conventional'] }], expectRules: { 'header-max-length': [2, 'always', 100] }, problems: [] },
    { title: 'extends the shorthand config-conventional', layers: [{ extends: 'config-conventional' }], expectRules: { 'type-empty': [2, 'never'] }, problems: [] },
    { title: 'extends the shorthand conventional', layers: [{ extends: 'conventional' }], expectRules: { 'type-empty': [2, 'never'] }, problems: [] },
    { title: 'extends @commitlint/config-angular', layers: [{ extends: ['@commitlint/config-angular'] }], expectRules: { 'header-max-length': [2, 'always', 72], 'subject-exclamation-mark': [2, 'never'] }, problems: [] },
    { title: 'an unknown extends is named and skipped', layers: [{ extends: ['@acme/commitlint-config'], rules: { 'header-max-length': [2, 'always', 50] } }], expectRules: { 'header-max-length': [2, 'always', 50], 'type-enum': undefined }, problems: ["extends '@acme/commitlint-config' is not built in"] },
    { title: 'a config without extends has only its own rules (as commitlint)', layers: [{ rules: { 'type-empty': [2, 'never'] } }], expectRules: { 'type-empty': [2, 'never'], 'type-enum': undefined, 'header-prefix-format': [2, 'always'] }, problems: [] },
    { title: 'a later layer overrides rule by rule', layers: [{ extends: 'config-conventional' }, { rules: { 'header-max-length': [1, 'always', 72] } }], expectRules: { 'header-max-length': [1, 'always', 72], 'type-enum': [2, 'always', ['build', 'chore', 'ci', 'docs', 'feat', 'fix', 'perf', 'refactor', 'revert', 'style', 'test']] }, problems: [] },
    { title: 'level 0 turns a rule off', layers: [{ extends: 'config-conventional', rules: { 'subject-case': [0] } }], expectRules: { 'subject-case': [0] }, problems: [] },
    { title: 'our rules can be re-levelled', layers: [{ rules: { 'footer-token-format': [2, 'always'] } }], expectRules: { 'footer-token-format': [2, 'always'] }, problems: [] },
    { title: 'an unknown rule is reported with the known ones', layers: [{ rules: { 'foo-bar': [2, 'always'] } }], expectRules: { 'foo-bar': undefined }, problems: ["unknown rule 'foo-bar' in test-0; known rules: body-case"] },
    { title: 'a bad level is reported and the rule skipped', layers: [{ extends: 'config-conventional', rules: { 'header-max-length': [3, 'always', 72] } }], expectRules: { 'header-max-length': undefined }, problems: ['level for rule header-max-length must be 0, 1 or 2'] },
    { title: 'a string level is reported', layers: [{ rules: { 'header-max-length': ['error', 'always', 72] } }], expectRules: { 'header-max-length': undefined }, problems: ['level for rule header-max-length must be a number'] },
    { title: 'a bad condition is reported', layers: [{ rules: { 'type-empty': [2, 'sometimes'] } }], expectRules: { 'type-empty': undefined }, problems: ['condition for rule type-empty must be "always" or "never"'] },
    { title: 'a missing condition is reported', layers: [{ rules: { 'type-empty': [2] } }], expectRules: { 'type-empty': undefined }, problems: ['must be 2 or 3 items long'] },
    { title: 'a non-array setting is reported', layers: [{ rules: { 'type-empty': 'error' } }], expectRules: { 'type-empty': undefined }, problems: ['must be an array'] },
    { title: 'a wrong value type is reported (max-length)', layers: [{ rules: { 'header-max-length': [2, 'always', '72'] } }], expectRules: { 'header-max-length': undefined }, problems: ['rule header-max-length: value must be a non-negative number'] },
    { title: 'a wrong value type is reported (enum)', layers: [{ rules: { 'type-enum': [2, 'always', 'feat'] } }], expectRules: { 'type-enum': undefined }, problems: ['rule type-enum: value must be an array of strings'] },
    { title: 'an unknown case is reported', layers: [{ rules: { 'subject-case': [2, 'always', 'shouting-case'] } }], expectRules: { 'subject-case': undefined }, problems: ['unknown case "shouting-case"'] },
    { title: 'scope-case accepts the { cases, delimiters } form', layers: [{ rules: { 'scope-case': [2, 'always', { cases: ['kebab-case'], delimiters: ['/'] }] } }], expectRules: { 'scope-case': [2, 'always', { cases: ['kebab-case'], delimiters: ['/'] }] }, problems: [] },
    { title: 'scope-enum accepts the { scopes, delimiters } form', layers: [{ rules: { 'scope-enum': [2, 'always', { scopes: ['a'], delimiters: ['/'] }] } }], expectRules: { 'scope-enum': [2, 'always', { scopes: ['a'], delimiters: ['/'] }] }, problems: [] },
    { title: 'an unsupported parser preset is reported', layers: [{ extends: 'config-conventional', parserPreset: 'conventional-changelog-atom' }], problems: ["parserPreset 'conventional-changelog-atom' is not supported"] },
    { title: 'defaultIgnores false is kept', layers: [{ extends: 'config-conventional', defaultIgnores: false }], problems: [] },
  ];
  for (const row of ROWS) {
    it(row.title, () => {
      const { config, problems } = resolveCommitLintConfig(row.layers.map((config, i) => ({ config, source: `test-${i}` })));
      assert.equal(problems.length, row.problems.length, JSON.stringify(problems));
      row.problems.forEach((p, i) => {
        assert.ok(problems[i]!.message.includes(p), `${problems[i]!.message} should include ${p}`);
        assert.match(problems[i]!.source ?? '', /^test-\d$/);
      });
      for (const [rule, setting] of Object.entries(row.expectRules ?? {})) assert.deepEqual(config.rules[rule], setting, rule);
      assert.deepEqual(config.sources, row.layers.map((_, i) => `test-${i}`));
    });
  }

  it('defaultIgnores false lints merge commits', async () => {
    const { lintCommitMessage } = await import('../../../../src/core/commits');
    const { config } = resolveCommitLintConfig([{ config: { extends: 'config-conventional', defaultIgnores: false }, source: 'x' }]);
    assert.equal(lintCommitMessage('Merge branch main', { config }).ignored, false);
    assert.equal(lintCommitMessage('Merge branch main', { config: DEFAULT_COMMITLINT_CONFIG }).ignored, true);
  });

  it('custom ignores (functions from a JS config) are applied', async () => {
    const { lintCommitMessage } = await import('../../../../src/core/commits');
    const { config } = resolveCommitLintConfig([{ config: { extends: 'config-conventional', ignores: [(m: string) => m.startsWith('WIP')] }, source: 'x' }]);
    assert.equal(lintCommitMessage('WIP stuff', { config }).ignored, true);
    assert.equal(lintCommitMessage('Other stuff', { config }).valid, false);
  });

  it('never throws on garbage layers', () => {
    const garbage = [null, 42, 'x', { rules: null }, { rules: [] }, { extends: 5 }, { extends: [5] }, { ignores: 'x' }, { defaultIgnores: 'yes' }];
    for (const g of garbage) {
      const { problems } = resolveCommitLintConfig([{ config: g as unknown as RawCommitLintConfig, source: 'g' }]);
      assert.ok(Array.isArray(problems));
    }
  });
});
