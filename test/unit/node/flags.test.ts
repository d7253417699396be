// The Node side of the flag engine against REAL temporary git repositories with back-dated commits.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  analyzeWorkspaceFlags,
  clearFlagAgeCache,
  computeFlagAges,
  fetchUnleashFlags,
  listFlagSourceFiles,
  loadFlagRegistry,
  makeExcluder,
  rescanFlagFile,
  scanWorkspaceFlags,
} from '../../../src/node/flags';
import { scratchDir, TestRepo, useIsolatedGit } from './gitFixture';
import { languageOf, scanSource } from '../../../src/core/flags';

const NOW = '2026-06-01T12:00:00Z';

describe('flags (node): ages from one history pass', function () {
  this.timeout(30_000);
  useIsolatedGit();
  let repo: TestRepo;

  before(() => {
    repo = TestRepo.init();
    repo.write('src/a.ts', "export const on = unleash.isEnabled('alpha');\n");
    repo.commitAllAt('feat: alpha', '2026-01-01T10:00:00Z', 'Alice');
    repo.write('svc/b.py', 'if client.is_enabled("beta"):\n    pass\n');
    repo.commitAllAt('feat: beta', '2026-04-10T10:00:00Z', 'Bob');
    // alpha moves to another file (and another author touches it): it keeps its original age.
    rmSync(join(repo.root, 'src/a.ts'));
    repo.write('src/moved/c.ts', "// moved\nexport const on = unleash.isEnabled('alpha');\n");
    repo.commitAllAt('refactor: move alpha', '2026-05-01T10:00:00Z', 'Carol');
    repo.write('src/flags.ts', "export const FLAGS = { Gamma: 'gamma' } as const;\n");
    repo.write('src/g.ts', "import { FLAGS } from './flags';\nexport const g = ldClient.variation(FLAGS.Gamma, ctx, false);\n");
    repo.commitAllAt('feat: gamma', '2026-05-20T10:00:00Z', 'Dana');
    repo.write('src/d.ts', "export const d = unleash.isEnabled('delta'); // uncommitted\n");
  });
  after(() => clearFlagAgeCache());
  beforeEach(() => clearFlagAgeCache());

  it('exact ages, authors and statuses of back-dated flags; a moved flag keeps its age; uncommitted has none', async () => {
    const result = await analyzeWorkspaceFlags(repo.root, { now: NOW });
    assert.ok(result.ok);
    const byKey = Object.fromEntries(result.value.flags.map((f) => [f.key, `${f.status} ${f.ageDays} ${f.introducedBy} ${f.introducedAt?.slice(0, 10)} ${f.references.map((r) => `${r.file}:${r.line}`).join(',')}`]));
    assert.deepEqual(byKey, {
      alpha: 'stale 151 Alice 2026-01-01 src/moved/c.ts:2',
      beta: 'expired 52 Bob 2026-04-10 svc/b.py:1',
      gamma: 'ok 12 Dana 2026-05-20 src/g.ts:2',
      delta: 'ok null null undefined src/d.ts:1',
    });
    assert.equal(result.value.history, true);
    assert.deepEqual(result.value.flags.map((f) => f.key), ['alpha', 'beta', 'gamma', 'delta']);
  });

  it('the policy options change statuses (expire 5, stale 10 → gamma stale)', async () => {
    const result = await analyzeWorkspaceFlags(repo.root, { now: NOW, policy: { expireDays: 5, staleDays: 10 } });
    assert.ok(result.ok);
    assert.equal(result.value.flags.find((f) => f.key === 'gamma')?.status, 'stale');
  });

  it('cached by HEAD in memory; a new commit reads only the new commits; a disk cache survives a cleared memory', async () => {
    const storageDir = scratchDir('rh-flag-cache-');
    const first = await computeFlagAges(repo.root, { keys: ['alpha', 'beta'], storageDir });
    assert.ok(first.ok);
    assert.deepEqual([first.cached, first.commitsRead], [false, 4]);
    const second = await computeFlagAges(repo.root, { keys: ['alpha', 'beta'], storageDir });
    assert.ok(second.ok);
    assert.deepEqual([second.cached, second.commitsRead], [true, 0]);
    assert.deepEqual(second.ages, first.ages);
    clearFlagAgeCache();
    const fromDisk = await computeFlagAges(repo.root, { keys: ['alpha'], storageDir });
    assert.ok(fromDisk.ok);
    assert.deepEqual([fromDisk.cached, fromDisk.ages.alpha?.introducedBy], [true, 'Alice']);

    // One more commit: incremental from the cached HEAD.
    const extra = TestRepo.init();
    extra.write('x.ts', "unleash.isEnabled('one');\n");
    extra.commitAllAt('feat: one', '2026-02-01T00:00:00Z');
    const dir = scratchDir('rh-flag-cache2-');
    const a = await computeFlagAges(extra.root, { keys: ['one', 'two'], storageDir: dir });
    assert.ok(a.ok && a.commitsRead === 1 && !('two' in a.ages));
    extra.write('y.ts', "unleash.isEnabled('two');\n");
    extra.commitAllAt('feat: two', '2026-03-01T00:00:00Z', 'Eve');
    const b = await computeFlagAges(extra.root, { keys: ['one', 'two'], storageDir: dir });
    assert.ok(b.ok);
    assert.deepEqual([b.cached, b.commitsRead, b.ages.one?.introducedAt.slice(0, 10), b.ages.two?.introducedBy], [false, 1, '2026-02-01', 'Eve']);
  });

  it('a key named in a string elsewhere, or in a call in a non-source file, is not dated by that commit', async () => {
    const r = TestRepo.init();
    r.write('doc.ts', "const note = 'omega'; // mentions the key, no call\n");
    r.write('README.md', "Call `unleash.isEnabled('omega')` to check.\n"); // a call shape, but not a source file
    r.commitAllAt('docs: mention', '2026-01-01T00:00:00Z', 'Early');
    r.write('var.ts', "if (omega && unleash.isEnabled('other')) {}\n"); // an identifier named like the key
    r.commitAllAt('feat: other', '2026-02-01T00:00:00Z', 'Middle');
    r.write('use.ts', "unleash.isEnabled('omega');\n");
    r.commitAllAt('feat: omega', '2026-03-01T00:00:00Z', 'Late');
    r.write('hook.tsx', "const { newCheckout } = useFlags();\n");
    r.commitAllAt('feat: hook', '2026-02-15T00:00:00Z', 'Hooked');
    r.write('use2.ts', "ldClient.variation('new-checkout', ctx, false);\n");
    r.commitAllAt('feat: server side', '2026-04-01T00:00:00Z', 'Server');
    const ages = await computeFlagAges(r.root, { keys: ['omega', 'new-checkout'] });
    assert.ok(ages.ok);
    assert.equal(ages.ages.omega?.introducedBy, 'Late');
    // The camelCased useFlags() property dates the kebab key (LaunchDarkly React).
    assert.equal(ages.ages['new-checkout']?.introducedBy, 'Hooked');
  });

  it('no call site, no history pass: nothing is read and no cache is written', async () => {
    const r = TestRepo.init();
    r.write('src/app.ts', "export const greet = (name: string) => `hello ${name}`;\n");
    r.commitAllAt('feat: app', '2026-01-01T00:00:00Z');
    r.write('src/more.ts', "export const on = isEnabled; // a call name, but no call\n");
    r.commitAllAt('feat: more', '2026-02-01T00:00:00Z');
    const none = await computeFlagAges(r.root, { keys: [] });
    assert.ok(none.ok);
    assert.deepEqual([none.head?.length, none.cached, none.commitsRead, none.ages], [40, false, 0, {}]);
    const storageDir = scratchDir('rh-flag-nocache-');
    const result = await analyzeWorkspaceFlags(r.root, { now: NOW, storageDir });
    assert.ok(result.ok);
    assert.deepEqual([result.value.flags.length, result.value.history], [0, true]);
    assert.deepEqual(readdirSync(storageDir), [], 'a history pass would have cached its index');
  });

  it('the cache covers the keys it read: a key added later, and one whose call existed in older history, are dated', async () => {
    const r = TestRepo.init();
    const storageDir = scratchDir('rh-flag-keys-');
    r.write('src/one.ts', "unleash.isEnabled('one');\n");
    r.write('src/old.ts', "unleash.isEnabled('revived');\n");
    r.commitAllAt('feat: one and revived', '2026-01-01T00:00:00Z', 'First');
    r.write('src/old.ts', '// revived removed\n');
    r.commitAllAt('chore: remove revived', '2026-01-15T00:00:00Z', 'Remover');
    const first = await computeFlagAges(r.root, { keys: ['one'], storageDir });
    assert.ok(first.ok);
    assert.deepEqual([first.cached, first.commitsRead, first.ages.one?.introducedBy], [false, 2, 'First']);

    // A new commit adds a new key: the old cache never looked for it, so the whole history is read for it.
    r.write('src/two.ts', "ldClient.variation('two', ctx, false);\n");
    r.commitAllAt('feat: two', '2026-02-01T00:00:00Z', 'Second');
    const second = await computeFlagAges(r.root, { keys: ['one', 'two'], storageDir });
    assert.ok(second.ok);
    assert.deepEqual(
      [second.cached, second.commitsRead, second.ages.one?.introducedBy, second.ages.two?.introducedBy, second.ages.two?.introducedAt.slice(0, 10)],
      [false, 3, 'First', 'Second', '2026-02-01'],
    );

    // A call site that only the new HEAD has, for a key an older commit already called (then removed): its age is
    // the older commit's, not the new one's. From the disk cache (memory cleared), which did not cover the key.
    clearFlagAgeCache();
    r.write('src/new.ts', "if (unleash.isEnabled('revived')) {}\n");
    r.write('docs/a.md', 'notes\n');
    r.write('docs/b.md', 'notes\n');
    r.write('docs/c.md', 'notes\n');
    r.commitAllAt('feat: revive', '2026-03-01T00:00:00Z', 'Reviver');
    const third = await computeFlagAges(r.root, { keys: ['one', 'two', 'revived'], storageDir });
    assert.ok(third.ok);
    assert.deepEqual(
      [third.cached, third.ages.revived?.introducedBy, third.ages.revived?.file, third.ages.two?.introducedBy],
      [false, 'First', 'src/old.ts', 'Second'],
    );

    // Covered now: the same keys are served from the cache; one more commit is read alone.
    const again = await computeFlagAges(r.root, { keys: ['revived', 'one'], storageDir });
    assert.ok(again.ok);
    assert.deepEqual([again.cached, again.ages.revived?.introducedBy], [true, 'First']);
    r.write('src/two.ts', "ldClient.variation('two', ctx, true);\n");
    r.commitAllAt('fix: two default', '2026-03-05T00:00:00Z', 'Later');
    const next = await computeFlagAges(r.root, { keys: ['one', 'two', 'revived'], storageDir });
    assert.ok(next.ok);
    assert.deepEqual([next.cached, next.commitsRead, next.ages.two?.introducedBy, next.ages.revived?.introducedBy], [false, 1, 'Second', 'First']);
  });

  it('a key already in a file is dated by the commit that puts it on a call line there, not by its first mention', async () => {
    const r = TestRepo.init();
    r.write('src/a.ts', "const label = 'sigma';\n");
    r.commitAllAt('feat: label', '2026-01-01T00:00:00Z', 'Mention');
    // The same number of occurrences before and after: a count-based pickaxe (`git log -S`) would miss this commit.
    r.write('src/a.ts', "const label = unleash.isEnabled('sigma');\n");
    r.commitAllAt('feat: sigma flag', '2026-02-01T00:00:00Z', 'Caller');
    const ages = await computeFlagAges(r.root, { keys: ['sigma'] });
    assert.ok(ages.ok);
    assert.equal(ages.ages.sigma?.introducedBy, 'Caller');
  });

  it('a one-character key is dated like any other (it was reported as not committed)', async () => {
    const r = TestRepo.init();
    r.write('src/a.ts', "const label = 'k';\n");
    r.commitAllAt('feat: label', '2026-01-01T00:00:00Z', 'Mention');
    r.write('src/b.ts', "export const on = unleash.isEnabled('k');\n");
    r.commitAllAt('feat: k flag', '2026-02-01T00:00:00Z', 'Caller');
    const ages = await computeFlagAges(r.root, { keys: ['k'] });
    assert.ok(ages.ok);
    assert.equal(ages.ages['k']?.introducedBy, 'Caller');
    assert.equal(ages.ages['k']?.introducedAt.slice(0, 10), '2026-02-01');
  });

  it('a file git grep finds without a call dates a key by its blob only when the blob is that file', async () => {
    const r = TestRepo.init();
    r.write('src/a.ts', "unleash.isEnabled('kappa');\n");
    r.write('src/c.ts', 'export const c = 1;\n');
    r.commitAllAt('feat: kappa', '2026-01-01T00:00:00Z', 'First');
    r.write('src/b.ts', "unleash.isEnabled('kappa');\n");
    r.commitAllAt('feat: b', '2026-02-01T00:00:00Z', 'Second');
    // An unstaged edit drops the call from a.ts: git grep finds no call name there, but its index blob (the first
    // commit's) has the call that dates the key. c.ts is unchanged: its blob is decided without being read.
    r.write('src/a.ts', '// kappa moved\n');
    const result = await analyzeWorkspaceFlags(r.root, { now: NOW });
    assert.ok(result.ok);
    assert.deepEqual(result.value.flags.map((f) => [f.key, f.introducedBy]), [['kappa', 'First']]);
  });

  it('an aborted signal cancels', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await computeFlagAges(repo.root, { keys: ['alpha'], signal: controller.signal });
    assert.deepEqual(result.ok ? 'ok' : result.kind, 'cancelled');
  });

  it('outside a repository: not-a-repository for ages; analyze warns and still lists flags', async () => {
    const dir = scratchDir('rh-flag-norepo-');
    writeFileSync(join(dir, 'a.ts'), "unleash.isEnabled('plain');\n");
    const ages = await computeFlagAges(dir, { keys: ['plain'] });
    assert.equal(ages.ok ? 'ok' : ages.kind, 'not-a-repository');
    const result = await analyzeWorkspaceFlags(dir, { now: NOW });
    assert.ok(result.ok);
    assert.deepEqual(result.value.flags.map((f) => `${f.key} ${f.status}`), ['plain ok']);
    assert.equal(result.value.history, false);
    assert.match(result.value.warnings.join('\n'), /not a git repository/);
  });
});

