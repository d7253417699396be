// Minimised counterexample of the adversarial-size cases (test/unit/fuzz/flags.test.ts): a long line of YAML
// errors. Prettified errors copied the context line into each of them (quadratic: 40,000 took a second,
// 120,000 about ten); the readers no longer ask
// for that and say where the first error is themselves.
import assert from 'node:assert/strict';
import { parseFlagRegistry } from '../../../src/core/flags';
import { readSemanticReleaseConfig } from '../../../src/core/release';
import { bounded } from './harness';

describe('fuzz regressions: YAML error messages', function () {
  // The per-case budget (harness.ts) bounds these cases; mocha's own timeout would be a second, smaller one.
  this.timeout(0);

  it('120,000 double quotes on one line are read in one pass', () => {
    const text = '"'.repeat(120_000);
    const registry = bounded('parseFlagRegistry', () => parseFlagRegistry(text, 'yaml'));
    assert.match(registry.errors[0] ?? '', /^cannot parse the flag registry: .+ at line 1, column \d+$/);
    const release = bounded('readSemanticReleaseConfig', () => readSemanticReleaseConfig(text, '.releaserc'));
    assert.match(release?.warnings[0]?.message ?? '', / at line 1, column \d+\)/);
  });

  it('the first error keeps its line and column', () => {
    const { errors } = parseFlagRegistry('flags:\n  - key: a\n    owner: [unclosed\n', 'yaml');
    assert.match(errors[0] ?? '', /^cannot parse the flag registry: .+ at line \d+, column \d+$/);
    assert.doesNotMatch(errors[0] ?? '', /\n/);
  });
});
