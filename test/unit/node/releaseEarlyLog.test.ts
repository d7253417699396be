/**
 * `git log` started before the range is resolved (loadReleasePlan with `from` a full commit hash, the full-history
 * changelog) against the log of the resolved range (`earlyLog: false`, the reference): the same context, field by
 * field, on every corpus history replayed into a real repository (from its root commits, a commit in the middle,
 * a merge commit, HEAD's parent and HEAD itself) and on small repositories with the cases where the early log must
 * not be used: an empty range, a `from` off HEAD's history, an annotated tag's object hash, a squash option that
 * differs from the configuration's, a HEAD that is a merge commit.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { CORPORA_DIR, corpusExists, loadCorpus, loadTags, replayRepository } from '../../../bench/replayCorpus';
import { loadReleasePlan, type ReleaseRequest } from '../../../src/node/release';
import { isolatedGitEnv, scratchDir, TestRepo, useIsolatedGit } from './gitFixture';

const CORPORA = ['conventional-changelog__commitlint', 'orhun__git-cliff', 'semantic-release__semantic-release', 'vitejs__vite'] as const;

async function assertSameContext(request: ReleaseRequest, what: string): Promise<void> {
  const early = await loadReleasePlan({ ...request, tagCache: 'none' });
  const reference = await loadReleasePlan({ ...request, tagCache: 'none', earlyLog: false });
  assert.deepStrictEqual(early, reference, what);
}

describe('release: git log started early agrees with the log of the resolved range', function () {
  this.timeout(240_000);
  useIsolatedGit();

  for (const corpus of CORPORA) {
    it(`agrees on ${corpus} replayed`, async function () {
      if (!corpusExists(corpus, CORPORA_DIR)) this.skip();
      const replay = replayRepository(loadCorpus(corpus, CORPORA_DIR), { tags: loadTags(corpus, CORPORA_DIR), dir: join(scratchDir(), 'replay'), env: isolatedGitEnv() });
      const repo = new TestRepo(replay.dir, isolatedGitEnv());
      const roots = repo.git('rev-list', '--max-parents=0', 'HEAD').trim().split('\n');
      const all = repo.git('rev-list', 'HEAD').trim().split('\n');
      const merge = repo.git('rev-list', '--min-parents=2', '--max-count=1', '--skip=3', 'HEAD').trim();
      const froms = [...roots, all[Math.floor(all.length / 2)] as string, all[1] as string, all[0] as string, ...(merge !== '' ? [merge] : [])];
      for (const from of froms) {
        await assertSameContext({ cwd: replay.dir, from }, `${corpus} from ${from}`);
      }
      await assertSameContext({ cwd: replay.dir, from: roots[0] as string, options: { squashBodies: false } }, `${corpus} without squash lines`);
    });
  }

  it('agrees where the early log is not the range: empty, off the history, a tag object, a merge at HEAD', async () => {
    const repo = TestRepo.init();
    const root = repo.commit('chore: root\n');
    repo.commit('feat: a\n\n* fix: nested\n');
    repo.git('tag', '-a', 'v1.0.0', '-m', 'annotated');
    const tagObject = repo.git('rev-parse', 'refs/tags/v1.0.0').trim();
    repo.git('checkout', '--quiet', '-b', 'side');
    const side = repo.commit('fix(side): b\n', 'side.txt');
    repo.git('checkout', '--quiet', 'main');
    repo.commit('perf: c (#12)\n\ncloses #3\n');
    const head = repo.commit('revert: perf: c (#12)\n');
    for (const from of [root, head, side, tagObject]) await assertSameContext({ cwd: repo.root, from }, `from ${from}`);
    repo.git('-c', 'commit.gpgSign=false', 'merge', '--quiet', '--no-ff', '--no-edit', 'side');
    for (const from of [root, side]) await assertSameContext({ cwd: repo.root, from }, `merge at HEAD, from ${from}`);
    // A configuration that turns the squash lines off: the commits read early (with them) are read again.
    repo.write('.releaserc.json', JSON.stringify({ branches: ['main'] }));
    repo.write('release-please-config.json', JSON.stringify({ packages: { '.': {} }, 'changelog-sections': [{ type: 'feat', section: 'Features' }] }));
    await assertSameContext({ cwd: repo.root, from: root }, 'with configuration files');
    await assertSameContext({ cwd: repo.root, from: root, options: { squashBodies: false } }, 'squash lines off by the caller');
    const early = await loadReleasePlan({ cwd: repo.root, from: root, tagCache: 'none' });
    assert.ok(early.ok && early.value.plan.changes.some((change) => change.nested), 'the nested line is in the plan');
  });
});
