import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Log } from '../log';
import { FlagCodeLenses } from './FlagCodeLenses';
import { FlagDiagnostics, FlagHover } from './FlagDiagnostics';
import { FlagService } from './FlagService';
import { FLAGS_VIEW_ID, FlagsView } from './FlagsView';
import { lensTitle } from './flagText';
import { SET_UNLEASH_TOKEN_COMMAND, setUnleashToken, tokenSecretName } from './unleashToken';

export const SHOW_STALE_FLAGS_COMMAND = 'releaseHygiene.showStaleFlags';
export const REFRESH_FLAGS_COMMAND = 'releaseHygiene.refreshFlags';
/** Runs the history pass again where it was cancelled (the lenses' command then). */
export const DATE_FLAGS_COMMAND = 'releaseHygiene.dateFlags';
/** Hidden command for the integration tests (registered outside production only, never in the palette). */
export const TEST_FLAGS_COMMAND = 'releaseHygiene._testFlags';

/** Languages whose files the engine scans (languageOf decides per file name). */
export const FLAG_SELECTOR: vscode.DocumentSelector = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'python', 'go', 'java', 'kotlin'].map(
  (language) => ({ language, scheme: 'file' }),
);

/** Feature flags: the service, code lenses, diagnostics, hover, the Explorer view and the commands. */
export function registerFlags(context: vscode.ExtensionContext, log: Log): FlagService {
  const service = new FlagService(log, context.secrets, context.storageUri ? path.join(context.storageUri.fsPath, 'flags') : undefined);
  const view = new FlagsView(service);
  const lenses = new FlagCodeLenses(service);
  context.subscriptions.push(
    service,
    view,
    lenses,
    new FlagDiagnostics(service, log),
    vscode.languages.registerCodeLensProvider(FLAG_SELECTOR, lenses),
    vscode.languages.registerHoverProvider(FLAG_SELECTOR, new FlagHover(service)),
    vscode.commands.registerCommand(REFRESH_FLAGS_COMMAND, () => {
      view.show();
      service.refreshAll();
    }),
    vscode.commands.registerCommand(SHOW_STALE_FLAGS_COMMAND, () => showStaleFlags(service, view)),
    vscode.commands.registerCommand(DATE_FLAGS_COMMAND, async () => {
      if ((await service.retryAges()) === 0) {
        // Nothing was cancelled: date what is there now (a refresh re-dates through the HEAD cache).
        service.refreshAll();
      }
    }),
    vscode.commands.registerCommand(SET_UNLEASH_TOKEN_COMMAND, async () => {
      const root = service.roots()[0];
      const url = vscode.workspace.getConfiguration('releaseHygiene.flags', root ? vscode.Uri.file(root) : undefined).get<string>('unleash.url', '').trim();
      if (await setUnleashToken(context.secrets, url)) service.refreshAll();
    }),
  );
  if (context.extensionMode !== vscode.ExtensionMode.Production) {
    context.subscriptions.push(
      vscode.commands.registerCommand(TEST_FLAGS_COMMAND, async (options?: { readonly waitForAges?: boolean; readonly showView?: boolean; readonly unleashToken?: { readonly url: string; readonly token: string }; readonly restart?: boolean; readonly cancel?: boolean }) => {
        if (options?.showView) view.show();
        // As on a fresh window: nothing dated yet, so the next pass is a first one (with progress and Cancel).
        if (options?.restart) await service.restartForTest();
        // What the notification's Cancel button does.
        const cancelled = options?.cancel ? service.cancel() : 0;
        if (options?.unleashToken) {
          // What "Set Unleash Admin API Token" stores, without its input box.
          const name = tokenSecretName(options.unleashToken.url);
          if (name && options.unleashToken.token) await context.secrets.store(name, options.unleashToken.token);
          else if (name) await context.secrets.delete(name);
          service.refreshAll();
        }
        const states = service.startAll();
        if (options?.waitForAges) for (const state of states) await service.whenReady(state);
        const current = service.started();
        return {
          cancelled,
          roots: current.map((state) => ({
            root: state.root,
            scanning: state.scanning,
            agesReady: state.agesReady,
            agesCancelled: state.agesCancelled,
            scanCancelled: state.scanCancelled,
            history: state.history,
            head: state.head,
            agesCached: state.agesCached,
            filesScanned: state.scan?.filesScanned ?? 0,
            lastRescanMs: state.lastRescanMs ?? null,
            flags: state.flags.map((flag) => ({
              key: flag.key,
              provider: flag.provider,
              status: flag.status,
              ageDays: flag.ageDays,
              introducedBy: flag.introducedBy,
              expirySource: flag.expirySource,
              references: flag.references.map((r) => `${r.file}:${r.line}:${r.column}`),
              title: lensTitle(flag, service.origins(state)),
            })),
          })),
          view: {
            visible: view.view.visible,
            message: view.view.message,
            items: view.flagNodes().map((node) => {
              const item = view.getTreeItem(node);
              return { label: String(item.label), description: item.description, children: view.getChildren(node).map((child) => String(view.getTreeItem(child).label)) };
            }),
          },
        };
      }),
    );
  }
  return service;
}

/** Focuses the Feature Flags view and offers the stale flags (then the expired ones) in a quick pick. */
async function showStaleFlags(service: FlagService, view: FlagsView): Promise<void> {
  view.show();
  await vscode.commands.executeCommand(`${FLAGS_VIEW_ID}.focus`);
  const states = await Promise.all(service.startAll().map((state) => service.whenReady(state)));
  const picks = states.flatMap((state) =>
    state.flags
      .filter((flag) => flag.status === 'stale' || flag.status === 'expired')
      .map((flag) => ({ label: `$(${flag.status === 'stale' ? 'flame' : 'warning'}) ${flag.key}`, description: lensTitle(flag, service.origins(state)).slice(flag.key.length + 3), state, flag })),
  );
  if (picks.length === 0) {
    void vscode.window.showInformationMessage('No stale or expired feature flags.');
    return;
  }
  const picked = await vscode.window.showQuickPick(picks, { title: 'Stale and expired feature flags', placeHolder: 'Pick a flag to see its references', matchOnDescription: true });
  if (!picked) return;
  const node = view.flagNodes().find((n) => n.root === picked.state.root && n.flag.key === picked.flag.key);
  if (node) await view.view.reveal(node, { select: true, focus: false, expand: true }).then(undefined, () => undefined);
  const locations = picked.flag.references.map(
    (r) => new vscode.Location(vscode.Uri.file(path.join(picked.state.root, ...r.file.split('/'))), new vscode.Position(r.line - 1, r.column - 1)),
  );
  const first = locations[0];
  if (!first) return;
  await vscode.window.showTextDocument(first.uri, { selection: first.range, preview: true });
  await vscode.commands.executeCommand('editor.action.showReferences', first.uri, first.range.start, locations);
}
