// Issue #11, whole-process classes: each hostile input is given to the BUILT CLI on a real temporary repository.
// Every case must end with a clear message (never a stack trace), an exit code of the documented table, within a
// generous process timeout (a hang fails), and the large ones print their peak RSS (measured, not asserted: the
// numbers for docs/reliability.md come from bench/reliability.ts). Huge inputs are generated here, at test time.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isolatedGitEnv, removeScratch, scratchDir, TestRepo } from '../node/gitFixture';
import { CLI, ensureBuilt, PROJECT_ROOT } from './cliHarness';

/** A hang fails the test: the process is killed after this long (the slowest case takes a few seconds). */
const PROCESS_TIMEOUT_MS = 120_000;
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const RSS_LINE = /^rh-peak-rss-kb=(\d+)\n?/m;

export interface Outcome {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Peak resident set size of the CLI process in KiB, when /usr/bin/time is there to tell. */
  readonly peakRssKb: number | undefined;
}

/** Runs dist/cli.js under /usr/bin/time (when present) with a process timeout. */
export function runHostile(args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv; input?: string | Buffer }): Outcome {
  const command = GNU_TIME ?? process.execPath;
  const commandArgs = GNU_TIME ? ['-f', 'rh-peak-rss-kb=%M', process.execPath, CLI, ...args] : [CLI, ...args];
  const result = spawnSync(command, commandArgs, {
    cwd: options.cwd,
    env: options.env,
    input: options.input ?? '',
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    timeout: PROCESS_TIMEOUT_MS,
    killSignal: 'SIGKILL',
  });
  if (result.error) throw new Error(`release-hygiene ${args.join(' ')} did not finish: ${result.error.message}`);
  if (result.signal) throw new Error(`release-hygiene ${args.join(' ')} was killed by ${result.signal} (over ${PROCESS_TIMEOUT_MS / 1000} s?)`);
  const rss = RSS_LINE.exec(result.stderr);
  const stderr = result.stderr.replace(RSS_LINE, '').replace(/^Command exited with non-zero status \d+\n/m, '');
  return { status: result.status, stdout: result.stdout, stderr, peakRssKb: rss ? Number(rss[1]) : undefined };
}

/** Exit code from the table, no stack frame, the expected words; returns the outcome for further checks. */
function expectClear(outcome: Outcome, codes: readonly number[], message: RegExp, label: string): Outcome {
  const shown = `${label}: exit ${outcome.status}\nstdout: ${outcome.stdout.slice(0, 2000)}\nstderr: ${outcome.stderr.slice(0, 2000)}`;
  assert.ok(outcome.status !== null && codes.includes(outcome.status), `expected exit ${codes.join(' or ')}; ${shown}`);
  assert.doesNotMatch(outcome.stderr, /^ {4}at /m, `a stack trace on stderr; ${shown}`);
  assert.doesNotMatch(outcome.stderr, /internal error/, shown);
  assert.match(`${outcome.stdout}\n${outcome.stderr}`, message, shown);
  return outcome;
}

function reportRss(label: string, outcome: Outcome): void {
  const rss = outcome.peakRssKb === undefined ? 'n/a (no /usr/bin/time)' : `${(outcome.peakRssKb / 1024).toFixed(0)} MB`;
  console.log(`      peak RSS ${rss}: ${label}`);
}

function cliEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = isolatedGitEnv();
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  delete env.RELEASE_HYGIENE_NO_JS_CONFIG;
  return { ...env, ...extra };
}

/** Billion laughs: nine levels of nine aliases, 9^9 nodes once expanded. */
const ALIAS_BOMB = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
  .concat('bcdefghi'.split('').map((name, i) => {
    const previous = 'abcdefghi'[i]!;
    return `${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`;
  }))
  .join('\n') + '\n';

const DEEP = 100_000;
const deepArray = (): string => '['.repeat(DEEP) + ']'.repeat(DEEP);

