// `release-hygiene lint-message --jsonl`: a batch mode for tools. Reads `{"id", "message"}` lines from stdin as a
// stream and writes one result line per input line, in order, as it goes; input of any size never sits in memory.
import { createInterface } from 'node:readline';
import { lintCommitMessage, type ResolvedCommitLintConfig } from '../../core/commits';
import { findWorkTreeRoot } from '../../node';
import { ExitCode } from '../exitCodes';
import { write, type CliIo } from '../io';
import { loadCliConfig, type ConfigOptions } from '../lintSupport';

export interface LintJsonlOptions extends ConfigOptions {
  readonly cwd: string;
}

/** The result line for one input line. Exported for tests and for other batch front ends. */
export function lintJsonlLine(line: string, lineNumber: number, config: ResolvedCommitLintConfig): string {
  try {
    return answer(line, lineNumber, config);
  } catch {
    // JSON.parse reads any depth, but echoing an id nested 100,000 deep overflows JSON.stringify's stack.
    return JSON.stringify({ id: null, error: `line ${lineNumber}: "id" is nested too deeply to echo` });
  }
}

function answer(line: string, lineNumber: number, config: ResolvedCommitLintConfig): string {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch (error) {
    return JSON.stringify({ id: null, error: `line ${lineNumber}: invalid JSON: ${(error as Error).message}` });
  }
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    return JSON.stringify({ id: null, error: `line ${lineNumber}: expected an object {"id", "message"}` });
  }
  const { id = null, message } = record as { id?: unknown; message?: unknown };
  if (typeof message !== 'string') {
    return JSON.stringify({ id, error: `line ${lineNumber}: "message" must be a string` });
  }
  try {
    // Stored messages: nothing is a comment (commentChar null), as for lint-commits.
    const result = lintCommitMessage(message, { config, commentChar: null });
    const errors = new Set<string>();
    const warnings = new Set<string>();
    for (const finding of result.findings) {
      if (finding.severity === 'error') errors.add(finding.ruleId);
      else if (finding.severity === 'warning') warnings.add(finding.ruleId);
    }
    return JSON.stringify({ id, valid: result.valid, ignored: result.ignored, errors: [...errors], warnings: [...warnings] });
  } catch (error) {
    return JSON.stringify({ id, error: `line ${lineNumber}: lint failed: ${(error as Error).message}` });
  }
}

export async function lintJsonlCommand(options: LintJsonlOptions, io: CliIo): Promise<number> {
  // The config is read at the repository root, found without a git process where the file system settles it.
  const config = await loadCliConfig((await findWorkTreeRoot(options.cwd)) ?? options.cwd, options, io);
  if (!config.ok) {
    await write(io.stderr, `release-hygiene: ${config.message}\n`);
    return ExitCode.InvalidUsage;
  }
  // readline splits on \n and \r\n alike; crlfDelay keeps a \r\n split across chunks one line break.
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity, terminal: false });
  let lineNumber = 0;
  try {
    for await (const line of lines) {
      lineNumber++;
      if (line.trim() === '') continue; // blank lines (e.g. a trailing one) are not records
      // Each answer goes out at once, so a tool can write a line and wait for its answer (co-process use).
      await write(io.stdout, `${lintJsonlLine(line, lineNumber, config.config)}\n`);
    }
  } catch (error) {
    await write(io.stderr, `release-hygiene: reading stdin failed: ${(error as Error).message}\n`);
    return ExitCode.RuntimeFailure;
  }
  return ExitCode.Ok;
}
