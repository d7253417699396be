import assert from 'node:assert/strict';
import {
  COMMIT_TYPES,
  DEFAULT_COMMITLINT_CONFIG,
  lintCommitMessage,
  rankScopes,
  releaseEffectOfType,
  type Bump,
} from '../../../../src/core/commits';

describe('release effect of a message', () => {
  const ROWS: readonly (readonly [message: string, bump: Bump, reason: string])[] = [
    ['feat: add x', 'minor', 'feat adds a feature: minor'],
    ['fix: repair x', 'patch', 'fix fixes a bug: patch'],
    ['perf: faster x', 'patch', 'perf improves performance: patch'],
    ['docs: explain x', 'none', 'no release effect'],
    ['chore(deps): bump x', 'none', 'no release effect'],
    ['feat!: drop x', 'major', '"!"'],
    ['fix(api)!: drop x', 'major', '"!"'],
    ['fix: x\n\nBREAKING CHANGE: y is gone', 'major', 'BREAKING CHANGE footer: major'],
    ['docs: x\n\nBREAKING-CHANGE: y is gone', 'major', 'BREAKING-CHANGE footer: major'],
    ['revert: feat: x\n\nThis reverts commit 1234567.', 'patch', 'revert'],
    ['Revert "feat: x"\n\nThis reverts commit 1234567.', 'patch', 'reverts a commit'],
    ['Merge branch main into dev', 'none', 'ignored'],
    ['fixup! feat: x', 'none', 'ignored'],
    ['Update the readme', 'none', 'not a Conventional Commit'],
    ['', 'none', 'empty'],
  ];
  for (const [message, bump, reason] of ROWS) {
    it(`${JSON.stringify(message.split('\n')[0])} → ${bump}`, () => {
      const effect = lintCommitMessage(message, { config: DEFAULT_COMMITLINT_CONFIG }).releaseEffect;
      assert.equal(effect.bump, bump);
      assert.ok(effect.reason.includes(reason), effect.reason);
    });
  }
});

describe('releaseEffectOfType', () => {
  const ROWS: readonly (readonly [type: string | null, breaking: boolean, bump: Bump])[] = [
    ['feat', false, 'minor'],
    ['fix', false, 'patch'],
    ['perf', false, 'patch'],
    ['revert', false, 'patch'],
    ['docs', false, 'none'],
    ['style', false, 'none'],
    ['unknown', false, 'none'],
    [null, false, 'none'],
    ['docs', true, 'major'],
    ['feat', true, 'major'],
  ];
  for (const [type, breaking, bump] of ROWS) {
    it(`${type}${breaking ? '!' : ''} → ${bump}`, () => {
      const effect = releaseEffectOfType(type, breaking);
      assert.equal(effect.bump, bump);
      assert.ok(effect.reason.length > 0);
    });
  }
});

describe('COMMIT_TYPES', () => {
  it("lists config-conventional's 11 types, in its type-enum", () => {
    assert.deepEqual(
      COMMIT_TYPES.map((t) => t.type).sort(),
      (DEFAULT_COMMITLINT_CONFIG.rules['type-enum']![2] as string[]).slice().sort(),
    );
  });
  const TITLES: readonly (readonly [string, string, Bump])[] = [
    ['feat', 'Features', 'minor'],
    ['fix', 'Bug Fixes', 'patch'],
    ['docs', 'Documentation', 'none'],
    ['perf', 'Performance Improvements', 'patch'],
    ['revert', 'Reverts', 'patch'],
    ['ci', 'Continuous Integrations', 'none'],
  ];
  for (const [type, title, bump] of TITLES) {
    it(`${type}: ${title}, ${bump}`, () => {
      const info = COMMIT_TYPES.find((t) => t.type === type);
      assert.equal(info?.title, title);
      assert.equal(info?.bump, bump);
      assert.ok((info?.description.length ?? 0) > 5);
    });
  }
});

describe('rankScopes', () => {
  const ROWS: readonly (readonly [title: string, messages: readonly string[], expected: readonly (readonly [string, number])[]])[] = [
    ['counts scopes, most used first', ['feat(a): x', 'fix(b): x', 'fix(b): y', 'docs: z'], [['b', 2], ['a', 1]]],
    ['ties keep the first seen first', ['feat(new): x', 'feat(old): x'], [['new', 1], ['old', 1]]],
    ['a comma list counts as written and per scope', ['feat(api,cli): x', 'fix(cli): y'], [['cli', 2], ['api,cli', 1], ['api', 1]]],
    ['a slash scope counts as written', ['feat(deps/dev): x'], [['deps/dev', 1]]],
    ['breaking headers and CRLF are read', ['feat(a)!: x\r\n\r\nbody', 'fix(a): y'], [['a', 2]]],
    ['only the first line counts', ['docs: x\n\nfeat(b): y'], []],
    ['non-conventional messages are skipped', ['Merge branch x', '', 'WIP (draft): x'], []],
  ];
  for (const [title, messages, expected] of ROWS) {
    it(title, () => {
      assert.deepEqual(rankScopes(messages).map((s) => [s.scope, s.count]), expected);
    });
  }
  it('accepts any iterable', () => {
    function* gen(): Generator<string> {
      yield 'feat(x): a';
      yield 'feat(x): b';
    }
    assert.deepEqual(rankScopes(gen()), [{ scope: 'x', count: 2 }]);
  });
});
