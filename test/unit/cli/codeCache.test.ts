// The CLI bundles' V8 code cache (src/cli/codeCache.ts) with real files: a cache is used only when it is
// trustworthy and current, and a missing, stale, untrusted or rejected one changes nothing but the speed. Then the
// built CLI as a process: its caches are accepted, and its output is the same with them, without them, and with
// caches V8 rejects.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheFileOf, cacheHeader, loadBundle } from '../../../src/cli/codeCache';
import { isolatedGitEnv, removeScratch, scratchDir, TestRepo } from '../node/gitFixture';
import { ensureBuilt, PROJECT_ROOT } from './cliHarness';
import { cliTieringFor } from '../../../src/cli/v8Flags';

/** A bundle as esbuild.mjs leaves it, CommonJS. Line 4 throws at column 53, as with Node's own loader. */
const BUNDLE = [
  "const { EOL } = require('node:os');",
  'exports.eol = EOL;',
  'exports.where = { file: __filename, dir: __dirname, self: this === module.exports };',
  'exports.fail = function fail() { const x = 1; throw new Error(`boom ${x}`); };',
  'exports.sum = (values) => values.reduce((a, b) => a + b, 0);',
  '',
].join('\n');

let counter = 0;
/** A bundle file of its own (a module is loaded once per path). */
function bundleFile(dir: string, text = BUNDLE): string {
  const file = join(dir, `bundle${++counter}.js`);
  writeFileSync(file, text, { mode: 0o644 });
  return file;
}

const TRAIN = fileURLToPath(new URL('./codeCacheTrain.ts', import.meta.url));

