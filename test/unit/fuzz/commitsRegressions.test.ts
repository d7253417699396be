// Minimised counterexamples of the commit message properties (test/unit/fuzz/commits.test.ts), kept as cases.
import assert from 'node:assert/strict';
import { DEFAULT_COMMITLINT_CONFIG } from '../../../src/core/commits';
import { assertFixClears, CONFIGS, lint } from './commitChecks';
import { applyEdits } from './harness';

describe('fuzz regressions: commit messages', () => {
  describe('the header span', () => {
    for (const text of ['\rfeat! : add the thing\rmore\r', '\rfeat! : add\n\nbody', '\r\rfeat! : x\nbody']) {
      it(`leading CRs before the header are outside its span: ${JSON.stringify(text)}`, () => {
        const options = { config: DEFAULT_COMMITLINT_CONFIG, commentChar: null };
        const result = lint(text, options);
        const finding = result.findings.find((f) => f.ruleId === 'header-prefix-format');
        assert.ok(finding?.fixes?.[0], JSON.stringify(result.findings));
        assert.ok(applyEdits(text, finding.fixes[0].edits).includes('feat!: '));
        assertFixClears(text, options, result);
      });
    }
  });

});
