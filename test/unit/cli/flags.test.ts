// `release-hygiene flags` end to end (runCli in process) on a real temporary repository with back-dated commits.
import assert from 'node:assert/strict';
import { ExitCode } from '../../../src/cli/exitCodes';
import { runCliInProcess, type InProcessRun } from './inProcess';
import { clearFlagAgeCache } from '../../../src/node/flags';
import { TestRepo, useIsolatedGit } from '../node/gitFixture';

// 2026-06-01T00:00:00Z: "now" for every run.
const EPOCH = String(Date.parse('2026-06-01T00:00:00Z') / 1000);

function cli(args: string[], cwd: string): Promise<InProcessRun> {
  return runCliInProcess(args, cwd, { SOURCE_DATE_EPOCH: EPOCH });
}

describe('release-hygiene flags', function () {
  this.timeout(30_000);
  useIsolatedGit();
  let repo: TestRepo;
  before(() => {
    repo = TestRepo.init();
    repo.write('web/app.tsx', "if (unleash.isEnabled('old-flag')) {}\n");
    repo.commitAllAt('feat: old flag', '2026-03-01T00:00:00Z', 'A. Author');
    repo.write('web/app.tsx', "if (unleash.isEnabled('old-flag')) {}\nconst v = ldClient.variation('young-flag', ctx, false);\n");
    repo.write('svc/main.py', 'if client.is_enabled("young-flag"):\n    pass\n');
    repo.commitAllAt('feat: young flag', '2026-05-20T00:00:00Z', 'B. Author');
  });
  beforeEach(() => clearFlagAgeCache());

  it('--format json: the issue §4 shape, files relative to the root, 1-based lines; exit 1 on a stale flag', async () => {
    const { code, stdout } = await cli(['flags', '--format', 'json'], `${repo.root}/web`);
    assert.equal(code, ExitCode.Findings);
    assert.deepEqual(JSON.parse(stdout), {
      flags: [
        {
          key: 'old-flag',
          provider: 'unleash',
          references: [{ file: 'web/app.tsx', line: 1, column: 23 }],
          introducedAt: '2026-03-01T00:00:00+00:00',
          introducedBy: 'A. Author',
          ageDays: 92,
          status: 'stale',
          expiresAt: '2026-03-31',
        },
        {
          key: 'young-flag',
          provider: 'unleash',
          references: [
            { file: 'svc/main.py', line: 1, column: 22 },
            { file: 'web/app.tsx', line: 2, column: 30 },
          ],
          introducedAt: '2026-05-20T00:00:00+00:00',
          introducedBy: 'B. Author',
          ageDays: 12,
          status: 'ok',
          expiresAt: '2026-06-19',
        },
      ],
    });
  });

  it('--stale-days / --expire-days move the gate: nothing stale → exit 0; text output names status and origin', async () => {
    const { code, stdout } = await cli(['flags', '--cwd', repo.root, '--stale-days', '100'], repo.root);
    assert.equal(code, ExitCode.Ok);
    assert.match(stdout, /^expired +old-flag \(unleash\) · 1 reference · web\/app\.tsx:1:23$/m);
    assert.match(stdout, /added 3 months ago \(2026-03-01 by A\. Author, [0-9a-f]{8}\); expires 2026-03-31, stale from 2026-06-09 per the default policy/);
    assert.match(stdout, /^2 flags: 0 stale, 1 expired$/m);
    const strict = await cli(['flags', '--cwd', repo.root, '--expire-days', '1', '--stale-days', '5', '--format', 'json'], repo.root);
    assert.equal(strict.code, ExitCode.Findings);
    assert.deepEqual(JSON.parse(strict.stdout).flags.map((f: { status: string }) => f.status), ['stale', 'stale']);
  });

  it('usage errors exit 2', async () => {
    for (const args of [['flags', '--expire-days', 'abc'], ['flags', '--expire-days', '30', '--stale-days', '10'], ['flags', '--format', 'xml'], ['flags', 'extra']]) {
      const { code, stderr } = await cli(args, repo.root);
      assert.equal(code, ExitCode.InvalidUsage, args.join(' '));
      assert.match(stderr, /release-hygiene: /);
    }
  });

  it('--help describes the command', async () => {
    const { code, stdout } = await cli(['flags', '--help'], repo.root);
    assert.equal(code, ExitCode.Ok);
    assert.match(stdout, /Usage: release-hygiene flags/);
  });
});
