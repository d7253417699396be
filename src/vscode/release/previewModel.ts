// Turns the engine's result into what the webview shows. Pure (no vscode): the data crosses postMessage as is.
import { basename } from 'node:path';
import type { Changelog, ReleasePlan } from '../../core/release';
import { parseMarkdownBlocks } from './markdownTree';
import type { CommitRef, PreviewModel } from './protocol';

function ref(hash: string, header: string): CommitRef {
  return { hash, shortHash: hash.slice(0, 7), header };
}

export function toPreviewModel(root: string, branch: string | null, plan: ReleasePlan, changelog: Changelog | null, now = new Date()): PreviewModel {
  return {
    root,
    repositoryName: basename(root),
    branch,
    currentTag: plan.currentTag,
    current: plan.current,
    next: plan.next,
    nextTag: plan.nextTag,
    bump: plan.bump,
    firstRelease: plan.firstRelease,
    forced: plan.forced?.version ?? null,
    prerelease: plan.prerelease,
    tagExplanation: plan.tagSelection.explanation,
    explanation: plan.explanation,
    reasons: plan.reasons.map((reason) => ({ ...ref(reason.hash, reason.subject), why: reason.why, bump: reason.bump })),
    changelog: changelog && plan.next !== null ? { version: changelog.version, markdown: changelog.markdown, blocks: parseMarkdownBlocks(changelog.markdown) } : null,
    unconventional: plan.unconventional.map((commit) => ref(commit.hash, commit.header)),
    cancelled: plan.cancelled.map((pair) => ({ reverted: ref(pair.reverted.hash, pair.reverted.header), revertedBy: ref(pair.revertedBy.hash, pair.revertedBy.header) })),
    warnings: plan.warnings.map((warning) => ({ code: warning.code, message: warning.message })),
    commitCount: plan.commitCount,
    mergeCommits: plan.mergeCommits,
    computedAt: now.toISOString(),
  };
}

/** The status bar text: `v1.4.1 → v1.5.0`, `→ v0.1.0 (first release)`, `v1.4.1 (no release)`. */
export function statusText(plan: Pick<ReleasePlan, 'currentTag' | 'current' | 'nextTag' | 'next' | 'firstRelease'>): string {
  const current = plan.currentTag ?? plan.current;
  const next = plan.nextTag ?? plan.next;
  if (next === null) return current !== null ? `${current} (no release)` : 'no release yet';
  if (plan.firstRelease || current === null) return `→ ${next} (first release)`;
  return `${current} → ${next}`;
}