describe('flags (node): workspace files and incremental rescan', function () {
  this.timeout(30_000);
  useIsolatedGit();

  it('inside git, a call split over lines, typed, or in an untracked or upper-case file is found (git grep)', async () => {
    const repo = TestRepo.init();
    repo.write('src/split.ts', "const on = unleash.isEnabled \r\n\n  ('split-call');\n");
    repo.write('src/typed.tsx', "const v = useFeatureValue<Config | null>\n('typed-call', null);\n");
    repo.write('src/Upper.TS', "client.getBooleanValue('upper-call', false);\n");
    repo.write('src/keys.ts', "export const K = { A: 'const-call' };\n");
    repo.write('src/use.ts', "import { K } from './keys';\nunleash.isEnabled(K.A);\n");
    repo.commitAllAt('feat: calls', '2026-01-01T00:00:00Z');
    repo.write('src/untracked.py', "client.is_enabled('untracked-call')\n");
    const scan = await scanWorkspaceFlags(repo.root);
    const keys = Object.values(scan.files).flatMap((f) => f.callSites.map((s) => s.key)).sort();
    assert.deepEqual(keys, ['const-call', 'split-call', 'typed-call', 'untracked-call', 'upper-call']);
  });

  it('a file of ASCII bytes is lexed from its latin1 view, any other from its UTF-8 text: the same call sites', async () => {
    const repo = TestRepo.init();
    const files: Record<string, string | Buffer> = {
      'src/ascii.ts': "const A = 'ascii-const';\nif (unleash.isEnabled(A)) {}\nclient.getBooleanValue('ascii-key', false);\n",
      // Multibyte characters before the calls (offsets and columns count UTF-16 units) and in keys and constants.
      'src/accents.ts': "// é ü 😀\nconst B = 'über-ß';\nunleash.isEnabled(B); client.getBooleanValue('naïve-😀', false);\n",
      'src/accents.py': "# flag: owner zoë\nclient.is_enabled('café')\n",
      // Bytes that are not UTF-8 (latin1 0xE9): decoded as U+FFFD, as before.
      'src/latin1.ts': Buffer.concat([Buffer.from("// caf"), Buffer.from([0xe9]), Buffer.from("\nunleash.isEnabled('k\u00e9y'); unleash.isEnabled('after');\n")]),
    };
    for (const [file, content] of Object.entries(files)) {
      mkdirSync(join(repo.root, 'src'), { recursive: true });
      writeFileSync(join(repo.root, file), content);
    }
    repo.commitAllAt('feat: calls', '2026-01-01T00:00:00Z');
    const scan = await scanWorkspaceFlags(repo.root);
    for (const file of Object.keys(files)) {
      const text = readFileSync(join(repo.root, file), 'utf8');
      const alone = scanSource(text, { language: languageOf(file)!, file });
      const sites = (list: readonly { key: string; start: number; line: number; column: number }[]): string[] => list.map((s) => `${s.key}@${s.start}:${s.line}:${s.column}`);
      assert.ok(alone.callSites.length + alone.unresolved.length > 0, file);
      assert.deepEqual(sites(scan.files[file]?.callSites ?? []), sites(alone.callSites), file);
      assert.deepEqual(scan.files[file]?.annotations.length ?? 0, alone.annotations.length, file);
    }
  });

  it('git ls-files: tracked + untracked, .gitignore respected, node_modules never, extra excludes, only source files', async () => {
    const repo = TestRepo.init();
    repo.write('.gitignore', 'dist/\n');
    repo.write('src/a.ts', '');
    repo.write('dist/b.js', '');
    repo.write('node_modules/pkg/c.js', ''); // not ignored by .gitignore: still never read
    repo.write('generated/d.ts', '');
    repo.write('README.md', '');
    repo.commitAllAt('chore: init', '2026-01-01T00:00:00Z');
    repo.write('src/untracked.py', '');
    const files = await listFlagSourceFiles(repo.root, { exclude: ['**/generated'] });
    assert.deepEqual(files.sort(), ['src/a.ts', 'src/untracked.py']);
  });

  it('directory walk outside git skips node_modules and .git', async () => {
    const dir = scratchDir('rh-walk-');
    for (const f of ['a/x.go', 'node_modules/y.js', 'b/Z.java']) {
      mkdirSync(join(dir, f, '..'), { recursive: true });
      writeFileSync(join(dir, f), '');
    }
    assert.deepEqual((await listFlagSourceFiles(dir)).sort(), ['a/x.go', 'b/Z.java']);
  });

  it('glob excludes follow files.exclude semantics (a matching folder excludes its files)', () => {
    const excluded = makeExcluder(['**/fixtures', '*.gen.ts', 'out/**', '{tmp,cache}']);
    assert.deepEqual(
      ['a/fixtures/x.ts', 'fixtures/y.ts', 'x.gen.ts', 'out/a/b.ts', 'tmp/q.ts', 'src/ok.ts', 'src/gen.ts'].map(excluded),
      [true, true, true, true, true, false, false],
    );
  });

  it('skips binary, minified and too-large files; resolves constants defined in a file without calls', async () => {
    const dir = scratchDir('rh-scan-');
    writeFileSync(join(dir, 'bin.js'), Buffer.from("unleash.isEnabled('binary');\u0000\n"));
    writeFileSync(join(dir, 'min.js'), `unleash.isEnabled('minified');${'x'.repeat(3000)}\n`);
    writeFileSync(join(dir, 'big.ts'), `unleash.isEnabled('big');\n${'// pad\n'.repeat(200_000)}`);
    writeFileSync(join(dir, 'keys.ts'), "export enum Keys { Pay = 'pay-v2' }\n");
    writeFileSync(join(dir, 'use.ts'), "import { Keys } from './keys';\nunleash.isEnabled(Keys.Pay);\n");
    const scan = await scanWorkspaceFlags(dir);
    assert.deepEqual(scan.skipped.map((s) => `${s.file} ${s.reason}`), ['big.ts too-large', 'bin.js binary', 'min.js minified']);
    assert.deepEqual(Object.values(scan.files).flatMap((f) => f.callSites.map((s) => `${f.file} ${s.key}`)), ['use.ts pay-v2']);
    assert.equal(scan.filesScanned, 2);
  });

  it('rescan of one file: new keys, deletion, and a changed constants file re-resolves its users', async () => {
    const dir = scratchDir('rh-rescan-');
    writeFileSync(join(dir, 'keys.ts'), "export const K = { A: 'a-1' };\n");
    writeFileSync(join(dir, 'use.ts'), 'unleash.isEnabled(K.A);\n');
    const scan = await scanWorkspaceFlags(dir);
    const keys = (s: typeof scan): string[] => Object.values(s.files).flatMap((f) => f.callSites.map((c) => `${f.file}:${c.key}`)).sort();
    assert.deepEqual(keys(scan), ['use.ts:a-1']);
    const added = rescanFlagFile(scan, 'new.py', 'client.is_enabled("py-new")\n');
    assert.deepEqual(keys(added), ['new.py:py-new', 'use.ts:a-1']);
    const renamed = rescanFlagFile(added, 'keys.ts', "export const K = { A: 'a-2' };\n");
    assert.deepEqual(keys(renamed), ['new.py:py-new', 'use.ts:a-2']);
    const deleted = rescanFlagFile(renamed, 'new.py', undefined);
    assert.deepEqual(keys(deleted), ['use.ts:a-2']);
    assert.deepEqual(keys(scan), ['use.ts:a-1'], 'the previous scan is not mutated');
  });

  it('a chain of rescans equals a fresh scan of the same files (definitions moved, made ambiguous, deleted)', async () => {
    const dir = scratchDir('rh-rescan-chain-');
    const files: Record<string, string | undefined> = {
      'keys.ts': "export const K = { A: 'a-1', B: 'b-1' };\nexport const SOLO = 'solo-1';\n",
      'use1.ts': 'unleash.isEnabled(K.A);\nunleash.isEnabled(SOLO);\n',
      'use2.py': 'client.is_enabled(K.B)\n',
      'other.ts': "export const unrelated = 'x';\n",
    };
    for (const [f, t] of Object.entries(files)) writeFileSync(join(dir, f), t!);
    let scan = await scanWorkspaceFlags(dir);
    const edits: Array<[string, string | undefined]> = [
      ['keys.ts', "export const K = { A: 'a-2', B: 'b-1' };\nexport const SOLO = 'solo-1';\n"], // value change
      ['other.ts', "export const SOLO = 'solo-2';\n"], // SOLO now ambiguous
      ['use2.py', 'client.is_enabled(K.B)\nclient.is_enabled(K.A)\n'], // a new reference to a known member
      ['other.ts', "export const SOLO = 'solo-1';\n"], // agrees again
      ['keys.ts', undefined], // K gone: K.A / K.B unresolved
      ['more.ts', "export const K = { A: 'a-3' };\n"], // K.A back, from another file
    ];
    const summary = (s: typeof scan): string[] =>
      Object.values(s.files)
        .flatMap((f) => [...f.callSites.map((c) => `${f.file}:${c.line} ${c.key}`), ...f.unresolved.map((u) => `${f.file}:${u.line} ?${u.keyReference}`)])
        .sort();
    for (const [file, text] of edits) {
      if (text === undefined) rmSync(join(dir, file));
      else writeFileSync(join(dir, file), text);
      scan = rescanFlagFile(scan, file, text);
      const fresh = await scanWorkspaceFlags(dir);
      assert.deepEqual(summary(scan), summary(fresh), `after editing ${file}`);
    }
    assert.deepEqual(summary(scan), ['use1.ts:1 a-3', 'use1.ts:2 solo-1', 'use2.py:1 ?K.B', 'use2.py:2 a-3']);
  });

  it('loadFlagRegistry reads .release-hygiene/flags.yaml and prefixes errors with the file', async () => {
    const dir = scratchDir('rh-registry-');
    mkdirSync(join(dir, '.release-hygiene'));
    writeFileSync(join(dir, '.release-hygiene', 'flags.yaml'), 'flags:\n  - key: a\n    type: operational\n  - key: b\n    expires: nope\n');
    const registry = await loadFlagRegistry(dir);
    assert.equal(registry.file, '.release-hygiene/flags.yaml');
    assert.deepEqual(registry.entries, [{ key: 'a', type: 'operational' }, { key: 'b' }]);
    assert.match(registry.errors[0]!, /^\.release-hygiene\/flags\.yaml: entry 2: "expires" is not a date/);
    assert.deepEqual(await loadFlagRegistry(scratchDir('rh-registry-none-')), { entries: [], errors: [] });
  });
});

