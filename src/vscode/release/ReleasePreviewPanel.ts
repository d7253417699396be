import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { insertChangelogSection } from '../../core/release';
import type { Log } from '../log';
import { openCommit } from './commitDocuments';
import { safeHref } from './markdownTree';
import { isWebviewMessage, RELEASE_PREVIEW_VIEW_TYPE, type HostMessage, type WebviewMessage, type WebviewState } from './protocol';
import type { PlanOutcome, ReleaseService } from './ReleaseService';

export interface PreviewDependencies {
  readonly extensionUri: vscode.Uri;
  readonly service: ReleaseService;
  readonly log: Log;
}

export interface InsertResult {
  readonly inserted: boolean;
  readonly file: string;
  readonly message: string;
}

/** What the integration tests read through the hidden `releaseHygiene._testState` command. */
export interface PanelTestState {
  readonly root: string | undefined;
  readonly ready: boolean;
  readonly visible: boolean;
  readonly lastPosted: HostMessage | undefined;
}

/**
 * The "Preview Next Release" webview panel: one at a time, restored after a reload by the serializer. The HTML is
 * static (CSP with a per-load nonce, assets from media/ only); every piece of data arrives by postMessage after the
 * webview says `ready`, and the webview renders it with textContent only.
 */
export class ReleasePreviewPanel implements vscode.Disposable {
  static current: ReleasePreviewPanel | undefined;

