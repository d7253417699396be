// Properties of the commit message linter and its fixes (docs/reliability.md, "Property and fuzz tests").
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { rankScopes } from '../../../src/core/commits';
import { assertFixClears, CONFIGS, configNamed, lint } from './commitChecks';
import { ADVERSARIAL_UNITS, applyEdits, bounded, canonical, hostileString, longRuns, mutated, property } from './harness';

/** Generated as a name, so a counterexample prints the name rather than the whole rule table. */
const configs = fc.constantFrom(...CONFIGS.keys());

// ─── Structure-aware messages: real headers, bodies and footers ───────────────────────────────────────────────

const TYPES = ['feat', 'fix', 'docs', 'chore', 'perf', 'refactor', 'revert', 'Feat', 'FIX', 'feature', 'fixup!', 'Merge', 'ci', ''];
const SCOPES = ['', '(api)', '(UI)', '(core/db)', '()', '(a,b)', '(a)(b)', '(', ')', '(*)', '(scope with spaces)', '(déjà)'];
const SEPARATORS = [': ', ':', ' : ', '!: ', '! : ', ':  ', ': \t', ' ', '', ':\n'];
const SUBJECTS = ['add the thing', 'Add The Thing', 'fix crash.', 'ADD', '', 'x', 'emoji 🎉 party', 'use `code` and <b>html</b>', 'closes #12'];
const BODIES = ['', 'Body line one.\nBody line two', 'A very long body line '.repeat(8), '* feat: nested squash line\n* fix(api): another', '# comment', 'diff --git a b'];
const FOOTERS = [
  '',
  'BREAKING CHANGE: the api changed',
  'BREAKING-CHANGE: dash form',
  'BREAKING CHANGE:',
  'breaking change: lower case',
  'BREAKING CHANGES: plural',
  'Refs: #11',
  'Closes #1, #2',
  'Signed-off-by: A Person <a@example.invalid>',
  'Co-authored-by: B',
  'Reviewed by: C',
  'Release-As: 2.0.0',
  'Fixes: #3\nRefs #4',
  'Token:value',
];
const SCISSORS = '# ------------------------ >8 ------------------------\ndiff --git a/x b/x';

const realMessage: fc.Arbitrary<string> = fc
  .record({
    type: fc.constantFrom(...TYPES),
    scope: fc.constantFrom(...SCOPES),
    separator: fc.constantFrom(...SEPARATORS),
    subject: fc.constantFrom(...SUBJECTS),
    blankAfterHeader: fc.boolean(),
    body: fc.constantFrom(...BODIES),
    footers: fc.array(fc.constantFrom(...FOOTERS), { maxLength: 3 }),
    comment: fc.constantFrom('', '\n# Please enter the commit message\n', `\n${SCISSORS}\n`),
    lineEnd: fc.constantFrom('\n', '\r\n', '\r'),
    leading: fc.constantFrom('', ' ', '\n', '  \n'),
  })
  .map((m) => {
    const header = `${m.leading}${m.type}${m.scope}${m.separator}${m.subject}`;
    const parts = [header, m.blankAfterHeader ? '' : null, m.body || null, m.footers.length > 0 ? `\n${m.footers.join('\n')}` : null].filter((p) => p !== null);
    return `${parts.join('\n')}${m.comment}`.replace(/\n/g, m.lineEnd);
  });

const messages: fc.Arbitrary<string> = fc.oneof({ weight: 3, arbitrary: mutated(realMessage) }, { weight: 1, arbitrary: hostileString(300) });
const commentChars = fc.constantFrom<string | null>(null, '#', ';', '//', '');

describe('fuzz: commit messages', () => {
  property('lint never throws and every range lies inside the text on code point boundaries', fc.tuple(messages, commentChars, configs), ([text, commentChar, name]) => {
    lint(text, { config: configNamed(name), commentChar });
  });

  property('lint is deterministic and unchanged by a no-op edit', fc.tuple(messages, commentChars, configs, fc.nat()), ([text, commentChar, name, at]) => {
    const options = { config: configNamed(name), commentChar };
    const first = canonical(lint(text, options));
    assert.equal(canonical(lint(text, options)), first, 'the same input twice gives the same output');
    // The same characters, built as a new string (insert a character, delete it again).
    const cut = text.length === 0 ? 0 : at % (text.length + 1);
    const edited = `${text.slice(0, cut)}x${text.slice(cut)}`;
    const undone = edited.slice(0, cut) + edited.slice(cut + 1);
    assert.equal(canonical(lint(undone, options)), first, 'a no-op edit changes nothing');
  });

  property('every offered fix clears the finding it fixes', fc.tuple(messages, commentChars, configs), ([text, commentChar, name]) => {
    const options = { config: configNamed(name), commentChar };
    assertFixClears(text, options, lint(text, options));
  }, { runs: 2 });

  property('scope ranking never throws', fc.array(hostileString(30), { maxLength: 30 }), (scopes) => {
    const ranked = rankScopes(scopes.map((scope) => `feat(${scope}): x`));
    assert.ok(Array.isArray(ranked));
  });

  describe('adversarial sizes finish within the per-case budget', () => {
    const prefixes = ['feat: ', 'feat(', 'fix: x\n\n', 'fix: x\n\nBREAKING CHANGE: ', 'feat!', '# '];
    for (const text of longRuns(prefixes, ADVERSARIAL_UNITS)) {
      const label = `${JSON.stringify(text.slice(0, 24))}… (${text.length} code units)`;
      it(label, function () {
        this.timeout(0);
        for (const [name, config] of CONFIGS) {
          for (const commentChar of [null, '#']) {
            bounded(`${name}, comment char ${commentChar}`, () => {
              const options = { config, commentChar };
              const result = lint(text, options);
              // One fix per rule is enough to bound the fix path too.
              const seen = new Set<string>();
              for (const finding of result.findings) {
                const fix = finding.fixes?.[0];
                if (!fix || seen.has(finding.ruleId)) continue;
                seen.add(finding.ruleId);
                lint(applyEdits(text, fix.edits), options);
              }
            });
          }
        }
      });
    }
  });
});