describe('flags (node): Unleash Admin API client', () => {
  const TOKEN = '*:*.secret-admin-token';
  const fake = (handler: (url: string, init: RequestInit) => Response | Promise<Response>): typeof fetch =>
    (async (input: string | URL | Request, init?: RequestInit) => handler(String(input), init ?? {})) as typeof fetch;

  it('maps features and sends the token in Authorization', async () => {
    let seen: { url: string; auth: string | undefined } | undefined;
    const result = await fetchUnleashFlags({
      url: 'https://unleash.example/api/',
      token: TOKEN,
      fetch: fake((url, init) => {
        seen = { url, auth: (init.headers as Record<string, string>).Authorization };
        return Response.json({ features: [{ name: 'a', type: 'release', createdAt: '2026-01-01T00:00:00Z', stale: true, lastSeenAt: null }, { nope: 1 }] });
      }),
    });
    assert.deepEqual(seen, { url: 'https://unleash.example/api/admin/features', auth: TOKEN });
    assert.deepEqual(result, { ok: true, flags: [{ key: 'a', type: 'release', createdAt: '2026-01-01T00:00:00Z', stale: true, lastSeenAt: null }] });
  });

  it('failures never carry the token; a project narrows the path; a timeout is reported', async () => {
    const denied = await fetchUnleashFlags({ url: 'https://u.example', token: TOKEN, project: 'web', fetch: fake(() => new Response('', { status: 401 })) });
    assert.deepEqual(denied, { ok: false, message: 'HTTP 401 (check the admin token)' });
    const thrown = await fetchUnleashFlags({ url: 'https://u.example', token: TOKEN, fetch: fake(() => Promise.reject(new Error(`bad header ${TOKEN}`))) });
    assert.ok(!thrown.ok && !thrown.message.includes(TOKEN) && thrown.message.includes('***'));
    const slow = await fetchUnleashFlags({
      url: 'https://u.example',
      token: TOKEN,
      timeoutMs: 20,
      fetch: fake((_url, init) => new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(new Error('aborted'))))),
    });
    assert.deepEqual(slow, { ok: false, message: 'no answer within 20 ms' });
    assert.deepEqual(await fetchUnleashFlags({ url: 'not a url', token: TOKEN }), { ok: false, message: 'the Unleash URL is not a valid URL' });
  });
});
