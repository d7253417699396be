// The release engine's shortcuts in git access, each against the calls it replaces, on real repositories:
// HEAD's state from one `git rev-parse` (readHeadState) against three calls (readHeadStateApart), and the tags
// of a commit without parents from the tag listing (listTagsOfParentlessCommit) against `for-each-ref --merged`.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { listReachableTags, listTagsOfParentlessCommit, loadReleasePlan, readHeadState, readHeadStateApart } from '../../../src/node/release';
import { isolatedGitEnv, scratchDir, TestRepo, useIsolatedGit } from './gitFixture';

async function assertSameHead(root: string, what: string): Promise<void> {
  const [ours, reference] = await Promise.all([readHeadState(root), readHeadStateApart(root)]);
  assert.deepStrictEqual(ours, reference, what);
}

async function assertSameTags(root: string, commit: string, what: string): Promise<void> {
  const [ours, reference] = await Promise.all([listTagsOfParentlessCommit(root, commit), listReachableTags(root, commit)]);
  assert.deepStrictEqual(ours, reference, what);
}

describe('release git access: shortcuts agree with the calls they replace', () => {
  useIsolatedGit();

  it('HEAD on a branch, a nested branch, detached, unborn, shallow and beside a file named HEAD', async () => {
    const repo = TestRepo.init();
    await assertSameHead(repo.root, 'unborn');
    repo.commit('feat: a\n');
    await assertSameHead(repo.root, 'on main');
    repo.git('checkout', '--quiet', '-b', 'feature/deep/x');
    repo.commit('fix: b\n');
    await assertSameHead(repo.root, 'on a nested branch');
    repo.write('HEAD', 'not a ref\n');
    await assertSameHead(repo.root, 'a file named HEAD in the work tree');
    repo.git('checkout', '--quiet', '--detach', 'HEAD~1');
    await assertSameHead(repo.root, 'detached');
    repo.git('checkout', '--quiet', '--orphan', 'fresh');
    await assertSameHead(repo.root, 'unborn branch after commits');
    const dest = join(scratchDir(), 'shallow');
    execFileSync('git', ['clone', '--quiet', '--depth', '1', '--branch', 'feature/deep/x', `file://${repo.root}`, dest], { env: isolatedGitEnv() });
    await assertSameHead(dest, 'shallow clone');
    const head = await readHeadState(dest);
    assert.ok(head.ok && head.value.shallow && head.value.branch === 'feature/deep/x', 'the shallow clone is seen as one, on its branch');
  });

  it('the root where the file system does not settle it (GIT_DIR set) comes from git', async () => {
    const repo = TestRepo.init();
    repo.commit('feat: a\n');
    const sub = join(repo.root, 'deep', 'er');
    mkdirSync(sub, { recursive: true });
    const saved = { dir: process.env['GIT_DIR'], tree: process.env['GIT_WORK_TREE'] };
    process.env['GIT_DIR'] = join(repo.root, '.git');
    process.env['GIT_WORK_TREE'] = repo.root;
    try {
      const loaded = await loadReleasePlan({ cwd: sub });
      assert.ok(loaded.ok, loaded.ok ? '' : loaded.message);
      assert.equal(loaded.value.root, realpathSync(repo.root));
      assert.equal(loaded.value.plan.commitCount, 1);
    } finally {
      for (const [name, value] of [['GIT_DIR', saved.dir], ['GIT_WORK_TREE', saved.tree]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
    const plain = await loadReleasePlan({ cwd: sub });
    assert.ok(plain.ok && plain.value.root === realpathSync(repo.root), 'and from the file system without it');
  });

  it('tags of a root commit: lightweight, annotated, on a tree, through a tag object, elsewhere, then a tag of a tag', async () => {
    const repo = TestRepo.init();
    const root = repo.commit('chore: root\n');
    repo.git('tag', 'v0.1.0');
    repo.git('tag', '-a', 'v0.2.0', '-m', 'annotated');
    repo.git('tag', 'on-tree', 'HEAD^{tree}');
    repo.git('update-ref', 'refs/tags/light-to-annotated', repo.git('rev-parse', 'refs/tags/v0.2.0').trim());
    repo.commit('feat: later\n');
    repo.git('tag', 'v1.0.0');
    repo.git('tag', '-a', 'v1.1.0', '-m', 'annotated later');
    await assertSameTags(repo.root, root, 'without a tag of a tag');
    const found = await listTagsOfParentlessCommit(repo.root, root);
    assert.deepEqual(found.ok && found.value.map((tag) => tag.name), ['light-to-annotated', 'v0.1.0', 'v0.2.0']);
    repo.git('tag', '-a', 'nested', '-m', 'a tag of a tag', 'v0.2.0');
    await assertSameTags(repo.root, root, 'with a tag of a tag (left to --merged)');
    const orphan = (repo.git('checkout', '--quiet', '--orphan', 'other'), repo.commit('chore: second root\n'));
    repo.git('tag', 'v5.0.0');
    await assertSameTags(repo.root, orphan, 'a second root commit');
  });
});
