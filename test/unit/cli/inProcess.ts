// Runs the CLI in this process (`runCli` of src/cli/run, no build needed) with its output captured: for tests
// that need the engine's module state, such as the flag age cache, or many quick runs.
import { PassThrough } from 'node:stream';
import { runCli } from '../../../src/cli/run';
import type { CliIo } from '../../../src/cli/io';

export interface InProcessRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCliInProcess(args: readonly string[], cwd: string, env: CliIo['env']): Promise<InProcessRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const code = await runCli(args, { stdin: new PassThrough(), stdout, stderr, env, cwd });
  return { code, stdout: out, stderr: err };
}
