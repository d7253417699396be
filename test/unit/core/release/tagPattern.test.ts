// git-cliff's `tag_pattern` is a regular expression: tags are chosen by it (not only when it is a literal
// prefix), the version is read from the first digit that starts a semver version, as git-cliff's bump does, and
// the next tag keeps the chosen tag's prefix. A pattern that can backtrack exponentially is refused.
import assert from 'node:assert/strict';
import { computeReleasePlan, readCliffConfig, selectTag, type RawCommit, type TagRef } from '../../../../src/core/release';
import { cliffTagVersion, tagPatternProblem } from '../../../../src/core/release/tags';

const tag = (name: string): TagRef => ({ name, commit: 'f'.repeat(40) });
const select = (names: readonly string[], tagPattern: string, prerelease: string | null = null) =>
  selectTag(names.map(tag), { tagFormat: 'v${version}', tagPattern, prerelease });

describe('git-cliff tag_pattern as a regular expression', () => {
  it('reads the version as git-cliff does: from the first digit that starts a semver version', () => {
    assert.deepEqual(cliffTagVersion('app-v1.2.3'), { prefix: 'app-v', version: '1.2.3' });
    assert.deepEqual(cliffTagVersion('v2.0.0-rc.1'), { prefix: 'v', version: '2.0.0-rc.1' });
    assert.deepEqual(cliffTagVersion('py3-lib-0.4.0'), { prefix: 'py3-lib-', version: '0.4.0' }, 'a digit in the name is passed');
    assert.equal(cliffTagVersion('release-2024'), null);
  });

  it('chooses among the tags the pattern matches, and the next tag keeps their prefix', () => {
    const selection = select(['cli-v1.0.0', 'cli-v1.2.0', 'core-v3.0.0', 'v9.9.9', 'cli-v1.3.0-beta.1'], '^(cli|tui)-v[0-9]');
    assert.equal(selection.tag?.name, 'cli-v1.2.0');
    assert.equal(selection.tagFormat, 'cli-v${version}');
    assert.match(selection.explanation, /cli-v1\.2\.0 is the highest version among 2 tags matching tag_pattern/);
    assert.deepEqual(selection.skipped.find((s) => s.name === 'core-v3.0.0'), { name: 'core-v3.0.0', reason: 'does not match tag_pattern /^(cli|tui)-v[0-9]/' });
    const plan = computeReleasePlan({ selection, commits: [{ hash: 'a'.repeat(40), message: 'feat: x', parents: ['b'.repeat(40)] } satisfies RawCommit], options: {} });
    assert.equal(plan.nextTag, 'cli-v1.3.0');
  });

  it('matches anywhere in the name, as Rust regex is_match does; prereleases only on a channel', () => {
    assert.equal(select(['x-stable-1.0.0', 'y-1.1.0'], 'stable').tag?.name, 'x-stable-1.0.0');
    assert.equal(select(['v1.0.0', 'v1.1.0-rc.1'], '^v', 'rc').tag?.name, 'v1.1.0-rc.1');
    assert.equal(select(['v1.0.0', 'v1.1.0-rc.1'], '^v').tag?.name, 'v1.0.0');
  });

  it('refuses a pattern that can backtrack exponentially or does not compile, with the reason', () => {
    assert.match(tagPatternProblem('(a+)+$') ?? '', /exponential/);
    assert.match(tagPatternProblem('(\\d*)*') ?? '', /exponential/);
    assert.match(tagPatternProblem('([') ?? '', /not a valid regular expression/);
    assert.equal(tagPatternProblem('^(cli|tui)-v[0-9]+\\.'), null);
    const reading = readCliffConfig('[git]\ntag_pattern = "(v+)+$"\n');
    assert.equal(reading.settings.tagPattern, undefined);
    assert.match(reading.warnings[0]?.message ?? '', /exponential time; set the tag format explicitly/);
    // A hostile tag name of 100,000 characters is not even tried.
    assert.equal(select(['v' + '1'.repeat(100_000)], '^v\\d+$').tag, null);
  });

  it('is read from cliff.toml when it is not a literal prefix', () => {
    const reading = readCliffConfig('[git]\ntag_pattern = "^(cli|tui)-v[0-9]"\n');
    assert.equal(reading.settings.tagPattern, '^(cli|tui)-v[0-9]');
    assert.deepEqual(reading.warnings, []);
    assert.equal(readCliffConfig('[git]\ntag_pattern = "v[0-9].*"\n').settings.tagPattern, undefined, 'a literal prefix stays a tag format');
  });
});
