// The remembered reachable tags (listReachableTagsCached, loadReleasePlan's `tagCache`): after every change a
// repository can go through (a new commit, a tag on it, a tag moved or deleted, HEAD reset to another line, a
// merge of a tagged branch), the plan must equal the one computed without any cache. Real repositories, real git.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { clearReachableTagsCache, loadReleasePlan, type ReleaseContext, type ReleaseRequest, type TagCacheMode } from '../../../src/node';
import { TestRepo, useIsolatedGit } from './gitFixture';

async function plan(request: ReleaseRequest): Promise<ReleaseContext['plan']> {
  const result = await loadReleasePlan(request);
  if (!result.ok) assert.fail(`expected a plan, got ${result.kind}: ${result.message}`);
  return result.value.plan;
}

async function assertAgrees(repo: TestRepo, step: string): Promise<void> {
  const reference = await plan({ cwd: repo.root, tagCache: 'none' });
  for (const mode of ['memory', 'disk'] as const satisfies readonly TagCacheMode[]) {
    assert.deepStrictEqual(await plan({ cwd: repo.root, tagCache: mode }), reference, `${step}: ${mode}`);
  }
}

describe('release: remembered reachable tags agree with the full walk', () => {
  useIsolatedGit();
  afterEach(() => clearReachableTagsCache());

  it('through new commits, new, moved and deleted tags, a reset to another line and a merge', async () => {
    const repo = TestRepo.init();
    repo.commit('chore: init\n');
    repo.git('tag', 'v1.0.0');
    repo.commit('fix: a\n');
    await assertAgrees(repo, 'first run (no snapshot)');
    assert.ok(existsSync(join(repo.root, '.git', 'release-hygiene', 'reachable-tags.json')), 'the CLI snapshot is in the git dir');
    repo.commit('feat: b\n');
    await assertAgrees(repo, 'one new commit');
    repo.git('tag', '-a', 'v1.1.0', '-m', 'release');
    await assertAgrees(repo, 'an annotated tag on the new commit');
    const base = repo.commit('fix: c\n');
    repo.git('checkout', '--quiet', '-b', 'side');
    repo.commit('feat: on side\n');
    repo.git('tag', 'v2.0.0');
    repo.git('checkout', '--quiet', 'main');
    await assertAgrees(repo, 'a tag on another branch');
    repo.git('merge', '--quiet', '--no-ff', '-m', 'merge side', 'side');
    await assertAgrees(repo, 'the tagged branch merged');
    repo.git('reset', '--quiet', '--hard', base);
    await assertAgrees(repo, 'HEAD reset to before the merge (the snapshot HEAD is not an ancestor)');
    repo.git('tag', '-f', 'v1.1.0', base);
    await assertAgrees(repo, 'a tag moved');
    repo.git('tag', '-d', 'v1.1.0');
    await assertAgrees(repo, 'a tag deleted');
    repo.commit('feat: d\n');
    await assertAgrees(repo, 'a commit after all that');
  });

  it('uses the snapshot when it applies, and ignores a damaged one', async () => {
    const repo = TestRepo.init();
    repo.commit('chore: init\n');
    repo.git('tag', 'v1.0.0');
    repo.git('checkout', '--quiet', '-b', 'side');
    repo.commit('feat: elsewhere\n');
    repo.git('tag', 'v3.0.0');
    repo.git('checkout', '--quiet', 'main');
    repo.commit('feat: a\n');
    assert.equal((await plan({ cwd: repo.root, tagCache: 'disk' })).currentTag, 'v1.0.0');
    // A snapshot claiming v3.0.0 is reachable (it is not): seen only if the snapshot is really consulted.
    const file = join(repo.root, '.git', 'release-hygiene', 'reachable-tags.json');
    const snapshot = JSON.parse(readFileSync(file, 'utf8')) as { reachable: string[] };
    writeFileSync(file, JSON.stringify({ ...snapshot, reachable: [...snapshot.reachable, 'v3.0.0'] }));
    assert.equal((await plan({ cwd: repo.root, tagCache: 'disk' })).currentTag, 'v3.0.0', 'the snapshot answered');
    assert.equal((await plan({ cwd: repo.root, tagCache: 'none' })).currentTag, 'v1.0.0');
    for (const damaged of ['{', '{"version":1,"head":"--output=x","tagsFingerprint":"","reachable":[]}', '[]', 'null']) {
      writeFileSync(file, damaged);
      assert.equal((await plan({ cwd: repo.root, tagCache: 'disk' })).currentTag, 'v1.0.0', damaged);
    }
  });
});
