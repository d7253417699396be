import * as vscode from 'vscode';
import type { Log } from '../log';
import { COMMIT_SCHEME, CommitDocumentProvider } from './commitDocuments';
import { RELEASE_PREVIEW_VIEW_TYPE, type WebviewMessage } from './protocol';
import { ReleasePreviewPanel, ReleasePreviewSerializer, type PreviewDependencies } from './ReleasePreviewPanel';
import { ReleaseService } from './ReleaseService';
import { PREVIEW_COMMAND, ReleaseStatusBar } from './ReleaseStatusBar';

/** Hidden commands for the integration tests (registered outside production only, never in the palette). */
export const TEST_STATE_COMMAND = 'releaseHygiene._testState';
export const TEST_DISPATCH_COMMAND = 'releaseHygiene._testDispatch';

/** The release preview: service, command, webview panel (and its serializer), status bar item, commit documents. */
export function registerReleasePreview(context: vscode.ExtensionContext, log: Log): ReleaseService {
  const service = new ReleaseService(log);
  const deps: PreviewDependencies = { extensionUri: context.extensionUri, service, log };
  const statusBar = new ReleaseStatusBar(service);
  context.subscriptions.push(
    service,
    statusBar,
    { dispose: () => ReleasePreviewPanel.current?.dispose() },
    vscode.commands.registerCommand(PREVIEW_COMMAND, (root?: unknown) => {
      // From the status bar: a root; from the Source Control title bar: the SourceControl (rootUri); else the active one.
      const target =
        typeof root === 'string'
          ? root
          : root instanceof vscode.Uri
            ? service.rootOf(root.fsPath)
            : root && typeof root === 'object' && (root as { rootUri?: unknown }).rootUri instanceof vscode.Uri
              ? service.rootOf(((root as { rootUri: vscode.Uri }).rootUri).fsPath)
              : undefined;
      ReleasePreviewPanel.createOrShow(deps, target);
    }),
    vscode.window.registerWebviewPanelSerializer(RELEASE_PREVIEW_VIEW_TYPE, new ReleasePreviewSerializer(deps)),
    vscode.workspace.registerTextDocumentContentProvider(COMMIT_SCHEME, new CommitDocumentProvider()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('releaseHygiene.release')) service.invalidate();
    }),
  );
  if (context.extensionMode !== vscode.ExtensionMode.Production) {
    context.subscriptions.push(
      vscode.commands.registerCommand(TEST_STATE_COMMAND, async (options?: { readonly waitForPlan?: boolean }) => {
        const root = service.activeRoot();
        const outcome = root !== undefined && options?.waitForPlan ? await service.plan(root) : root !== undefined ? service.cached(root) : undefined;
        return {
          activeRoot: root,
          next: outcome?.ok ? outcome.model.next : null,
          nextTag: outcome?.ok ? outcome.model.nextTag : null,
          statusBar: statusBar.state,
          panel: ReleasePreviewPanel.current?.testState(),
        };
      }),
      vscode.commands.registerCommand(TEST_DISPATCH_COMMAND, (message: WebviewMessage) => ReleasePreviewPanel.current?.handle(message)),
    );
  }
  return service;
}
