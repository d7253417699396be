// Lone CR line ends (classic Mac): the commands that report lines count them as the editor does, and as `check`
// does, so a finding stands on the same line everywhere.
import assert from 'node:assert/strict';
import { runCliInProcess } from './inProcess';
import { TestRepo, useIsolatedGit } from '../node/gitFixture';

describe('CLI: lines counted as the editor counts them (lone CR)', function () {
  this.timeout(60_000);
  useIsolatedGit();

  it('migrations and check put a drop after two comment lines on line 3', async () => {
    const repo = TestRepo.init();
    repo.write('migrations/001_drop.sql', '-- one\r-- two\rALTER TABLE users DROP COLUMN email;\r');
    repo.commitAllAt('feat: drop email', '2026-01-01T10:00:00Z');
    const env = { SOURCE_DATE_EPOCH: '1767261600' };
    const migrations = await runCliInProcess(['migrations', '--format', 'json'], repo.root, env);
    const finding = (JSON.parse(migrations.stdout) as { findings: Array<{ rule: string; line: number; column: number }> }).findings[0];
    assert.deepEqual([finding?.rule, finding?.line, finding?.column], ['drop-column', 3, 31]);
    const check = await runCliInProcess(['check', '--only', 'migrations', '--format', 'json'], repo.root, env);
    const regions = (JSON.parse(check.stdout) as { findings: Array<{ startLine: number; startColumn: number }> }).findings.map((f) => [f.startLine, f.startColumn]);
    assert.deepEqual(regions, [[3, 31]]);
  });
});
