// Step 2 of the history pass runs beside step 1 (issue #16): each blob is decided when `git log --raw` first shows
// it, and the others are fed to one `git cat-file --batch` while the walk goes on. The ages must not depend on how
// far the walk got before step 2 began: a walk already done (the CLI's early walk, waited for), a walk just
// started (every blob arrives while step 2 listens), with the scan's work-tree bytes and without them, must all
// give the same ages. The history is generated: hundreds of commits writing flag calls over a few dozen files,
// blobs written at two paths (a file copied), files deleted and added again, and a work tree edited after HEAD.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { clearFlagAgeCache, computeFlagAges, scanWorkspaceFlags, takeWorkTreeSnapshot } from '../../../src/node/flags';
import { startHistoryEarly } from '../../../src/node/flags/ages';
import { isolatedGitEnv, TestRepo, useIsolatedGit } from './gitFixture';
import { seededRandom as random } from '../seededRandom';

const COMMITS = 400;
const PATHS = Array.from({ length: 36 }, (_, i) => `src/${['a', 'b', 'c'][i % 3]}/file${i}.${['ts', 'js', 'py', 'go'][i % 4]}`);

/** A fast-import stream of COMMITS commits on main: each writes, copies or deletes a few of PATHS. */
function history(seed: number): { stream: string; last: Map<string, string> } {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const files = new Map<string, string>();
  const line = (): string => {
    const key = `stream-${Math.floor(next() * 60)}`;
    return pick([
      `if (unleash.isEnabled('${key}')) run();`,
      `const v = ldClient.variation("${key}", ctx, false);`,
      `// ${key} is mentioned here without a call`,
      `let unrelated = ${Math.floor(next() * 1000)};`,
      `client.getBooleanValue(\n  '${key}',\n  false,\n);`,
    ]);
  };
  const chunks: string[] = [];
  for (let commit = 1; commit <= COMMITS; commit++) {
    const ops: string[] = [];
    for (let change = 0, changes = 1 + Math.floor(next() * 3); change < changes; change++) {
      const path = pick(PATHS);
      const roll = next();
      if (roll < 0.1 && files.has(path)) {
        files.delete(path);
        ops.push(`D ${path}`);
      } else if (roll < 0.2 && files.size > 0) {
        // The same bytes at a second path: one blob, two paths.
        const [from, text] = pick([...files]);
        const to = pick(PATHS);
        if (to === from) continue;
        files.set(to, text);
        ops.push(`M 100644 inline ${to}`, `data ${Buffer.byteLength(text)}`, text);
      } else {
        const text = `${files.get(path) ?? ''}${line()}\n`;
        files.set(path, text);
        ops.push(`M 100644 inline ${path}`, `data ${Buffer.byteLength(text)}`, text);
      }
    }
    const when = 1_700_000_000 + commit * 3600;
    const message = `chore: change ${commit}`;
    chunks.push(
      'commit refs/heads/main',
      `author Gen <gen@example.com> ${when} +0000`,
      `committer Gen <gen@example.com> ${when} +0000`,
      `data ${Buffer.byteLength(message)}`,
      message,
      ...ops,
      '',
    );
  }
  return { stream: `${chunks.join('\n')}\n`, last: files };
}

describe('flags (node): step 2 beside step 1', function () {
  this.timeout(180_000);
  useIsolatedGit(); // also removes every TestRepo after the suite

  it('the same ages whether the walk is done, just started, with or without the work tree', async () => {
    const repo = TestRepo.init();
    const { stream } = history(11);
    execFileSync('git', ['fast-import', '--quiet'], { cwd: repo.root, env: isolatedGitEnv(), input: stream });
    repo.git('checkout', '--quiet', '--force', 'main');
    // The work tree after HEAD: one file edited (its blob is no longer HEAD's), one new and untracked.
    repo.write('src/a/file0.ts', "if (unleash.isEnabled('stream-edited')) run();\n");
    repo.write('src/new/untracked.ts', "if (unleash.isEnabled('stream-3')) run();\n");

    const scan = await scanWorkspaceFlags(repo.root, { keepWorkTreeBytes: true });
    const keys = [...new Set(Object.values(scan.files).flatMap((f) => f.callSites.map((s) => s.key)))];
    assert.ok(keys.length > 30, `${keys.length} keys`);

    const agesWith = async (how: 'early walk done' | 'walk just started' | 'without the work tree'): Promise<unknown> => {
      clearFlagAgeCache();
      const snapshot = how === 'without the work tree' ? undefined : takeWorkTreeSnapshot(scan);
      let early;
      if (how === 'early walk done') {
        early = startHistoryEarly(repo.root);
        const started = await early.walk;
        assert.ok(started, 'the early walk started');
        assert.ok((await started.live.done).ok, 'the early walk ended');
      }
      const result = await computeFlagAges(repo.root, { keys, ...(snapshot ? { workTree: snapshot } : {}), ...(early ? { early } : {}) });
      assert.ok(result.ok, JSON.stringify(result));
      // --diff-filter=AM leaves out the commits that only delete: most of the history, never all of it.
      assert.ok(result.commitsRead > COMMITS * 0.8 && result.commitsRead <= COMMITS, `${result.commitsRead} commits read`);
      return { ages: result.ages, commitsRead: result.commitsRead };
    };
    const done = await agesWith('early walk done');
    const started = await agesWith('walk just started');
    const fromGit = await agesWith('without the work tree');
    assert.deepEqual(started, done);
    assert.deepEqual(fromGit, done);
    // Not a trivial history: keys were first called in many different commits.
    const commits = new Set(Object.values((done as { ages: Record<string, { commit: string }> }).ages).map((age) => age.commit));
    assert.ok(commits.size > 20, `${commits.size} introducing commits`);
    clearFlagAgeCache();
  });
});
