// A stored commit message through the commit linter's own entry point (`buildModel`, offsets and all): the
// reference the release engine's parse-only `parseReleaseMessage` is tested against (every corpus message), so
// the linter's release effect and the release engine can never read a message differently.
// TODO(commits): switch to `parseCommitMessage` from '../commits' once the linter exports it (same parser,
// without building the offsets layout); `buildModel` is its internal entry point today.
import type { ParsedCommitMessage } from '../commits/types';
import { buildModel } from '../commits/parse';

/** Parses a stored commit message (no comment stripping: stored commits have none). Never throws. */
export function parseCommit(message: string): ParsedCommitMessage {
  return buildModel(message, null).parsed;
}
