// Properties of the configuration readers: commitlint layers, the static reader of JS/TS commitlint configs,
// release, flag and pipeline options (docs/reliability.md, "Property and fuzz tests"). The release-tool and flag
// registry readers are covered in release.test.ts and flags.test.ts.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DEFAULT_COMMITLINT_CONFIG, lintCommitMessage, resolveCommitLintConfig, type RawCommitLintConfig } from '../../../src/core/commits';
import { resolvePolicy } from '../../../src/core/flags';
import { lintPipelineText, resolvePipelineOptions, type PipelineOptions } from '../../../src/core/pipelines';
import { resolveReleaseOptions } from '../../../src/core/release';
import { readStaticConfig } from '../../../src/node/staticConfig';
import { ADVERSARIAL_UNITS, bounded, canonical, hostileString, longRuns, mutated, property } from './harness';

const RULE_NAMES = ['type-enum', 'scope-enum', 'header-max-length', 'subject-case', 'body-max-line-length', 'signed-off-by', 'trailer-exists', 'scope-case', 'header-prefix-format', 'no-such-rule', '__proto__', 'constructor'];
const ruleValue = fc.oneof(
  fc.constantFrom<unknown>([2, 'always', ['feat', 'fix']], [2, 'never', 'sentence-case'], [1, 'always', 72], [0], [2], [3, 'always'], [2, 'sometimes'], 'error', null, [2, 'always', -1], [2, 'always', Number.NaN], [2, 'always', [null, 1, {}]]),
  fc.anything({ maxDepth: 2 }),
);
const rawConfig: fc.Arbitrary<RawCommitLintConfig> = fc.record(
  {
    extends: fc.oneof(fc.constantFrom<unknown>('@commitlint/config-conventional', ['config-angular', 'unknown-preset'], 42, [null]), fc.anything({ maxDepth: 1 })),
    rules: fc.oneof(fc.dictionary(fc.constantFrom(...RULE_NAMES), ruleValue, { maxKeys: 6 }), fc.anything({ maxDepth: 2 })),
    defaultIgnores: fc.anything({ maxDepth: 0 }),
    helpUrl: fc.anything({ maxDepth: 0 }),
    parserPreset: fc.oneof(fc.constantFrom<unknown>('conventional-changelog-conventionalcommits', { name: 'angular' }, { name: 7 }), fc.anything({ maxDepth: 1 })),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<RawCommitLintConfig>;

/** Real data-only config modules, as users write them (CommonJS, ESM, TypeScript with satisfies and enums). */
const CONFIG_MODULES = [
  "module.exports = { extends: ['@commitlint/config-conventional'], rules: { 'header-max-length': [2, 'always', 72] } };",
  "export default { extends: ['@commitlint/config-conventional'] } satisfies UserConfig;",
  "import type { UserConfig } from '@commitlint/types';\nimport { RuleConfigSeverity } from '@commitlint/types';\nconst Configuration: UserConfig = {\n  rules: { 'type-enum': [RuleConfigSeverity.Error, 'always', ['feat', `fix`]] },\n};\nexport default Configuration;",
  "#!/usr/bin/env node\n/* c */ module.exports = { rules: { 'scope-enum': [2, 'always', [\"a\", 'b\\u{1F600}', '\\x41']], n: [0x1F, 1e3, .5, -1] } } // end",
];
const JS_NOISE = ['{', '}', '[', ']', '(', ')', ',', ':', ';', '...', '=>', '`', '${', "'", '"', '\\', '/*', '*/', '//', '\n', '0x', '1e', '-', '__proto__', 'function', 'require("x")', '\u2028', '\ud800'];

describe('fuzz: configuration readers', () => {
  property('commitlint layers resolve without throwing, to a configuration the linter runs', fc.array(rawConfig, { maxLength: 3 }), (configs) => {
    const { config, problems } = resolveCommitLintConfig(configs.map((c, i) => ({ config: c, source: `layer ${i}` })));
    for (const problem of problems) assert.equal(typeof problem.message, 'string');
    lintCommitMessage('feat(api): add the thing\n\nBody.\n\nRefs: #1', { config });
    assert.equal(canonical(resolveCommitLintConfig(configs.map((c, i) => ({ config: c, source: `layer ${i}` })))), canonical({ config, problems }));
    assert.equal(Object.getPrototypeOf(config.rules), Object.prototype, 'no layer changes the prototype of the rules');
  });

  property(
    'the static reader of JS/TS configs never throws and never runs code',
    fc.oneof({ weight: 3, arbitrary: mutated(fc.constantFrom(...CONFIG_MODULES), fc.constantFrom(...JS_NOISE)) }, { weight: 1, arbitrary: hostileString(200) }),
    (source) => {
      const first = readStaticConfig(source);
      assert.equal(typeof first.ok, 'boolean');
      assert.equal(canonical(readStaticConfig(source)), canonical(first));
      if (first.ok && first.value !== null && typeof first.value === 'object') assert.notEqual(Object.getPrototypeOf(first.value), Function.prototype);
    },
  );

  property('release options, flag policy and pipeline options resolve from any partial settings', fc.tuple(fc.anything({ maxDepth: 2 }), fc.anything({ maxDepth: 2 })), ([a, b]) => {
    resolveReleaseOptions(a as never, b as never);
    resolvePolicy(typeof a === 'object' && a !== null ? (a as never) : {});
  });

  const names = fc.array(fc.oneof(fc.constantFrom('production', 'prod/eu', '(', '[a-', '\\', '$', '.*', '', ' '), hostileString(20)), { maxLength: 8 });
  property('pipeline options of any names lint without throwing', fc.tuple(names, names, names), ([productionEnvironments, stagingEnvironments, gateJobPatterns]) => {
    const options: Partial<PipelineOptions> = { productionEnvironments, stagingEnvironments, gateJobPatterns };
    const text = 'test:\n  script: npm test\ndeploy-prod:\n  environment: production\n  script: kubectl apply --namespace=production\n';
    const result = lintPipelineText('.gitlab-ci.yml', text, { options: resolvePipelineOptions(options) });
    for (const f of result.findings) assert.doesNotMatch(f.message, /^Could not read this pipeline: /);
  });

  describe('adversarial sizes finish within the per-case budget', () => {
    const prefixes = ['module.exports = ', "export default { rules: { 'a': "];
    for (const text of longRuns(prefixes, ADVERSARIAL_UNITS, 20_000)) {
      it(`${JSON.stringify(text.slice(0, 24))}… (${text.length} code units)`, function () {
        this.timeout(0);
        // Twice: a second stack overflow in one process was what killed it (see yamlNestingRegressions).
        for (let round = 0; round < 2; round++) bounded('readStaticConfig', () => readStaticConfig(text));
        bounded('pipeline options', () => lintPipelineText('.gitlab-ci.yml', 'deploy:\n  environment: production\n  script: x\n', { options: resolvePipelineOptions({ productionEnvironments: [text] }) }));
        bounded('commitlint layer', () => resolveCommitLintConfig([{ config: { extends: text, rules: { [text]: [2, 'always', text] } }, source: 'x' }]));
        bounded('lint with it', () => lintCommitMessage(`feat: ${text}`, { config: DEFAULT_COMMITLINT_CONFIG }));
      });
    }
  });
});
