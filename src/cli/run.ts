// argv → command → exit code. Commands write through CliIo and return their code; only main.ts sets it.
import { realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { version } from '../../package.json';
import type { CommitsFormat } from './commands/lintCommits';
import {
  CHANGELOG_HELP,
  CHECK_HELP,
  FLAGS_HELP,
  INSTALL_HOOK_HELP,
  MIGRATIONS_HELP,
  NEXT_VERSION_HELP,
  PIPELINES_HELP,
} from './commands/help';
// The commands' code is loaded when one runs: dist/cli.js itself holds the parsing and the help (issue #13).
import { loadCommands, loadFlagsCommands, loadLintJsonlCommands, loadMigrationsCommands, loadReleaseCommands, loadSqlCommands } from './commandsLoader';
import { CAPABILITIES, type Capability } from '../core/report/types';
import { ExitCode } from './exitCodes';
import { isReaderGone, write, type CliIo } from './io';
import { jsConfigRefusedByEnvironment } from './jsConfigPolicy';

const EXIT_CODES = `Exit codes:
  0  no errors (warnings allowed), or nothing to lint
  1  error findings: in the linted message(s), or a stale flag, an unsafe migration, a skippable gate
  2  invalid usage: unknown command or option, bad value, missing input, unknown revision, unreadable --config/FILE
  3  runtime failure: not a git repository, git not installed, git or I/O failure`;

const CONFIG_HELP = `Configuration: the repository's commitlint config (.commitlintrc*, commitlint.config.*, package.json#commitlint);
JS/TS configs are read statically when they are plain objects, and imported otherwise. Without one,
@commitlint/config-conventional applies (built in).
  --config FILE     use this config file instead of searching the repository
  --no-js-config    never execute JavaScript/TypeScript configs (built-in defaults instead); the same with
                    RELEASE_HYGIENE_NO_JS_CONFIG=1 in the environment (CI on untrusted pull requests)`;

export const HELP: Readonly<Record<'main' | 'check' | 'lint-message' | 'lint-commits' | 'demo' | 'next-version' | 'changelog' | 'flags' | 'pipelines' | 'migrations' | 'install-hook' | 'uninstall-hook', string>> = {
  check: CHECK_HELP,
  'install-hook': INSTALL_HOOK_HELP,
  'uninstall-hook': INSTALL_HOOK_HELP,
  migrations: MIGRATIONS_HELP,
  flags: FLAGS_HELP,
  pipelines: PIPELINES_HELP,
  'next-version': NEXT_VERSION_HELP,
  changelog: CHANGELOG_HELP,
  main: `release-hygiene ${version}: release checks where the change is written: commit messages, the next
release, stale feature flags, unsafe migrations and skippable pipeline gates, as one CI gate or one by one.

Usage:
  release-hygiene check [--only LIST] [--skip LIST] [--from REF] [--to REF] [--format F]   every check, one exit code
  release-hygiene lint-message [FILE|-] [--format F]           lint one message (commit-msg hook)
  release-hygiene lint-message --jsonl                         lint JSON Lines from stdin (batch)
  release-hygiene lint-commits [--from REF] [--to REF] [--format text|json|github|sarif|gitlab]
  release-hygiene demo [DIR]                                   create a demo repository and lint it
  release-hygiene next-version [--from REF] [--to REF] [--format text|json]      the next version and why
  release-hygiene changelog [--from REF] [--to REF] [--write FILE] [--format markdown|json]
  release-hygiene flags [--format F] [--expire-days N] [--stale-days N]   feature flags by age; exit 1 when stale
  release-hygiene pipelines [--format F]                       skippable gates in CI configuration
  release-hygiene migrations [PATH...] [--dialect D] [--format F]   unsafe column drops and renames
  release-hygiene install-hook [--force]                       a commit-msg hook running lint-message
  release-hygiene uninstall-hook                               remove that hook (only ours)
  release-hygiene --help | --version
  release-hygiene COMMAND --help

Formats (F): text, json, github, sarif (SARIF 2.1.0), gitlab (Code Quality); see docs/ci.md#output-formats.
Configuration for every capability: .release-hygiene.yaml (.yml, .json) at the repository root.

Common options:
  --cwd DIR         work in DIR instead of the current folder
${CONFIG_HELP.split('\n').slice(3).join('\n')}

${EXIT_CODES}
`,
  'lint-message': `Usage: release-hygiene lint-message [FILE|-] [--format text|json|github|sarif|gitlab] [--cwd DIR] [--config FILE] [--no-js-config]
       release-hygiene lint-message --jsonl [--cwd DIR] [--config FILE] [--no-js-config]

Lints one commit message: FILE (e.g. .git/COMMIT_EDITMSG), or stdin with "-" or when stdin is not a terminal.
For a FILE, lines starting with core.commentChar (default "#") and everything below the scissors line are not
part of the message, as git strips them. Stdin is linted as is.

As a commit-msg hook: release-hygiene install-hook writes one (see install-hook --help), or by hand in
.git/hooks/commit-msg:
  #!/bin/sh
  exec npx --no -- release-hygiene lint-message "$1"

--format text   file:line:col severity rule-id message lines, then a summary with the release effect (default)
--format json   one JSON object: valid, ignored, counts, releaseEffect, findings with line/column
--format github|sarif|gitlab   GitHub annotations, SARIF 2.1.0, GitLab Code Quality (docs/ci.md#output-formats);
                the FILE's path relative to the repository root; a message from stdin has no file

--jsonl: batch mode for tools. Reads one {"id": ..., "message": "..."} object per line from stdin, as a stream,
and writes one line per record, in order: {"id", "valid", "ignored", "errors": [rule ids], "warnings": [rule ids]}.
A line that is not such an object gives {"id": null, "error": "..."} (id kept when readable) and the run goes on.
Blank lines are skipped. Exit code 0 even when messages are invalid (the verdicts are the data); 2/3 for usage/IO.

${CONFIG_HELP}

${EXIT_CODES}
`,
  'lint-commits': `Usage: release-hygiene lint-commits [--from REF] [--to REF] [--format text|json|github|sarif|gitlab] [--cwd DIR] [--config FILE] [--no-js-config]

Lints the commits of a range, as commitlint --from/--to: the commits reachable from --to (default HEAD) and not
from --from; without --from, all commits reachable from --to. Merge commits and ignored messages (reverts,
fixup!, bare versions, ...) are reported as ignored. A shallow clone gets a warning: history may be incomplete.
An empty repository prints "no commits to lint" and exits 0.

--format text     commits with findings and a summary with the release effect of the range (default)
--format json     one JSON object with every commit and a summary
--format github   GitHub Actions annotations: ::error title=<rule>::<hash> <header>: <message>
--format sarif    SARIF 2.1.0; commit findings have a logical location (the commit), no file
--format gitlab   GitLab Code Quality report; commit findings are placed at the path "."

In GitHub Actions (actions/checkout with fetch-depth: 0):
  npx release-hygiene lint-commits --from \${{ github.event.pull_request.base.sha }} --to HEAD --format github

${CONFIG_HELP}

${EXIT_CODES}
`,
  demo: `Usage: release-hygiene demo [DIR]

Creates a small git repository with a mix of good and bad commits (in DIR, which must be new or empty, or in a
new temporary folder, printed), then runs lint-commits on it. Exits 0 when the demo ran: the errors it shows are
the point of the demo (lint-commits itself exits 1 on them). Exit 2 if DIR is not empty, 3 if git is missing.
`,
};

class UsageError extends Error {}

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  cwd: { type: 'string' },
  config: { type: 'string' },
  'no-js-config': { type: 'boolean' },
  format: { type: 'string' },
  jsonl: { type: 'boolean' },
  from: { type: 'string' },
  to: { type: 'string' },
  write: { type: 'string' },
  'tag-format': { type: 'string' },
  path: { type: 'string' },
  prerelease: { type: 'string' },
  'initial-version': { type: 'string' },
  'first-parent': { type: 'boolean' },
  'expire-days': { type: 'string' },
  'stale-days': { type: 'string' },
  dialect: { type: 'string' },
  only: { type: 'string' },
  skip: { type: 'string' },
  force: { type: 'boolean' },
} as const;

