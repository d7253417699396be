// `release-hygiene install-hook` and `uninstall-hook`: the commit-msg hook that runs `lint-message "$1"`.
import { relative } from 'node:path';
import { commitMsgHookScript, installCommitMsgHook, locateCommitMsgHook, uninstallCommitMsgHook, type HookLocation } from '../../node';
import { ExitCode } from '../exitCodes';
import { write, type CliIo } from '../io';

export { INSTALL_HOOK_HELP } from './help';

export interface HookCliOptions {
  readonly cwd: string;
  readonly force: boolean;
  /** The CLI script the hook will run (this one) and the Node that runs it. */
  readonly cliScript: string;
  readonly nodeExecutable: string;
}

function shown(location: HookLocation, cwd: string): string {
  const path = relative(cwd, location.file);
  return path === '' || path.startsWith('..') ? location.file : path;
}

async function locate(cwd: string, io: CliIo): Promise<HookLocation | undefined> {
  const location = await locateCommitMsgHook(cwd);
  if (location.ok) return location.value;
  await write(io.stderr, `release-hygiene: ${location.message}\n`);
  return undefined;
}

export async function installHookCommand(options: HookCliOptions, io: CliIo): Promise<number> {
  const location = await locate(options.cwd, io);
  if (location === undefined) return ExitCode.RuntimeFailure;
  const where = shown(location, options.cwd);
  let outcome;
  try {
    outcome = await installCommitMsgHook(location, commitMsgHookScript(options.cliScript, options.nodeExecutable), options.force);
  } catch (error) {
    await write(io.stderr, `release-hygiene: could not write ${where}: ${(error as Error).message}\n`);
    return ExitCode.RuntimeFailure;
  }
  const via = location.source === 'core.hooksPath' ? ' (core.hooksPath)' : '';
  switch (outcome.kind) {
    case 'foreign-hook':
      await write(io.stderr, `release-hygiene: ${where} exists and is not ours; left unchanged (--force replaces it, keeping a backup)\n`);
      return ExitCode.Findings;
    case 'updated':
      await write(io.stdout, `updated the commit-msg hook ${where}${via}\n`);
      return ExitCode.Ok;
    default:
      await write(io.stdout, `installed the commit-msg hook ${where}${via}${outcome.backup !== undefined ? `; the previous hook is ${shown({ ...location, file: outcome.backup }, options.cwd)}` : ''}\n`);
      return ExitCode.Ok;
  }
}

export async function uninstallHookCommand(options: { readonly cwd: string }, io: CliIo): Promise<number> {
  const location = await locate(options.cwd, io);
  if (location === undefined) return ExitCode.RuntimeFailure;
  const where = shown(location, options.cwd);
  let outcome;
  try {
    outcome = await uninstallCommitMsgHook(location);
  } catch (error) {
    await write(io.stderr, `release-hygiene: could not remove ${where}: ${(error as Error).message}\n`);
    return ExitCode.RuntimeFailure;
  }
  switch (outcome.kind) {
    case 'foreign-hook':
      await write(io.stderr, `release-hygiene: ${where} is not ours; left in place\n`);
      return ExitCode.Findings;
    case 'absent':
      await write(io.stdout, `no commit-msg hook at ${where}; nothing to remove\n`);
      return ExitCode.Ok;
    default:
      await write(io.stdout, `removed the commit-msg hook ${where}\n`);
      return ExitCode.Ok;
  }
}
