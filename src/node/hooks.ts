// The commit-msg hook that `release-hygiene install-hook` writes: where git looks for it (core.hooksPath or the
// common git folder's hooks/), and installing or removing it without ever touching a hook that is not ours.
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { findRepositoryRoot, readCommonGitDir, readHooksPath, type GitFailure } from './git';

/** The line that marks a hook as ours: uninstall and re-install touch only files that carry it. */
export const HOOK_MARKER = '# release-hygiene commit-msg hook';

export interface HookLocation {
  /** The hooks folder git uses for this repository. */
  readonly dir: string;
  /** `<dir>/commit-msg`. */
  readonly file: string;
  /** Where the folder came from: `core.hooksPath` or the default `<git common dir>/hooks`. */
  readonly source: 'core.hooksPath' | 'default';
}

/** Where git runs the commit-msg hook of the repository containing `cwd`. */
export async function locateCommitMsgHook(cwd: string): Promise<{ ok: true; value: HookLocation } | GitFailure> {
  const repository = await findRepositoryRoot(cwd);
  if (!repository.ok) return repository;
  const root = repository.value.root;
  const hooksPath = await readHooksPath(root);
  if (!hooksPath.ok) return hooksPath;
  if (hooksPath.value !== undefined) {
    // git runs hooks from the work tree's top level, so a relative core.hooksPath is relative to it.
    const dir = isAbsolute(hooksPath.value) ? hooksPath.value : resolve(root, hooksPath.value);
    return { ok: true, value: { dir, file: join(dir, 'commit-msg'), source: 'core.hooksPath' } };
  }
  // Hooks live in the common folder: a linked work tree uses the main repository's hooks.
  const common = await readCommonGitDir(root);
  if (!common.ok) return common;
  const dir = join(common.value, 'hooks');
  return { ok: true, value: { dir, file: join(dir, 'commit-msg'), source: 'default' } };
}

/** Single-quoted for sh: the path may hold spaces or `$`. */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * The hook script. It runs the CLI that installed it with the Node that ran it (a GUI git client's PATH may
 * have no `node`; the PATH's one is used when that Node is gone), and falls back to a `release-hygiene` on the PATH when that copy is gone. With neither,
 * it lets the commit through with a warning: a removed tool must not lock the user out of committing. The message
 * check opens no network connection, so the hook drops NODE_EXTRA_CA_CERTS (corporate proxies set it): Node 20
 * reads and parses that bundle, and its own roots, before any JavaScript runs.
 */
export function commitMsgHookScript(cliScript: string, nodeExecutable: string): string {
  return [
    '#!/bin/sh',
    HOOK_MARKER,
    '# Installed by `release-hygiene install-hook`; `release-hygiene uninstall-hook` removes it.',
    `cli=${shellQuote(cliScript)}`,
    `node=${shellQuote(nodeExecutable)}`,
    '[ -x "$node" ] || node=node',
    '# No network here: without this, Node 20 parses a set CA bundle at every commit (~50-70 ms; docs/benchmarks.md).',
    'unset NODE_EXTRA_CA_CERTS',
    'if [ -f "$cli" ]; then exec "$node" "$cli" lint-message "$1"; fi',
    'if command -v release-hygiene >/dev/null 2>&1; then exec release-hygiene lint-message "$1"; fi',
    'echo "release-hygiene: $cli is gone and no release-hygiene is on PATH; message not checked" >&2',
    'exit 0',
    '',
  ].join('\n');
}

export type InstallOutcome =
  | { readonly kind: 'installed'; readonly location: HookLocation; readonly backup?: string }
  | { readonly kind: 'updated'; readonly location: HookLocation }
  | { readonly kind: 'foreign-hook'; readonly location: HookLocation };

async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Writes the hook at `location`. A hook that is not ours is left alone (`foreign-hook`) unless `force`, which
 * first renames it to `commit-msg.release-hygiene-backup` so nothing the user wrote is lost. Throws on I/O errors.
 */
export async function installCommitMsgHook(location: HookLocation, script: string, force: boolean): Promise<InstallOutcome> {
  const existing = await readIfPresent(location.file);
  const ours = existing !== undefined && existing.includes(HOOK_MARKER);
  if (existing !== undefined && !ours && !force) return { kind: 'foreign-hook', location };
  await mkdir(location.dir, { recursive: true });
  let backup: string | undefined;
  if (existing !== undefined && !ours) {
    backup = `${location.file}.release-hygiene-backup`;
    await rename(location.file, backup);
  }
  await writeFile(location.file, script, { mode: 0o755 });
  await chmod(location.file, 0o755); // writeFile's mode applies only to a new file (and is masked by the umask)
  if (ours) return { kind: 'updated', location };
  return backup === undefined ? { kind: 'installed', location } : { kind: 'installed', location, backup };
}

export type UninstallOutcome =
  | { readonly kind: 'removed'; readonly location: HookLocation }
  | { readonly kind: 'absent'; readonly location: HookLocation }
  | { readonly kind: 'foreign-hook'; readonly location: HookLocation };

/** Removes the hook at `location` only when it is ours. Throws on I/O errors. */
export async function uninstallCommitMsgHook(location: HookLocation): Promise<UninstallOutcome> {
  const existing = await readIfPresent(location.file);
  if (existing === undefined) return { kind: 'absent', location };
  if (!existing.includes(HOOK_MARKER)) return { kind: 'foreign-hook', location };
  await rm(location.file);
  return { kind: 'removed', location };
}
