// `release-hygiene check` end to end: the built CLI over real temporary repositories, every format, SARIF
// validated against the official 2.1.0 schema.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isolatedGitEnv, removeScratch, scratchDir, TestRepo } from '../node/gitFixture';
import { ensureBuilt, PROJECT_ROOT, runCli, type CliRun, expectExit } from './cliHarness';
import { sarifSchemaErrors } from './sarifSchema';

const EPOCH = String(Date.parse('2026-06-01T00:00:00Z') / 1000);
const SHALLOW_WORKFLOW = readFileSync(join(PROJECT_ROOT, 'test', 'fixtures', 'pipelines', 'github-git-cliff-shallow', '.github', 'workflows', 'changelog.yml'), 'utf8');
const CAPABILITY_ORDER = ['commits', 'release', 'flags', 'migrations', 'pipelines'];

interface JsonFinding {
  capability: string;
  ruleId: string;
  severity: string;
  message: string;
  file: string | null;
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  commit: string | null;
  helpUri: string | null;
  fingerprint: string;
  suppressed: { reason: string } | null;
}

interface CheckJson {
  schemaVersion: number;
  tool: { name: string; version: string; informationUri: string };
  exitCode: number;
  capabilities: Array<{ capability: string; status: string; summary: string; errors: number; warnings: number; exitCode: number }>;
  release: { next: string | null; currentTag: string | null } | null;
  findings: JsonFinding[];
}

interface SarifResultShape {
  ruleId: string;
  level: string;
  message: { text: string };
  locations: Array<{
    physicalLocation?: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } };
    logicalLocations?: Array<{ fullyQualifiedName: string; kind: string }>;
  }>;
  partialFingerprints: Record<string, string>;
}

interface SarifShape {
  version: string;
  runs: Array<{ tool: { driver: { name: string; version: string; informationUri: string; rules: Array<{ id: string; helpUri?: string }> } }; results: SarifResultShape[] }>;
}

interface GitlabIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: string;
  location: { path: string; lines: { begin: number } };
}

function summaryLines(text: string): string[] {
  return text.split('\n').filter((line) => /^[✔✖⚠!–] (commits|release|flags|migrations|pipelines)\s/.test(line));
}

