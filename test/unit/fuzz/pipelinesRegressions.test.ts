// Minimised counterexamples of the pipeline properties (test/unit/fuzz/pipelines.test.ts), found with random seeds.
import assert from 'node:assert/strict';
import { lintPipelineText } from '../../../src/core/pipelines';
import { assertRangeInside } from './harness';

describe('fuzz regressions: pipelines', function () {
  // The per-case budget (harness.ts) bounds these cases; mocha's own timeout would be a second, smaller one.
  this.timeout(0);

  describe('invalid YAML at the end of the text', () => {
    for (const [path, text] of [
      ['.github/workflows/ci.yml', '{'],
      ['.github/workflows/ci.yml', 'on: [\n'],
      ['.github/workflows/ci.yml', 'on: [pu\n'],
      ['.gitlab-ci.yml', '.deploy: &deploy\n  stage: deploy\n  script: ['],
      ['.gitlab-ci.yml', "'.deploy: &deploy\n  stage: deploy\n"],
      ['.gitlab-ci.yml', '!\u{1F600}'],
      ['.github/workflows/ci.yml', 'on: !\u{1F600}\u{1F600}'],
    ] as const) {
      it(`the invalid-yaml finding lies inside the text, on code point boundaries: ${JSON.stringify(text)}`, () => {
        const { findings } = lintPipelineText(path, text);
        assert.deepEqual(findings.map((f) => f.ruleId), ['invalid-yaml']);
        for (const f of findings) assertRangeInside(text, f, f.ruleId);
      });
    }
  });

  describe('shallow-clone-release fixes', () => {
    it('no fix adds a second variables key to a job whose variables are not a block map', () => {
      for (const variables of ['"1"', '{A: "1"}', '']) {
        const text = `release:\n  variables: ${variables}\n  script: npx semantic-release\n`;
        const finding = lintPipelineText('.gitlab-ci.yml', text).findings.find((f) => f.ruleId === 'shallow-clone-release');
        assert.ok(finding, text);
        assert.deepEqual(finding.fixes ?? [], [], text);
      }
    });

    it('a job without variables still gets the fix that adds them', () => {
      const text = 'release:\n  script: npx semantic-release\n';
      const finding = lintPipelineText('.gitlab-ci.yml', text).findings.find((f) => f.ruleId === 'shallow-clone-release');
      assert.match(finding?.fixes?.[0]?.edits[0]?.newText ?? '', /variables:\n\s+GIT_DEPTH: "0"/);
    });
  });
});
