// The messages between the release preview panel (extension host) and its webview script (media/release/preview.ts).
// Types only: the webview bundle imports them with `import type`, so nothing of the host ends up in the browser.
import type { Bump, ReleaseWarningCode } from '../../core/release';
import type { MarkdownBlock } from './markdownTree';

export const RELEASE_PREVIEW_VIEW_TYPE = 'releaseHygiene.releasePreview';

export interface CommitRef {
  readonly hash: string;
  readonly shortHash: string;
  /** Untrusted commit text: the webview shows it with textContent only. */
  readonly header: string;
}

/** Everything the panel shows for one repository: JSON-serialisable, all commit text untrusted. */
export interface PreviewModel {
  readonly root: string;
  readonly repositoryName: string;
  readonly branch: string | null;
  readonly currentTag: string | null;
  readonly current: string | null;
  readonly next: string | null;
  readonly nextTag: string | null;
  readonly bump: Bump;
  readonly firstRelease: boolean;
  readonly forced: string | null;
  readonly prerelease: string | null;
  /** Why that tag (or no tag) was chosen. */
  readonly tagExplanation: string;
  /** The engine's explanation, one sentence per line. */
  readonly explanation: readonly string[];
  readonly reasons: readonly (CommitRef & { readonly why: string; readonly bump: Bump })[];
  /** Null when nothing releases. */
  readonly changelog: { readonly version: string; readonly markdown: string; readonly blocks: readonly MarkdownBlock[] } | null;
  readonly unconventional: readonly CommitRef[];
  readonly cancelled: readonly { readonly reverted: CommitRef; readonly revertedBy: CommitRef }[];
  readonly warnings: readonly { readonly code: ReleaseWarningCode; readonly message: string }[];
  readonly commitCount: number;
  readonly mergeCommits: number;
  /** ISO time of the computation. */
  readonly computedAt: string;
}

/** Host → webview. */
export type HostMessage =
  | { readonly type: 'loading'; readonly root: string | null }
  | { readonly type: 'plan'; readonly model: PreviewModel }
  | { readonly type: 'error'; readonly root: string | null; readonly message: string }
  | { readonly type: 'notice'; readonly kind: 'info' | 'warning'; readonly text: string };

/** Webview → host. */
export type WebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'refresh' }
  | { readonly type: 'copyChangelog' }
  | { readonly type: 'insertChangelog' }
  | { readonly type: 'openCommit'; readonly hash: string }
  | { readonly type: 'openLink'; readonly href: string };

/** What the webview keeps with vscode.setState (restored after hide/show and reload). */
export interface WebviewState {
  readonly tab: 'rendered' | 'markdown';
  readonly scrollY: number;
  /** The repository shown, so a restored panel (after a reload) previews the same one. */
  readonly root: string | null;
}

/** Validates a message from the webview (it is a separate, less trusted context). */
export function isWebviewMessage(value: unknown): value is WebviewMessage {
  if (value === null || typeof value !== 'object') return false;
  const message = value as { type?: unknown; hash?: unknown; href?: unknown };
  switch (message.type) {
    case 'ready':
    case 'refresh':
    case 'copyChangelog':
    case 'insertChangelog':
      return true;
    case 'openCommit':
      return typeof message.hash === 'string' && /^[0-9a-f]{4,64}$/.test(message.hash);
    case 'openLink':
      return typeof message.href === 'string';
    default:
      return false;
  }
}