/** Makes the cache of `file` the way the build's training run does, in a process of its own (codeCacheTrain.ts). */
function trainCache(file: string): void {
  const result = spawnSync(process.execPath, ['--import=tsx', TRAIN, file], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
}

/** A second path with the same bundle and cache, timestamps kept. */
function copyOf(file: string): string {
  const copy = join(file, '..', `bundle${++counter}.js`);
  cpSync(file, copy, { preserveTimestamps: true });
  cpSync(cacheFileOf(file), cacheFileOf(copy), { preserveTimestamps: true });
  return copy;
}

interface Loaded {
  eol: string;
  where: { file: string; dir: string; self: boolean };
  fail: () => never;
  sum: (values: number[]) => number;
}

/**
 * `stackName`: the file name stack lines show, the bundle's unless a cache was used: V8 11 keeps the name the cache
 * was made under (the build's training run makes it `release-hygiene/dist/<bundle>`).
 */
function assertWorks(file: string, exports: unknown, stackName = file): void {
  const loaded = exports as Loaded;
  assert.equal(loaded.eol, '\n');
  assert.deepEqual(loaded.where, { file, dir: join(file, '..'), self: true });
  assert.equal(loaded.sum([1, 2, 3, 4]), 10);
  // Stack lines point into the bundle at the true line and column (the wrapper sits on a line of its own).
  assert.throws(loaded.fail, (error: Error) => error.message === 'boom 1' && error.stack!.includes(`${stackName}:4:53`));
}

describe('code cache of the CLI bundles (real files)', () => {
  let dir: string;
  before(() => {
    dir = scratchDir('rh-code-cache-');
  });
  after(removeScratch);

  it('a bundle without a cache loads from its source', () => {
    const file = bundleFile(dir);
    const { exports, cache } = loadBundle(file);
    assert.equal(cache, 'missing');
    assertWorks(file, exports);
  });

  it('a cache made by the training run is accepted, and the module is the same', () => {
    const trained = bundleFile(dir);
    trainCache(trained);
    const file = copyOf(trained);
    const { exports, cache } = loadBundle(file);
    assert.equal(cache, 'accepted');
    // V8 11 (Node 20) names stack lines after the file the cache was made from; V8 12+ after the file loaded.
    assertWorks(file, exports, /^11\./.test(process.versions.v8) ? trained : file);
    // Loaded once: a second load is the same module.
    assert.equal(loadBundle(file).exports, exports);
    assert.equal(loadBundle(file).cache, 'already-loaded');
  });

  it('a bundle edited after its cache (same length), older or newer than the cache, does not use it', () => {
    for (const [offset, digit] of [[5, '1'], [-5, '2']] as const) {
      const trained = bundleFile(dir);
      trainCache(trained);
      const file = copyOf(trained);
      // One character changed: V8 alone would accept the cache (it checks the length) and run the old code.
      writeFileSync(file, readFileSync(file, 'utf8').replace('a + b, 0', `a + b, ${digit}`));
      // npm writes a package's files at install time, in any order: timestamps tell nothing either way.
      const when = statSync(cacheFileOf(file)).mtime.getTime() / 1000 + offset;
      utimesSync(file, when, when);
      const { exports, cache } = loadBundle(file);
      assert.equal(cache, 'stale');
      assert.equal((exports as Loaded).sum([1, 2, 3, 4]), 10 + Number(digit), 'the edited code runs');
    }
  });

  it('a cache older than its unchanged bundle (as npm installs them) is used', () => {
    const trained = bundleFile(dir);
    trainCache(trained);
    const file = copyOf(trained);
    const later = statSync(cacheFileOf(file)).mtime.getTime() / 1000 + 5;
    utimesSync(file, later, later);
    assert.equal(loadBundle(file).cache, 'accepted');
  });

  it('a cache other users may write, and the bundle not, is not used', function () {
    if (process.platform === 'win32') this.skip();
    const trained = bundleFile(dir);
    trainCache(trained);
    const file = copyOf(trained);
    chmodSync(cacheFileOf(file), 0o666);
    const { exports, cache } = loadBundle(file);
    assert.equal(cache, 'untrusted');
    assertWorks(file, exports);
  });

  it('a cache V8 rejects (made from another source, or corrupt) falls back to the source', () => {
    const other = bundleFile(dir, BUNDLE.replace('exports.eol = EOL;', 'exports.eol = EOL; exports.more = 1;'));
    trainCache(other);
    const file = bundleFile(dir);
    // The right header, another bundle's V8 data: only V8's own check can tell.
    const header = cacheHeader(readFileSync(file));
    writeFileSync(cacheFileOf(file), Buffer.concat([Buffer.from(header, 'latin1'), readFileSync(cacheFileOf(other)).subarray(cacheHeader(readFileSync(other)).length)]));
    const rejected = loadBundle(file);
    assert.equal(rejected.cache, 'rejected');
    assertWorks(file, rejected.exports);

    const corrupt = bundleFile(dir);
    writeFileSync(cacheFileOf(corrupt), Buffer.concat([Buffer.from(cacheHeader(readFileSync(corrupt)), 'latin1'), Buffer.alloc(4096, 0x5a)]));
    const fromCorrupt = loadBundle(corrupt);
    assert.equal(fromCorrupt.cache, 'rejected');
    assertWorks(corrupt, fromCorrupt.exports);
  });

  it('a cache with another V8 in its header is not handed to V8', () => {
    const trained = bundleFile(dir);
    trainCache(trained);
    const file = copyOf(trained);
    const bytes = readFileSync(cacheFileOf(file));
    rmSync(cacheFileOf(file));
    writeFileSync(cacheFileOf(file), Buffer.from(bytes.toString('latin1').replace(process.versions.v8, '0.0.0.0'), 'latin1'));
    utimesSync(cacheFileOf(file), statSync(file).atime, statSync(file).mtime);
    const { exports, cache } = loadBundle(file);
    assert.equal(cache, 'stale');
    assertWorks(file, exports);
  });
});

const PROBE = fileURLToPath(new URL('./codeCacheProbe.cjs', import.meta.url));

describe('code cache of the built CLI (processes)', function () {
  this.timeout(120_000);
  let dist: string;
  let repo: TestRepo;
  let env: NodeJS.ProcessEnv;

  /** Runs the copied CLI; `outcomes` is what happened to each bundle's cache (the probe's report). */
  const run = (args: readonly string[], extraEnv: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string; outcomes: Record<string, string> } => {
    const report = join(dist, '..', `probe-${++counter}.json`);
    const result = spawnSync(process.execPath, ['--require', PROBE, join(dist, 'cli.js'), ...args], {
      cwd: repo.root,
      env: { ...env, ...extraEnv, RH_CODE_CACHE_PROBE: report },
      encoding: 'utf8',
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, outcomes: JSON.parse(readFileSync(report, 'utf8')) as Record<string, string> };
  };

  before(() => {
    ensureBuilt();
    const scratch = scratchDir('rh-code-cache-cli-');
    dist = join(scratch, 'dist');
    cpSync(join(PROJECT_ROOT, 'dist'), dist, { recursive: true, preserveTimestamps: true });
    env = { ...isolatedGitEnv(), NO_COLOR: '1', SOURCE_DATE_EPOCH: String(Date.parse('2026-06-01T00:00:00Z') / 1000) };
    mkdirSync(join(scratch, 'repo'));
    repo = new TestRepo(join(scratch, 'repo'), env);
    repo.git('init', '--quiet', '--initial-branch=main');
    repo.write('web/app.tsx', "if (unleash.isEnabled('old-flag')) {}\nconst on = useFlag('young-flag');\n");
    repo.commitAllAt('feat: two flags', '2026-03-01T00:00:00Z');
  });
  after(removeScratch);

  it('the build trained a cache for every command bundle, and `flags` uses its cache', () => {
    for (const bundle of ['cliCommands', 'cliFlags', 'cliLintJsonl', 'cliMigrations', 'cliRelease', 'cliSql']) {
      assert.ok(statSync(join(dist, `${bundle}.cache`)).size > 1000, bundle);
    }
    const flags = run(['flags', '--format', 'json']);
    assert.deepEqual(flags.outcomes, { 'cliFlags.js': 'accepted' });
    // Debugging with source maps: Node's own loader, which maps stack traces (a vm.Script's are not).
    const mapped = run(['flags', '--format', 'json'], { NODE_OPTIONS: '--enable-source-maps' });
    assert.deepEqual(mapped.outcomes, {});
    assert.equal(mapped.stdout, flags.stdout);
  });

  it('the same output with the cache, without it, rejected by V8, stale, and with V8 defaults', () => {
    const cases = [
      ['flags', '--format', 'json'],
      ['lint-commits', '--format', 'json'],
      ['changelog'],
    ];
    const withCache = cases.map((args) => run(args));
    for (const result of withCache) assert.deepEqual(Object.values(result.outcomes), ['accepted'], JSON.stringify(result.outcomes));
    const same = (label: string, extraEnv: NodeJS.ProcessEnv, expected: string | ((command: string) => string)): void => {
      cases.forEach((args, index) => {
        const result = run(args, extraEnv);
        const outcome = typeof expected === 'string' ? expected : expected(args[0]!);
        assert.deepEqual(Object.values(result.outcomes), [outcome], `${label}: ${args.join(' ')}: ${JSON.stringify(result.outcomes)}`);
        assert.deepEqual({ status: result.status, stdout: result.stdout, stderr: result.stderr }, { status: withCache[index]!.status, stdout: withCache[index]!.stdout, stderr: withCache[index]!.stderr }, `${label}: ${args.join(' ')}`);
      });
    };
    // Other V8 flags: V8 refuses the cache, for each command the CLI sets flags for (a command that keeps V8's
    // defaults on this V8, or a V8 the CLI has no settings for: nothing differs).
    same('V8 defaults', { RELEASE_HYGIENE_V8_DEFAULTS: '1' }, (command) => (cliTieringFor(process.versions.v8, command) !== undefined ? 'rejected' : 'accepted'));
    // Each cache's V8 data swapped for another bundle's, under the right header: V8 rejects it.
    const caches = ['cliFlags', 'cliCommands', 'cliRelease'].map((name) => join(dist, `${name}.cache`));
    const originals = caches.map((file) => readFileSync(file));
    const headerLength = (bytes: Buffer): number => bytes.indexOf(0x0a) + 1;
    caches.forEach((file, index) => {
      const other = originals[(index + 1) % originals.length]!;
      rmSync(file, { force: true });
      writeFileSync(file, Buffer.concat([originals[index]!.subarray(0, headerLength(originals[index]!)), other.subarray(headerLength(other))]));
    });
    same('V8 data of another bundle', {}, 'rejected');
    // Stale: the checksum in the header is not the bundle's (a bundle patched after install).
    caches.forEach((file, index) => {
      rmSync(file, { force: true });
      const header = originals[index]!.subarray(0, headerLength(originals[index]!)).toString('latin1');
      const wrong = header.replace(/[0-9a-f]{8}\n$/, (checksum) => `${checksum[0] === '0' ? '1' : '0'}${checksum.slice(1)}`);
      assert.notEqual(wrong, header);
      writeFileSync(file, Buffer.concat([Buffer.from(wrong, 'latin1'), originals[index]!.subarray(header.length)]));
    });
    same('stale', {}, 'stale');
    // Missing.
    caches.forEach((file) => rmSync(file, { force: true }));
    same('no cache', {}, 'missing');
  });
});
