// The build's training run for the CLI's code caches (esbuild.mjs; src/cli/codeCache.ts reads them): each command
// bundle runs its most common command once on a small repository made here, as a user runs it (`node dist/cli.js
// …`, so the V8 flags the CLI sets are the flags the cache is made under), with tools/codeCacheCollector.cjs
// preloaded to write `dist/<bundle>.cache` when the command is done. Throws when a run fails or writes no cache.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { devNull, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const COLLECTOR = fileURLToPath(new URL('./codeCacheCollector.cjs', import.meta.url));

const MESSAGES = [
  'feat(parser): accept empty input',
  'fix: handle a missing config file\n\nThe loader fell over when the file vanished.\n\nFixes #12',
  'Fixed the thing.',
  'chore(deps): bump yaml from 2.3.0 to 2.4.0',
  'feat!: drop Node 18\n\nBREAKING CHANGE: Node 20 is the minimum.',
  'docs: explain the flags',
  'Merge branch "main" into feature',
  'refactor(core)!: split the engine',
  'WIP',
  'fix(ui): keep the focus on the input after a search',
];

/** The commands each bundle is trained with (one process per bundle: a cache is one process's compiled code). */
const RUNS = {
  'cliFlags.js': { args: ['flags'] },
  'cliRelease.js': { args: ['changelog'] },
  'cliLintJsonl.js': { args: ['lint-message', '--jsonl'], input: `${Array.from({ length: 8 }, () => MESSAGES).flat().map((message, id) => JSON.stringify({ id, message })).join('\n')}\n` },
  // The commit-msg hook: the CLI's most frequent run.
  'cliCommands.js': { args: ['lint-message', '.git/COMMIT_EDITMSG'] },
  'cliMigrations.js': { args: ['migrations'] },
  'cliSql.js': { args: ['check'] },
};

function fixtureRepository(dir, env) {
  const git = (...args) => execFileSync('git', ['-c', 'commit.gpgSign=false', '-c', 'tag.gpgSign=false', ...args], { cwd: dir, env, stdio: 'pipe' });
  const write = (file, text) => {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), text);
  };
  git('init', '--quiet', '--initial-branch=main');
  write('src/flags.ts', "export const client = { isEnabled: (key: string): boolean => key.length > 0 };\nexport const useFlag = (key: string): boolean => key !== '';\n");
  write('src/checkout.ts', "import { client } from './flags';\n\nexport function checkout(): string {\n  return client.isEnabled('new-checkout') ? 'new' : 'old';\n}\n");
  write('db/migrations/V1__users.sql', 'CREATE TABLE users (id bigint PRIMARY KEY, email text, legacy_name text);\n');
  git('add', '.');
  git('commit', '--quiet', '-m', 'feat(checkout): the new checkout behind a flag');
  git('tag', 'v0.1.0');
  write('src/search.ts', "import { useFlag } from './flags';\n\nconst SEARCH_FLAG = 'beta-search';\nexport const searchEnabled = (): boolean => useFlag(SEARCH_FLAG);\n");
  git('add', '.');
  git('commit', '--quiet', '-m', 'fix(search): debounce the search box\n\nCloses #4');
  write('db/migrations/V2__drop_legacy.sql', 'ALTER TABLE users DROP COLUMN legacy_name;\nALTER TABLE users RENAME COLUMN email TO email_address;\n');
  // The commonest statements of a migration besides those: an expand step (add, backfill, index), read by the
  // PostgreSQL fast path, whose functions then come from the cache rather than being compiled in every run.
  write('db/migrations/V3__display_name.sql', 'ALTER TABLE users ADD COLUMN display_name text;\nUPDATE users SET display_name = email_address WHERE display_name IS NULL;\nCREATE INDEX CONCURRENTLY users_display_name ON users (display_name);\n');
  write('.gitlab-ci.yml', 'test:\n  stage: test\n  script: npm test\ndeploy-production:\n  stage: deploy\n  environment: production\n  script: ./deploy.sh\n  allow_failure: true\n');
  git('add', '.');
  git('commit', '--quiet', '-m', 'feat(db): drop the legacy name');
  writeFileSync(join(dir, '.git', 'COMMIT_EDITMSG'), 'feat(search): rank exact matches first\n\nThe old order confused people.\n# Please enter the commit message for your changes.\n');
}

function run(node, cli, bundle, { args, input }, cwd, env) {
  return new Promise((resolveRun, rejectRun) => {
    const child = spawn(node, ['--require', COLLECTOR, cli, ...args], { cwd, env: { ...env, RH_CODE_CACHE_BUNDLES: bundle }, stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdin.end(input ?? '');
    child.on('error', rejectRun);
    child.on('close', (code) => {
      // 1 is a finding (a stale flag, an invalid message): a result, not a failure.
      if (code === 0 || code === 1) resolveRun();
      else rejectRun(new Error(`code cache training: release-hygiene ${args.join(' ')} exited with ${code}: ${stderr}`));
    });
  });
}

/** Writes dist/<bundle>.cache for each of `bundles` (file names in `dist`). */
export async function trainCodeCaches(dist, bundles) {
  const scratch = mkdtempSync(join(tmpdir(), 'rh-code-cache-'));
  try {
    // No user or system git configuration, no NODE_OPTIONS (V8 flags there would key the caches to this shell),
    // nothing that changes the CLI's V8 flags.
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: scratch,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: devNull,
      GIT_AUTHOR_NAME: 'Training',
      GIT_AUTHOR_EMAIL: 'training@example.invalid',
      GIT_COMMITTER_NAME: 'Training',
      GIT_COMMITTER_EMAIL: 'training@example.invalid',
      NO_COLOR: '1',
    };
    const repository = join(scratch, 'repo');
    mkdirSync(repository);
    fixtureRepository(repository, env);
    const cli = join(dist, 'cli.js');
    for (const bundle of bundles) {
      if (!RUNS[bundle]) throw new Error(`code cache training: no training run for ${bundle}`);
    }
    // Two at a time: the machines that build this have few cores.
    const queue = [...bundles];
    const worker = async () => {
      for (let bundle = queue.shift(); bundle !== undefined; bundle = queue.shift()) await run(process.execPath, cli, bundle, RUNS[bundle], repository, env);
    };
    await Promise.all([worker(), worker()]);
    const missing = bundles.filter((bundle) => !existsSync(join(dist, bundle.replace(/\.js$/, '.cache'))));
    if (missing.length > 0) throw new Error(`code cache training wrote no cache for ${missing.join(', ')}`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
