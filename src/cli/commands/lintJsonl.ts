// `release-hygiene lint-message --jsonl`: a batch mode for tools. Reads `{"id", "message"}` lines from stdin as a
// stream and writes one result line per input line, in order, as it goes; input of any size never sits in memory.
import { once } from 'node:events';
import { StringDecoder } from 'node:string_decoder';
import { lintCommitVerdict, type ResolvedCommitLintConfig } from '../../core/commits';
import type { Finding } from '../../core/findings';
import { findWorkTreeRoot } from '../../node';
import { ExitCode } from '../exitCodes';
import { isBrokenPipe, ReaderGone, write, type CliIo } from '../io';
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
    // Stored messages: nothing is a comment (commentChar null), as for lint-commits. The verdict alone: a result
    // line prints no release effect, so none is computed (issue #13).
    const result = lintCommitVerdict(message, { config, commentChar: null });
    return verdictLine(id, result.valid, result.ignored, result.findings);
  } catch (error) {
    return JSON.stringify({ id, error: `line ${lineNumber}: lint failed: ${(error as Error).message}` });
  }
}

/**
 * `JSON.stringify({ id, valid, ignored, errors, warnings })` with the rule ids once each, in order, written
 * out by hand: the hot path of a batch, where the object, two Sets and two arrays per message showed in the
 * profile (issue #13). Same text: the keys in that order, every string through JSON.stringify.
 */
function verdictLine(id: unknown, valid: boolean, ignored: boolean, findings: readonly Finding[]): string {
  let errors = '';
  let warnings = '';
  for (let index = 0; index < findings.length; index++) {
    const finding = findings[index]!;
    if (finding.severity !== 'error' && finding.severity !== 'warning') continue;
    if (firstOfRule(findings, index)) {
      const quoted = JSON.stringify(finding.ruleId);
      if (finding.severity === 'error') errors = errors === '' ? quoted : `${errors},${quoted}`;
      else warnings = warnings === '' ? quoted : `${warnings},${quoted}`;
    }
  }
  return `{"id":${JSON.stringify(id)},"valid":${valid},"ignored":${ignored},"errors":[${errors}],"warnings":[${warnings}]}`;
}

/** Whether no earlier finding has this one's rule and severity (what the Sets kept out). Findings are few. */
function firstOfRule(findings: readonly Finding[], index: number): boolean {
  const { ruleId, severity } = findings[index]!;
  for (let earlier = 0; earlier < index; earlier++) {
    if (findings[earlier]!.ruleId === ruleId && findings[earlier]!.severity === severity) return false;
  }
  return true;
}

export async function lintJsonlCommand(options: LintJsonlOptions, io: CliIo): Promise<number> {
  // The config is read at the repository root, found without a git process where the file system settles it.
  const config = await loadCliConfig((await findWorkTreeRoot(options.cwd)) ?? options.cwd, options, io);
  if (!config.ok) {
    await write(io.stderr, `release-hygiene: ${config.message}\n`);
    return ExitCode.InvalidUsage;
  }
  const answered = await answerLines(io, config.config);
  if (answered.ok) return ExitCode.Ok;
  await write(io.stderr, `release-hygiene: reading stdin failed: ${answered.message}\n`);
  return ExitCode.RuntimeFailure;
}

/**
 * Splits a stream's text into lines exactly as readline (crlfDelay: Infinity) did before it, without its
 * per-chunk arrays and regular expression on the common chunk that holds no \r (issue #13): a line ends at \n,
 * \r\n or a lone \r; a \r\n split across two chunks is one break; the last line needs no line break.
 */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  /** The unfinished line the last chunk ended with. */
  private rest = '';
  /** The last chunk ended with \r: a \n that starts the next one belongs to that break. */
  private sawReturn = false;

  constructor(private readonly onLine: (line: string) => void) {}

  write(chunk: Buffer | string): void {
    if (chunk.length === 0) return; // a stream never emits one; readline would not see it
    let text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    if (this.sawReturn) {
      if (text.charCodeAt(0) === 10) text = text.slice(1);
      this.sawReturn = false;
    }
    if (text === '') return;
    if (text.indexOf('\r') === -1) {
      let end = text.indexOf('\n');
      if (end === -1) {
        this.rest += text;
        return;
      }
      let start = 0;
      if (this.rest !== '') {
        this.onLine(this.rest + text.slice(0, end));
        this.rest = '';
        start = end + 1;
        end = text.indexOf('\n', start);
      }
      while (end !== -1) {
        this.onLine(text.slice(start, end));
        start = end + 1;
        end = text.indexOf('\n', start);
      }
      this.rest = text.slice(start);
      return;
    }
    // Some \r: readline's own line ending, over the unfinished line and this chunk.
    text = this.rest + text;
    this.sawReturn = text.endsWith('\r');
    const lineEnding = /\r?\n|\r(?!\n)/g;
    let start = 0;
    for (let match = lineEnding.exec(text); match !== null; match = lineEnding.exec(text)) {
      this.onLine(text.slice(start, match.index));
      start = lineEnding.lastIndex;
    }
    this.rest = text.slice(start);
  }

  /** The end of the input: its last line, when it had no line break. */
  end(): void {
    if (this.rest !== '') this.onLine(this.rest);
    this.rest = '';
  }
}

/**
 * Answers every line of stdin, one stdout write per chunk of input rather than per line: the lines of one chunk
 * are answered synchronously, so their answers gather in a string that goes out on the next turn of the event
 * loop. A co-process (a tool that writes a line and waits for its answer) still gets each answer at once; a batch
 * makes a few hundred writes instead of one per message. stdout's backpressure pauses the input.
 */
function answerLines(io: CliIo, config: ResolvedCommitLintConfig): Promise<{ ok: true } | { ok: false; message: string }> {
  const input = io.stdin;
  return new Promise((resolveRun, rejectRun) => {
    let lineNumber = 0;
    let pending = '';
    let scheduled = false;
    let failed = false;
    let draining: Promise<void> = Promise.resolve();
    const flush = (): void => {
      scheduled = false;
      if (pending === '') return;
      const text = pending;
      pending = '';
      if (!io.stdout.write(text)) {
        input.pause();
        draining = once(io.stdout, 'drain').then(
          () => {
            input.resume();
          },
          (error: unknown) => {
            // The reader closed the pipe (`… | head`): stop reading; runCli ends quietly on ReaderGone.
            failed = true;
            stop();
            rejectRun(isBrokenPipe(error) ? new ReaderGone() : error);
          },
        );
      }
    };
    const finish = (outcome: { ok: true } | { ok: false; message: string }): void => {
      flush();
      void draining.then(() => resolveRun(outcome));
    };
    const lines = new LineSplitter((line) => {
      lineNumber++;
      if (line.trim() === '') return; // blank lines (e.g. a trailing one) are not records
      pending += `${lintJsonlLine(line, lineNumber, config)}\n`;
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });
    const onData = (chunk: Buffer | string): void => {
      if (!failed) lines.write(chunk);
    };
    const onEnd = (): void => {
      stop();
      if (failed) return;
      lines.end();
      finish({ ok: true });
    };
    const onError = (error: Error): void => {
      if (failed) return;
      failed = true;
      stop();
      finish({ ok: false, message: error.message });
    };
    const stop = (): void => {
      input.off('data', onData);
      input.off('end', onEnd);
      input.pause();
    };
    input.on('data', onData);
    input.on('end', onEnd);
    input.on('error', onError);
  });
}
