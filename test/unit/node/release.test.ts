// The release engine's git access, on real temporary repositories (real `git`, no mocks).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { listReachableTags, loadReleasePlan, releaseStateKey, resolveCommit, type ReleaseContext, type ReleaseRequest } from '../../../src/node';
import { isolatedGitEnv, scratchDir, TestRepo, useIsolatedGit } from './gitFixture';

async function load(request: ReleaseRequest): Promise<ReleaseContext> {
  const result = await loadReleasePlan(request);
  if (!result.ok) assert.fail(`expected a plan, got ${result.kind}: ${result.message}`);
  return result.value;
}

describe('release git access (real git repositories)', () => {
  useIsolatedGit();

  it('no tags: first release at the initial version', async () => {
    const repo = TestRepo.init();
    repo.commit('chore: init\n');
    repo.commit('feat: first feature\n');
    const { plan } = await load({ cwd: repo.root });
    assert.equal(plan.firstRelease, true);
    assert.equal(plan.currentTag, null);
    assert.equal(plan.next, '0.1.0');
    assert.equal(plan.commitCount, 2);
    assert.equal((await load({ cwd: repo.root, options: { initialVersion: '1.0.0' } })).plan.next, '1.0.0');
  });

  it('v-tags: the highest reachable version, annotated tags peeled, tags on other branches ignored', async () => {
    const repo = TestRepo.init();
    repo.commit('chore: init\n');
    repo.git('tag', 'v1.0.0');
    repo.commit('fix: a\n');
    repo.git('tag', '-a', 'v1.0.1', '-m', 'release 1.0.1');
    repo.git('checkout', '--quiet', '-b', 'other');
    repo.commit('feat: elsewhere\n');
    repo.git('tag', 'v9.0.0');
    repo.git('checkout', '--quiet', 'main');
    const feat = repo.commit('feat(api): search\n');
    const tags = await listReachableTags(repo.root, repo.git('rev-parse', 'HEAD').trim());
    assert.ok(tags.ok);
    assert.deepEqual(tags.value.map((t) => t.name).sort(), ['v1.0.0', 'v1.0.1']);
    assert.equal(tags.value.find((t) => t.name === 'v1.0.1')?.commit, repo.git('rev-parse', 'v1.0.1^{commit}').trim());
    const { plan } = await load({ cwd: repo.root });
    assert.equal(plan.currentTag, 'v1.0.1');
    assert.equal(plan.next, '1.1.0');
    assert.deepEqual(plan.reasons.map((r) => r.hash), [feat]);
    assert.equal(plan.commitCount, 1);
  });

  it('bare tags with ${version}, and monorepo tags per package path', async () => {
    const repo = TestRepo.init();
    repo.commit('chore: init\n');
    repo.git('tag', '2.3.4');
    repo.git('tag', 'api@1.0.0');
    repo.git('tag', 'web-v5.0.0');
    repo.commit('fix(api): a\n', 'packages/api/a.txt');
    repo.commit('feat(web): b\n', 'packages/web/b.txt');
    assert.equal((await load({ cwd: repo.root, options: { tagFormat: '${version}' } })).plan.next, '2.4.0');
    const api = await load({ cwd: repo.root, path: 'packages/api', options: { tagFormat: 'api@${version}' } });
    assert.equal(api.plan.currentTag, 'api@1.0.0');
    assert.equal(api.plan.next, '1.0.1');
    assert.equal(api.plan.nextTag, 'api@1.0.1');
    const web = await load({ cwd: repo.root, path: 'packages/web', options: { tagFormat: 'web-v${version}' } });
    assert.equal(web.plan.next, '5.1.0');
  });

  it('merges: merge commits ignored, merged commits counted; --first-parent keeps the mainline only', async () => {
    const repo = TestRepo.init();
    repo.commit('chore: init\n');
    repo.git('tag', 'v1.0.0');
    repo.git('checkout', '--quiet', '-b', 'feature');
    repo.commit('feat: from the branch\n', 'feature.txt');
    repo.git('checkout', '--quiet', 'main');
    repo.commit('fix: on main\n');
    repo.git('-c', 'commit.gpgSign=false', 'merge', '--quiet', '--no-ff', '--no-edit', 'feature');
    const all = await load({ cwd: repo.root });
    assert.equal(all.plan.mergeCommits, 1);
    assert.equal(all.plan.next, '1.1.0');
    assert.deepEqual(all.plan.unconventional, []);
    const mainline = await load({ cwd: repo.root, options: { firstParent: true } });
    assert.equal(mainline.plan.next, '1.0.1');
  });

  it('reverts and Release-As on real history', async () => {
    const repo = TestRepo.init();
    repo.commit('chore: init\n');
    repo.git('tag', 'v0.4.0');
    const feat = repo.commit('feat: risky\n');
    repo.git('-c', 'commit.gpgSign=false', 'revert', '--no-edit', feat);
    repo.commit('fix: keep\n');
    const reverted = await load({ cwd: repo.root });
    assert.equal(reverted.plan.next, '0.4.1');
    assert.equal(reverted.plan.cancelled[0]?.reverted.hash, feat);
    repo.commit('chore: graduate\n\nRelease-As: 1.0.0\n');
    assert.equal((await load({ cwd: repo.root })).plan.next, '1.0.0');
  });

  it('a shallow clone is detected and warned about', async () => {
    const repo = TestRepo.init();
    repo.commit('chore: init\n');
    repo.git('tag', 'v1.0.0');
    repo.commit('feat: a\n');
    repo.commit('fix: b\n');
    const dest = join(scratchDir(), 'shallow');
    execFileSync('git', ['clone', '--quiet', '--depth', '1', `file://${repo.root}`, dest], { env: isolatedGitEnv() });
    const context = await load({ cwd: dest });
    assert.equal(context.head.shallow, true);
    const warning = context.plan.warnings.find((w) => w.code === 'shallow-clone');
    assert.match(warning?.message ?? '', /may be wrong.*fetch-depth: 0.*GIT_DEPTH: 0/s);
    // The tag is outside the fetched depth: the engine sees a first release, which the warning explains.
    assert.equal(context.plan.currentTag, null);
  });

  it('refs that look like options are passed safely: a tag named --output=x is a ref', async () => {
    const repo = TestRepo.init();
    repo.commit('chore: init\n');
    repo.git('tag', 'v1.0.0');
    const base = repo.commit('fix: a\n');
    repo.git('update-ref', 'refs/tags/--output=x', base);
    repo.git('update-ref', 'refs/tags/v9.9.9;$(touch${IFS}pwned)', base);
    repo.commit('feat: b\n');
    const resolved = await resolveCommit(repo.root, '--output=x');
    assert.deepEqual(resolved, { ok: true, value: base });
    const context = await load({ cwd: repo.root, from: '--output=x' });
    assert.equal(context.plan.currentTag, '--output=x');
    assert.equal(context.plan.current, '1.0.0'); // from the highest version tag reachable from it
    assert.equal(context.plan.next, '1.1.0');
    assert.equal(context.plan.commitCount, 1);
    assert.equal(existsSync(join(repo.root, 'x')), false);
    assert.equal(existsSync(join(repo.root, 'pwned')), false);
    assert.equal((await load({ cwd: repo.root })).plan.currentTag, 'v1.0.0');
    const bogus = await loadReleasePlan({ cwd: repo.root, to: '--no-such-option' });
    assert.equal(!bogus.ok && bogus.kind, 'bad-revision');
  });

  it('detached HEAD, no commits and not a repository give clear results', async () => {
    const repo = TestRepo.init();
    const empty = await loadReleasePlan({ cwd: repo.root });
    assert.equal(!empty.ok && empty.kind, 'no-commits');
    repo.commit('feat: a\n');
    repo.commit('fix: b\n');
    repo.git('checkout', '--quiet', '--detach', 'HEAD~1');
    const detached = await load({ cwd: repo.root });
    assert.equal(detached.head.detached, true);
    assert.ok(detached.plan.warnings.some((w) => w.code === 'detached-head'));
    assert.equal(detached.plan.commitCount, 1);
    const outside = await loadReleasePlan({ cwd: scratchDir() });
    assert.equal(!outside.ok && outside.kind, 'not-a-repository');
  });

  it('releaseStateKey changes with HEAD and with tags, and only then', async () => {
    const repo = TestRepo.init();
    const unborn = await releaseStateKey(repo.root);
    assert.ok(unborn.ok && unborn.value.startsWith('unborn:'));
    repo.commit('feat: a\n');
    const first = await releaseStateKey(repo.root);
    assert.deepEqual(await releaseStateKey(repo.root), first);
    repo.git('tag', 'v1.0.0');
    const tagged = await releaseStateKey(repo.root);
    assert.notDeepEqual(tagged, first);
    repo.commit('fix: b\n');
    assert.notDeepEqual(await releaseStateKey(repo.root), tagged);
  });

  it('reads the repository release configuration and reports the remote host', async () => {
    const repo = TestRepo.init();
    repo.git('remote', 'add', 'origin', 'git@gitlab.com:group/sub/project.git');
    repo.write('release-please-config.json', JSON.stringify({ 'bump-minor-pre-major': true, packages: { '.': {} } }));
    repo.write('.releaserc.json', JSON.stringify({ branches: ['main'], tagFormat: 'rel-${version}' }));
    repo.commit('chore: init\n');
    repo.git('tag', 'v0.2.0');
    repo.git('tag', 'rel-0.1.0');
    repo.commit('feat!: breaking\n');
    const context = await load({ cwd: repo.root });
    assert.deepEqual(context.host, { kind: 'gitlab', url: 'https://gitlab.com/group/sub/project' });
    // release-please (v${version}, bump-minor-pre-major) wins over .releaserc's tagFormat.
    assert.equal(context.plan.currentTag, 'v0.2.0');
    assert.equal(context.plan.next, '0.3.0');
    assert.ok(context.plan.warnings.some((w) => w.code === 'tool-disagrees' && /angular/.test(w.message)), JSON.stringify(context.plan.warnings));
  });
});
