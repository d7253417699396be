// The reference reader of `git log -z --format=%H%x1f%P%x1f%B`: the whole output decoded at once, then split.
// The product reads the bytes field by field (parseLogBytes in src/node/git.ts); the tests hold it to this.
import type { CommitMessage } from '../../../../src/node/git';

const RECORD_SEPARATOR = '\0'; // -z ends each commit with NUL, which a commit message cannot contain
const FIELD_SEPARATOR = '\x1f'; // only between hash, parents and message: a \x1f inside a message is harmless

/** Parses `git log -z --format=%H%x1f%P%x1f%B` output in one pass. */
export function parseLogOutput(out: string): CommitMessage[] {
  const commits: CommitMessage[] = [];
  let at = 0;
  while (at < out.length) {
    let end = out.indexOf(RECORD_SEPARATOR, at);
    if (end === -1) end = out.length;
    const first = out.indexOf(FIELD_SEPARATOR, at);
    const second = first === -1 ? -1 : out.indexOf(FIELD_SEPARATOR, first + 1);
    if (first !== -1 && second !== -1 && second < end) {
      const hash = out.slice(at, first).replace(/^\n/, '');
      const parents = out.slice(first + 1, second);
      commits.push({
        hash,
        parents: parents === '' ? [] : parents.split(' '),
        message: out.slice(second + 1, end),
      });
    }
    at = end + 1;
  }
  return commits;
}

