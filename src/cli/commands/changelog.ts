// `release-hygiene changelog`: the Markdown section of the next release, printed or inserted at the top of a file.
import { writeFile } from 'node:fs/promises';
import { insertChangelogSection, renderChangelogPieces } from '../../core/release';
import { readTextFile } from '../../node';
import { ExitCode } from '../exitCodes';
import { PieceEncoder, write, type CliIo } from '../io';
import { jsonPiecesInto, JsonStringPieces } from '../jsonPieces';
import { loadForCli, nextVersionJson, releaseDate, type ReleaseCliOptions } from './nextVersion';

export interface ChangelogCliOptions extends ReleaseCliOptions {
  readonly format: 'markdown' | 'json';
  /** Absolute path of the file to insert the section into. */
  readonly write?: string;
}

export { CHANGELOG_HELP } from './help';

export async function changelogCommand(options: ChangelogCliOptions, io: CliIo): Promise<number> {
  const loaded = await loadForCli(options, io);
  if (!loaded.ok) {
    if (loaded.noCommits) await write(io.stderr, 'release-hygiene: no commits yet: no changelog to write\n');
    return loaded.code;
  }
  const { plan, host, sections, head } = loaded.context;
  const rendered = renderChangelogPieces(plan, { date: releaseDate(io), host, ...(sections ? { sections } : {}) });
  if (options.write === undefined) {
    if (options.format === 'json') {
      // The document in pieces (jsonPieces: only the pieces with a character beyond Latin-1 are two-byte strings),
      // its markdown too (never joined: see renderChangelogPieces), and its line end written apart: joined, a full
      // history's JSON (megabytes) was copied once more.
      // Each piece encoded as soon as it is made (PieceEncoder): kept to the end, the pieces (3 MB) were copied by
      // every scavenge of their making.
      const markdown = new JsonStringPieces(rendered.markdown);
      const encoder = new PieceEncoder();
      jsonPiecesInto({ ...rendered.changelog, markdown, plan: nextVersionJson(plan, head.shallow) }, encoder);
      encoder.push('\n');
      await encoder.send(io.stdout);
    } else {
      await write(io.stdout, rendered.markdown.join(''));
    }
    return ExitCode.Ok;
  }
  if (plan.next === null) {
    await write(io.stderr, `release-hygiene: nothing to release since ${plan.currentTag ?? 'the start'}: ${options.write} left unchanged\n`);
    return ExitCode.Ok;
  }
  const changelog = { ...rendered.changelog, markdown: rendered.markdown.join('') };
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
