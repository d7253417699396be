// Minimised counterexamples of the adversarial-size cases (test/unit/fuzz/*.test.ts): deeply nested YAML. The
// yaml package's composer overflowed the stack on them, and a second such document killed the whole process
// ("RegExpCompiler Allocation failed - process out of memory"), so a regression here ends the run.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFlagRegistry } from '../../../src/core/flags';
import { lintPipelineText } from '../../../src/core/pipelines';
import { readSemanticReleaseConfig } from '../../../src/core/release';
import { MAX_YAML_NESTING, yamlNestingProblem } from '../../../src/core/yamlNesting';
import { loadCommitLintConfigFile } from '../../../src/node';
import { removeScratch, scratchDir } from '../node/gitFixture';

const DEEP: ReadonlyArray<readonly [string, string]> = [
  ['flow sequences', '['.repeat(20_000)],
  ['flow maps', '{'.repeat(20_000)],
  ['flow maps and sequences', '[{'.repeat(10_000)],
  ['block sequences on one line', `${'- '.repeat(20_000)}x`],
  ['explicit keys', '? '.repeat(20_000)],
  ['indented keys', Array.from({ length: 3_000 }, (_, depth) => `${' '.repeat(depth)}a:`).join('\n')],
];

/** `depth` nested flow sequences around one scalar. */
const nested = (depth: number): string => `${'['.repeat(depth)}x${']'.repeat(depth)}`;

describe('fuzz regressions: deeply nested YAML', function () {
  // The per-case budget (harness.ts) bounds these cases; mocha's own timeout would be a second, smaller one.
  this.timeout(0);

  it(`measures nesting on the CST: ${MAX_YAML_NESTING} levels are read, one more is refused`, () => {
    assert.equal(yamlNestingProblem(nested(MAX_YAML_NESTING)), undefined);
    assert.match(yamlNestingProblem(nested(MAX_YAML_NESTING + 1))?.message ?? '', /nested deeper than 128 levels/);
    assert.equal(yamlNestingProblem(`key: "${'['.repeat(1_000)}"\nscript: echo '{{{{'\n# [[[[[[\n`), undefined, 'quotes and comments do not nest');
    assert.equal(yamlNestingProblem(`a:\n  b:\n    - c: [1, {d: 2}]\n`), undefined);
  });

  for (const [name, text] of DEEP) {
    it(`${name}: every YAML reader refuses it, twice in a row, without a stack overflow`, async () => {
      for (let round = 0; round < 2; round++) {
        const pipeline = lintPipelineText('.gitlab-ci.yml', text).findings;
        assert.deepEqual(pipeline.map((f) => [f.ruleId, /nested deeper/.test(f.message)]), [['invalid-yaml', true]], JSON.stringify(pipeline));
        const registry = parseFlagRegistry(text, 'yaml');
        assert.match(registry.errors.join('\n'), /nested deeper/);
        const release = readSemanticReleaseConfig(text, '.releaserc');
        assert.match(release?.warnings.map((w) => w.message).join('\n') ?? '', /nested deeper/);
      }
      const dir = scratchDir('deep-yaml');
      try {
        const file = join(dir, '.commitlintrc.yaml');
        writeFileSync(file, text);
        const loaded = await loadCommitLintConfigFile(file, { trusted: false });
        assert.match(loaded.problems.map((p) => p.message).join('\n'), /nested deeper/);
      } finally {
        removeScratch();
      }
    });
  }
});