  static createOrShow(deps: PreviewDependencies, root?: string): ReleasePreviewPanel {
    const target = root ?? deps.service.activeRoot();
    if (ReleasePreviewPanel.current) {
      ReleasePreviewPanel.current.panel.reveal(undefined, false);
      if (target && target !== ReleasePreviewPanel.current.root) ReleasePreviewPanel.current.show(target);
      else void ReleasePreviewPanel.current.refresh(false);
      return ReleasePreviewPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(RELEASE_PREVIEW_VIEW_TYPE, 'Next Release', vscode.ViewColumn.Active, ReleasePreviewPanel.webviewOptions(deps.extensionUri));
    ReleasePreviewPanel.current = new ReleasePreviewPanel(panel, deps, target);
    return ReleasePreviewPanel.current;
  }

  /** Called by the serializer after a reload, with the state the webview last saved. */
  static revive(panel: vscode.WebviewPanel, deps: PreviewDependencies, state: WebviewState | undefined): ReleasePreviewPanel {
    panel.webview.options = ReleasePreviewPanel.webviewOptions(deps.extensionUri);
    ReleasePreviewPanel.current?.dispose();
    // Checked against the git extension's repositories once it is ready (refresh).
    const root = typeof state?.root === 'string' ? state.root : undefined;
    ReleasePreviewPanel.current = new ReleasePreviewPanel(panel, deps, root);
    return ReleasePreviewPanel.current;
  }

  static webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')], retainContextWhenHidden: false };
  }

  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  private lastPosted: HostMessage | undefined;
  private requests = 0;

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly deps: PreviewDependencies,
    private root: string | undefined,
  ) {
    panel.webview.html = this.html();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: unknown) => {
        if (!isWebviewMessage(message)) {
          this.deps.log.warn('release preview: ignored a malformed message from the webview');
          return;
        }
        void this.handle(message).catch((error: unknown) => this.deps.log.error(`release preview: ${message.type} failed`, error));
      }),
      // The webview is recreated when a hidden panel is shown again (retainContextWhenHidden is off): wait for its `ready`.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
      deps.service.onDidChangePlan((outcome) => {
        if (outcome.root === this.root) this.postOutcome(outcome);
      }),
      deps.service.onDidStartComputing((root) => {
        if (root === this.root) this.post({ type: 'loading', root });
      }),
      deps.service.onDidChangeRepositories(() => {
        if (this.root === undefined || !deps.service.repositoryRoots().includes(this.root)) {
          const root = deps.service.activeRoot();
          if (root !== this.root) this.show(root);
        }
      }),
    );
    void this.refresh(false);
  }

  dispose(): void {
    if (ReleasePreviewPanel.current === this) ReleasePreviewPanel.current = undefined;
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
    this.panel.dispose();
  }

  testState(): PanelTestState {
    return { root: this.root, ready: this.ready, visible: this.panel.visible, lastPosted: this.lastPosted };
  }

  /** Shows another repository. */
  show(root: string | undefined): void {
    this.root = root;
    void this.refresh(false);
  }

  /** Recomputes (when HEAD, tags or settings moved, or always with `force`) and posts the result. */
  async refresh(force: boolean): Promise<PlanOutcome | undefined> {
    const request = ++this.requests;
    await this.deps.service.ready();
    if (this.root === undefined || !this.deps.service.repositoryRoots().includes(this.root)) this.root = this.deps.service.activeRoot();
    const root = this.root;
    if (root === undefined) {
      this.post({ type: 'error', root: null, message: 'No git repository is open. Open a folder that is a git repository to preview its next release.' });
      return undefined;
    }
    this.panel.title = `Next Release: ${root.split(/[\\/]/).filter(Boolean).at(-1) ?? root}`;
    const cached = this.deps.service.cached(root);
    if (cached) this.postOutcome(cached);
    else this.post({ type: 'loading', root });
    const outcome = await this.deps.service.plan(root, { force });
    // A newer request (or another repository) superseded this one: it posts its own result.
    if (request !== this.requests || root !== this.root) return outcome;
    this.postOutcome(outcome);
    return outcome;
  }

  /** Handles one message from the webview (also called by the hidden test command). */
  async handle(message: WebviewMessage): Promise<unknown> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        if (this.lastPosted) void this.panel.webview.postMessage(this.lastPosted);
        return this.refresh(false);
      case 'refresh':
        return this.refresh(true);
      case 'copyChangelog': {
        const outcome = await this.currentOutcome();
        if (!outcome?.ok || !outcome.model.changelog) {
          this.post({ type: 'notice', kind: 'warning', text: 'Nothing to copy: no release is due.' });
          return false;
        }
        await vscode.env.clipboard.writeText(outcome.model.changelog.markdown);
        this.post({ type: 'notice', kind: 'info', text: `Copied the ${outcome.model.changelog.version} changelog to the clipboard.` });
        return true;
      }
      case 'insertChangelog':
        return this.insertChangelog();
      case 'openCommit':
        if (this.root !== undefined) await openCommit(this.root, message.hash);
        return true;
      case 'openLink': {
        const href = safeHref(message.href);
        if (href === null) return false;
        return vscode.env.openExternal(vscode.Uri.parse(href, true));
      }
    }
  }

  private async currentOutcome(): Promise<PlanOutcome | undefined> {
    return this.root === undefined ? undefined : this.deps.service.plan(this.root);
  }

  /** Inserts the section at the top of CHANGELOG.md (created when missing); a second time says it is already there. */
  async insertChangelog(): Promise<InsertResult | undefined> {
    const outcome = await this.currentOutcome();
    if (this.root === undefined || !outcome?.ok || !outcome.model.changelog) {
      this.post({ type: 'notice', kind: 'warning', text: 'Nothing to insert: no release is due.' });
      return undefined;
    }
    const { version, markdown } = outcome.model.changelog;
    const uri = vscode.Uri.joinPath(vscode.Uri.file(this.root), 'CHANGELOG.md');
    const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
    let existing = '';
    if (open) existing = open.getText();
    else {
      try {
        existing = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
      } catch (error) {
        if (!(error instanceof vscode.FileSystemError) || error.code !== 'FileNotFound') throw error;
      }
    }
    const result = insertChangelogSection(existing, markdown, version);
    let text: string;
    if (!result.inserted) {
      text = `CHANGELOG.md already has a section for ${version}; nothing was added.`;
    } else {
      if (open) {
        const edit = new vscode.WorkspaceEdit();
        edit.replace(uri, new vscode.Range(open.positionAt(0), open.positionAt(existing.length)), result.text);
        if (!(await vscode.workspace.applyEdit(edit)) || !(await open.save())) throw new Error('CHANGELOG.md could not be saved');
      } else {
        await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(result.text));
      }
      text = `Added ${version} to ${existing === '' ? 'a new ' : ''}CHANGELOG.md.`;
    }
    this.deps.log.info(`release preview: ${text}`);
    this.post({ type: 'notice', kind: result.inserted ? 'info' : 'warning', text });
    return { inserted: result.inserted, file: uri.fsPath, message: text };
  }

  private postOutcome(outcome: PlanOutcome): void {
    if (outcome.ok) this.post({ type: 'plan', model: outcome.model });
    else this.post({ type: 'error', root: outcome.root, message: outcome.message });
  }

  private post(message: HostMessage): void {
    if (message.type !== 'notice') this.lastPosted = message;
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  private html(): string {
    const webview = this.panel.webview;
    const nonce = randomBytes(16).toString('base64');
    const media = (...path: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(this.deps.extensionUri, 'media', ...path)).toString();
    const csp = [
      "default-src 'none'",
      `style-src ${webview.cspSource} 'nonce-${nonce}'`,
      `script-src 'nonce-${nonce}'`,
      `font-src ${webview.cspSource}`,
      `img-src ${webview.cspSource}`,
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" nonce="${nonce}" href="${media('release', 'dist', 'codicon.css')}">
<link rel="stylesheet" nonce="${nonce}" href="${media('release', 'preview.css')}">
<title>Next Release</title>
</head>
<body>
<main id="app" aria-busy="true"><p class="status"><span class="codicon codicon-loading codicon-modifier-spin"></span> Computing the next release…</p></main>
<script nonce="${nonce}" src="${media('release', 'dist', 'preview.js')}"></script>
</body>
</html>`;
  }
}

/** Restores the panel after a window reload (activation event onWebviewPanel:releaseHygiene.releasePreview). */
export class ReleasePreviewSerializer implements vscode.WebviewPanelSerializer<WebviewState> {
  constructor(private readonly deps: PreviewDependencies) {}

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: WebviewState | undefined): Promise<void> {
    ReleasePreviewPanel.revive(panel, this.deps, state);
  }
}
