// `git show --stat` of one commit, for the editor's read-only commit documents. The hash is checked before it
// reaches git, and passed after --end-of-options, so no text can become an option.
import { NO_DIFF_PROGRAMS, safeSimpleGit, type GitResult } from './git';

export async function showCommit(root: string, hash: string): Promise<GitResult<string>> {
  if (!/^[0-9a-f]{4,64}$/.test(hash)) return { ok: false, kind: 'bad-revision', message: `not a commit hash: ${JSON.stringify(hash)}` };
  try {
    const text = await (await safeSimpleGit(root)).raw([
      'show', '--stat', '--no-color', ...NO_DIFF_PROGRAMS, '--format=fuller', '--end-of-options', `${hash}^{commit}`, '--',
    ]);
    return { ok: true, value: text };
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).trim().split('\n')[0] ?? 'git show failed';
    return { ok: false, kind: /unknown revision|bad revision|ambiguous/i.test(message) ? 'bad-revision' : 'git-failed', message };
  }
}