type OptionName = keyof typeof OPTIONS;

const ALLOWED: Readonly<Record<string, readonly OptionName[]>> = {
  check: ['help', 'cwd', 'config', 'no-js-config', 'format', 'from', 'to', 'only', 'skip'],
  'lint-message': ['help', 'cwd', 'config', 'no-js-config', 'format', 'jsonl'],
  'lint-commits': ['help', 'cwd', 'config', 'no-js-config', 'format', 'from', 'to'],
  demo: ['help', 'cwd'],
  'next-version': ['help', 'cwd', 'format', 'from', 'to', 'tag-format', 'path', 'prerelease', 'initial-version', 'first-parent'],
  changelog: ['help', 'cwd', 'format', 'from', 'to', 'write', 'tag-format', 'path', 'prerelease', 'initial-version', 'first-parent'],
  flags: ['help', 'cwd', 'format', 'expire-days', 'stale-days'],
  pipelines: ['help', 'cwd', 'format'],
  migrations: ['help', 'cwd', 'format', 'dialect'],
  'install-hook': ['help', 'cwd', 'force'],
  'uninstall-hook': ['help', 'cwd'],
};

function parse(argv: readonly string[]): { values: Partial<Record<OptionName, string | boolean>>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
    return { values: values as Partial<Record<OptionName, string | boolean>>, positionals };
  } catch (error) {
    // parseArgs messages name the option: "Unknown option '--x'", "Option '--from <value>' argument missing"
    const lines = (error as Error).message.split('\n');
    const first = lines[0]!.replace(/\. To specify a positional.*$/, '');
    // A value that starts with a dash (a tag named --help or -x) must be attached: keep parseArgs' hint for it.
    const dash = lines.find((line) => line.startsWith('To specify an option argument starting with a dash'));
    throw new UsageError(dash === undefined ? first : `${first} ${dash.replace('To specify', 'to give')}`);
  }
}