describe('release-hygiene check (dist/cli.js)', function () {
  this.timeout(120_000);
  let env: NodeJS.ProcessEnv;
  let repo: TestRepo;
  const run = (args: string[], cwd = repo.root, extraEnv: NodeJS.ProcessEnv = {}): CliRun => runCli(args, { cwd, env: { ...env, ...extraEnv } });

  before(() => {
    ensureBuilt();
    env = { ...isolatedGitEnv(), NO_COLOR: '1', SOURCE_DATE_EPOCH: EPOCH };
    // A pull request setting of the machine running the tests must not leak into them.
    delete env.GITHUB_BASE_REF;
    repo = TestRepo.init(env);
    repo.write('README.md', 'demo\n');
    repo.commitAllAt('Bad message before the release', '2025-12-01T00:00:00Z');
    repo.git('tag', 'v1.0.0');
    repo.write('src/app.ts', "if (unleash.isEnabled('old-flag')) {}\nexport const table = 'sessions';\n");
    repo.write('db/migration/V2__drop_sessions.sql', 'DROP TABLE sessions;\n');
    repo.write('.github/workflows/changelog.yml', SHALLOW_WORKFLOW);
    repo.commitAllAt('feat: sessions live in redis now', '2026-01-01T00:00:00Z');
    repo.write('notes.txt', 'x\n');
    repo.commitAllAt('Update stuff', '2026-01-02T00:00:00Z');
  });
  after(removeScratch);

  it('text: a summary line per capability, the commits since the last release tag only, exit 1', () => {
    const result = run(['check']);
    expectExit(result, 1);
    const lines = summaryLines(result.stdout);
    assert.deepEqual(lines.map((line) => line.split(/\s+/)[1]), CAPABILITY_ORDER);
    assert.match(lines[0]!, /^✖ commits +1 of 2 commits has errors .* since v1\.0\.0 · release effect: minor \(feat\)$/);
    assert.match(lines[1]!, /^✔ release +v1\.0\.0 → v1\.1\.0 \(minor\)$/);
    assert.match(lines[2]!, /^✖ flags +1 flag: 1 stale, 0 expired$/);
    assert.match(lines[3]!, /^✖ migrations +1 migration file: 1 error/);
    assert.match(lines[4]!, /^✖ pipelines +1 pipeline file: 1 error/);
    assert.match(result.stdout, /^src\/app\.ts:1:23 error flag-stale /m);
    assert.match(result.stdout, /^db\/migration\/V2__drop_sessions\.sql:1:12 error drop-table /m);
    assert.doesNotMatch(result.stdout, /before the release/, 'a commit before the last release tag is not linted');
  });

  it('json: schemaVersion 1, every capability, the release, findings with regions and fingerprints', () => {
    const result = run(['check', '--format', 'json']);
    expectExit(result, 1);
    const report = JSON.parse(result.stdout) as CheckJson;
    assert.equal(report.schemaVersion, 1);
    assert.equal(report.tool.name, 'release-hygiene');
    assert.equal(report.exitCode, 1);
    assert.deepEqual(report.capabilities.map((c) => [c.capability, c.status, c.exitCode]), [
      ['commits', 'ran', 1], ['release', 'ran', 0], ['flags', 'ran', 1], ['migrations', 'ran', 1], ['pipelines', 'ran', 1],
    ]);
    assert.equal(report.release?.next, '1.1.0');
    const drop = report.findings.find((f) => f.ruleId === 'drop-table')!;
    assert.deepEqual([drop.file, drop.startLine, drop.startColumn, drop.endLine, drop.endColumn, drop.severity], ['db/migration/V2__drop_sessions.sql', 1, 12, 1, 20, 'error']);
    const commit = report.findings.find((f) => f.capability === 'commits')!;
    assert.equal(commit.file, null);
    assert.match(commit.commit ?? '', /^[0-9a-f]{40}$/);
    assert.deepEqual([...new Set(report.findings.map((f) => f.capability))].sort(), ['commits', 'flags', 'migrations', 'pipelines']);
    assert.equal(new Set(report.findings.map((f) => f.fingerprint)).size, report.findings.length, 'fingerprints are unique');
    assert.deepEqual(summaryLines(result.stderr).length, 5, 'the summary lines go to stderr');
  });

  it('sarif: valid SARIF 2.1.0, rules with helpUri, exact regions, relative URIs under %SRCROOT%', () => {
    const result = run(['check', '--format', 'sarif']);
    expectExit(result, 1);
    const log = JSON.parse(result.stdout) as SarifShape;
    assert.deepEqual(sarifSchemaErrors(log), []);
    assert.equal(log.runs.length, 1);
    const { driver } = log.runs[0]!.tool;
    assert.equal(driver.name, 'release-hygiene');
    assert.match(driver.informationUri, /^https:\/\//);
    for (const rule of driver.rules) assert.match(rule.helpUri ?? '', /^https:\/\//, `rule ${rule.id} has a helpUri`);
    const drop = log.runs[0]!.results.find((r) => r.ruleId === 'drop-table')!;
    assert.equal(drop.level, 'error');
    assert.deepEqual(drop.locations[0]!.physicalLocation, {
      artifactLocation: { uri: 'db/migration/V2__drop_sessions.sql', uriBaseId: '%SRCROOT%' },
      region: { startLine: 1, startColumn: 12, endLine: 1, endColumn: 20 },
    });
    const commit = log.runs[0]!.results.find((r) => r.locations[0]!.logicalLocations)!;
    assert.equal(commit.locations[0]!.logicalLocations![0]!.kind, 'commit');
  });

  it('sarif of every finding command validates against the schema, with results', () => {
    for (const args of [['lint-commits', '--from', 'v1.0.0'], ['flags'], ['migrations'], ['pipelines']]) {
      const result = run([...args, '--format', 'sarif']);
      expectExit(result, 1);
      const log = JSON.parse(result.stdout) as SarifShape;
      assert.deepEqual(sarifSchemaErrors(log), [], `${args[0]}: valid SARIF`);
      assert.ok(log.runs[0]!.results.length > 0, `${args[0]}: has results`);
    }
  });

  it('lint-message: the file relative to the repository root in every machine format; stdin has no file', () => {
    repo.write('.git/COMMIT_EDITMSG', 'Bad message\n# a comment git strips\n');
    const sarif = run(['lint-message', '../.git/COMMIT_EDITMSG', '--format', 'sarif'], join(repo.root, 'src'));
    expectExit(sarif, 1);
    const log = JSON.parse(sarif.stdout) as SarifShape;
    assert.deepEqual(sarifSchemaErrors(log), []);
    assert.deepEqual(log.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation?.artifactLocation.uri), ['.git/COMMIT_EDITMSG', '.git/COMMIT_EDITMSG']);
    const github = run(['lint-message', '.git/COMMIT_EDITMSG', '--format', 'github']);
    assert.match(github.stdout, /^::error file=\.git\/COMMIT_EDITMSG,line=1,col=1,endLine=1,endColumn=12,title=type-empty::type may not be empty$/m);
    const stdin = runCli(['lint-message', '-', '--format', 'gitlab'], { cwd: repo.root, env, input: 'bad\n' });
    expectExit(stdin, 1);
    assert.deepEqual((JSON.parse(stdin.stdout) as GitlabIssue[]).map((issue) => [issue.check_name, issue.location.path]), [['type-empty', '.'], ['subject-empty', '.']]);
  });

  it('the schema check itself rejects a broken log', () => {
    assert.notDeepEqual(sarifSchemaErrors({ version: '2.1.0', runs: [{ tool: { driver: {} }, results: [] }] }), []);
  });

  it('gitlab: Code Quality issues whose fingerprints survive lines moving', () => {
    const before = JSON.parse(run(['check', '--format', 'gitlab']).stdout) as GitlabIssue[];
    for (const issue of before) {
      assert.deepEqual(Object.keys(issue).sort(), ['check_name', 'description', 'fingerprint', 'location', 'severity']);
      assert.ok(issue.location.path.length > 0 && issue.location.lines.begin >= 1);
    }
    const drop = before.find((issue) => issue.check_name === 'drop-table')!;
    assert.deepEqual([drop.severity, drop.location.path, drop.location.lines.begin], ['major', 'db/migration/V2__drop_sessions.sql', 1]);
    repo.write('db/migration/V2__drop_sessions.sql', '-- sessions moved to redis\n\nDROP TABLE sessions;\n');
    try {
      const after = JSON.parse(run(['check', '--format', 'gitlab']).stdout) as GitlabIssue[];
      const moved = after.find((issue) => issue.check_name === 'drop-table')!;
      assert.equal(moved.location.lines.begin, 3);
      assert.equal(moved.fingerprint, drop.fingerprint);
    } finally {
      repo.write('db/migration/V2__drop_sessions.sql', 'DROP TABLE sessions;\n');
    }
  });

  it('github: workflow commands with file, line, col, endLine, endColumn and title; commits without a file', () => {
    const result = run(['check', '--format', 'github']);
    expectExit(result, 1);
    assert.match(result.stdout, /^::error file=db\/migration\/V2__drop_sessions\.sql,line=1,col=12,endLine=1,endColumn=20,title=drop-table::Dropping table sessions /m);
    assert.match(result.stdout, /^::error file=src\/app\.ts,line=1,col=23,endLine=1,endColumn=33,title=flag-stale::/m);
    assert.match(result.stdout, /^::error title=type-empty::[0-9a-f]{7}: /m);
    assert.equal(summaryLines(result.stdout).length, 5);
  });

  it('--only and --skip choose capabilities; a bad list is invalid usage', () => {
    const only = run(['check', '--only', 'release,migrations']);
    expectExit(only, 1);
    assert.deepEqual(summaryLines(only.stdout).map((line) => line.split(/\s+/).slice(0, 3).join(' ')), [
      '– commits skipped', '✔ release v1.0.0', '– flags skipped', '✖ migrations 1', '– pipelines skipped',
    ]);
    const none = run(['check', '--skip', 'commits,flags,migrations,pipelines']);
    expectExit(none, 0);
    const bad = run(['check', '--only', 'commits,typo']);
    expectExit(bad, 2);
    assert.match(bad.stderr, /--only: unknown capability "typo"/);
    expectExit(run(['check', '--only', 'commits', '--skip', 'flags']), 2);
  });

  it('--help describes the whole product and lists check; check --help documents its options', () => {
    const main = run(['--help']);
    expectExit(main, 0);
    assert.match(main.stdout.split('\n')[0]!, /^release-hygiene \S+: release checks where the change is written: commit messages, the next$/);
    assert.match(main.stdout, /stale feature flags, unsafe migrations and skippable pipeline gates/);
    assert.match(main.stdout, /^  release-hygiene check /m);
    assert.match(main.stdout, /sarif \(SARIF 2\.1\.0\), gitlab \(Code Quality\)/);
    const help = run(['check', '--help']);
    expectExit(help, 0);
    for (const option of ['--only LIST', '--skip LIST', '--format text|json|github|sarif|gitlab', 'GITHUB_BASE_REF']) assert.ok(help.stdout.includes(option), option);
    assert.match(run(['no-such-command']).stderr, /commands: check, /);
  });

  it('--from/--to lint that range', () => {
    const result = run(['check', '--only', 'commits', '--from', 'HEAD~1']);
    expectExit(result, 1);
    assert.match(summaryLines(result.stdout)[0]!, /1 of 1 commit has errors .* HEAD~1\.\.HEAD/);
    expectExit(run(['check', '--only', 'commits', '--from', 'no-such-ref']), 2);
  });

  it('outside a git repository: commits and release say why and exit 3; the others still run', () => {
    const dir = scratchDir('rh-check-nogit-');
    const plain = new TestRepo(dir, env);
    plain.write('.github/workflows/changelog.yml', SHALLOW_WORKFLOW);
    const result = run(['check'], dir);
    expectExit(result, 3);
    const lines = summaryLines(result.stdout);
    assert.match(lines[0]!, /^! commits +cannot run: not a git repository/);
    assert.match(lines[1]!, /^! release +cannot run: not a git repository/);
    assert.match(lines[4]!, /^✖ pipelines +1 pipeline file: 1 error/);
    expectExit(run(['check', '--skip', 'commits,release'], dir), 1);
  });

  describe('on a GitHub pull request (GITHUB_BASE_REF)', () => {
    let pr: TestRepo;
    before(() => {
      pr = TestRepo.init(env);
      pr.commit('Bad message on main');
      const base = pr.commit('chore: base');
      pr.git('update-ref', 'refs/remotes/origin/main', base);
      pr.git('checkout', '--quiet', '-b', 'feature');
      pr.commit('feat: the pull request');
    });

    it("lints the PR's commits: merge-base of origin/$GITHUB_BASE_REF..HEAD", () => {
      const result = run(['check', '--only', 'commits'], pr.root, { GITHUB_BASE_REF: 'main' });
      expectExit(result, 0);
      assert.match(summaryLines(result.stdout)[0]!, /^✔ commits +1 commit, 0 warnings · the pull request's commits \(merge-base of origin\/main\.\.HEAD\)/);
    });

    it('falls back clearly when origin/$GITHUB_BASE_REF is missing', () => {
      const result = run(['check', '--only', 'commits'], pr.root, { GITHUB_BASE_REF: 'develop' });
      expectExit(result, 1);
      assert.match(summaryLines(result.stdout)[0]!, /GITHUB_BASE_REF=develop but origin\/develop not found .*fell back to the commits since the last release tag/);
    });
  });

  describe('.release-hygiene.yaml', () => {
    let configured: TestRepo;
    before(() => {
      configured = TestRepo.init(env);
      configured.write('.github/workflows/changelog.yml', SHALLOW_WORKFLOW);
      configured.write('.release-hygiene.yaml', 'pipelines:\n  enabled: false\n  rules:\n    shallow-clone-release: warning\nflagz: {}\nflags:\n  staleDays: soon\ncommits:\n  rules:\n    header-max-length: [2, always, 20]\n');
      configured.commit('chore: a header longer than twenty characters');
    });

    it('turns a capability off for check (--only still runs it) and warns about unknown keys and bad values by name', () => {
      const result = run(['check'], configured.root);
      assert.match(summaryLines(result.stdout)[4]!, /^– pipelines +skipped \(pipelines\.enabled: false in the configuration file\)$/);
      assert.match(result.stderr, /\.release-hygiene\.yaml: unknown key "flagz"/);
      assert.match(result.stderr, /\.release-hygiene\.yaml: flags\.staleDays must be a whole number of days/);
      const only = run(['check', '--only', 'pipelines'], configured.root);
      assert.match(summaryLines(only.stdout)[4]!, /^⚠ pipelines +1 pipeline file: 0 errors, 1 warning/);
    });

    it('re-levels rules for the commands too: pipelines and lint-commits', () => {
      const pipelines = run(['pipelines', '--format', 'json'], configured.root);
      expectExit(pipelines, 0);
      assert.deepEqual((JSON.parse(pipelines.stdout) as { findings: Array<{ rule: string; severity: string }> }).findings.map((f) => [f.rule, f.severity]), [['shallow-clone-release', 'warning']]);
      const commits = run(['lint-commits'], configured.root);
      expectExit(commits, 1);
      assert.match(commits.stdout, /header-max-length/);
    });
  });
});
