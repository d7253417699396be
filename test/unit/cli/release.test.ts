// `release-hygiene next-version` and `changelog` end to end (runCli in process) on real temporary repositories.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode } from '../../../src/cli/exitCodes';
import { runCliInProcess, type InProcessRun } from './inProcess';
import { isolatedGitEnv, scratchDir, TestRepo, useIsolatedGit } from '../node/gitFixture';

function cli(args: string[], cwd: string): Promise<InProcessRun> {
  return runCliInProcess(args, cwd, { SOURCE_DATE_EPOCH: '1714521600' });
}

function fixture(): { repo: TestRepo; feat: string; fix: string } {
  const repo = TestRepo.init();
  repo.git('remote', 'add', 'origin', 'https://github.com/acme/widget.git');
  repo.commit('chore: init\n');
  repo.git('tag', 'v1.4.1');
  const feat = repo.commit('feat(api): add search <script>alert(1)</script>\n\ncloses #12\n');
  const fix = repo.commit('fix: crash\n');
  repo.commit('wip\n');
  return { repo, feat, fix };
}

describe('release-hygiene next-version / changelog (real git repositories)', () => {
  useIsolatedGit();

  it('chooses the last release by a cliff.toml tag_pattern regular expression', async () => {
    const repo = TestRepo.init();
    repo.commit('chore: init\n');
    repo.git('tag', 'tui-v0.9.0');
    repo.commit('fix: core\n');
    repo.git('tag', 'core-v4.0.0');
    repo.commit('fix: cli\n');
    repo.git('tag', 'cli-v1.2.0');
    writeFileSync(join(repo.root, 'cliff.toml'), '[git]\ntag_pattern = "^(cli|tui)-v[0-9]"\n');
    repo.commit('feat: a flag\n');
    const { code, stdout, stderr } = await cli(['next-version', '--cwd', repo.root, '--format', 'json'], repo.root);
    assert.equal(code, ExitCode.Ok, stderr);
    const json = JSON.parse(stdout) as { currentTag: string; next: string; nextTag: string; warnings: unknown[] };
    assert.deepEqual([json.currentTag, json.next, json.nextTag], ['cli-v1.2.0', '1.3.0', 'cli-v1.3.0']);
    assert.deepEqual(json.warnings, []);
  });

  it('applies semantic-release releaseRules from .releaserc.json', async () => {
    const repo = TestRepo.init();
    repo.commit('chore: init\n');
    repo.git('tag', 'v2.0.0');
    writeFileSync(join(repo.root, '.releaserc.json'), JSON.stringify({
      plugins: [['@semantic-release/commit-analyzer', { preset: 'conventionalcommits', releaseRules: [{ type: 'docs', scope: 'README', release: 'patch' }, { scope: 'no-release', release: false }] }]],
    }));
    const docs = repo.commit('docs(README): the install step\n');
    repo.commit('feat(no-release): an internal script\n');
    const { code, stdout, stderr } = await cli(['next-version', '--cwd', repo.root, '--format', 'json'], repo.root);
    assert.equal(code, ExitCode.Ok, stderr);
    const json = JSON.parse(stdout) as { next: string; reasons: { hash: string; why: string }[]; warnings: unknown[] };
    assert.equal(json.next, '2.0.1', 'the feature is held back by its rule, the README change releases a patch');
    assert.deepEqual(json.reasons.map((r) => [r.hash, r.why]), [[docs, 'docs(README): the install step → patch (releaseRules {"type":"docs","scope":"README","release":"patch"})']]);
    assert.deepEqual(json.warnings, []);
  });

  it('next-version --format json has the documented shape', async () => {
    const { repo, feat } = fixture();
    const { code, stdout, stderr } = await cli(['next-version', '--cwd', repo.root, '--format', 'json'], repo.root);
    assert.equal(code, ExitCode.Ok, stderr);
    const json = JSON.parse(stdout) as Record<string, unknown>;
    assert.equal(json.currentTag, 'v1.4.1');
    assert.equal(json.current, '1.4.1');
    assert.equal(json.next, '1.5.0');
    assert.equal(json.bump, 'minor');
    assert.deepEqual(json.reasons, [{ hash: feat, subject: 'feat(api): add search <script>alert(1)</script>', bump: 'minor', why: 'feat(api) → minor' }]);
    assert.deepEqual((json.unconventional as { header: string }[]).map((u) => u.header), ['wip']);
    assert.equal(json.shallow, false);
    assert.deepEqual(json.warnings, []);
  });

  it('next-version text names the tag, the version and the causing commit', async () => {
    const { repo, feat } = fixture();
    const { code, stdout } = await cli(['next-version'], repo.root);
    assert.equal(code, ExitCode.Ok);
    assert.match(stdout, /^v1\.4\.1 → v1\.5\.0 \(minor\)\n/);
    assert.ok(stdout.includes(`${feat.slice(0, 7)} feat(api): add search`));
    assert.match(stdout, /not in the changelog \(not conventional\):\n {2}[0-9a-f]{7} wip\n/);
  });

  it('changelog prints Markdown with links and escaped HTML; --write inserts once', async () => {
    const { repo, feat } = fixture();
    const printed = await cli(['changelog', '--cwd', repo.root], repo.root);
    assert.equal(printed.code, ExitCode.Ok);
    assert.ok(printed.stdout.startsWith('## [1.5.0](https://github.com/acme/widget/compare/v1.4.1...v1.5.0) (2024-05-01)\n'), printed.stdout);
    assert.ok(printed.stdout.includes(`* **api:** add search \\<script>alert(1)\\</script> ([${feat.slice(0, 7)}](https://github.com/acme/widget/commit/${feat})), closes [#12](https://github.com/acme/widget/issues/12)`), printed.stdout);

    const file = join(repo.root, 'CHANGELOG.md');
    writeFileSync(file, '# Changelog\n\n## 1.4.1 (2024-01-01)\n\n* old\n');
    const first = await cli(['changelog', '--write', 'CHANGELOG.md'], repo.root);
    assert.equal(first.code, ExitCode.Ok);
    assert.match(first.stderr, /added 1\.5\.0 to/);
    const written = readFileSync(file, 'utf8');
    assert.equal(written, `# Changelog\n\n${printed.stdout}\n## 1.4.1 (2024-01-01)\n\n* old\n`);
    const second = await cli(['changelog', '--write', 'CHANGELOG.md'], repo.root);
    assert.equal(second.code, ExitCode.Ok);
    assert.match(second.stderr, /already has a section for 1\.5\.0; unchanged/);
    assert.equal(readFileSync(file, 'utf8'), written);
  });

  it('a shallow clone prints a loud warning on stderr with the CI fixes', async () => {
    const { repo } = fixture();
    const dest = join(scratchDir(), 'shallow');
    execFileSync('git', ['clone', '--quiet', '--depth', '2', `file://${repo.root}`, dest], { env: isolatedGitEnv() });
    const { code, stdout, stderr } = await cli(['next-version', '--format', 'json'], dest);
    assert.equal(code, ExitCode.Ok);
    assert.match(stderr, /WARNING: this is a shallow clone.*may be wrong.*fetch-depth: 0.*GIT_DEPTH: 0/);
    assert.equal((JSON.parse(stdout) as { shallow: boolean }).shallow, true);
  });

  it('--from a ref named like an option is a ref; unknown refs exit 2; outside a repository exits 3', async () => {
    const { repo, fix } = fixture();
    repo.git('update-ref', 'refs/tags/--output=x', fix);
    const ok = await cli(['next-version', '--from=--output=x', '--format', 'json'], repo.root);
    assert.equal(ok.code, ExitCode.Ok, ok.stderr);
    assert.equal((JSON.parse(ok.stdout) as { currentTag: string }).currentTag, '--output=x');
    const unknown = await cli(['next-version', '--from', 'no-such-ref'], repo.root);
    assert.equal(unknown.code, ExitCode.InvalidUsage);
    assert.match(unknown.stderr, /unknown revision "no-such-ref"/);
    const outside = await cli(['next-version'], scratchDir());
    assert.equal(outside.code, ExitCode.RuntimeFailure);
    assert.match(outside.stderr, /not a git repository/);
    const badFormat = await cli(['next-version', '--tag-format', 'v'], repo.root);
    assert.equal(badFormat.code, ExitCode.InvalidUsage);
  });

  it('an empty repository says there is nothing to release', async () => {
    const repo = TestRepo.init();
    const { code, stdout } = await cli(['next-version'], repo.root);
    assert.equal(code, ExitCode.Ok);
    assert.equal(stdout, 'no commits yet: nothing to release\n');
  });
});
