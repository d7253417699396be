/**
 * Rules with a `compile` step (the value read once per configuration) must answer exactly as without it: for every
 * such rule, many values and both conditions, `check` with the compiled value is compared with `check` without it
 * on every corpus message and on generated headers with subjects and types in every case (acronyms, "I", quotes,
 * digits, Unicode, leading spaces). A divergence fails.
 */
import assert from 'node:assert/strict';
import { corpusMessages } from '../../../../bench/replayCorpus';
import { CASE_NAMES } from '../../../../src/core/commits/caseCheck';
import { DEFAULT_COMMITLINT_CONFIG, DEFAULT_TRAILER_SETTINGS } from '../../../../src/core/commits';
import { buildModel } from '../../../../src/core/commits/parse';
import { RULES } from '../../../../src/core/commits/rules';
import type { RuleContext } from '../../../../src/core/commits/ruleKit/types';
import type { RuleCondition } from '../../../../src/core/commits/types';

const SUBJECTS = [
  'add a thing', 'Add a thing', 'ADD A THING', 'API change', 'API', 'I fixed it', "I'm done", 'URLs are parsed', 'HTTP/2 support',
  'addThing', 'AddThing', 'add-thing', 'add_thing', 'Add Thing', '"quoted" start', '`code` first', "'single' quote",
  '1st place', '2 things', ' leading space', 'trailing space ', 'éclair', 'Éclair', 'ÄÖÜ', 'ß', 'a', 'A', 'aB', 'a1b',
  'x.y', '-dash', '😀 emoji', 'Çava', 'ǅ title case', 'e2e tests', 'E2E tests', 'i18n', 'I18N',
];
const TYPES = ['feat', 'Feat', 'FEAT', 'fix', 'fIx', 'feat_x', 'feat2', '2feat', 'é', 'É'];

function generated(): string[] {
  const out: string[] = [];
  for (const type of TYPES) for (const subject of SUBJECTS) out.push(`${type}: ${subject}\n`, `${type}(scope): ${subject}`);
  return out;
}

/** Values for case rules: every single case, lists, and `{ case, when }` objects. */
function caseValues(): unknown[] {
  const values: unknown[] = [...CASE_NAMES, [...CASE_NAMES]];
  values.push(['sentence-case', 'start-case', 'pascal-case', 'upper-case'], ['lower-case', 'upper-case'], ['sentence-case'], []);
  values.push([{ case: 'sentence-case', when: 'never' }, 'upper-case'], [{ case: 'lower-case', when: 'never' }], { case: 'upper-case' });
  values.push([{ case: 'start-case', when: 'always' }, { case: 'pascal-case', when: 'never' }], ['camel-case', 'kebab-case', 'snake-case']);
  return values;
}

describe('rules answer the same with a compiled value as without', function () {
  this.timeout(300_000);
  const messages = [...corpusMessages(), ...generated()];
  const compiledRules = RULES.filter((rule) => rule.compile !== undefined);

  it('has rules with a compile step, and the corpora', () => {
    assert.ok(compiledRules.length >= 2, `only ${compiledRules.length} rules compile their value`);
    assert.ok(messages.length > 10_000, `only ${messages.length} messages`);
  });

  for (const rule of compiledRules) {
    it(`${rule.id}: every value and condition, every message`, () => {
      const models = messages.map((text) => ({ text, model: buildModel(text, null) })).filter(({ model }) => !model.empty);
      let violations = 0;
      let passes = 0;
      for (const value of caseValues()) {
        for (const when of ['always', 'never'] as RuleCondition[]) {
          const compiled = rule.compile!(value, when);
          for (const { text, model } of models) {
            const ctx: RuleContext = { model, parsed: model.parsed, text, config: DEFAULT_COMMITLINT_CONFIG, trailers: DEFAULT_TRAILER_SETTINGS, commentChar: '#' };
            const plain = rule.check(ctx, when, value);
            const fast = rule.check(ctx, when, value, compiled);
            assert.deepStrictEqual(fast, plain, `${rule.id} ${when} ${JSON.stringify(value)} on ${JSON.stringify(text.slice(0, 120))}`);
            if (plain.length > 0) violations++;
            else passes++;
          }
        }
      }
      assert.ok(violations > 10_000 && passes > 10_000, `too few violations (${violations}) or passes (${passes}) exercised`);
    });
  }
});
