/**
 * commitlint's default ignores (`@commitlint/is-ignored` defaults): merge commits, reverts, reapplies,
 * `amend!`/`fixup!`/`squash!`, bare semver release commits and a few merge-tool formats. Matched
 * against the message with trailing whitespace removed, as commitlint's lint() does.
 */

const MERGE_LINE = /^((Merge pull request)|(Merge (.*?) into (.*?)|(Merge branch (.*?)))(?:\r?\n)*$)/m;
const MERGE_TAG_LINE = /^(Merge tag (.*?))(?:\r?\n)*$/m;
const REVERT = /^(R|r)evert (.*)/;
const REAPPLY = /^(R|r)eapply (.*)/;
const AUTOSQUASH = /^(amend|fixup|squash)!/;
const MERGED = /^(Merged (.*?)(in|into) (.*)|Merged PR (.*): (.*))/;
const REMOTE_TRACKING = /^Merge remote-tracking branch(\s*)(.*)/;
const AUTOMATIC_MERGE = /^Automatic merge(.*)/;
const AUTO_MERGED = /^Auto-merged (.*?) into (.*)/;

const CHORE_PREFIX = /^chore(\([^)]+\))?:/;
const SKIP_CI_BRACKETS = /\[(skip|ci)(-|\s)(ci|skip)\]/i;
const SKIP_CI_PARENS = /\((skip|ci)(-|\s)(ci|skip)\)/i;

// node-semver's strict `FULL` expression (semver 2.0.0 plus an optional leading `v`).
const NUM = '(0|[1-9]\\d*)';
const PRE_ID = '(?:\\d*[a-zA-Z-][a-zA-Z0-9-]*|0|[1-9]\\d*)';
const BUILD_ID = '[a-zA-Z0-9-]+';
const SEMVER = new RegExp(
  `^v?${NUM}\\.${NUM}\\.${NUM}(?:-(${PRE_ID}(?:\\.${PRE_ID})*))?(?:\\+(${BUILD_ID}(?:\\.${BUILD_ID})*))?$`,
);
const SEMVER_MAX_LENGTH = 256;

/** `semver.valid(version) !== null`. */
export function isValidSemver(version: string): boolean {
  if (version.length > SEMVER_MAX_LENGTH) return false;
  const m = SEMVER.exec(version.trim());
  if (!m) return false;
  for (let i = 1; i <= 3; i++) if (Number(m[i]) > Number.MAX_SAFE_INTEGER) return false;
  return true;
}

/** commitlint's `isSemver` ignore: a first line that is only a version, maybe as a `chore:` with `[skip ci]`. */
export function isSemverRelease(message: string): boolean {
  const nl = message.indexOf('\n');
  const firstLine = nl === -1 ? message : message.slice(0, nl);
  // A version has dots; removing the prefix and [skip ci] adds none.
  if (firstLine.indexOf('.') === -1) return false;
  const stripped = firstLine.replace(CHORE_PREFIX, '').replace(SKIP_CI_BRACKETS, '').replace(SKIP_CI_PARENS, '').trim();
  return isValidSemver(stripped);
}

/**
 * Does any of commitlint's default ignores match? Its expressions, each tried only where it can match:
 * those anchored at the start of the message (no `m` flag) only after their first letter, the two
 * merge-line ones (`m` flag) only when "Merge " occurs.
 */
function matchesDefaultIgnore(m: string): boolean {
  switch (m.charCodeAt(0)) {
    case 82: // R
    case 114: // r
      if (REVERT.test(m) || REAPPLY.test(m)) return true;
      break;
    case 97: // a
    case 102: // f
    case 115: // s
      if (AUTOSQUASH.test(m)) return true;
      break;
    case 77: // M
      if (MERGED.test(m) || REMOTE_TRACKING.test(m)) return true;
      break;
    case 65: // A
      if (AUTOMATIC_MERGE.test(m) || AUTO_MERGED.test(m)) return true;
      break;
    default:
      break;
  }
  if (m.includes('Merge ') && (MERGE_LINE.test(m) || MERGE_TAG_LINE.test(m))) return true;
  return isSemverRelease(m);
}

/** Which ignore matched, for the release-effect reason; `undefined` when none did. */
export function matchIgnore(
  message: string,
  defaults: boolean,
  custom: readonly ((message: string) => boolean)[],
): 'default' | 'custom' | undefined {
  const trimmed = message.trimEnd();
  if (defaults && matchesDefaultIgnore(trimmed)) return 'default';
  for (const test of custom) {
    try {
      if (test(trimmed)) return 'custom';
    } catch {
      // A user's ignore function that throws does not ignore the message.
    }
  }
  return undefined;
}
