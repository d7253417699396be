// The CLI's analysis overlaps git with the scan (issue #16): the history's first processes start while git grep
// runs, files are lexed as git grep names them. Its results must be those of the sequential paths: a scan without
// git (every file read, in a walk's order) and a history pass that starts nothing early (with a storage folder).
import assert from 'node:assert/strict';
import { cpSync, rmSync } from 'node:fs';
import { analyzeWorkspaceFlags, clearFlagAgeCache, scanWorkspaceFlags } from '../../../src/node/flags';
import { scratchDir, TestRepo, useIsolatedGit } from './gitFixture';

const NOW = '2026-06-01T12:00:00Z';

describe('flags (node): git overlapped with the scan gives the sequential results', function () {
  this.timeout(60_000);
  useIsolatedGit();
  let repo: TestRepo;
  const scratch: string[] = [];

  before(() => {
    repo = TestRepo.init();
    // Enough files that git grep prints its names in several pieces, flags spread over commits, constants in
    // files without a call (pass 2), files git grep names without a call, skipped files.
    for (let i = 0; i < 700; i++) repo.write(`pkg${i % 7}/plain${i}.ts`, `export const value${i} = ${i};\n`);
    repo.write('src/keys.ts', "export const FLAGS = { Gamma: 'gamma-key' } as const;\nexport const DELTA = 'delta-key';\n");
    repo.commitAllAt('chore: base', '2026-01-01T10:00:00Z', 'Alice');
    for (let i = 0; i < 60; i++) {
      repo.write(`src/f${i}.ts`, `import { FLAGS, DELTA } from './keys';\nexport const a${i} = unleash.isEnabled('key-${i % 20}');\nexport const g${i} = ldClient.variation(${i % 2 ? 'FLAGS.Gamma' : 'DELTA'}, ctx, false);\n`);
      if (i % 15 === 14) repo.commitAllAt(`feat: flags ${i}`, `2026-0${2 + Math.floor(i / 15)}-01T10:00:00Z`, `Dev ${i}`);
    }
    repo.write('src/mention.ts', '// isEnabled is described here, and useFlags too\nexport const x = 1;\n');
    repo.write('src/min.js', `isEnabled('minified-${'x'.repeat(3000)}');\n`);
    repo.write('svc/s.py', 'if client.is_enabled("py-key"):\n    pass\n');
    repo.commitAllAt('feat: more', '2026-05-01T10:00:00Z', 'Bob');
    repo.write('src/uncommitted.ts', "export const u = unleash.isEnabled('key-3');\n");
  });
  after(() => {
    clearFlagAgeCache();
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => clearFlagAgeCache());

  it('the report equals the one of a pass that starts nothing early', async () => {
    const overlapped = await analyzeWorkspaceFlags(repo.root, { now: NOW });
    clearFlagAgeCache();
    const storageDir = scratchDir();
    scratch.push(storageDir);
    const sequential = await analyzeWorkspaceFlags(repo.root, { now: NOW, storageDir });
    assert.ok(overlapped.ok && sequential.ok);
    assert.deepEqual(overlapped.value.flags, sequential.value.flags);
    assert.deepEqual(overlapped.value.warnings, sequential.value.warnings);
    assert.equal(overlapped.value.history, true);
    assert.ok(overlapped.value.flags.some((f) => f.key === 'gamma-key' && f.introducedAt !== null));
    assert.ok(overlapped.value.flags.some((f) => f.key === 'delta-key' && f.introducedAt !== null));
  });

  it('the scan equals a scan of the same files outside git (every file read)', async () => {
    const copy = scratchDir();
    scratch.push(copy);
    cpSync(repo.root, copy, { recursive: true, filter: (source) => !source.split(/[\\/]/).includes('.git') });
    const withGit = await scanWorkspaceFlags(repo.root);
    const withoutGit = await scanWorkspaceFlags(copy);
    assert.deepEqual(withGit.files, withoutGit.files);
    assert.deepEqual(withGit.skipped, withoutGit.skipped);
    assert.deepEqual(withGit.constants, withoutGit.constants);
    assert.ok(Object.keys(withGit.files).length >= 60);
    assert.deepEqual(withGit.skipped.map((s) => s.file), ['src/min.js']);
  });

  it('a repository where git grep names only files without a call reads no history and reports none', async () => {
    const other = TestRepo.init();
    scratch.push(other.root);
    other.write('a.ts', '// useFlags is mentioned, isEnabled too, never called\n');
    other.commitAllAt('chore: a', '2026-01-01T10:00:00Z');
    const result = await analyzeWorkspaceFlags(other.root, { now: NOW });
    assert.ok(result.ok);
    assert.deepEqual(result.value.flags, []);
    assert.equal(result.value.history, true);
    assert.deepEqual(result.value.warnings, []);
  });
});
