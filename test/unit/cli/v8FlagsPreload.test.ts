// The CLI sets a V8 flag (main.ts), after which V8 rejects the code caches Node ships for its own modules and
// compiles each one loaded later from source. The release commands load every Node module they use before that
// (main.ts preloadNodeModules): a new `node:` import on their path that is not preloaded fails here.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { interruptBudgetKnown } from '../../../src/cli/v8Flags';
import { CLI, ensureBuilt, PROJECT_ROOT } from './cliHarness';
import { isolatedGitEnv, scratchDir, TestRepo, useIsolatedGit } from '../node/gitFixture';

const PROBE = join(PROJECT_ROOT, 'test', 'unit', 'cli', 'flagProbe.cjs');

function modulesAfterFlag(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, status = 0): { readonly flagSet: boolean; readonly late: string[]; readonly loaded: string[] } {
  const out = join(scratchDir('rh-flag-probe-'), 'probe.json');
  const run = spawnSync(process.execPath, ['--require', PROBE, CLI, ...args], { cwd, env: { ...env, RH_FLAG_PROBE_OUT: out }, encoding: 'utf8' });
  assert.equal(run.status, status, run.stderr);
  return JSON.parse(readFileSync(out, 'utf8')) as { flagSet: boolean; late: string[]; loaded: string[] };
}

describe('Node modules loaded before the CLI sets its V8 flag', function () {
  this.timeout(120_000);
  useIsolatedGit();

  it('changelog, next-version and --version load none of Node\'s modules after the flag', function () {
    if (!interruptBudgetKnown(process.versions.v8)) this.skip(); // no flag set on this V8
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
      const probe = modulesAfterFlag(args, repo.root, env);
      assert.equal(probe.flagSet, true, `${args.join(' ')}: the flag is set`);
      assert.deepEqual(probe.late, [], `${args.join(' ')}: Node modules compiled without their code cache`);
    }
  });

  it('flags loads none after the flag: crypto (for its history pass) under V8\'s defaults at the first file named', function () {
    if (!interruptBudgetKnown(process.versions.v8)) this.skip();
    ensureBuilt();
    const env = isolatedGitEnv();
    delete env['RELEASE_HYGIENE_V8_DEFAULTS'];
    env['SOURCE_DATE_EPOCH'] = String(Date.parse('2026-01-02T10:00:00Z') / 1000); // a day old: not stale, exit 0
    const repo = TestRepo.init();
    repo.write('app.ts', "unleash.isEnabled('probe-key');\n");
    repo.commitAllAt('feat: a flag', '2026-01-01T10:00:00Z');
    const withFlag = modulesAfterFlag(['flags', '--format', 'json'], repo.root, env);
    assert.equal(withFlag.flagSet, true);
    assert.ok(withFlag.loaded.includes('NativeModule crypto'), 'the history pass ran');
    assert.deepEqual(withFlag.late, []);
    const none = TestRepo.init();
    none.write('app.ts', 'export const a = 1;\n');
    none.commitAllAt('feat: no flag', '2026-01-01T10:00:00Z');
    const withoutFlag = modulesAfterFlag(['flags'], none.root, env);
    assert.deepEqual(withoutFlag.late, []);
    assert.ok(!withoutFlag.loaded.includes('NativeModule crypto'), 'no file named, no hashing module');
  });

  it('flags with the search worker loads none after the flag (crypto among the first files named)', function () {
    // The worker starts from 5,000 source files on a machine with a second core (src/cli/commands/flags.ts).
    if (!interruptBudgetKnown(process.versions.v8) || availableParallelism() < 2) this.skip();
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
    const probe = modulesAfterFlag(['flags', '--format', 'json'], repo.root, env);
    assert.equal(probe.flagSet, true);
    assert.ok(probe.loaded.includes('NativeModule crypto'), 'the history pass ran');
    assert.deepEqual(probe.late, []);
  });

  it('migrations loads none after the flag, and outside a repository neither child_process nor the file promises', function () {
    if (!interruptBudgetKnown(process.versions.v8)) this.skip();
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
      const probe = modulesAfterFlag(args, cwd, env, 1);
      const label = `${args.join(' ')} in ${cwd === outside ? 'a folder outside git' : 'a repository'}`;
      assert.equal(probe.flagSet, true, label);
      assert.deepEqual(probe.late, [], `${label}: Node modules compiled without their code cache`);
      assert.equal(probe.loaded.includes('NativeModule child_process'), git, `${label}: child_process loaded`);
      assert.equal(probe.loaded.includes('NativeModule fs/promises'), false, `${label}: fs/promises loaded`);
    }
  });
});
