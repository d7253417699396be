// The CLI sets a V8 flag (main.ts), after which V8 rejects the code caches Node ships for its own modules and
// compiles each one loaded later from source. The release commands load every Node module they use before that
// (main.ts preloadNodeModules): a new `node:` import on their path that is not preloaded fails here.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { cliTieringFor, type CliTiering } from '../../../src/cli/v8Flags';
import { NODE_LINE_NUMBERS, nodeLinesOrSkip, v8VersionOf } from './nodeLines';
import { CLI, ensureBuilt, PROJECT_ROOT } from './cliHarness';
import { isolatedGitEnv, scratchDir, TestRepo, useIsolatedGit } from '../node/gitFixture';

const PROBE = join(PROJECT_ROOT, 'test', 'unit', 'cli', 'flagProbe.cjs');

/** A Node to run the CLI with, and its V8's version. */
interface Target {
  readonly node: string;
  readonly v8: string;
}

/** The CLI's tier-up settings for a command there; none: it sets no flag, and there is nothing to check. */
function tieringOf(target: Target, command: string): CliTiering | undefined {
  return cliTieringFor(target.v8, command);
}

function modulesAfterFlag(target: Target, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, status = 0): { readonly flagSet: boolean; readonly late: string[]; readonly loaded: string[] } {
  const out = join(scratchDir('rh-flag-probe-'), 'probe.json');
  const probeEnv = { ...env, RH_FLAG_PROBE_OUT: out, RH_FLAG_PROBE_DEFAULTS: tieringOf(target, args[0]!)?.defaults.join(' ') ?? '' };
  const run = spawnSync(target.node, ['--require', PROBE, CLI, ...args], { cwd, env: probeEnv, encoding: 'utf8' });
  assert.equal(run.status, status, run.stderr);
  return JSON.parse(readFileSync(out, 'utf8')) as { flagSet: boolean; late: string[]; loaded: string[] };
}

