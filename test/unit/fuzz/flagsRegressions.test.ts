// Minimised counterexamples of the flag scanner properties (test/unit/fuzz/flags.test.ts), kept as cases.
import assert from 'node:assert/strict';
import { scanSource, type FlagLanguage } from '../../../src/core/flags';

describe('fuzz regressions: feature flags', function () {
  // The per-case budget (harness.ts) bounds these cases; mocha's own timeout would be a second, smaller one.
  this.timeout(0);

  describe('escapes in a key literal', () => {
    const keyOf = (literal: string, language: FlagLanguage = 'js'): string | undefined =>
      scanSource(`unleash.isEnabled(${literal})`, { language }).callSites[0]?.key;

    it('an escape no language accepts keeps its characters instead of throwing', () => {
      assert.equal(keyOf("'\\u{}'"), 'u{}');
      assert.equal(keyOf("'a\\u{110000}b'"), 'au{110000}b');
      assert.equal(keyOf("'\\u{FFFFFFFFFF}'"), 'u{FFFFFFFFFF}');
      assert.equal(keyOf("'\\x4'"), 'x4');
      for (const language of ['java', 'go'] as const) assert.doesNotThrow(() => scanSource(`client.isEnabled("\\u{}")`, { language }));
    });

    it('valid escapes still decode', () => {
      assert.equal(keyOf("'\\u{1F600}-\\u0041\\x42\\n'"), '\u{1F600}-AB\n');
    });
  });

  it('a `}` before `= useFlags()` with no `{` before it is no destructuring, not a crash', () => {
    // The walk back to the `{` reached the first token and read the token before it (undefined).
    for (const text of ['a } = useFlags()', "'a' } = useFlags()"]) {
      assert.deepEqual(scanSource(text, { language: 'js' }).callSites, [], text);
    }
    assert.deepEqual(scanSource('{ a } = useFlags()', { language: 'js' }).callSites.map((site) => site.key), ['a']);
  });

  it('an empty argument where the key goes (a call being typed) has no key, not a crash', () => {
    for (const text of ["unleash.isEnabled(, 'x')", 'isEnabled(,)', "client.getStringValue(,'x')"]) {
      assert.deepEqual(scanSource(text, { language: 'js' }).callSites, [], text);
    }
    assert.deepEqual(scanSource('client.BooleanValue(ctx, , false)', { language: 'go' }).callSites, []);
    assert.equal(scanSource("ldClient.variation('a',,)", { language: 'js' }).callSites[0]?.key, 'a');
  });
});
