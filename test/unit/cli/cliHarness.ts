// Runs the BUILT CLI (dist/cli.js) as a child process, as users and hooks do.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const CLI = join(PROJECT_ROOT, 'dist', 'cli.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.(ts|json)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds dist/cli.js with the project's esbuild script when it is missing or older than a source file. */
export function ensureBuilt(): void {
  let built = 0;
  try {
    built = statSync(CLI).mtimeMs;
  } catch {
    built = 0;
  }
  const sources = Math.max(newestSource(join(PROJECT_ROOT, 'src')), statSync(join(PROJECT_ROOT, 'package.json')).mtimeMs);
  if (built > sources) return;
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: PROJECT_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
}

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv; input?: string | Buffer }): CliRun {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd,
    env: options.env,
    input: options.input ?? '',
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Asserts the exit code, showing both streams when it is another. */
export function expectExit(run: CliRun, code: number): void {
  assert.equal(run.status, code, `exit ${run.status}, expected ${code}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`);
}