/** The tests, for this machine's Node and for each Node line users run (22, 24, 26: V8 12–14, their own settings). */
function preloadSuite(label: string, resolveNode: (context: Mocha.Context) => string | undefined): void {
  describe(`Node modules loaded before the CLI sets its V8 flag (${label})`, function () {
    this.timeout(120_000);
    let target: Target = { node: process.execPath, v8: process.versions.v8 };
    before(function () {
      this.timeout(600_000); // a Node line's first fetch
      const node = resolveNode(this);
      if (node !== undefined) target = { node, v8: v8VersionOf(node) };
    });
    useIsolatedGit();

    it('changelog, next-version and --version load none of Node\'s modules after the flag', function () {
      if (!tieringOf(target, 'changelog')) this.skip(); // no flag set on this V8
      ensureBuilt();
      const env = isolatedGitEnv();
      delete env['RELEASE_HYGIENE_V8_DEFAULTS'];
      const repo = TestRepo.init();
      repo.git('remote', 'add', 'origin', 'https://github.com/acme/widget.git');
      const root = repo.commit('chore: init\n');
      repo.git('tag', 'v1.0.0');
      repo.commit('feat(api): search\n\ncloses #12\n');
      repo.commit('fix: crash\n');
      for (const args of [['changelog', '--from', root, '--format', 'json'], ['changelog'], ['next-version', '--format', 'json'], ['--version']]) {
        const probe = modulesAfterFlag(target, args, repo.root, env);
        assert.equal(probe.flagSet, true, `${args.join(' ')}: the flag is set`);
        assert.deepEqual(probe.late, [], `${args.join(' ')}: Node modules compiled without their code cache`);
      }
    });

    it('flags loads none after the flag: crypto (for its history pass) under V8\'s defaults at the first file named', function () {
      // V8 12+: flags keeps V8's defaults (no flag set at all), which this checks too.
      const flagged = tieringOf(target, 'flags') !== undefined;
      if (!flagged && cliTieringFor(target.v8) === undefined) this.skip(); // no settings for this V8
      ensureBuilt();
      const env = isolatedGitEnv();
      delete env['RELEASE_HYGIENE_V8_DEFAULTS'];
      env['SOURCE_DATE_EPOCH'] = String(Date.parse('2026-01-02T10:00:00Z') / 1000); // a day old: not stale, exit 0
      const repo = TestRepo.init();
      repo.write('app.ts', "unleash.isEnabled('probe-key');\n");
      repo.commitAllAt('feat: a flag', '2026-01-01T10:00:00Z');
      const withFlag = modulesAfterFlag(target, ['flags', '--format', 'json'], repo.root, env);
      assert.equal(withFlag.flagSet, flagged);
      assert.ok(withFlag.loaded.includes('NativeModule crypto'), 'the history pass ran');
      assert.deepEqual(withFlag.late, []);
      const none = TestRepo.init();
      none.write('app.ts', 'export const a = 1;\n');
      none.commitAllAt('feat: no flag', '2026-01-01T10:00:00Z');
      const withoutFlag = modulesAfterFlag(target, ['flags'], none.root, env);
      assert.deepEqual(withoutFlag.late, []);
      assert.ok(!withoutFlag.loaded.includes('NativeModule crypto'), 'no file named, no hashing module');
    });

    it('flags with the search worker loads none after the flag (crypto among the first files named)', function () {
      // The worker starts from 5,000 source files on a machine with a second core (src/cli/commands/flags.ts).
      const flagged = tieringOf(target, 'flags') !== undefined; // V8 12+: V8's defaults, no flag set
      if ((!flagged && cliTieringFor(target.v8) === undefined) || availableParallelism() < 2) this.skip();
      ensureBuilt();
      const env = isolatedGitEnv();
      delete env['RELEASE_HYGIENE_V8_DEFAULTS'];
      env['SOURCE_DATE_EPOCH'] = String(Date.parse('2026-01-02T10:00:00Z') / 1000);
      const repo = TestRepo.init();
      for (let dir = 0; dir < 26; dir++) {
        mkdirSync(join(repo.root, `d${dir}`));
        for (let file = 0; file < 200; file++) writeFileSync(join(repo.root, `d${dir}`, `f${file}.ts`), `export const v${file} = ${file};\n`);
      }
      repo.write('app.ts', "unleash.isEnabled('probe-key');\n");
      repo.commitAllAt('feat: a flag among many files', '2026-01-01T10:00:00Z');
      const probe = modulesAfterFlag(target, ['flags', '--format', 'json'], repo.root, env);
      assert.equal(probe.flagSet, flagged);
      assert.ok(probe.loaded.includes('NativeModule crypto'), 'the history pass ran');
      assert.deepEqual(probe.late, []);
    });

    it('migrations loads none after the flag, and outside a repository neither child_process nor the file promises', function () {
      if (!tieringOf(target, 'migrations')) this.skip();
      ensureBuilt();
      const env = isolatedGitEnv();
      delete env['RELEASE_HYGIENE_V8_DEFAULTS'];
      const drop = 'ALTER TABLE t ADD COLUMN c text;\nUPDATE t SET c = b WHERE c IS NULL;\nALTER TABLE t DROP COLUMN b;\n';
      const outside = scratchDir('rh-flag-migrations-');
      mkdirSync(join(outside, 'migrations'));
      writeFileSync(join(outside, 'migrations', '0001_step.sql'), drop);
      const repo = TestRepo.init();
      repo.write('migrations/0001_step.sql', drop);
      repo.commit('feat: a step\n');
      repo.git('tag', 'v1.0.0');
      const runs = [
        { args: ['migrations', '--format', 'json'], cwd: outside, git: false },
        { args: ['migrations', '--dialect', 'postgres'], cwd: outside, git: false },
        { args: ['migrations', '--format', 'json', '--cwd', outside], cwd: repo.root, git: false },
        { args: ['migrations', '--format', 'json'], cwd: repo.root, git: true },
        { args: ['migrations', '--format', 'json', `--cwd=${repo.root}`], cwd: outside, git: true },
      ];
      for (const { args, cwd, git } of runs) {
        const probe = modulesAfterFlag(target, args, cwd, env, 1);
        const label = `${args.join(' ')} in ${cwd === outside ? 'a folder outside git' : 'a repository'}`;
        assert.equal(probe.flagSet, true, label);
        assert.deepEqual(probe.late, [], `${label}: Node modules compiled without their code cache`);
        assert.equal(probe.loaded.includes('NativeModule child_process'), git, `${label}: child_process loaded`);
        assert.equal(probe.loaded.includes('NativeModule fs/promises'), false, `${label}: fs/promises loaded`);
      }
    });
  });
}

preloadSuite(`this Node, ${process.version}`, () => process.execPath);
for (const line of NODE_LINE_NUMBERS) {
  preloadSuite(`Node ${line}`, (context) => {
    const found = nodeLinesOrSkip(context);
    if (found === undefined) return undefined;
    const binary = found.find((entry) => entry.line === line);
    if (binary === undefined) throw new Error(`tools/nodeLines.mjs has no Node ${line}`);
    return binary.node;
  });
}
