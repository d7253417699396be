// Tag formats and the choice of the last release among the tags reachable from HEAD.
import * as semver from './semver';
import type { SkippedTag, TagFormat, TagRef, TagSelection } from './types';
import { escapeRegExp } from '../regexp';

const PLACEHOLDER = '${version}';
const MAX_SKIPPED = 50;

/** A version as it may appear in a tag: full semver, optional prerelease and build metadata. */
const VERSION_SOURCE = '(\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?)';

/** Checks a tag format: exactly one `${version}`. Returns a problem sentence, or null when usable. */
export function checkTagFormat(format: TagFormat): string | null {
  const count = format.split(PLACEHOLDER).length - 1;
  if (count !== 1) return `tag format ${JSON.stringify(format)} must contain \${version} exactly once`;
  return null;
}

const compiled = new Map<string, RegExp>();

function formatPattern(format: TagFormat): RegExp {
  let pattern = compiled.get(format);
  if (!pattern) {
    const [before = '', after = ''] = format.split(PLACEHOLDER);
    pattern = new RegExp(`^${escapeRegExp(before)}${VERSION_SOURCE}${escapeRegExp(after)}$`);
    compiled.set(format, pattern);
  }
  return pattern;
}

/** The version a tag name carries under `format` (semver-valid, build metadata kept), or null. */
export function versionFromTag(name: string, format: TagFormat): string | null {
  if (checkTagFormat(format) !== null) return null;
  const match = formatPattern(format).exec(name);
  const version = match?.[1];
  return version !== undefined && semver.valid(version) === version ? version : null;
}

/** The tag name of `version` under `format`. */
export function formatTag(format: TagFormat, version: string): string {
  return format.split(PLACEHOLDER).join(version);
}

/** The usual tag formats: default `v${version}`, bare, and the monorepo forms of release tools. */
export function monorepoTagFormat(packageName: string, style: 'at' | 'dash-v'): TagFormat {
  return style === 'at' ? `${packageName}@\${version}` : `${packageName}-v\${version}`;
}

export interface SelectTagOptions {
  readonly tagFormat: TagFormat;
  /**
   * git-cliff's `tag_pattern`, a regular expression, when it is more than a literal prefix: a tag counts when the
   * pattern matches it (anywhere, as Rust's `is_match`) and it carries a semver version; the next tag keeps the
   * chosen tag's prefix. Replaces `tagFormat` for choosing; null or absent: `tagFormat` alone.
   */
  readonly tagPattern?: string | null;
  /** Prerelease channel: prerelease tags count as the last release. `null`: only stable tags count. */
  readonly prerelease: string | null;
}

/**
 * The last release: the highest semver version among the tags reachable from HEAD that match the format (for a
 * stable release, only stable versions count; for a prerelease channel, prereleases count too). Non-matching
 * tags are skipped with a reason. Equal versions (differing build metadata): the first name in code-point order.
 */
export function selectTag(tags: readonly TagRef[], options: SelectTagOptions): TagSelection {
  if (options.tagPattern) return selectTagByPattern(tags, options, options.tagPattern);
  const { tagFormat } = options;
  const formatProblem = checkTagFormat(tagFormat);
  const skipped: SkippedTag[] = [];
  let skippedCount = 0;
  const skip = (name: string, reason: string): void => {
    skippedCount++;
    if (skipped.length < MAX_SKIPPED) skipped.push({ name, reason });
  };
  let best: { tag: TagRef; version: string } | null = null;
  let matched = 0;
  let prereleasesSkipped = 0;
  for (const tag of tags) {
    const version = formatProblem === null ? versionFromTag(tag.name, tagFormat) : null;
    if (version === null) {
      skip(tag.name, formatProblem ?? `does not match ${tagFormat}`);
      continue;
    }
    if (options.prerelease === null && semver.prerelease(version) !== null) {
      prereleasesSkipped++;
      skip(tag.name, 'prerelease: a stable release counts from the last stable tag');
      continue;
    }
    matched++;
    if (best === null) {
      best = { tag, version };
      continue;
    }
    const order = semver.compare(version, best.version);
    if (order > 0 || (order === 0 && tag.name < best.tag.name)) {
      skip(best.tag.name, `lower than ${tag.name}`);
      best = { tag, version };
    } else {
      skip(tag.name, order === 0 ? `same version as ${best.tag.name}` : `lower than ${best.tag.name}`);
    }
  }
  const nonMatching = tags.length - matched - prereleasesSkipped;
  let explanation: string;
  if (best) {
    const others = matched > 1 ? `the highest version among ${matched} tags matching ${tagFormat}` : `the only tag matching ${tagFormat}`;
    explanation = `${best.tag.name} is ${others} reachable from HEAD`;
  } else if (tags.length === 0) {
    explanation = 'no tags are reachable from HEAD';
  } else {
    explanation = `none of the ${tags.length} tags reachable from HEAD is a ${options.prerelease === null ? 'stable ' : ''}version tag matching ${tagFormat}`;
  }
  const notes: string[] = [];
  if (nonMatching > 0 && best) notes.push(`${nonMatching} other tag${nonMatching === 1 ? '' : 's'} ignored (not ${tagFormat})`);
  if (prereleasesSkipped > 0) notes.push(`${prereleasesSkipped} prerelease tag${prereleasesSkipped === 1 ? '' : 's'} ignored (stable release)`);
  if (notes.length > 0) explanation += `; ${notes.join('; ')}`;
  return {
    tag: best?.tag ?? null,
    version: best?.version ?? null,
    tagFormat,
    matched,
    skipped,
    skippedCount,
    explanation,
  };
}

