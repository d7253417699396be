// `release-hygiene lint-message [FILE|-]`: one message, from a file (commit-msg hook) or stdin.
import { relative, resolve, sep } from 'node:path';
import { messageReportFindings } from '../../core/report';
import { lintCommitMessage } from '../../core/commits';
import { findWorkTreeRoot, readCommentChar, readTextFile, readTextStream } from '../../node';
import { ExitCode } from '../exitCodes';
import { paint, useColor, write, type CliIo } from '../io';
import { isSharedFormat, writeSharedFormat, type SharedFormat } from '../report';
import { countFindings, effectPhrase, findingsJson, loadCliConfig, loadTrailerSettings, plural, type ConfigOptions } from '../lintSupport';
import { LineIndex } from '../../core/report/region';

export interface LintMessageOptions extends ConfigOptions {
  /** A path as the user wrote it (relative to the process's folder), `-` for stdin, or undefined (stdin when it is not a terminal). */
  readonly file: string | undefined;
  readonly format: 'text' | 'json' | SharedFormat;
  /** Folder whose repository supplies the config and `core.commentChar`. */
  readonly cwd: string;
}

export async function lintMessageCommand(options: LintMessageOptions, io: CliIo): Promise<number> {
  const fromStdin = options.file === undefined || options.file === '-';
  if (options.file === undefined && io.stdin.isTTY) {
    await write(io.stderr, 'release-hygiene: lint-message needs a FILE, or a message piped on stdin (see --help)\n');
    return ExitCode.InvalidUsage;
  }
  const input = fromStdin ? await readTextStream(io.stdin) : await readTextFile(resolve(io.cwd, options.file!));
  if (!input.ok) {
    await write(io.stderr, `release-hygiene: ${input.message}\n`);
    return fromStdin ? ExitCode.RuntimeFailure : ExitCode.InvalidUsage;
  }

  // Outside a repository (or without git) the message is still linted: config from the folder, `#` comments.
  // Only the root is needed here: found without a git process where the file system settles it.
  const workTree = await findWorkTreeRoot(options.cwd);
  const root = workTree ?? options.cwd;
  const config = await loadCliConfig(root, options, io);
  if (!config.ok) {
    await write(io.stderr, `release-hygiene: ${config.message}\n`);
    return ExitCode.InvalidUsage;
  }

  const trailers = await loadTrailerSettings(workTree, config.config, io);
  let commentChar: string | null = null;
  if (!fromStdin) {
    // A message file is what git hands a commit-msg hook: comments and the scissors section are not the message.
    // The trailer settings, when read, carry core.commentChar already: one git process, not two.
    if (trailers) commentChar = trailers.commentChar ?? '#';
    else {
      const configured = workTree !== undefined ? await readCommentChar(root) : undefined;
      commentChar = configured?.ok ? configured.value : '#';
    }
  }
  const text = input.text;
  const result = lintCommitMessage(text, { config: config.config, commentChar, ...(trailers ? { trailers } : {}) });
  const { errors, warnings } = countFindings(result.findings);
  const name = fromStdin ? '<stdin>' : options.file!;

  if (isSharedFormat(options.format)) {
    // Paths in the machine formats are relative to the repository root, as the other commands' are.
    const file = fromStdin ? undefined : relative(root, resolve(io.cwd, options.file!)).split(sep).join('/');
    await writeSharedFormat(options.format, messageReportFindings(text, result.findings, file), root, io);
  } else if (options.format === 'json') {
    const report = {
      file: fromStdin ? null : options.file,
      valid: result.valid,
      ignored: result.ignored,
      errorCount: errors,
      warningCount: warnings,
      releaseEffect: result.releaseEffect,
      header: result.parsed.header,
      findings: findingsJson(text, result.findings),
    };
    await write(io.stdout, `${JSON.stringify(report, null, 2)}\n`);
  } else {
    const color = paint(useColor(io));
    const positions = new LineIndex(text);
    let out = '';
    for (const finding of result.findings) {
      const { line, column } = positions.position(finding.start);
      const severity = finding.severity === 'error' ? color.red('error') : finding.severity === 'warning' ? color.yellow('warning') : 'info';
      out += `${name}:${line}:${column} ${severity} ${color.dim(finding.ruleId)} ${finding.message}\n`;
    }
    const effect = `release effect: ${effectPhrase(result)}`;
    if (result.ignored) out += `${color.green('✔')} ignored (not linted) · ${effect}\n`;
    else if (errors === 0 && warnings === 0) out += `${color.green('✔')} no problems · ${effect}\n`;
    else {
      const mark = errors > 0 ? color.red('✖') : color.yellow('⚠');
      out += `${mark} ${plural(errors, 'error')}, ${plural(warnings, 'warning')} · ${effect}\n`;
    }
    await write(io.stdout, out);
  }
  return result.valid ? ExitCode.Ok : ExitCode.Findings;
}
