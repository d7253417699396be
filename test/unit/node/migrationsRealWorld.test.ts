// The real-world migrations corpus (test/fixtures/real-world/migrations, provenance in its README.md): ten public
// projects' migrations, their real release history replayed into a fresh git repository (replayHistory: one commit
// and one semver tag per real release), then checked as `release-hygiene migrations` does (checkMigrations, the
// node entry point of the CLI, with Kestra's folder passed as PATH). Every finding must be exactly the reviewed
// table beside this file (migrationsRealWorld.reviewed.json, one verdict and reason each; docs/compatibility.md
// "Migrations: real-world corpus" has the summary): a new false positive, or a true positive lost, fails.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkMigrations } from '../../../src/node/migrations';
import { useIsolatedGit } from './gitFixture';
import { findingKey, MIGRATIONS_CORPUS, replayHistory } from './migrationsCorpus';

interface Reviewed {
  /** Migration files the check reads. */
  readonly files: number;
  /** `severity rule file:line table.column` → "right: …", "wrong: …" (false positive) or "missed: …" (see $comment). */
  readonly findings: Record<string, string>;
  /** What a release engineer would flag that the tool does not report at all → why. */
  readonly missed: Record<string, string>;
}

const REVIEWED = Object.fromEntries(Object.entries(JSON.parse(readFileSync(join(import.meta.dirname, 'migrationsRealWorld.reviewed.json'), 'utf8')) as Record<string, unknown>).filter(([name]) => !name.startsWith('$'))) as Record<string, Reviewed>;

/** Folders whose migrations the default globs do not find: the CLI is given the folder (see the corpus README). */
const PATHS: Record<string, readonly string[]> = { 'kestra-io__kestra': ['jdbc-postgres/src/main/resources/migrations/postgres'] };

describe('migrations: the real-world corpus, its release history replayed, checked as the CLI does', function () {
  this.timeout(120_000);
  useIsolatedGit();

  it('every folder of the corpus has a reviewed entry, and every entry a folder', () => {
    const folders = readdirSync(MIGRATIONS_CORPUS, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    assert.deepEqual(folders, Object.keys(REVIEWED).sort());
  });

  it('every verdict is right, wrong or missed with a reason, and missed only for information', () => {
    for (const [repository, reviewed] of Object.entries(REVIEWED)) {
      for (const [key, verdict] of Object.entries(reviewed.findings)) {
        assert.match(verdict, /^(right|wrong|missed): \S/, `${repository} ${key}`);
        if (verdict.startsWith('missed')) assert.ok(key.startsWith('information '), `${repository} ${key}: only a drop judged safe can be a miss`);
        if (verdict.startsWith('wrong')) assert.ok(!key.startsWith('information '), `${repository} ${key}: a false positive is a reported finding`);
      }
    }
  });

  it('at most 5 % of the reported findings are reviewed as false positives (precision >= 95 %)', () => {
    const reported = Object.values(REVIEWED).flatMap((r) => Object.entries(r.findings).filter(([key]) => !key.startsWith('information ')));
    const wrong = reported.filter(([, verdict]) => verdict.startsWith('wrong'));
    assert.ok(wrong.length / reported.length <= 0.05, `precision ${(1 - wrong.length / reported.length).toFixed(3)}: ${wrong.map(([k]) => k).join(', ')}`);
  });

  for (const [repository, reviewed] of Object.entries(REVIEWED)) {
    it(`${repository}: exactly the reviewed findings`, async () => {
      const folder = join(MIGRATIONS_CORPUS, repository);
      const repo = replayHistory(folder);
      const check = await checkMigrations({ root: repo.root, ...(PATHS[repository] ? { paths: PATHS[repository] } : {}) });
      assert.equal(check.gitAvailable, true);
      assert.equal(check.files.length, reviewed.files);
      const texts = new Map(check.files.map((f) => [f.path, f.text]));
      const found = check.result.findings.map((f) => findingKey(f, texts.get(f.file) ?? ''));
      const messages = check.result.findings.map((f) => `${findingKey(f, texts.get(f.file) ?? '')}: ${f.message}`).join('\n');
      assert.deepEqual([...found].sort(), Object.keys(reviewed.findings).sort(), messages);
      assert.deepEqual(check.result.suppressed, []);
    });
  }
});
