// The npm package as a user gets it: `npm pack` makes the tarball, `npm install <tarball>` puts it into an empty
// folder, and the `release-hygiene` bin runs from there on a real repository. The bundle must carry everything it
// needs at run time: the package declares no dependencies, so nothing else is installed beside it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isolatedGitEnv, removeScratch, TestRepo } from '../node/gitFixture';
import { PROJECT_ROOT, type CliRun } from './cliHarness';
import { packAndInstall, type PackResult } from './npmTarball';

/** Every file the tarball holds (npm adds package.json, README.md and LICENSE itself). */
const EXPECTED_TARBALL_FILES = [
  'CHANGELOG.md',
  'LICENSE',
  'README.md',
  'dist/cli.js',
  'dist/cliCommands.cache',
  'dist/cliCommands.js',
  'dist/cliFlags.cache',
  'dist/cliFlags.js',
  'dist/cliLintJsonl.cache',
  'dist/cliLintJsonl.js',
  'dist/cliMigrations.cache',
  'dist/cliMigrations.js',
  'dist/cliRelease.cache',
  'dist/cliRelease.js',
  'dist/cliSql.cache',
  'dist/cliSql.js',
  'dist/flagsSearchWorker.js',
  'dist/libpg-query.wasm',
  'dist/package.json',
  'dist/sqlParserMysql.js',
  'dist/sqlParserSqlite.js',
  'docs/ci.md',
  'docs/compatibility.md',
  'docs/flags.md',
  'docs/migrations.md',
  'docs/pipelines.md',
  'docs/release.md',
  'docs/rules.md',
  'package.json',
];

describe('npm package (npm pack, installed into an empty folder)', function () {
  // npm pack and npm install of a 1 MB tarball; no network is needed (the package has no dependencies).
  this.timeout(180_000);
  let env: NodeJS.ProcessEnv;
  let pack: PackResult;
  let project: string;
  let repo: TestRepo;

  const bin = (args: readonly string[], cwd: string): CliRun => {
    // --no: never download; the bin must come from the installed tarball in node_modules/.bin. After "--" every
    // option is the bin's (npx would read --version itself).
    const result = spawnSync('npx', ['--no', '--', 'release-hygiene', ...args], { cwd, env, encoding: 'utf8' });
    if (result.error) throw result.error;
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  before(() => {
    env = { ...isolatedGitEnv(), NO_COLOR: '1', npm_config_update_notifier: 'false' };
    ({ pack, project } = packAndInstall(env));
    // The folder becomes the user's repository, the package a dev dependency of it, as in a real project.
    repo = new TestRepo(project, env);
    repo.git('init', '--quiet', '--initial-branch=main');
    repo.write('.gitignore', 'node_modules/\n');
  });
  after(removeScratch);

  it('holds the bundle, its WebAssembly and the docs, and no sources or tests', () => {
    assert.deepEqual(pack.files.map((file) => file.path).sort(), EXPECTED_TARBALL_FILES);
  });

  it('declares no run-time dependencies: the bundle carries them', () => {
    const manifest = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    assert.deepEqual(manifest.dependencies ?? {}, {});
    // The install added the package alone (npm's own lockfile aside).
    assert.deepEqual(readdirSync(join(project, 'node_modules')).filter((name) => !name.startsWith('.')), ['release-hygiene']);
  });

  it('npx release-hygiene --version prints the package version', () => {
    const { version } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
    const run = bin(['--version'], project);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout.trim(), version);
  });

  it('npx release-hygiene lint-commits lints a repository and exits 1 on a bad commit', () => {
    const good = repo.commit('feat(parser): accept empty input\n');
    const bad = repo.commit('Fixed the thing.\n');
    const run = bin(['lint-commits', '--format', 'json'], project);
    assert.equal(run.status, 1, `stdout: ${run.stdout}\nstderr: ${run.stderr}`);
    const report = JSON.parse(run.stdout) as { commits: { hash: string; valid: boolean }[] };
    assert.deepEqual(
      report.commits.map((commit) => [commit.hash, commit.valid]),
      [
        [bad, false],
        [good, true],
      ],
    );
  });

  it('npx release-hygiene install-hook: git commit runs the installed package and refuses a bad message', () => {
    const install = bin(['install-hook'], project);
    assert.equal(install.status, 0, install.stderr);
    const hook = readFileSync(join(project, '.git', 'hooks', 'commit-msg'), 'utf8');
    assert.ok(hook.includes(join(project, 'node_modules', 'release-hygiene', 'dist', 'cli.js')), hook);
    repo.write('README.md', 'hello\n');
    repo.git('add', 'README.md');
    const commit = (message: string): CliRun => {
      const result = spawnSync('git', ['-c', 'commit.gpgSign=false', 'commit', '-m', message], { cwd: project, env, encoding: 'utf8' });
      return { status: result.status, stdout: result.stdout, stderr: result.stderr };
    };
    const bad = commit('Added a readme.');
    assert.notEqual(bad.status, 0);
    assert.match(bad.stdout + bad.stderr, /subject-full-stop/);
    const good = commit('docs: add a readme');
    assert.equal(good.status, 0, good.stdout + good.stderr);
  });

  it('npx release-hygiene pipelines and next-version run with the bundled YAML and semver code', () => {
    repo.write('.gitlab-ci.yml', 'deploy-production:\n  stage: deploy\n  environment: production\n  script: ./deploy.sh\n  allow_failure: true\n');
    const pipelines = bin(['pipelines', '--format', 'json'], project);
    assert.equal(pipelines.status, 1, pipelines.stdout + pipelines.stderr);
    assert.match(pipelines.stdout, /deploy-allow-failure/);
    repo.git('tag', 'v1.2.3');
    repo.commit('feat: a feature after the tag\n');
    const next = bin(['next-version', '--format', 'json'], project);
    assert.equal(next.status, 0, next.stdout + next.stderr);
    assert.match(next.stdout, /"1\.3\.0"/);
  });

  it('the installed bundles use the code caches from the tarball (npm writes the files at install time)', () => {
    const report = join(project, 'code-cache-probe.json');
    const cli = join(project, 'node_modules', 'release-hygiene', 'dist', 'cli.js');
    const probe = fileURLToPath(new URL('./codeCacheProbe.cjs', import.meta.url));
    const run = spawnSync(process.execPath, ['--require', probe, cli, 'flags'], { cwd: project, env: { ...env, RH_CODE_CACHE_PROBE: report }, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(readFileSync(report, 'utf8')), { 'cliFlags.js': 'accepted' });
  });

  it('npx release-hygiene migrations parses SQL with the WebAssembly from the tarball', () => {
    repo.write('db/migrations/V2__drop.sql', 'ALTER TABLE users DROP COLUMN legacy_email;\n');
    const run = bin(['migrations', '--format', 'json', '--dialect', 'postgres'], project);
    assert.match(run.stdout, /drop-column/, `exit ${run.status}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`);
    assert.doesNotMatch(run.stderr, /wasm|internal error/i);
  });
});