/**
 * The version in a tag as git-cliff reads it: from the first digit that starts a valid semver version to the end
 * (`app-v1.2.3` → prefix `app-v`, version `1.2.3`). null when no such version is in the name.
 */
export function cliffTagVersion(name: string): { readonly prefix: string; readonly version: string } | null {
  for (let at = 0; at < name.length; at++) {
    const code = name.charCodeAt(at);
    if (code < 48 || code > 57 || (at > 0 && isDigit(name.charCodeAt(at - 1)))) continue;
    const version = name.slice(at);
    if (semver.valid(version) === version) return { prefix: name.slice(0, at), version };
  }
  return null;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * Why a tag_pattern is not used, or null. The pattern comes from the repository and runs in the editor on every
 * tag name, so one that can backtrack exponentially (a quantified group holding a quantifier, `(a+)+`) is refused.
 */
export function tagPatternProblem(source: string): string | null {
  try {
    new RegExp(source, 'u');
  } catch {
    return 'is not a valid regular expression';
  }
  if (/\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*[+*{]/.test(source)) return 'repeats a group that itself repeats, which can take exponential time';
  return null;
}

/** Tag names longer than this are not matched against a tag_pattern (no release tag is that long). */
const MAX_PATTERN_TAG_LENGTH = 200;

function selectTagByPattern(tags: readonly TagRef[], options: SelectTagOptions, source: string): TagSelection {
  const label = `tag_pattern /${source}/`;
  const pattern = tagPatternProblem(source) === null ? new RegExp(source, 'u') : null;
  const skipped: SkippedTag[] = [];
  let skippedCount = 0;
  const skip = (name: string, reason: string): void => {
    skippedCount++;
    if (skipped.length < MAX_SKIPPED) skipped.push({ name, reason });
  };
  let best: { tag: TagRef; version: string; prefix: string } | null = null;
  let matched = 0;
  for (const tag of tags) {
    const matches = tag.name.length <= MAX_PATTERN_TAG_LENGTH && (pattern?.test(tag.name) ?? false);
    const found = matches ? cliffTagVersion(tag.name) : null;
    if (!found) {
      skip(tag.name, pattern === null ? `${label} ${tagPatternProblem(source)}` : matches ? 'carries no semver version' : `does not match ${label}`);
      continue;
    }
    if (options.prerelease === null && semver.prerelease(found.version) !== null) {
      skip(tag.name, 'prerelease: a stable release counts from the last stable tag');
      continue;
    }
    matched++;
    const order = best === null ? 1 : semver.compare(found.version, best.version);
    if (best === null || order > 0 || (order === 0 && tag.name < best.tag.name)) {
      if (best) skip(best.tag.name, `lower than ${tag.name}`);
      best = { tag, ...found };
    } else {
      skip(tag.name, order === 0 ? `same version as ${best.tag.name}` : `lower than ${best.tag.name}`);
    }
  }
  const explanation = best
    ? `${best.tag.name} is ${matched > 1 ? `the highest version among ${matched} tags matching ${label}` : `the only tag matching ${label}`} reachable from HEAD`
    : pattern === null
      ? `${label} ${tagPatternProblem(source)}, so no tag counts as a release`
      : tags.length === 0 ? 'no tags are reachable from HEAD' : `none of the ${tags.length} tags reachable from HEAD matches ${label} with a version`;
  return {
    tag: best?.tag ?? null,
    version: best?.version ?? null,
    // The next release is tagged like the last one, as git-cliff's bump keeps the prefix it found.
    tagFormat: best ? best.prefix + PLACEHOLDER : options.tagFormat,
    matched,
    skipped,
    skippedCount,
    explanation,
  };
}

/** A selection for a release ref given by the user (`--from REF`): its version when the name carries one. */
export function selectionFromRef(ref: string, commit: string, tagFormat: TagFormat): TagSelection {
  const version = versionFromTag(ref, tagFormat) ?? (semver.valid(ref.replace(/^v/, '')) ?? null);
  return {
    tag: { name: ref, commit },
    version,
    tagFormat,
    matched: version === null ? 0 : 1,
    skipped: [],
    skippedCount: 0,
    explanation: version === null
      ? `${ref} was given as the last release (--from); it carries no version, so the next version cannot be computed from it`
      : `${ref} was given as the last release (--from)`,
  };
}