function oneOf<T extends string>(value: string | boolean | undefined, allowed: readonly T[], fallback: T, name: string): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
}

function nonEmpty(value: string | boolean | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} needs a value`);
  return value;
}

/** `--cwd` must name a folder: a file or a typo would otherwise pass a CI gate with "0 flags" or "no pipeline files". */
function assertFolder(path: string): void {
  let isFolder: boolean;
  try {
    isFolder = statSync(path).isDirectory();
  } catch {
    throw new UsageError(`--cwd ${path}: no such folder`);
  }
  if (!isFolder) throw new UsageError(`--cwd ${path} is not a folder`);
}

/** `--only commits,flags`: a comma list of known capabilities. */
function capabilityList(value: string | boolean | undefined, name: 'only' | 'skip'): Capability[] | undefined {
  const list = nonEmpty(value, name);
  if (list === undefined) return undefined;
  const items = list.split(',').map((item) => item.trim()).filter((item) => item !== '');
  for (const item of items) {
    if (!(CAPABILITIES as readonly string[]).includes(item)) throw new UsageError(`--${name}: unknown capability ${JSON.stringify(item)} (capabilities: ${CAPABILITIES.join(', ')})`);
  }
  if (items.length === 0) throw new UsageError(`--${name} needs a comma-separated list of capabilities (${CAPABILITIES.join(', ')})`);
  return items as Capability[];
}

const FINDING_FORMATS = ['text', 'json', 'github', 'sarif', 'gitlab'] as const;

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** Runs the CLI for `argv` (without node and the script) and resolves to the exit code. Never rejects. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    // Like git and other filters: a closed reader ends the run without a message; the answer was not read.
    if (isReaderGone(error)) return ExitCode.RuntimeFailure;
    if (error instanceof UsageError) {
      await write(io.stderr, `release-hygiene: ${error.message}\nRun "release-hygiene --help" for usage.\n`);
      return ExitCode.InvalidUsage;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    await write(io.stderr, `release-hygiene: internal error: ${detail}\n`);
    return ExitCode.RuntimeFailure;
  }
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv);
  const [command, ...rest] = positionals;
  if (command === undefined) {
    if (values.version) {
      await write(io.stdout, `${version}\n`);
      return ExitCode.Ok;
    }
    if (values.help) {
      await write(io.stdout, HELP.main);
      return ExitCode.Ok;
    }
    await write(io.stderr, HELP.main);
    return ExitCode.InvalidUsage;
  }
  const allowed = ALLOWED[command];
  if (!allowed) throw new UsageError(`unknown command "${command}" (commands: check, lint-message, lint-commits, next-version, changelog, flags, pipelines, migrations, install-hook, uninstall-hook, demo)`);
  for (const name of Object.keys(values) as OptionName[]) {
    if (!allowed.includes(name)) throw new UsageError(`${command} does not take --${name}`);
  }
  if (values.help) {
    await write(io.stdout, HELP[command as keyof typeof HELP]);
    return ExitCode.Ok;
  }
  const cwd = resolve(io.cwd, nonEmpty(values.cwd, 'cwd') ?? '.');
  if (values.cwd !== undefined && command !== 'demo') assertFolder(cwd);
  const configFile = nonEmpty(values.config, 'config');
  const noJsConfig = values['no-js-config'] === true || jsConfigRefusedByEnvironment(io.env);
  const config = { ...(configFile !== undefined ? { configFile: resolve(io.cwd, configFile) } : {}), noJsConfig };

  switch (command) {
    case 'check': {
      if (rest.length > 0) throw new UsageError(`check takes no arguments (got ${JSON.stringify(rest[0])}); use --cwd`);
      const only = capabilityList(values.only, 'only');
      const skip = capabilityList(values.skip, 'skip') ?? [];
      if (only !== undefined && skip.length > 0) throw new UsageError('--only and --skip exclude each other');
      const { checkCommand } = await loadSqlCommands();
      return checkCommand({
        cwd,
        format: oneOf(values.format, FINDING_FORMATS, 'text', 'format'),
        ...optional('from', nonEmpty(values.from, 'from')),
        ...optional('to', nonEmpty(values.to, 'to')),
        ...optional('only', only),
        skip,
        ...config,
      }, io);
    }
    case 'lint-message': {
      if (rest.length > 1) throw new UsageError(`lint-message takes one FILE, got ${rest.length}`);
      if (values.jsonl) {
        if (values.format !== undefined) throw new UsageError('--jsonl writes JSON Lines; it takes no --format');
        if (rest.length === 1 && rest[0] !== '-') throw new UsageError('--jsonl reads stdin; it takes no FILE');
        return (await loadLintJsonlCommands()).lintJsonlCommand({ cwd, ...config }, io);
      }
      const format = oneOf(values.format, FINDING_FORMATS, 'text', 'format');
      const file = rest[0];
      return (await loadCommands()).lintMessageCommand({ file, format, cwd, ...config }, io);
    }
    case 'lint-commits': {
      if (rest.length > 0) throw new UsageError(`lint-commits takes no arguments (got ${JSON.stringify(rest[0])}); use --from/--to`);
      const format: CommitsFormat = oneOf(values.format, FINDING_FORMATS, 'text', 'format');
      const from = nonEmpty(values.from, 'from');
      const to = nonEmpty(values.to, 'to');
      return (await loadCommands()).lintCommitsCommand({ ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}), cwd, format, ...config }, io);
    }
    case 'next-version':
    case 'changelog': {
      if (rest.length > 0) throw new UsageError(`${command} takes no arguments (got ${JSON.stringify(rest[0])})`);
      const release = {
        cwd,
        ...optional('from', nonEmpty(values.from, 'from')),
        ...optional('to', nonEmpty(values.to, 'to')),
        ...optional('path', nonEmpty(values.path, 'path')),
        ...optional('tagFormat', nonEmpty(values['tag-format'], 'tag-format')),
        ...optional('prerelease', nonEmpty(values.prerelease, 'prerelease')),
        ...optional('initialVersion', nonEmpty(values['initial-version'], 'initial-version')),
        firstParent: values['first-parent'] === true,
      };
      if (release.tagFormat !== undefined && release.tagFormat.split('${version}').length !== 2) {
        throw new UsageError('--tag-format must contain ${version} exactly once, e.g. v${version} or pkg@${version}');
      }
      if (release.initialVersion !== undefined && !/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/.test(release.initialVersion)) {
        throw new UsageError(`--initial-version must be a semantic version such as 0.1.0 or 1.0.0 (got ${JSON.stringify(release.initialVersion)})`);
      }
      if (release.prerelease !== undefined && !/^[0-9A-Za-z-]+$/.test(release.prerelease)) {
        throw new UsageError(`--prerelease must be an identifier such as rc or beta (got ${JSON.stringify(release.prerelease)})`);
      }
      if (command === 'next-version') {
        return (await loadReleaseCommands()).nextVersionCommand({ ...release, format: oneOf(values.format, ['text', 'json'] as const, 'text', 'format') }, io);
      }
      const file = nonEmpty(values.write, 'write');
      const format = oneOf(values.format, ['markdown', 'json'] as const, 'markdown', 'format');
      return (await loadReleaseCommands()).changelogCommand({ ...release, format, ...optional('write', file !== undefined ? resolve(io.cwd, file) : undefined) }, io);
    }
    case 'flags': {
      if (rest.length > 0) throw new UsageError(`flags takes no arguments (got ${JSON.stringify(rest[0])})`);
      const days = (name: 'expire-days' | 'stale-days'): number | undefined => {
        const value = nonEmpty(values[name], name);
        if (value === undefined) return undefined;
        if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a whole number of days (got ${JSON.stringify(value)})`);
        return Number(value);
      };
      const expireDays = days('expire-days');
      const staleDays = days('stale-days');
      if (expireDays !== undefined && staleDays !== undefined && staleDays < expireDays) {
        throw new UsageError(`--stale-days (${staleDays}) must not be below --expire-days (${expireDays})`);
      }
      const format = oneOf(values.format, FINDING_FORMATS, 'text', 'format');
      return (await loadFlagsCommands()).flagsCommand({ cwd, format, ...optional('expireDays', expireDays), ...optional('staleDays', staleDays) }, io);
    }
    case 'migrations': {
      const format = oneOf(values.format, FINDING_FORMATS, 'text', 'format');
      const dialect = values.dialect === undefined ? undefined : oneOf(values.dialect, ['postgres', 'mysql', 'sqlite'] as const, 'postgres', 'dialect');
      const { migrationsCommand } = await loadMigrationsCommands();
      return migrationsCommand({ cwd, paths: rest, format, ...optional('dialect', dialect) }, io);
    }
    case 'pipelines': {
      if (rest.length > 0) throw new UsageError(`pipelines takes no arguments (got ${JSON.stringify(rest[0])}); use --cwd`);
      return (await loadCommands()).pipelinesCommand({ cwd, format: oneOf(values.format, FINDING_FORMATS, 'text', 'format') }, io);
    }
    case 'install-hook':
    case 'uninstall-hook': {
      if (rest.length > 0) throw new UsageError(`${command} takes no arguments (got ${JSON.stringify(rest[0])}); use --cwd`);
      if (command === 'uninstall-hook') return (await loadCommands()).uninstallHookCommand({ cwd }, io);
      if (io.script === undefined) throw new Error('the CLI script path is unknown: the hook would have nothing to run');
      // The real file: a node_modules/.bin entry may be a symlink (npm) or a shell shim (pnpm), not a script.
      const cliScript = realpathSync(resolve(io.cwd, io.script));
      return (await loadCommands()).installHookCommand({ cwd, force: values.force === true, cliScript, nodeExecutable: io.execPath ?? 'node' }, io);
    }
    default: {
      if (rest.length > 1) throw new UsageError(`demo takes at most one DIR, got ${rest.length}`);
      return (await loadCommands()).demoCommand({ dir: rest[0], cwd }, io);
    }
  }
}
