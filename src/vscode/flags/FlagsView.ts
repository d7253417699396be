import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FlagInfo, FlagReference, FlagStatus } from '../../core/flags/types';
import type { FlagRootState, FlagService } from './FlagService';
import { explainFlag, viewDescription } from './flagText';

export const FLAGS_VIEW_ID = 'releaseHygiene.flags';

export type FlagNode =
  | { readonly kind: 'flag'; readonly root: string; readonly flag: FlagInfo }
  | { readonly kind: 'reference'; readonly root: string; readonly flag: FlagInfo; readonly reference: FlagReference };

const ICONS: Readonly<Record<FlagStatus, vscode.ThemeIcon>> = {
  stale: new vscode.ThemeIcon('flame', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  expired: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  ok: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  permanent: new vscode.ThemeIcon('lock'),
};

/** The Explorer's "Feature Flags" view: every flag, most stale first, each expanding to its references. */
export class FlagsView implements vscode.TreeDataProvider<FlagNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<FlagNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  readonly view: vscode.TreeView<FlagNode>;
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  private shown = false;

  constructor(private readonly service: FlagService) {
    this.view = vscode.window.createTreeView(FLAGS_VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.view,
      service.onDidChange(() => this.emitter.fire(undefined)),
      this.view.onDidChangeVisibility((event) => {
        if (event.visible) this.show();
      }),
    );
    if (this.view.visible) this.show();
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }

  /** The view (or the command) asks: start scanning every workspace folder. */
  show(): void {
    if (this.shown) return;
    this.shown = true;
    this.service.startAll();
    this.emitter.fire(undefined);
  }

  private states(): FlagRootState[] {
    return this.shown ? this.service.startAll() : this.service.started();
  }

  /** The flags shown at the top level, in order (multi-root: folder by folder). */
  flagNodes(): FlagNode[] {
    return this.states().flatMap((state) => state.flags.map((flag): FlagNode => ({ kind: 'flag', root: state.root, flag })));
  }

  getChildren(element?: FlagNode): FlagNode[] {
    if (!element) {
      const states = this.states();
      const nodes = this.flagNodes();
      const scanning = states.some((state) => state.scanning && !state.scan);
      this.view.message = scanning
        ? 'Finding feature flags…'
        : states.length === 0
          ? 'Feature flags are off here (releaseHygiene.flags.enabled) or no folder is open.'
          : states.some((state) => state.scanCancelled && !state.scan)
            ? 'Finding feature flags was cancelled. Refresh to scan again.'
            : states.some((state) => state.agesCancelled)
              ? 'Ages not computed: reading the history was cancelled. Run "Date Feature Flags from History" to read it again.'
              : undefined;
      const counts = { stale: 0, expired: 0 };
      for (const node of nodes) if (node.flag.status === 'stale' || node.flag.status === 'expired') counts[node.flag.status] += 1;
      this.view.badge = counts.stale > 0 ? { value: counts.stale, tooltip: `${counts.stale} stale feature flag${counts.stale === 1 ? '' : 's'}` } : undefined;
      this.view.description = nodes.length > 0 ? `${nodes.length} flags, ${counts.stale} stale, ${counts.expired} expired` : undefined;
      return nodes;
    }
    if (element.kind === 'reference') return [];
    return element.flag.references.map((reference): FlagNode => ({ kind: 'reference', root: element.root, flag: element.flag, reference }));
  }

  getTreeItem(node: FlagNode): vscode.TreeItem {
    const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
    if (node.kind === 'flag') {
      const item = new vscode.TreeItem(node.flag.key, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `${node.root}\u0000${node.flag.key}`;
      item.description = `${viewDescription(node.flag)}${multiRoot ? ` · ${path.basename(node.root)}` : ''}`;
      item.iconPath = ICONS[node.flag.status];
      item.contextValue = `flag.${node.flag.status}`;
      const state = this.service.started().find((s) => s.root === node.root);
      if (state) item.tooltip = new vscode.MarkdownString(explainFlag(node.flag, this.service.origins(state)));
      return item;
    }
    const { reference } = node;
    const uri = vscode.Uri.file(path.join(node.root, ...reference.file.split('/')));
    const item = new vscode.TreeItem(`${reference.file}:${reference.line}`, vscode.TreeItemCollapsibleState.None);
    item.id = `${node.root}\u0000${node.flag.key}\u0000${reference.file}:${reference.line}:${reference.column}`;
    item.description = reference.sdkCall;
    item.resourceUri = uri;
    item.iconPath = vscode.ThemeIcon.File;
    const position = new vscode.Position(reference.line - 1, reference.column - 1);
    item.command = { title: 'Open', command: 'vscode.open', arguments: [uri, { selection: new vscode.Range(position, position) }] };
    return item;
  }

  getParent(node: FlagNode): FlagNode | undefined {
    return node.kind === 'reference' ? { kind: 'flag', root: node.root, flag: node.flag } : undefined;
  }
}
