// Step 3 of the history pass reads the diffs of new files the work tree holds unchanged from the work tree instead
// of `git log -p` (issue #16). The ages must be those of reading every diff from git: the same pass without the
// scan's snapshot is the reference, on the real-world corpus, the flag fixtures and repositories of corner cases
// (ties between files of one commit, CRLF, no final newline, calls over lines, binary and diff-driver attributes,
// files modified later, a minified file, several commits).
import assert from 'node:assert/strict';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { clearFlagAgeCache, computeFlagAges, scanWorkspaceFlags, takeWorkTreeSnapshot } from '../../../src/node/flags';
import { TestRepo, useIsolatedGit } from './gitFixture';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');

/** The ages of every key of the scan, with the scan's work-tree snapshot and without it (all from git). */
async function bothWays(root: string): Promise<{ withWorkTree: unknown; fromGit: unknown; keys: number }> {
  const scan = await scanWorkspaceFlags(root, { keepWorkTreeBytes: true });
  const snapshot = takeWorkTreeSnapshot(scan);
  assert.ok(snapshot?.plainDiff, 'the early index queries ran');
  const callSites = Object.values(scan.files).flatMap((f) => f.callSites);
  const aliases: Record<string, string[]> = {};
  for (const site of callSites) if (site.keyReference && !(aliases[site.key] ??= []).includes(site.keyReference)) aliases[site.key]!.push(site.keyReference);
  const keys = [...new Set(callSites.map((s) => s.key))];
  clearFlagAgeCache();
  const withWorkTree = await computeFlagAges(root, { keys, aliases, workTree: snapshot });
  snapshot.stop?.();
  clearFlagAgeCache();
  const fromGit = await computeFlagAges(root, { keys, aliases });
  clearFlagAgeCache();
  assert.ok(withWorkTree.ok && fromGit.ok);
  return { withWorkTree: withWorkTree.ages, fromGit: fromGit.ages, keys: keys.length };
}

describe('flags (node): diffs read from the work tree date every key as git log -p does', function () {
  this.timeout(120_000);
  useIsolatedGit(); // also removes every TestRepo after the suite

  it('the real-world corpus and the flag fixtures in one commit', async () => {
    const corpus = TestRepo.init();
    cpSync(join(FIXTURES, 'real-world', 'flags'), join(corpus.root, 'corpus'), { recursive: true });
    cpSync(join(FIXTURES, 'flags'), join(corpus.root, 'fixtures'), { recursive: true });
    corpus.commitAllAt('chore: corpus', '2026-01-01T10:00:00Z', 'Corpus Author');
    const { withWorkTree, fromGit, keys } = await bothWays(corpus.root);
    assert.ok(keys > 50, `${keys} keys`);
    assert.deepEqual(withWorkTree, fromGit);
  });

  it('ties between files of one commit, line ends, calls over lines, attributes, later changes', async () => {
    const corners = TestRepo.init();
    // The same keys in several files of one commit: the first file in git's diff order dates them.
    for (const path of ['b/one.ts', 'a.ts', 'a/two.ts', 'a0.ts', 'a-b.ts', 'Z.ts', 'é.ts', 'with space.ts']) {
      corners.write(path, `export const x = unleash.isEnabled('shared-key');\nexport const y = ldClient.variation(FLAG_A, ctx, false);\n`);
    }
    corners.write('consts.ts', "export const FLAG_A = 'const-key';\n");
    corners.write('crlf.ts', "const a = unleash.isEnabled('crlf-key');\r\nconst b = 1;\r\n");
    corners.write('nofinal.ts', "const a = 1;\nunleash.isEnabled('last-line-key')");
    corners.write('split.ts', "unleash.isEnabled(\n  'split-key',\n  ctx,\n);\n");
    corners.write('destructure.tsx', 'const {\n  darkMode,\n  betaBanner,\n} = useFlags();\n');
    corners.write('binary.ts', "unleash.isEnabled('binary-key');\n");
    corners.write('driver.ts', "unleash.isEnabled('driver-key');\n");
    corners.write('texted.ts', "unleash.isEnabled('texted-key');\n");
    corners.write('later.ts', "unleash.isEnabled('later-key');\n");
    corners.write('min.js', `unleash.isEnabled('minified-key'); ${'x'.repeat(3000)}\n`);
    // Modified later so that an old line falls in a call's window: only the changed line is added.
    corners.write('window.ts', "export const pad = 1;\n  'window-key', ctx);\n");
    corners.write('.gitattributes', 'binary.ts -diff\ndriver.ts diff=cpp\ntexted.ts diff\n');
    corners.commitAllAt('feat: first', '2026-01-01T10:00:00Z', 'First');
    corners.write('a.ts', "export const x = unleash.isEnabled('shared-key');\nexport const z = unleash.isEnabled('second-key');\n");
    corners.write('window.ts', "unleash.isEnabled(\n  'window-key', ctx);\n");
    corners.write('new.py', 'if client.is_enabled("second-key"):\n    pass\nclient.is_enabled("py-key")\n');
    corners.write('newer.ts', "unleash.isEnabled('shared-key'); unleash.isEnabled('newer-key');\n");
    corners.commitAllAt('feat: second', '2026-02-01T10:00:00Z', 'Second');
    corners.write('third.ts', "unleash.isEnabled('third-key');\n");
    corners.commitAllAt('feat: third', '2026-03-01T10:00:00Z', 'Third');
    corners.write('later.ts', "unleash.isEnabled('later-key');\nunleash.isEnabled('uncommitted-key');\n");
    const { withWorkTree, fromGit, keys } = await bothWays(corners.root);
    assert.ok(keys >= 12, `${keys} keys`);
    assert.deepEqual(withWorkTree, fromGit);
    const ages = withWorkTree as Record<string, { file?: string; introducedBy: string }>;
    assert.equal(ages['shared-key']?.file, 'Z.ts');
    assert.equal(ages['last-line-key']?.introducedBy, 'First');
    assert.equal(ages['binary-key'], undefined);
    assert.equal(ages['newer-key']?.introducedBy, 'Second');
    assert.equal(ages['window-key'], undefined);
  });
});
