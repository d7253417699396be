// Real temporary git repositories for tests (no mocks): every call runs the real `git` binary.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const scratch: string[] = [];

/** A fresh temporary folder, removed by `removeScratch`. */
export function scratchDir(prefix = 'rh-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}

export function removeScratch(): void {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * The environment for git in tests: no global config of the machine (HOME and XDG_CONFIG_HOME point at an empty
 * folder; simple-git strips GIT_CONFIG_GLOBAL-style variables, so that alone would not do), a fixed identity,
 * and none of the GIT_DIR-style variables a hook would set (they would point at this repository).
 */
export function isolatedGitEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  for (const name of Object.keys(env)) {
    if (/^GIT_/.test(name)) delete env[name];
  }
  const home = scratchDir('rh-home-');
  const globalConfig = join(home, '.gitconfig');
  writeFileSync(globalConfig, '');
  return {
    ...env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: globalConfig,
    GIT_AUTHOR_NAME: 'Test Author',
    GIT_AUTHOR_EMAIL: 'test@example.invalid',
    GIT_COMMITTER_NAME: 'Test Author',
    GIT_COMMITTER_EMAIL: 'test@example.invalid',
  };
}

/** Applies `isolatedGitEnv` to this process (for in-process simple-git calls); returns a restore function. */
export function isolateProcessGitEnv(): () => void {
  const saved = { ...process.env };
  const env = isolatedGitEnv(saved);
  for (const name of Object.keys(process.env)) if (!(name in env)) delete process.env[name];
  Object.assign(process.env, env);
  return () => {
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
  };
}

/** Mocha hooks for the enclosing describe: git isolated from the machine's config, scratch folders removed after. */
export function useIsolatedGit(): void {
  let restore: (() => void) | undefined;
  before(() => {
    restore = isolateProcessGitEnv();
  });
  after(() => {
    restore?.();
    removeScratch();
  });
}

export class TestRepo {
  private clock = 1_700_000_000;

  constructor(
    readonly root: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  static init(env: NodeJS.ProcessEnv = isolatedGitEnv()): TestRepo {
    const root = scratchDir('rh-repo-');
    const repo = new TestRepo(root, env);
    repo.git('init', '--quiet', '--initial-branch=main');
    return repo;
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.root, env: this.env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /** Commits exactly `message` (no cleanup) with a tiny change; returns the new commit's hash. */
  commit(message: string, file = 'file.txt'): string {
    this.clock += 60;
    const path = join(this.root, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${this.clock}\n`, { flag: 'a' });
    execFileSync('git', ['add', '--', file], { cwd: this.root, env: this.env });
    const date = `${this.clock} +0000`;
    execFileSync('git', ['-c', 'commit.gpgSign=false', 'commit', '--quiet', '--no-verify', '--cleanup=verbatim', '--allow-empty-message', '-F', '-'], {
      cwd: this.root,
      env: { ...this.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
      input: message,
    });
    return this.git('rev-parse', 'HEAD').trim();
  }

  /**
   * Commits every change in the work tree (`git add -A`) back-dated to `date` (ISO 8601; author and committer),
   * optionally as another author; returns the new commit's hash.
   */
  commitAllAt(message: string, date: string, author = 'Test Author'): string {
    execFileSync('git', ['add', '-A'], { cwd: this.root, env: this.env });
    execFileSync('git', ['-c', 'commit.gpgSign=false', 'commit', '--quiet', '--no-verify', '--allow-empty', '-m', message], {
      cwd: this.root,
      env: { ...this.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_AUTHOR_NAME: author },
    });
    return this.git('rev-parse', 'HEAD').trim();
  }

  write(file: string, content: string | Uint8Array): string {
    const path = join(this.root, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    return path;
  }
}

/** Whether a process with this id still runs (signal 0 only asks). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls `condition` every 50 ms, `attempts` times at most; its last answer. */
export async function until(condition: () => boolean, attempts = 100): Promise<boolean> {
  for (let attempt = 0; attempt < attempts && !condition(); attempt++) await new Promise((done) => setTimeout(done, 50));
  return condition();
}
