// Minimised counterexamples of the commit message properties (test/unit/fuzz/commits.test.ts), kept as cases.
import assert from 'node:assert/strict';
import { DEFAULT_COMMITLINT_CONFIG } from '../../../src/core/commits';
import { assertFixClears, CONFIGS, configNamed, lint } from './commitChecks';
import { applyEdits } from './harness';

describe('fuzz regressions: commit messages', function () {
  // The per-case budget (harness.ts) bounds these cases; mocha's own timeout would be a second, smaller one.
  this.timeout(0);

  describe('header-prefix-format', () => {
    it('a canonical prefix before a lone CR, U+2028 or U+2029 gets no prefix fix that changes nothing', () => {
      // The header pattern's `.` stops at these, so the header failed it; the prefix itself was canonical.
      for (const text of ['feat: add the thing\r# ----', 'feat: add\u2028more', 'fix(api): x\u2029y']) {
        for (const config of CONFIGS.values()) {
          const result = lint(text, { config, commentChar: null });
          assert.deepEqual(result.findings.filter((f) => f.ruleId === 'header-prefix-format'), [], JSON.stringify(text));
          assertFixClears(text, { config, commentChar: null }, result);
        }
      }
    });

    it('a misplaced "!" before a CR-only line end is still repaired', () => {
      const text = 'feat !: add the thing\rmore';
      const result = lint(text, { config: DEFAULT_COMMITLINT_CONFIG, commentChar: null });
      const finding = result.findings.find((f) => f.ruleId === 'header-prefix-format');
      assert.ok(finding?.fixes?.[0], JSON.stringify(result.findings));
      assert.equal(applyEdits(text, finding.fixes[0].edits), 'feat!: add the thing\rmore');
    });
  });

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


  describe('footer-leading-blank', () => {
    it('a footer line ending with a lone CR is reported as commitlint does, without a fix that changes nothing', () => {
      for (const text of [
        ')(b):\r\nfix crash.\r\n* feat: nested squash line\r\n* fix(api): another\r\n\r\nRefs: #11\r\r\n\n# Please enter the commit message\r\n',
        'fix: x\nbody\n\nRefs: #11\r\r\nmore\n',
      ]) {
        const options = { config: DEFAULT_COMMITLINT_CONFIG, commentChar: null };
        const result = lint(text, options);
        const finding = result.findings.find((f) => f.ruleId === 'footer-leading-blank');
        assert.ok(finding, JSON.stringify(text));
        assert.deepEqual(finding.fixes ?? [], []);
        assertFixClears(text, options, result);
      }
    });

    it('a footer without the blank line still gets the fix', () => {
      const text = 'fix: x\n\nbody\nRefs: #11\n';
      const finding = lint(text, { config: DEFAULT_COMMITLINT_CONFIG, commentChar: null }).findings.find((f) => f.ruleId === 'footer-leading-blank');
      assert.equal(applyEdits(text, finding?.fixes?.[0]?.edits ?? []), 'fix: x\n\nbody\n\nRefs: #11\n');
    });
  });

  describe('body-full-stop', () => {
    it('the stop replaces trailing blanks, so the last body line does not become a footer', () => {
      const text = '  \n(*)!: add the thing\n* feat: nested squash line\n* fix(api): another\n\nReviewed by: C\nRelease-As: ';
      const options = { config: configNamed('every rule on'), commentChar: null };
      const result = lint(text, options);
      const finding = result.findings.find((f) => f.ruleId === 'body-full-stop');
      assert.ok(finding?.fixes?.[0]);
      assert.ok(applyEdits(text, finding.fixes[0].edits).endsWith('Release-As:.'));
      assertFixClears(text, options, result);
    });
  });
});
