/**
 * `lintCommitVerdict` (what `lint-message --jsonl` prints: valid, ignored, findings) must answer exactly what
 * `lintCommitMessage` answers, on every corpus message and on odd inputs, under several configurations.
 */
import assert from 'node:assert/strict';
import { corpusMessages } from '../../../../bench/replayCorpus';
import {
  DEFAULT_COMMITLINT_CONFIG,
  lintCommitMessage,
  lintCommitVerdict,
  resolveCommitLintConfig,
  type LintCommitOptions,
  type ResolvedCommitLintConfig,
} from '../../../../src/core/commits';

const ODD = ['', ' ', '\n\n', 'Merge branch "x"', 'v1.2.3', 'fixup! feat: x', 'feat: x\r\n\r\nbody\r\n', 'FEAT: Shout.', '# only a comment'];

function configs(): [string, ResolvedCommitLintConfig][] {
  const angular = resolveCommitLintConfig([{ config: { extends: ['@commitlint/config-angular'] }, source: 'test' }]).config;
  const everything = resolveCommitLintConfig([
    {
      config: {
        extends: ['@commitlint/config-conventional'],
        rules: { 'references-empty': [1, 'never'], 'body-case': [1, 'always', 'lower-case'], 'signed-off-by': [2, 'always', 'Signed-off-by:'] },
      },
      source: 'test',
    },
  ]).config;
  const customIgnore: ResolvedCommitLintConfig = { ...DEFAULT_COMMITLINT_CONFIG, ignores: [(m) => m.includes('vite'), () => { throw new Error('x'); }] };
  return [['default', DEFAULT_COMMITLINT_CONFIG], ['angular', angular], ['more rules', everything], ['custom ignores', customIgnore]];
}

describe('lintCommitVerdict = lintCommitMessage without the parse and the release effect', function () {
  this.timeout(300_000);
  const messages = [...corpusMessages(), ...ODD];

  it('reads the corpora', () => {
    assert.ok(messages.length > 10_000, `only ${messages.length} messages`);
  });

  for (const [name, config] of configs()) {
    it(`on every corpus message, config ${name}`, () => {
      let invalid = 0;
      let ignored = 0;
      for (const message of messages) {
        for (const commentChar of [null, '#']) {
          const options: LintCommitOptions = { config, commentChar };
          const full = lintCommitMessage(message, options);
          const verdict = lintCommitVerdict(message, options);
          assert.deepStrictEqual(
            { valid: verdict.valid, ignored: verdict.ignored, findings: [...verdict.findings] },
            { valid: full.valid, ignored: full.ignored, findings: full.findings },
            JSON.stringify(message.slice(0, 200)),
          );
          if (!full.valid) invalid++;
          if (full.ignored) ignored++;
        }
      }
      assert.ok(invalid > 100 && ignored > 100, `too few invalid (${invalid}) or ignored (${ignored}) messages exercised`);
    });
  }
});
