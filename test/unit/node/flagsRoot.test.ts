// analyzeWorkspaceFlags reads the scan, the registry and the policy at the root the file system names while git
// answers (issue #16). Proven against the former order, git first: with a git discovery variable set
// (GIT_CEILING_DIRECTORIES empty, which changes nothing for git) the analysis asks git before reading anything,
// and every result must be the same, in a repository, a subfolder, through a symlink, outside a repository, and
// with git missing, where the guessed root is wrong and everything is read again at the folder.
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCliInProcess, type InProcessRun } from '../cli/inProcess';
import { analyzeWorkspaceFlags, clearFlagAgeCache } from '../../../src/node/flags';
import type { AnalyzeFlagsOptions } from '../../../src/node/flags';
import { scratchDir, TestRepo, useIsolatedGit } from './gitFixture';

const NOW = '2026-06-01T12:00:00Z';

/** The result, and the roots `policyAt` was asked for. */
async function analyse(cwd: string, formerOrder: boolean): Promise<{ result: unknown; policyRoots: string[] }> {
  clearFlagAgeCache();
  const policyRoots: string[] = [];
  const options: AnalyzeFlagsOptions = {
    now: NOW,
    // A policy that depends on the root: a wrong root would show in the statuses.
    policyAt: async (root) => {
      policyRoots.push(root);
      return root.endsWith('web') ? { expireDays: 1, staleDays: 2 } : { expireDays: 30, staleDays: 60 };
    },
  };
  const saved = process.env['GIT_CEILING_DIRECTORIES'];
  if (formerOrder) process.env['GIT_CEILING_DIRECTORIES'] = '';
  try {
    return { result: await analyzeWorkspaceFlags(cwd, options), policyRoots };
  } finally {
    if (saved === undefined) delete process.env['GIT_CEILING_DIRECTORIES'];
    else process.env['GIT_CEILING_DIRECTORIES'] = saved;
  }
}

describe('flags (node): the root read alongside git, against git first', function () {
  this.timeout(60_000);
  useIsolatedGit();
  let repo: TestRepo;

  before(() => {
    repo = TestRepo.init();
    repo.write('web/app.tsx', "if (unleash.isEnabled('web-flag')) {}\n");
    repo.write('svc/main.py', 'if client.is_enabled("svc-flag"):\n    pass\n');
    repo.write('.release-hygiene/flags.yaml', 'flags:\n  - key: svc-flag\n    permanent: true\n');
    repo.commitAllAt('feat: two flags', '2026-03-01T00:00:00Z', 'A. Author');
    repo.write('web/new.ts', "ldClient.variation('uncommitted-flag', ctx, false);\n");
  });

  const same = async (cwd: string): Promise<{ result: unknown; policyRoots: string[] }> => {
    const former = await analyse(cwd, true);
    const alongside = await analyse(cwd, false);
    assert.deepEqual(alongside.result, former.result);
    assert.equal(alongside.policyRoots.at(-1), former.policyRoots.at(-1), 'the policy of the same root applies');
    return alongside;
  };

  it('at the root and in a subfolder: the repository root, every flag, the same ages', async () => {
    for (const cwd of [repo.root, join(repo.root, 'web')]) {
      const { result, policyRoots } = await same(cwd);
      assert.ok((result as { ok: boolean }).ok);
      const value = (result as { value: { root: string; flags: Array<{ key: string; ageDays: number | null }> } }).value;
      assert.deepEqual(value.flags.map((flag) => `${flag.key} ${flag.ageDays}`).sort(), ['svc-flag 92', 'uncommitted-flag null', 'web-flag 92']);
      // Read once: the root the file system named was git's.
      assert.equal(policyRoots.length, 1);
    }
  });

  it('through a symlink: git names the real path, and so does the walk', async () => {
    const link = join(scratchDir('rh-flag-link-'), 'link');
    symlinkSync(repo.root, link);
    const { policyRoots } = await same(join(link, 'web'));
    assert.equal(policyRoots.length, 1);
  });

  it('outside a repository: the folder, a warning, no history', async () => {
    const dir = scratchDir('rh-flag-plain-');
    writeFileSync(join(dir, 'a.ts'), "unleash.isEnabled('plain');\n");
    const { result } = await same(dir);
    assert.match(JSON.stringify(result), /not a git repository: flag ages are unknown/);
  });

  it('git missing: the guessed repository root is wrong, and the folder is read again', async () => {
    const saved = process.env['PATH'];
    const emptyBin = scratchDir('rh-no-git-');
    mkdirSync(join(emptyBin, 'bin'));
    process.env['PATH'] = join(emptyBin, 'bin');
    try {
      const { result, policyRoots } = await same(join(repo.root, 'web'));
      const value = (result as { value: { root: string; warnings: string[]; flags: Array<{ key: string; status: string }> } }).value;
      assert.equal(value.root, join(repo.root, 'web'));
      assert.match(value.warnings.join('\n'), /no flag ages: git is not installed/);
      // Only the folder is scanned, with its own policy, as when git was asked first.
      assert.deepEqual(value.flags.map((flag) => flag.key).sort(), ['uncommitted-flag', 'web-flag']);
      assert.deepEqual(policyRoots, [repo.root, join(repo.root, 'web')]);
    } finally {
      process.env['PATH'] = saved;
    }
  });
});

describe('release-hygiene flags: the configuration file read alongside the scan', function () {
  this.timeout(60_000);
  useIsolatedGit();

  it('its warnings come first, then the analysis warnings; its policy applies, --stale-days over it', async () => {
    const repo = TestRepo.init();
    repo.write('web/app.tsx', "if (unleash.isEnabled('web-flag')) {}\n");
    repo.write('.release-hygiene.yaml', 'flags:\n  expireDays: 10\n  staleDays: 20\n  unknownKey: 1\n');
    repo.write('.release-hygiene/flags.yaml', 'flags:\n  - permanent: true\n');
    repo.commitAllAt('feat: a flag', '2026-05-01T00:00:00Z');
    const run = (args: string[]): Promise<InProcessRun> => runCliInProcess(args, join(repo.root, 'web'), { SOURCE_DATE_EPOCH: String(Date.parse(NOW) / 1000) });
    const configured = await run(['flags']);
    const lines = configured.stderr.trim().split('\n');
    assert.ok(lines.length >= 2, configured.stderr);
    assert.match(lines[0]!, /^release-hygiene: warning: \.release-hygiene\.yaml: /);
    assert.match(lines.at(-1)!, /^warning: \.release-hygiene\/flags\.yaml: /);
    // 31 days old: stale under the file's 20 days.
    assert.match(configured.stdout, /^stale/);
    assert.equal(configured.code, 1);
    const overridden = await run(['flags', '--stale-days', '40', '--expire-days', '35']);
    assert.match(overridden.stdout, /^ok/);
    assert.equal(overridden.stderr, configured.stderr);
  });
});
