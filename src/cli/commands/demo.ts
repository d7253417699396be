// `release-hygiene demo [DIR]`: the README quick start. Builds a small repository with good and bad commits,
// then lints it. Exits 0 when the demo ran: the red findings are the point, not a failure of the command.
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { simpleGit } from 'simple-git';
import { ExitCode } from '../exitCodes';
import { write, type CliIo } from '../io';
import { lintCommitsCommand } from './lintCommits';

export interface DemoOptions {
  readonly dir: string | undefined;
  readonly cwd: string;
}

interface DemoCommit {
  readonly file: string;
  readonly message: string;
}

/** Oldest first. Fixed identity and dates: the demo repository has the same hashes everywhere. */
export const DEMO_COMMITS: readonly DemoCommit[] = [
  { file: 'README.md', message: 'chore: initial commit\n' },
  { file: 'src/parser.js', message: 'feat(parser): support scoped package names\n' },
  { file: 'src/parser.js', message: 'fix: handle an empty input\n\nThe parser returned undefined for "".\n\nCloses #12\n' },
  { file: 'README.md', message: 'Update README\n' },
  { file: 'src/cli.js', message: 'fix(cli): Print the usage on unknown flags.\n' },
  { file: 'docs/guide.md', message: 'docs: explain every configuration option of the parser, the cli, the plugins and the many exotic settings\n' },
  { file: 'src/api.js', message: 'feat(api)!: drop the callback interface\n\nBREAKING CHANGE: use the promise API instead.\n' },
  { file: 'deps.txt', message: 'chore(deps): bump yaml to 2.9.1\n' },
];

async function isEmptyOrMissing(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

export async function demoCommand(options: DemoOptions, io: CliIo): Promise<number> {
  let dir: string;
  if (options.dir !== undefined) {
    dir = resolve(options.cwd, options.dir);
    if (!(await isEmptyOrMissing(dir))) {
      await write(io.stderr, `release-hygiene: ${dir} is not empty; give a new or empty folder\n`);
      return ExitCode.InvalidUsage;
    }
  } else {
    dir = await mkdtemp(join(tmpdir(), 'release-hygiene-demo-'));
  }
  try {
    await mkdir(dir, { recursive: true });
    await createDemoRepository(dir);
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    const reason = /ENOENT/.test(text) && /spawn/.test(text) ? 'git is not installed or not on PATH' : text.trim().split('\n')[0];
    await write(io.stderr, `release-hygiene: cannot create the demo repository in ${dir}: ${reason}\n`);
    return ExitCode.RuntimeFailure;
  }
  await write(io.stdout, `Created a demo repository with ${DEMO_COMMITS.length + 2} commits in ${dir}\n\n$ release-hygiene lint-commits --cwd ${dir}\n`);
  const code = await lintCommitsCommand({ cwd: dir, format: 'text', noJsConfig: true }, io);
  if (code === ExitCode.Findings) {
    await write(
      io.stdout,
      '\nThe errors above are the point of the demo: in CI, `release-hygiene lint-commits` exits 1 here and fails the job.\n' +
        'Try `release-hygiene lint-commits --format github` in a workflow, or install a commit-msg hook:\n' +
        '  printf \'#!/bin/sh\\nexec npx release-hygiene lint-message "$1"\\n\' > .git/hooks/commit-msg && chmod +x .git/hooks/commit-msg\n',
    );
    return ExitCode.Ok;
  }
  return code;
}

/** The demo's fixed identity; simple-git passes GIT_* variables only when allowed by name. */
const DEMO_ENV_ALLOWED = {
  GIT_AUTHOR_NAME: 'Demo Author',
  GIT_AUTHOR_EMAIL: 'demo@example.invalid',
  GIT_COMMITTER_NAME: 'Demo Author',
  GIT_COMMITTER_EMAIL: 'demo@example.invalid',
  GIT_AUTHOR_DATE: '',
  GIT_COMMITTER_DATE: '',
} as const;

async function createDemoRepository(dir: string): Promise<void> {
  // Only what git needs to run: no GIT_DIR-style variables (inside a hook they point at the user's repository)
  // and no EDITOR/askpass programs (simple-git refuses those, and the demo never needs them).
  const env: Record<string, string | undefined> = {};
  for (const name of ['PATH', 'Path', 'HOME', 'USERPROFILE', 'SYSTEMROOT', 'TMPDIR', 'TEMP', 'TMP', 'LANG', 'LC_ALL', 'XDG_CONFIG_HOME']) {
    if (process.env[name] !== undefined) env[name] = process.env[name];
  }
  const identity = DEMO_ENV_ALLOWED;
  let clock = Date.UTC(2025, 0, 6, 9, 0, 0) / 1000;
  const git = (...args: string[]): Promise<string> => {
    clock += 3600;
    const date = `${clock} +0000`;
    return simpleGit({ baseDir: dir, allowEnvironment: Object.keys(DEMO_ENV_ALLOWED) })
      .env({ ...env, ...identity, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date })
      .raw(['-c', 'commit.gpgSign=false', ...args]);
  };
  const commit = (message: string): Promise<string> => git('commit', '--quiet', '--no-verify', '--cleanup=verbatim', '-m', message);

  await git('init', '--quiet', '--initial-branch=main');
  let n = 0;
  for (const { file, message } of DEMO_COMMITS) {
    n++;
    const path = join(dir, file);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, `change ${n}\n`, { flag: 'a' });
    await git('add', '--', file);
    await commit(message);
    if (n === 3) {
      // A feature branch merged with --no-ff: the merge commit is reported as ignored.
      await git('switch', '--quiet', '-c', 'feature/banner');
      await writeFile(join(dir, 'src', 'banner.js'), 'export const banner = "hi";\n');
      await git('add', '--', 'src/banner.js');
      await commit('feat(cli): print a banner on start\n');
      await git('switch', '--quiet', 'main');
      await git('merge', '--quiet', '--no-ff', '--no-edit', '--no-verify', 'feature/banner');
    }
  }
}
