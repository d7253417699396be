// Ages of keys read through constants by brackets, nested constants objects, useFlags() destructuring and
// Python f-string fields, over REAL git repositories with back-dated commits: a constant that moved keeps its age,
// a definition changed to a new key dates the new key.
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeWorkspaceFlags, clearFlagAgeCache } from '../../../src/node/flags';
import { TestRepo, useIsolatedGit } from './gitFixture';

const NOW = '2026-06-01T12:00:00Z';

const constants = (checkout: string): string =>
  [
    'export const FLAGS = {',
    "  'legacy-search': 'legacy-search-2024',",
    "  search: { legacy: 'search-legacy', 'new-ranking': 'ranking-v3' },",
    `  checkout: '${checkout}',`,
    '} as const;',
    '',
  ].join('\n');

describe('flags (node): ages of bracket, nested and useFlags() keys', function () {
  this.timeout(30_000);
  useIsolatedGit();
  let repo: TestRepo;

  before(() => {
    repo = TestRepo.init();
    repo.write('src/flags.ts', constants('checkout-v1'));
    repo.commitAllAt('feat: flag constants', '2026-01-05T10:00:00Z', 'Alice');
    repo.write(
      'src/search.ts',
      [
        "import { FLAGS } from './flags';",
        "export const legacy = client.isEnabled(FLAGS['legacy-search']);",
        'export const ranked = client.isEnabled(FLAGS.search["new-ranking"]);',
        'export const nested = ldClient.variation(FLAGS.search.legacy, ctx, false);',
        'export const pay = unleash.isEnabled(FLAGS.checkout);',
        '',
      ].join('\n'),
    );
    repo.commitAllAt('feat: search flags', '2026-01-20T10:00:00Z', 'Bob');
    repo.write(
      'src/App.tsx',
      [
        "import { useFlags } from 'launchdarkly-react-client-sdk';",
        'export function App() {',
        '  const {',
        '    darkMode,',
        '    newNav: nav,',
        '  } = useFlags();',
        '  const { legacySearch2024 } = useFlags();',
        '  return darkMode && nav && legacySearch2024;',
        '}',
        '',
      ].join('\n'),
    );
    repo.commitAllAt('feat: react flags', '2026-02-10T10:00:00Z', 'Carol');
    // A call inside an f-string field: history must read the key inside the outer string.
    repo.write('svc/report.py', 'print(f"report: {posthog.feature_enabled(\'report-v2\', uid)}")\n');
    repo.commitAllAt('feat: report flag', '2026-02-20T10:00:00Z', 'Fay');
    // The constants move to another folder (same names, same keys): every key keeps its age.
    rmSync(join(repo.root, 'src/flags.ts'));
    repo.write('src/constants/flags.ts', constants('checkout-v1'));
    repo.write('src/search.ts', readFileSync(join(repo.root, 'src/search.ts'), 'utf8').replace("'./flags'", "'./constants/flags'"));
    repo.commitAllAt('refactor: move the flag constants', '2026-03-15T10:00:00Z', 'Dana');
    // The definition changes to a new key: the new key is as old as the change, not as the call line.
    repo.write('src/constants/flags.ts', constants('checkout-v2'));
    repo.commitAllAt('feat: checkout v2', '2026-04-20T10:00:00Z', 'Erin');
  });
  beforeEach(() => clearFlagAgeCache());
  after(() => clearFlagAgeCache());

  it('every form is dated by its first call site; a moved constant keeps it; a changed definition resets it', async () => {
    const result = await analyzeWorkspaceFlags(repo.root, { now: NOW });
    assert.ok(result.ok);
    const table = Object.fromEntries(
      result.value.flags.map((f) => [f.key, `${f.introducedAt?.slice(0, 10)} ${f.introducedBy} ${f.status} ${f.references.map((r) => `${r.file}:${r.line}`).join(',')}`]),
    );
    assert.deepEqual(table, {
      'legacy-search-2024': '2026-01-20 Bob stale src/App.tsx:7,src/search.ts:2',
      'ranking-v3': '2026-01-20 Bob stale src/search.ts:3',
      'search-legacy': '2026-01-20 Bob stale src/search.ts:4',
      darkMode: '2026-02-10 Carol stale src/App.tsx:4',
      newNav: '2026-02-10 Carol stale src/App.tsx:5',
      'checkout-v2': '2026-04-20 Erin expired src/search.ts:5',
      'report-v2': '2026-02-20 Fay stale svc/report.py:1',
    });
  });
});
