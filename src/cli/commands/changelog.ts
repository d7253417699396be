// `release-hygiene changelog`: the Markdown section of the next release, printed or inserted at the top of a file.
import { writeFile } from 'node:fs/promises';
import { insertChangelogSection, renderChangelog } from '../../core/release';
import { readTextFile } from '../../node';
import { ExitCode } from '../exitCodes';
import { write, type CliIo } from '../io';
import { loadForCli, nextVersionJson, releaseDate, RELEASE_OPTIONS_HELP, type ReleaseCliOptions } from './nextVersion';

export interface ChangelogCliOptions extends ReleaseCliOptions {
  readonly format: 'markdown' | 'json';
  /** Absolute path of the file to insert the section into. */
  readonly write?: string;
}

export const CHANGELOG_HELP = `Usage: release-hygiene changelog [--from REF] [--to REF] [--write FILE] [--format markdown|json] [options]

Prints the changelog section of the next release, laid out like conventional-changelog's conventionalcommits preset:
"## [version](compare link) (date)", then ⚠ BREAKING CHANGES, Features, Bug Fixes, Performance Improvements and
Reverts (other types hidden), scopes in bold, short hashes and #123 references linked for GitHub, GitLab and
Bitbucket remotes. The date is today (UTC), or SOURCE_DATE_EPOCH when set.

--write FILE      insert the section at the top of FILE (below a leading "# Title" and its intro), creating it if
                  needed; running it again does not duplicate (a section for the same version is detected)
--format markdown the section (default)
--format json     {"version", "date", "compareUrl", "sections": [{"title", "entries"}], "markdown", "plan": {...}}

${RELEASE_OPTIONS_HELP}

Exit codes: 0 done (also when nothing would be released), 2 bad option or unknown --from/--to, 3 not a repository,
git missing, git failure or FILE cannot be written.
`;

export async function changelogCommand(options: ChangelogCliOptions, io: CliIo): Promise<number> {
  const loaded = await loadForCli(options, io);
  if (!loaded.ok) {
    if (loaded.noCommits) await write(io.stderr, 'release-hygiene: no commits yet: no changelog to write\n');
    return loaded.code;
  }
  const { plan, host, sections, head } = loaded.context;
  const changelog = renderChangelog(plan, { date: releaseDate(io), host, ...(sections ? { sections } : {}) });
  if (options.write !== undefined) {
    if (plan.next === null) {
      await write(io.stderr, `release-hygiene: nothing to release since ${plan.currentTag ?? 'the start'}: ${options.write} left unchanged\n`);
      return ExitCode.Ok;
    }
    const existing = await readTextFile(options.write);
    if (!existing.ok && !existing.notFound) {
      await write(io.stderr, `release-hygiene: cannot read ${options.write}: ${existing.message}\n`);
      return ExitCode.RuntimeFailure;
    }
    const result = insertChangelogSection(existing.ok ? existing.text : '', changelog.markdown, changelog.version);
    if (result.inserted) {
      try {
        await writeFile(options.write, result.text);
      } catch (error) {
        await write(io.stderr, `release-hygiene: cannot write ${options.write}: ${(error as Error).message}\n`);
        return ExitCode.RuntimeFailure;
      }
    }
    await write(io.stderr, result.inserted ? `release-hygiene: added ${changelog.version} to ${options.write}\n` : `release-hygiene: ${options.write} already has a section for ${changelog.version}; unchanged\n`);
    if (options.format === 'json') await write(io.stdout, `${JSON.stringify({ ...changelog, written: result.inserted }, null, 2)}\n`);
    return ExitCode.Ok;
  }
  if (options.format === 'json') {
    await write(io.stdout, `${JSON.stringify({ ...changelog, plan: nextVersionJson(plan, head.shallow) }, null, 2)}\n`);
  } else {
    await write(io.stdout, changelog.markdown);
  }
  return ExitCode.Ok;
}