describe('hostile inputs: whole-process classes (issue #11)', function () {
  this.timeout(PROCESS_TIMEOUT_MS * 2);
  let env: NodeJS.ProcessEnv;

  before(() => {
    ensureBuilt();
    env = cliEnv();
  });
  after(removeScratch);

  function repository(): TestRepo {
    const repo = TestRepo.init(env);
    repo.commit('feat: first feature\n');
    return repo;
  }

  describe('messages (lint-message)', () => {
    let dir: string;
    before(() => {
      dir = scratchDir('rh-hostile-msg-');
    });

    // The large ones run once each (from a file, from stdin) to keep the suite short; the small ones both ways.
    const cases: ReadonlyArray<{ name: string; bytes: () => Buffer; codes: number[]; message: RegExp; large?: 'file' | 'stdin' }> = [
      {
        name: 'a 50 MB message',
        bytes: () => Buffer.from(`feat: big\n\n${`${'x'.repeat(99)}\n`.repeat(512 * 1024)}`),
        codes: [0],
        message: /✔ no problems · release effect: minor \(feat\)/,
        large: 'file',
      },
      {
        name: '1,000,000 lines',
        bytes: () => Buffer.from(`feat: many lines\n\n${'a\n'.repeat(1_000_000)}`),
        codes: [0],
        message: /✔ no problems/,
        large: 'stdin',
      },
      { name: 'a NUL byte', bytes: () => Buffer.from('feat: a NUL\0 byte\n'), codes: [0, 1], message: /release effect/ },
      {
        name: 'invalid UTF-8',
        bytes: () => Buffer.concat([Buffer.from('Feat: bad '), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from(' bytes\n')]),
        codes: [1],
        message: /error type-case/,
      },
    ];
    for (const testCase of cases) {
      it(`${testCase.name}: linted${testCase.large === 'stdin' ? '' : ' from a file'}${testCase.large === 'file' ? '' : ' from stdin'}`, () => {
        const bytes = testCase.bytes();
        if (testCase.large !== 'stdin') {
          const file = join(dir, 'message.txt');
          writeFileSync(file, bytes);
          const fromFile = expectClear(runHostile(['lint-message', file], { cwd: dir, env }), testCase.codes, testCase.message, testCase.name);
          if (testCase.large) reportRss(`lint-message FILE, ${testCase.name}`, fromFile);
        }
        if (testCase.large !== 'file') {
          const fromStdin = expectClear(runHostile(['lint-message', '-'], { cwd: dir, env, input: bytes }), testCase.codes, testCase.message, testCase.name);
          if (testCase.large) reportRss(`lint-message -, ${testCase.name}`, fromStdin);
          if (!testCase.large) expectClear(runHostile(['lint-message', '-', '--format', 'json'], { cwd: dir, env, input: bytes }), testCase.codes, /"releaseEffect"/, testCase.name);
        }
      });
    }
  });

  describe('--jsonl records', () => {
    it('lines that are not JSON, not objects, 20 MB long or nested deeply: one answer each, the stream goes on', () => {
      const dir = scratchDir('rh-hostile-jsonl-');
      const lines = [
        'not json',
        '[1, 2]',
        '42',
        'null',
        '"a string"',
        '{"id": 1}',
        JSON.stringify({ id: 'huge', message: `feat: huge\n\n${'y'.repeat(20 * 1024 * 1024)}` }),
        'x'.repeat(20 * 1024 * 1024),
        deepArray(),
        `{"id": ${deepArray()}, "message": "feat: an id nested 100,000 deep"}`,
        '{"id": "last", "message": "fix: still answered"}',
      ];
      const outcome = expectClear(runHostile(['lint-message', '--jsonl'], { cwd: dir, env, input: `${lines.join('\n')}\n` }), [0], /"id":"last"/, 'jsonl');
      reportRss('lint-message --jsonl, two 20 MB lines', outcome);
      const answers = outcome.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { id: unknown; error?: string; valid?: boolean; errors?: string[] });
      assert.equal(answers.length, lines.length);
      assert.match(answers[0]!.error ?? '', /^line 1: invalid JSON/);
      for (const index of [1, 2, 3, 4]) assert.match(answers[index]!.error ?? '', /expected an object/);
      assert.match(answers[5]!.error ?? '', /"message" must be a string/);
      assert.deepEqual([answers[6]!.id, answers[6]!.errors], ['huge', ['body-max-line-length']]);
      assert.match(answers[7]!.error ?? '', /^line 8: invalid JSON/);
      assert.match(answers[8]!.error ?? '', /^line 9: expected an object/);
      assert.deepEqual([answers[9]!.id, answers[9]!.error], [null, 'line 10: "id" is nested too deeply to echo']);
      assert.deepEqual([answers[10]!.id, answers[10]!.valid], ['last', true]);
    });
  });
  describe('repositories', () => {
    it('10,000 tags: every history command finishes, the highest version wins', () => {
      const repo = repository();
      repo.write('db/migrations/001_users.sql', 'CREATE TABLE users (id int, email text);\n');
      repo.write('src/checkout.ts', "if (unleash.isEnabled('new-checkout')) render();\n");
      repo.commitAllAt('feat: users and checkout', '2026-01-01T00:00:00Z');
      const head = repo.git('rev-parse', 'HEAD').trim();
      const creates = Array.from({ length: 10_000 }, (_, i) => `create refs/tags/v1.0.${i + 1} ${head}\n`).join('');
      execFileSync('git', ['update-ref', '--stdin'], { cwd: repo.root, env, input: creates });
      repo.write('db/migrations/002_drop_email.sql', 'ALTER TABLE users DROP COLUMN email;\n');
      repo.commitAllAt('fix: drop the email column', '2026-01-02T00:00:00Z');
      const runs: Array<[string[], number[], RegExp]> = [
        [['lint-commits'], [0], /✔ 3 commits, no problems/],
        [['next-version'], [0], /v1\.0\.10000 → v1\.0\.10001 \(patch\)/],
        [['changelog'], [0], /## 1\.0\.10001/],
        [['flags'], [1], /1 flag: 1 stale/],
        [['migrations'], [0, 1], /2 migration files/],
      ];
      for (const [args, codes, message] of runs) {
        reportRss(`${args[0]}, 10,000 tags`, expectClear(runHostile(args, { cwd: repo.root, env }), codes, message, args.join(' ')));
      }
    });

    it('tag names that look like options or hold unicode are revisions, never options', () => {
      const repo = repository();
      const first = repo.git('rev-parse', 'HEAD').trim();
      for (const name of ['--help', '-x', 'v1.0.0', 'ünïcødé', 'v1.1.0-ß']) repo.git('update-ref', `refs/tags/${name}`, first);
      repo.commit('feat: second feature\n');
      // git refuses a newline (and other control characters) in a ref name, so no tag can hold one.
      assert.throws(() => repo.git('update-ref', 'refs/tags/line\nbreak', first), /bad name/);
      for (const from of ['--help', '-x', 'ünïcødé']) {
        expectClear(runHostile(['lint-commits', `--from=${from}`], { cwd: repo.root, env }), [0], /✔ 1 commit, no problems/, `lint-commits --from=${from}`);
        expectClear(runHostile(['next-version', `--from=${from}`], { cwd: repo.root, env }), [0], /→ v1\.1\.0 \(minor\)/, `next-version --from=${from}`);
        expectClear(runHostile(['changelog', `--from=${from}`], { cwd: repo.root, env }), [0], /second feature/, `changelog --from=${from}`);
      }
      // Detached from its value, an option-like tag is a usage error that says how to give it.
      expectClear(runHostile(['lint-commits', '--from', '--help'], { cwd: repo.root, env }), [2], /use '--from=-XYZ'/, 'lint-commits --from --help');
      expectClear(runHostile(['next-version'], { cwd: repo.root, env }), [0], /v1\.1\.0 → v1\.2\.0|v1\.0\.0 → v1\.1\.0/, 'next-version');
    });

    it('a commit with an empty message is valid and releases nothing (as in commitlint); a 5 MB message is linted', () => {
      const repo = repository();
      repo.git('-c', 'commit.gpgSign=false', 'commit', '--quiet', '--allow-empty', '--allow-empty-message', '-m', '');
      repo.commit(`fix: a huge message\n\n${`${'z'.repeat(99)}\n`.repeat(50 * 1024)}`);
      reportRss('lint-commits, a 5 MB commit message', expectClear(runHostile(['lint-commits'], { cwd: repo.root, env }), [0], /✔ 3 commits, no problems/, 'lint-commits'));
      const json = JSON.parse(expectClear(runHostile(['lint-commits', '--format', 'json'], { cwd: repo.root, env }), [0], /"commits"/, 'json').stdout) as { commits: Array<{ header: string; releaseEffect: { bump: string } }> };
      assert.deepEqual(json.commits.map((c) => [c.header, c.releaseEffect.bump]), [['fix: a huge message', 'patch'], ['', 'none'], ['feat: first feature', 'minor']]);
      expectClear(runHostile(['next-version'], { cwd: repo.root, env }), [0], /v0\.1\.0/, 'next-version');
      expectClear(runHostile(['changelog'], { cwd: repo.root, env }), [0], /a huge message/, 'changelog');
    });

    it('detached HEAD, a shallow clone, a linked worktree and a .git file work; a bare repository is refused', () => {
      const repo = repository();
      repo.git('tag', 'v1.0.0');
      repo.commit('feat: second feature\n');
      repo.commit('fix: third\n');
      repo.git('checkout', '--quiet', '--detach', 'HEAD~1');
      const detached = expectClear(runHostile(['next-version'], { cwd: repo.root, env }), [0], /HEAD is detached at/, 'detached next-version');
      assert.match(detached.stdout, /^v1\.0\.0 → v1\.1\.0 \(minor\)/);
      expectClear(runHostile(['lint-commits', '--from', 'v1.0.0'], { cwd: repo.root, env }), [0], /✔ 1 commit/, 'detached lint-commits');
      repo.git('checkout', '--quiet', 'main');

      const clones = scratchDir('rh-hostile-clones-');
      const shallow = join(clones, 'shallow');
      execFileSync('git', ['clone', '--quiet', '--depth', '1', `file://${repo.root}`, shallow], { env });
      expectClear(runHostile(['lint-commits'], { cwd: shallow, env }), [0], /warning: this is a shallow clone/, 'shallow lint-commits');
      expectClear(runHostile(['next-version'], { cwd: shallow, env }), [0], /WARNING: this is a shallow clone/, 'shallow next-version');
      expectClear(runHostile(['flags'], { cwd: shallow, env }), [0], /shallow clone/, 'shallow flags');

      const worktree = join(clones, 'linked worktree');
      repo.git('worktree', 'add', '--quiet', worktree, 'v1.0.0');
      expectClear(runHostile(['lint-commits'], { cwd: worktree, env }), [0], /✔ 1 commit/, 'worktree lint-commits');
      expectClear(runHostile(['next-version'], { cwd: worktree, env }), [0], /v1\.0\.0 → no release/, 'worktree next-version');

      const withGitFile = join(clones, 'submodule-style');
      execFileSync('git', ['init', '--quiet', '--initial-branch=main', `--separate-git-dir=${join(clones, 'gitdir')}`, withGitFile], { env });
      const gitFile = new TestRepo(withGitFile, env);
      gitFile.commit('feat: behind a .git file\n');
      expectClear(runHostile(['lint-commits'], { cwd: withGitFile, env }), [0], /✔ 1 commit/, '.git file lint-commits');
      expectClear(runHostile(['changelog'], { cwd: withGitFile, env }), [0], /behind a \.git file/, '.git file changelog');

      const bare = join(clones, 'bare.git');
      execFileSync('git', ['clone', '--quiet', '--bare', repo.root, bare], { env });
      for (const command of ['lint-commits', 'next-version', 'changelog']) {
        expectClear(runHostile([command], { cwd: bare, env }), [3], /not a git repository/, `bare ${command}`);
      }
      expectClear(runHostile(['flags'], { cwd: bare, env }), [0], /not a git repository: flag ages are unknown/, 'bare flags');
      expectClear(runHostile(['migrations'], { cwd: bare, env }), [0], /0 migration files/, 'bare migrations');
    });

    it('paths with spaces and quotes: flags are dated, migrations and included pipeline files are read', () => {
      const repo = repository();
      const odd = `src/it"s a 'dir'/my file.ts`;
      repo.write(odd, "if (unleash.isEnabled('spaced-key')) render();\n");
      repo.write(`db/migrations/V1__drop "e" 's.sql`, 'ALTER TABLE users DROP COLUMN email;\n');
      repo.write('.gitlab-ci.yml', `include:\n  - local: 'ci/deploy "prod" it''s.yml'\n`);
      repo.write(`ci/deploy "prod" it's.yml`, 'deploy prod:\n  stage: deploy\n  environment: production\n  when: manual\n  script: [./deploy]\n');
      repo.commitAllAt('feat: odd paths', '2026-01-01T00:00:00Z');
      const flags = expectClear(runHostile(['flags', '--format', 'json'], { cwd: repo.root, env }), [0, 1], /spaced-key/, 'flags');
      const report = JSON.parse(flags.stdout) as { flags: Array<{ key: string; introducedAt: string | null; references: Array<{ file: string }> }> };
      const flag = report.flags.find((f) => f.key === 'spaced-key');
      assert.deepEqual([flag?.references[0]?.file, flag?.introducedAt?.slice(0, 10)], [odd, '2026-01-01'], 'dated by its commit');
      expectClear(runHostile(['migrations'], { cwd: repo.root, env }), [0, 1], /V1__drop "e" 's\.sql:1:\d+ \S+ drop-column/, 'migrations');
      expectClear(runHostile(['pipelines'], { cwd: repo.root, env }), [1], /ci\/deploy "prod" it's\.yml:\d+:\d+ error deploy-allow-failure/, 'pipelines');
    });

    it('--cwd pointing at a file or at nothing is a usage error for every command', () => {
      const dir = scratchDir('rh-hostile-cwd-');
      const file = join(dir, 'a-file.txt');
      writeFileSync(file, 'not a folder\n');
      for (const command of ['lint-commits', 'next-version', 'changelog', 'flags', 'pipelines', 'migrations', 'lint-message']) {
        expectClear(runHostile([command, '--cwd', file], { cwd: dir, env, input: 'feat: x\n' }), [2], /--cwd .*a-file\.txt is not a folder/, `${command} --cwd FILE`);
        expectClear(runHostile([command, '--cwd', join(dir, 'missing')], { cwd: dir, env, input: 'feat: x\n' }), [2], /--cwd .*missing: no such folder/, `${command} --cwd MISSING`);
      }
    });
  });
  describe('configuration files', () => {
    const bombs: ReadonlyArray<[string, string[], number[], RegExp]> = [
      ['.commitlintrc.yaml', ['lint-commits'], [0], /\.commitlintrc\.yaml: invalid YAML: Excessive alias count/],
      ['.release-hygiene/flags.yaml', ['flags'], [0], /flags\.yaml: cannot parse the flag registry: Excessive alias count/],
      ['.releaserc.yaml', ['next-version'], [0], /\.releaserc\.yaml: cannot be read \(Excessive alias count/],
      ['.gitlab-ci.yml', ['pipelines'], [1], /invalid-yaml .*an alias bomb/],
    ];
    for (const [file, args, codes, message] of bombs) {
      it(`a YAML alias bomb in ${file} is refused with a message`, () => {
        const repo = repository();
        repo.write(file, ALIAS_BOMB);
        reportRss(`${args[0]}, alias bomb in ${file}`, expectClear(runHostile(args, { cwd: repo.root, env }), codes, message, file));
      });
    }

    it('configurations nested 100,000 deep get a clear message and the defaults', () => {
      const repo = repository();
      const deep: ReadonlyArray<[string, string, string[], number[], RegExp]> = [
        ['.commitlintrc.json', deepArray(), ['lint-commits'], [0], /\.commitlintrc\.json: the configuration must be an object, found an array/],
        ['.commitlintrc.json', `{"rules": ${deepArray()}}`, ['lint-commits'], [0], /"rules" must be an object, received an array/],
        ['.commitlintrc.yaml', deepArray(), ['lint-commits'], [0], /\.commitlintrc\.yaml: invalid YAML: YAML nested deeper than 128 levels is not read/],
        ['package.json', `{"commitlint": ${deepArray()}}`, ['lint-commits'], [0], /package\.json: the configuration must be an object, found an array/],
        ['.release-hygiene/flags.json', deepArray(), ['flags'], [0], /flags\.json: entry 1: expected an object/],
        ['.releaserc.json', `{"branches": ${deepArray()}}`, ['next-version'], [0], /→ v0\.1\.0/],
        ['.gitlab-ci.yml', `job: ${deepArray()}\n`, ['pipelines'], [1], /invalid-yaml Invalid YAML: YAML nested deeper than 128 levels/],
      ];
      for (const [file, text, args, codes, message] of deep) {
        const path = repo.write(file, text);
        expectClear(runHostile(args, { cwd: repo.root, env }), codes, message, `${file} nested 100,000 deep`);
        rmSync(path);
      }
    });

    it('a commitlint extends outside the repository, of itself or through a symlink is never read', () => {
      const repo = repository();
      const outside = scratchDir('rh-hostile-outside-');
      const marker = join(outside, 'extends-ran');
      const target = join(outside, 'config.js');
      writeFileSync(target, `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran');\nmodule.exports = { rules: { 'header-max-length': [2, 'always', 5] } };\n`);
      symlinkSync(target, join(repo.root, 'link.js'));
      const extendsList = [target, '../../../../../../../../..' + target, './.commitlintrc.json', './link.js'];
      repo.write('.commitlintrc.json', JSON.stringify({ extends: extendsList }));
      const outcome = expectClear(runHostile(['lint-commits'], { cwd: repo.root, env }), [0], /✔ 1 commit, no problems/, 'extends');
      for (const name of extendsList) {
        const why = name.includes('commitlintrc') ? 'extends itself in a cycle' : 'is outside the workspace, so it is not read';
        assert.ok(outcome.stderr.includes(`extends '${name}': `) && outcome.stderr.includes(why), outcome.stderr);
      }
      assert.equal(outcome.stderr.split('\n').filter((line) => line.includes('config warning')).length, extendsList.length, outcome.stderr);
      assert.equal(existsSync(marker), false, 'the extended file never ran');
      // Control: the extended file does write its marker when it runs, so the assertion above can fail.
      execFileSync(process.execPath, [target]);
      assert.equal(existsSync(marker), true);
    });

    it('a GitLab include outside the repository, of itself or through a symlink is refused, never read', () => {
      const repo = repository();
      const outside = scratchDir('rh-hostile-outside-');
      const secret = 'secret deploy:\n  stage: deploy\n  environment: production\n  when: manual\n  script: [./deploy]\n';
      writeFileSync(join(outside, 'outside.yml'), secret);
      symlinkSync(join(outside, 'outside.yml'), join(repo.root, 'link.yml'));
      const climb = `${'../'.repeat(12)}${outside.replace(/^\//, '')}/outside.yml`;
      repo.write('.gitlab-ci.yml', `include:\n  - local: ${climb}\n  - local: link.yml\n  - local: a.yml\n  - local: .gitlab-ci.yml\n  - ../**/*.yml\n`);
      repo.write('a.yml', 'include:\n  - local: b.yml\n');
      repo.write('b.yml', 'include: [a.yml]\n');
      const outcome = expectClear(runHostile(['pipelines', '--format', 'json'], { cwd: repo.root, env }), [0], /"findings"/, 'includes');
      assert.doesNotMatch(outcome.stdout, /secret deploy/, 'nothing of the outside file was read');
      assert.match(outcome.stdout, /is outside the repository; it is not read/);
      assert.match(outcome.stderr, /warning: \S+outside\.yml \(included by \.gitlab-ci\.yml\): outside the repository; refused, not read/);
      assert.match(outcome.stderr, /warning: link\.yml: a symlink to outside the repository; refused, not read/);
      assert.match(outcome.stderr, /warning: a\.yml \(included by b\.yml\): an include cycle \(a\.yml → b\.yml → a\.yml\); not followed again/);
      assert.match(outcome.stderr, /warning: \.gitlab-ci\.yml \(included by \.gitlab-ci\.yml\): an include cycle/);
      assert.match(outcome.stderr, /warning: \.\.\/\*\*\/\*\.yml \(included by \.gitlab-ci\.yml\): outside the repository/);
      // Control: the same job inside the repository is a finding, so the outside one would have been seen.
      repo.write('inside.yml', secret);
      repo.write('.gitlab-ci.yml', 'include:\n  - local: inside.yml\n');
      expectClear(runHostile(['pipelines'], { cwd: repo.root, env }), [1], /inside\.yml:\d+:\d+ error deploy-allow-failure \[secret deploy\]/, 'control');
    });
  });

  describe('JavaScript and TypeScript configurations', () => {
    let repo: TestRepo;
    let marker: string;
    before(() => {
      repo = repository();
      marker = join(scratchDir('rh-hostile-marker-'), 'config-ran');
      repo.write('commitlint.config.js', `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran');\nmodule.exports = { rules: { 'header-max-length': [2, 'always', 10] } };\n`);
    });
    afterEach(() => rmSync(marker, { force: true }));

    it('control: without a refusal the marker-writing commitlint.config.js runs and its rule applies', () => {
      expectClear(runHostile(['lint-commits'], { cwd: repo.root, env }), [1], /error header-max-length/, 'executed');
      assert.equal(existsSync(marker), true, 'the config ran');
    });

    const refusals: ReadonlyArray<[string, string[], NodeJS.ProcessEnv, RegExp]> = [
      ['--no-js-config', ['--no-js-config'], {}, /commitlint\.config\.js is JavaScript and is not executed with --no-js-config/],
      ['RELEASE_HYGIENE_NO_JS_CONFIG=1', [], { RELEASE_HYGIENE_NO_JS_CONFIG: '1' }, /commitlint\.config\.js is JavaScript and is not executed with RELEASE_HYGIENE_NO_JS_CONFIG set/],
    ];
    for (const [name, flags, extra, message] of refusals) {
      it(`${name}: the config never runs, for lint-commits, lint-message and --config`, () => {
        const refusedEnv = { ...env, ...extra };
        expectClear(runHostile(['lint-commits', ...flags], { cwd: repo.root, env: refusedEnv }), [0], message, `${name} lint-commits`);
        expectClear(runHostile(['lint-message', '-', ...flags], { cwd: repo.root, env: refusedEnv, input: 'feat: a long enough header\n' }), [0], message, `${name} lint-message`);
        expectClear(runHostile(['lint-commits', '--config', 'commitlint.config.js', ...flags], { cwd: repo.root, env: refusedEnv }), [2], message, `${name} --config`);
        assert.equal(existsSync(marker), false, 'the config never ran');
      });
    }

    it('a plain-data TypeScript config is read without running it (Node 20 cannot run it)', () => {
      const data = repository();
      data.write('commitlint.config.ts', "import type { UserConfig } from '@commitlint/types';\nexport default { rules: { 'header-max-length': [2, 'always', 10] } } satisfies UserConfig;\n");
      expectClear(runHostile(['lint-commits'], { cwd: data.root, env }), [1], /error header-max-length/, 'static TypeScript');
    });
  });
  describe('migrations', () => {
    it('a 50 MB SQL file is reported as not analysed instead of parsed for minutes', () => {
      const repo = repository();
      const statement = 'ALTER TABLE users ADD COLUMN note text;\n';
      repo.write('db/migrations/001_data_load.sql', statement.repeat(Math.ceil((50 * 1024 * 1024) / statement.length)));
      repo.write('db/migrations/002_drop.sql', 'ALTER TABLE users DROP COLUMN email;\n');
      repo.commitAllAt('feat: migrations', '2026-01-01T00:00:00Z');
      const outcome = expectClear(runHostile(['migrations'], { cwd: repo.root, env }), [0, 1], /001_data_load\.sql:1:1 larger than 5 MB: not read/, '50 MB');
      assert.match(outcome.stdout, /002_drop\.sql:1:\d+ \S+ drop-column/, 'the other migrations are still checked');
      reportRss('migrations, a 50 MB SQL file', outcome);
    });

    it('100,000 nested parentheses, an unterminated $$ string, binary garbage and symlink loops', () => {
      const repo = repository();
      repo.write('db/migrations/001_parens.sql', `SELECT ${'('.repeat(DEEP)}1${')'.repeat(DEEP)};\nALTER TABLE users DROP COLUMN a;\n`);
      repo.write('db/migrations/002_dollar.sql', 'CREATE FUNCTION f() RETURNS int AS $$ BEGIN\nRETURN 1;\n');
      repo.write('db/migrations/003_binary.sql', Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7919 + 13) % 256)));
      symlinkSync('.', join(repo.root, 'db/migrations/loop'));
      symlinkSync('../migrations', join(repo.root, 'db/migrations/loop2'));
      repo.commitAllAt('feat: hostile migrations', '2026-01-01T00:00:00Z');
      const outcome = expectClear(runHostile(['migrations', '--format', 'json'], { cwd: repo.root, env }), [0, 1], /"files": 3/, 'hostile migrations');
      const report = JSON.parse(outcome.stdout) as { findings: Array<{ file: string; rule: string }> };
      assert.ok(report.findings.some((f) => f.file === 'db/migrations/001_parens.sql' && f.rule === 'drop-column'), outcome.stdout);
      expectClear(runHostile(['migrations', 'db/migrations/loop/loop/loop'], { cwd: repo.root, env }), [0, 1], /migration files/, 'a path through the loop');
      // Outside git the folder is walked: a symlink loop is not followed.
      const plain = scratchDir('rh-hostile-plain-');
      mkdirSync(join(plain, 'db/migrations'), { recursive: true });
      writeFileSync(join(plain, 'db/migrations/001.sql'), 'ALTER TABLE users DROP COLUMN b;\n');
      symlinkSync('.', join(plain, 'db/migrations/loop'));
      symlinkSync('..', join(plain, 'db/migrations/up'));
      expectClear(runHostile(['migrations'], { cwd: plain, env }), [0, 1], /1 migration file .*no git/, 'walk with a loop');
    });
  });

  describe('flags', () => {
    it('a 20 MB one-line file, 100,000 nested brackets and symlink loops: named, bounded, the rest found', () => {
      const repo = repository();
      repo.write('src/big.ts', `if (unleash.isEnabled('one-line-flag')) x(); ${'a+'.repeat(10 * 1024 * 1024)}\n`);
      repo.write('src/deep.ts', `const v =\n${'[\n'.repeat(DEEP)}unleash.isEnabled('deep-flag')\n${']\n'.repeat(DEEP)};\n`);
      repo.write('src/unbalanced.ts', `const v =\n${'{(\n'.repeat(DEEP)}unleash.isEnabled('unbalanced-flag')\n`);
      repo.write('src/ok.ts', "if (unleash.isEnabled('normal-flag')) z();\n");
      symlinkSync('.', join(repo.root, 'src/loop'));
      symlinkSync('../src', join(repo.root, 'src/loop2'));
      repo.commitAllAt('feat: hostile sources', '2026-01-01T00:00:00Z');
      const outcome = expectClear(runHostile(['flags', '--format', 'json'], { cwd: repo.root, env }), [1], /note: 1 file not scanned .*src\/big\.ts \(too-large\)/, 'flags');
      reportRss('flags, a 20 MB one-line file in history', outcome);
      const report = JSON.parse(outcome.stdout) as { flags: Array<{ key: string; introducedAt: string | null }> };
      assert.deepEqual(report.flags.map((f) => [f.key, f.introducedAt?.slice(0, 10)]).sort(), [
        ['deep-flag', '2026-01-01'], ['normal-flag', '2026-01-01'], ['unbalanced-flag', '2026-01-01'],
      ]);
      const plain = scratchDir('rh-hostile-plain-');
      mkdirSync(join(plain, 'src'));
      writeFileSync(join(plain, 'src/ok.ts'), "if (unleash.isEnabled('normal-flag')) z();\n");
      symlinkSync('.', join(plain, 'src/loop'));
      symlinkSync('..', join(plain, 'src/up'));
      expectClear(runHostile(['flags'], { cwd: plain, env }), [0], /1 flag: 0 stale/, 'walk with a loop');
    });

    it('custom call patterns are names, not regular expressions: (a+)+$ stays a literal', () => {
      // The CLI takes no custom patterns (they come from the editor setting, validated as identifiers there);
      // the node API takes any name, so it is run here in a child process that a catastrophic RegExp would hang.
      const repo = repository();
      // Each file must pass the prefilter on its own name; the a…a! line is what (a+)+$ backtracks on forever.
      repo.write('src/dollar.ts', `const s = '${'a'.repeat(40)}!';\nif ($flag('dollar-key')) x();\n`);
      repo.write('src/plain.ts', "if (isOn('plain-key')) y();\n");
      repo.commitAllAt('feat: custom flags', '2026-01-01T00:00:00Z');
      const script = `
        import { analyzeWorkspaceFlags } from ${JSON.stringify(join(PROJECT_ROOT, 'src', 'node', 'flags', 'index.ts'))};
        const patterns = ['(a+)+$', '$flag', 'isOn'].map((name) => ({ name, keyArgument: 0, provider: 'custom' }));
        const result = await analyzeWorkspaceFlags(${JSON.stringify(repo.root)}, { patterns, now: '2026-01-02T00:00:00Z' });
        if (!result.ok) throw new Error(result.message);
        console.log(JSON.stringify(result.value.flags.map((f) => [f.key, f.introducedAt])));`;
      const child = spawnSync(process.execPath, ['--import=tsx', '--input-type=module', '-e', script], {
        cwd: PROJECT_ROOT, env, encoding: 'utf8', timeout: PROCESS_TIMEOUT_MS, killSignal: 'SIGKILL',
      });
      assert.equal(child.signal, null, 'a name compiled as a RegExp would backtrack forever');
      assert.equal(child.status, 0, child.stderr);
      const flags = JSON.parse(child.stdout) as Array<[string, string | null]>;
      assert.deepEqual(flags.map(([key, introduced]) => [key, introduced?.slice(0, 10)]).sort(), [['dollar-key', '2026-01-01'], ['plain-key', '2026-01-01']]);
    });
  });
});
