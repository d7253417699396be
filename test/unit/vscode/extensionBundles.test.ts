// The extension host's bundles as esbuild.mjs builds them for the .vsix: activation loads dist/extension.js alone,
// each engine and shared library is in exactly one bundle (one git refusal state, one cache), and the eager bundle
// stays within issue 13's budget. Sizes and load times are in docs/benchmarks.md (bench/extensionBundles.mjs).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../cli/cliHarness';

/** The bundles VS Code's extension host may load (the migrations worker runs in its own thread). */
const HOST_BUNDLES = ['extension.js', 'commitsEngine.js', 'releaseEngine.js', 'flagsEngine.js', 'pipelinesEngine.js', 'git.js', 'yaml.js', 'semver.js', 'migrationsEngine.js'];
const EAGER_BUDGET_BYTES = 300 * 1024;

interface Metafile {
  outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
}

function inputsOf(bundle: string): string[] {
  const metafile = JSON.parse(readFileSync(join(PROJECT_ROOT, 'out/metafile', `${bundle}.json`), 'utf8')) as Metafile;
  return Object.values(metafile.outputs).flatMap((output) => Object.keys(output.inputs));
}

describe('extension host bundles (node esbuild.mjs --production)', function () {
  this.timeout(180_000);

  before(() => {
    const build = spawnSync(process.execPath, ['esbuild.mjs', '--production', '--metafile'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
  });

  it('requiring dist/extension.js loads no other bundle', () => {
    const dist = join(PROJECT_ROOT, 'dist');
    const script = `require(${JSON.stringify(join(dist, 'extension.js'))}); process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((f) => f.startsWith(${JSON.stringify(dist)}))));`;
    const run = spawnSync(process.execPath, ['--require', join(PROJECT_ROOT, 'bench/vscodeStandIn.cjs'), '-e', script], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), [join(dist, 'extension.js')]);
  });

  it('git access, the YAML parser and each engine are compiled into one bundle only', () => {
    const owners = new Map<string, string[]>();
    for (const bundle of HOST_BUNDLES) {
      for (const input of inputsOf(bundle)) owners.set(input, [...(owners.get(input) ?? []), bundle]);
    }
    const single = ['src/node/git.ts', 'node_modules/simple-git/', 'node_modules/yaml/dist/index.js', 'node_modules/semver/index.js', 'src/core/commits/index.ts', 'src/core/release/index.ts', 'src/core/flags/index.ts', 'src/node/flags/index.ts', 'src/core/pipelines/index.ts'];
    for (const module of single) {
      const holders = [...owners].filter(([input]) => !input.startsWith('lazy-unit:') && input.includes(module)).flatMap(([, bundles]) => bundles);
      assert.ok(holders.length > 0, `${module} is in some bundle`);
      assert.equal(new Set(holders).size, 1, `${module} is in ${[...new Set(holders)].join(', ')}`);
    }
  });

  it(`dist/extension.js is at most ${EAGER_BUDGET_BYTES / 1024} KB`, () => {
    const size = statSync(join(PROJECT_ROOT, 'dist/extension.js')).size;
    assert.ok(size <= EAGER_BUDGET_BYTES, `dist/extension.js is ${(size / 1024).toFixed(1)} KB`);
  });
});
