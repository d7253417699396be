// `release-hygiene pipelines` end to end: the built CLI over the named fixtures and a scratch repository.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isolatedGitEnv, removeScratch, scratchDir } from '../node/gitFixture';
import { ensureBuilt, PROJECT_ROOT, runCli, type CliRun, expectExit } from './cliHarness';

const FIXTURES = join(PROJECT_ROOT, 'test', 'fixtures', 'pipelines');

interface Row {
  rule: string;
  severity: string;
  file: string;
  line: number;
  column: number;
  job: string | null;
  message: string;
}

describe('release-hygiene pipelines (dist/cli.js)', function () {
  this.timeout(60_000);
  let env: NodeJS.ProcessEnv;
  before(() => {
    ensureBuilt();
    env = { ...isolatedGitEnv(), NO_COLOR: '1' };
  });
  after(removeScratch);

  const json = (dir: string): { run: CliRun; out: { findings: Row[]; suppressed: (Row & { reason: string })[] } } => {
    const run = runCli(['pipelines', '--cwd', dir, '--format', 'json'], { cwd: PROJECT_ROOT, env });
    return { run, out: JSON.parse(run.stdout) };
  };

  it('the textbook GitLab promotion pipeline is clean, exit 0', () => {
    const { run, out } = json(join(FIXTURES, 'gitlab-promotion'));
    expectExit(run, 0);
    assert.deepEqual(out.findings, []);
  });

  it('semantic-release without fetch-depth: 0 is a warning (exit 0), with it clean', () => {
    const shallow = json(join(FIXTURES, 'github-semantic-release-shallow'));
    expectExit(shallow.run, 0);
    assert.deepEqual(
      shallow.out.findings.map((f) => [f.rule, f.severity, f.job]),
      [['shallow-clone-release', 'warning', 'release']],
    );
    const full = json(join(FIXTURES, 'github-semantic-release-full'));
    expectExit(full.run, 0);
    assert.deepEqual(full.out.findings, []);
  });

  it('git-cliff with and without fetch-depth: 0', () => {
    const shallow = json(join(FIXTURES, 'github-git-cliff-shallow'));
    expectExit(shallow.run, 1);
    assert.deepEqual(shallow.out.findings.map((f) => [f.rule, f.file, f.line, f.column, f.job]), [['shallow-clone-release', '.github/workflows/changelog.yml', 12, 15, 'changelog']]);
    const full = json(join(FIXTURES, 'github-git-cliff-full'));
    expectExit(full.run, 0);
    assert.deepEqual(full.out.findings, []);
  });

  it('GitHub gates fixture: every rule, 1-based positions, the suppressed finding with its reason', () => {
    const { run, out } = json(join(FIXTURES, 'github-gates'));
    expectExit(run, 1);
    assert.deepEqual(out.findings.map((f) => `${f.rule} ${f.file}:${f.line}:${f.column} ${f.job}`), [
      'gate-allow-failure .github/workflows/deploy.yml:9:24 test',
      'shallow-clone-release .github/workflows/deploy.yml:22:15 release',
      'deploy-without-gates .github/workflows/deploy.yml:26:12 deploy-production',
      'deploy-continue-on-error .github/workflows/deploy.yml:28:24 deploy-production',
      'rebuild-per-environment .github/workflows/deploy.yml:30:15 deploy-production',
      'deploy-latest-tag .github/workflows/deploy.yml:34:26 deploy-production',
      'deploy-without-gates .github/workflows/deploy.yml:35:3 hotfix',
    ]);
    assert.deepEqual(out.suppressed.map((f) => [f.rule, f.file, f.line, f.reason]), [['deploy-latest-tag', '.github/workflows/ship.yml', 14, 'the mirror only ever holds the release image']]);
    for (const f of out.findings) assert.deepEqual(Object.keys(f), ['rule', 'severity', 'file', 'line', 'column', 'job', 'message']);
  });

  it('GitLab gates fixture through a local include, extends and !reference; text format', () => {
    const dir = join(FIXTURES, 'gitlab-gates');
    const { run, out } = json(dir);
    expectExit(run, 1);
    assert.deepEqual(out.findings.map((f) => `${f.rule}:${f.line} ${f.job ?? '-'}`), [
      'include-not-followed:4 -',
      'gate-allow-failure:15 unit-tests',
      'shallow-clone-release:18 release',
      'deploy-allow-failure:23 deploy-production',
      'deploy-latest-tag:23 deploy-production',
      'deploy-without-gates:27 deploy-production',
      'rebuild-per-environment:29 deploy-production',
      'deploy-latest-tag:30 deploy-production',
    ]);
    const text = runCli(['pipelines', '--cwd', dir], { cwd: PROJECT_ROOT, env });
    expectExit(text, 1);
    assert.match(text.stdout, /^\.gitlab-ci\.yml:23:1 error deploy-allow-failure \[deploy-production\] .*\(set in ci\/templates\.yml line 8\)$/m);
    assert.match(text.stdout, /1 pipeline file: 5 errors, 2 warnings, 1 information, 0 suppressed/);
  });

  it('github annotations carry file, line, col and the rule', () => {
    const run = runCli(['pipelines', '--format', 'github'], { cwd: join(FIXTURES, 'github-git-cliff-shallow'), env });
    expectExit(run, 1);
    assert.equal(run.stdout, '::error file=.github/workflows/changelog.yml,line=12,col=15,title=shallow-clone-release::changelog: "orhun/git-cliff-action@v4" runs after a shallow actions/checkout (no fetch-depth, so one commit): it sees no earlier tags or commits; use fetch-depth: 0\n');
  });

  it('warnings only exit 0; invalid YAML is an error; glob includes are read from disk', () => {
    const dir = scratchDir('rh-pipelines-');
    mkdirSync(join(dir, 'ci', 'jobs'), { recursive: true });
    writeFileSync(join(dir, '.gitlab-ci.yml'), 'include:\n  - local: ci/**/*.yml\nunit-tests:\n  stage: test\n  script: [npm test]\n');
    writeFileSync(join(dir, 'ci', 'jobs', 'lint.yml'), 'lint:\n  stage: test\n  allow_failure: true\n  script: [npm run lint]\n');
    const warn = json(dir);
    expectExit(warn.run, 0);
    assert.deepEqual(warn.out.findings.map((f) => [f.rule, f.file, f.line]), [['gate-allow-failure', 'ci/jobs/lint.yml', 3]]);
    writeFileSync(join(dir, 'ci', 'jobs', 'lint.yml'), 'lint: [\n');
    const bad = json(dir);
    expectExit(bad.run, 1);
    assert.deepEqual(bad.out.findings.map((f) => [f.rule, f.file]), [['invalid-yaml', 'ci/jobs/lint.yml']]);
  });

  it('a tool named in a script is not a run; an npm script that runs it is, read from package.json', () => {
    const dir = scratchDir('rh-pipelines-scripts-');
    mkdirSync(join(dir, '.github', 'workflows'), { recursive: true });
    const checkout = '      - uses: actions/checkout@v6\n';
    writeFileSync(join(dir, '.github', 'workflows', 'ci.yml'), `on: push\njobs:\n  msrv:\n    runs-on: ubuntu-22.04\n    steps:\n${checkout}      - run: |\n          for package in "git-cliff" "git-cliff-core"; do\n            cargo msrv --output-format json --path "$package" verify\n          done\n`);
    const clean = json(dir);
    expectExit(clean.run, 0);
    assert.deepEqual(clean.out.findings, []);
    writeFileSync(join(dir, '.github', 'workflows', 'release.yml'), `on: push\njobs:\n  release:\n    runs-on: ubuntu-22.04\n    steps:\n${checkout}      - run: npm ci\n      - run: npm run release -- --sign\n`);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ scripts: { release: 'commit-and-tag-version' } }));
    const release = json(dir);
    expectExit(release.run, 1);
    assert.deepEqual(release.out.findings.map((f) => [f.rule, f.severity, f.file, f.line, f.job]), [['shallow-clone-release', 'error', '.github/workflows/release.yml', 6, 'release']]);
    assert.match(release.out.findings[0]!.message, /"npm run release" \(a package script that runs commit-and-tag-version\) runs after a shallow actions\/checkout/);
  });

  it('no pipeline files: exit 0; arguments and unknown formats: exit 2', () => {
    const empty = scratchDir('rh-pipelines-empty-');
    const run = runCli(['pipelines', '--cwd', empty], { cwd: PROJECT_ROOT, env });
    expectExit(run, 0);
    assert.match(run.stdout, /no pipeline files/);
    expectExit(runCli(['pipelines', 'x'], { cwd: empty, env }), 2);
    expectExit(runCli(['pipelines', '--format', 'checkstyle'], { cwd: empty, env }), 2);
    expectExit(runCli(['pipelines', '--from', 'HEAD'], { cwd: empty, env }), 2);
    const help = runCli(['pipelines', '--help'], { cwd: empty, env });
    expectExit(help, 0);
    assert.match(help.stdout, /--format github/);
  });
});
