import * as path from 'node:path';
import * as vscode from 'vscode';
import { changedCapabilities, warningKeyPosition } from '../core/config/editorConfig';
import { PRODUCT_CONFIG_FILES, type ProductConfig } from '../core/config/productConfig';
import { CAPABILITIES, type Capability } from '../core/report';
import { findConfigRootOnDisk, loadProductConfig, type LoadedProductConfig } from '../node';
import type { Log } from './log';

/** `.release-hygiene.yaml|yml|json` anywhere: the handler keeps only those at a folder's repository root. */
export const PRODUCT_CONFIG_GLOB = '**/.release-hygiene.{yaml,yml,json}';

interface FolderState {
  readonly folder: vscode.WorkspaceFolder;
  /** Undefined until the repository root has been found. */
  root: string | undefined;
  loaded: LoadedProductConfig;
  ready: Promise<void>;
  /** Bumped per load: a slower, older load that finishes later is dropped. */
  sequence: number;
  /** A watcher of the root when it is above the folder (the workspace watcher does not see it there). */
  rootWatcher?: vscode.Disposable;
}

export interface ProductConfigChange {
  readonly root: string;
  readonly capabilities: readonly Capability[];
}

const EMPTY: LoadedProductConfig = { config: {}, warnings: [] };

/**
 * The product's configuration file of each workspace folder's repository, read with the CLI's reader
 * (src/node/productConfig.ts) so the editor and `release-hygiene check` agree. It is data, not code: it is read in
 * Restricted Mode too. The settings readers of each capability ask `productConfigFor(scope)` synchronously; until
 * the file has been read that is the empty configuration, and the load's change event refreshes what it affects.
 */
export class ProductConfigs implements vscode.Disposable {
  private readonly folders = new Map<string, FolderState>();
  private readonly changeEmitter = new vscode.EventEmitter<ProductConfigChange>();
  /** Fires when a folder's file was read and some capabilities' values differ from before. */
  readonly onDidChange = this.changeEmitter.event;
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('release-hygiene-config');
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter, this.diagnostics];

  constructor(private readonly log: Log) {
    const watcher = vscode.workspace.createFileSystemWatcher(PRODUCT_CONFIG_GLOB);
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => this.fileChanged(uri)),
      watcher.onDidChange((uri) => this.fileChanged(uri)),
      watcher.onDidDelete((uri) => this.fileChanged(uri)),
      vscode.workspace.onDidChangeWorkspaceFolders((event) => {
        for (const folder of event.removed) {
          this.folders.get(folder.uri.toString())?.rootWatcher?.dispose();
          this.folders.delete(folder.uri.toString());
        }
        for (const folder of event.added) this.add(folder);
      }),
    );
    for (const folder of vscode.workspace.workspaceFolders ?? []) this.add(folder);
  }

  dispose(): void {
    for (const state of this.folders.values()) state.rootWatcher?.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }

  /** Settles when every folder's file has been read once. */
  async ready(): Promise<void> {
    await Promise.all([...this.folders.values()].map((state) => state.ready));
  }

  /** The configuration that applies to a resource: its workspace folder's repository file, else empty. */
  configFor(scope: vscode.Uri | undefined): ProductConfig {
    return this.stateOf(scope)?.loaded.config ?? {};
  }

  /** The repository root the file of `scope` is read from (undefined until found, or outside every folder). */
  rootFor(scope: vscode.Uri | undefined): string | undefined {
    return this.stateOf(scope)?.root;
  }

  /** What the folders read, for the integration tests. */
  describe(): { folder: string; root: string | undefined; file: string | undefined; config: ProductConfig; warnings: readonly string[] }[] {
    return [...this.folders.values()].map((state) => ({
      folder: state.folder.uri.fsPath,
      root: state.root,
      file: state.loaded.file,
      config: state.loaded.config,
      warnings: state.loaded.warnings,
    }));
  }

  private stateOf(scope: vscode.Uri | undefined): FolderState | undefined {
    const folder = scope ? vscode.workspace.getWorkspaceFolder(scope) : vscode.workspace.workspaceFolders?.[0];
    return folder ? this.folders.get(folder.uri.toString()) : undefined;
  }

  private add(folder: vscode.WorkspaceFolder): void {
    if (folder.uri.scheme !== 'file' || this.folders.has(folder.uri.toString())) return;
    const state: FolderState = { folder, root: undefined, loaded: EMPTY, ready: Promise.resolve(), sequence: 0 };
    this.folders.set(folder.uri.toString(), state);
    state.ready = this.load(state);
  }

  private fileChanged(uri: vscode.Uri): void {
    if (uri.scheme !== 'file' || !(PRODUCT_CONFIG_FILES as readonly string[]).includes(path.basename(uri.fsPath))) return;
    const dir = path.dirname(uri.fsPath);
    for (const state of this.folders.values()) if (state.root === dir) state.ready = this.load(state);
  }

  private async load(state: FolderState): Promise<void> {
    const sequence = ++state.sequence;
    let loaded: LoadedProductConfig;
    let root: string;
    try {
      root = state.root ?? (await findConfigRootOnDisk(state.folder.uri.fsPath));
      loaded = await loadProductConfig(root);
    } catch (error) {
      // loadProductConfig never rejects by contract; if anything does, the editor keeps its settings.
      this.log.error(`reading the product configuration of ${state.folder.uri.fsPath} failed`, error);
      return;
    }
    if (sequence !== state.sequence || !this.folders.has(state.folder.uri.toString())) return;
    const before = state.loaded;
    if (state.root === undefined && !vscode.workspace.getWorkspaceFolder(vscode.Uri.file(path.join(root, PRODUCT_CONFIG_FILES[0])))) {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(root), '.release-hygiene.{yaml,yml,json}'));
      watcher.onDidCreate((uri) => this.fileChanged(uri));
      watcher.onDidChange((uri) => this.fileChanged(uri));
      watcher.onDidDelete((uri) => this.fileChanged(uri));
      state.rootWatcher = watcher;
    }
    state.root = root;
    state.loaded = loaded;
    this.report(root, before, loaded);
    const capabilities = changedCapabilities(before.config, loaded.config);
    if (capabilities.length > 0) this.changeEmitter.fire({ root, capabilities });
  }

  private report(root: string, before: LoadedProductConfig, loaded: LoadedProductConfig): void {
    if (before.file !== loaded.file || JSON.stringify(before.config) !== JSON.stringify(loaded.config)) {
      this.log.info(loaded.file ? `product configuration for ${root}: ${loaded.file}` : `product configuration for ${root}: none (${PRODUCT_CONFIG_FILES.join(', ')})`);
      for (const capability of CAPABILITIES) {
        if (loaded.config[capability]?.enabled === false) this.log.info(`${capability}: off in the editor for ${root} (${loaded.file} ${capability}.enabled: false)`);
      }
    }
    // Each warning once per change of the file's warnings, not at every save of an unchanged problem.
    if (JSON.stringify(before.warnings) !== JSON.stringify(loaded.warnings)) for (const warning of loaded.warnings) this.log.warn(warning);
    for (const file of PRODUCT_CONFIG_FILES) this.diagnostics.delete(vscode.Uri.file(path.join(root, file)));
    if (loaded.file && loaded.warnings.length > 0) void this.showOnFile(vscode.Uri.file(path.join(root, loaded.file)), loaded.file, loaded.warnings);
  }

  /** The warnings as diagnostics on the file, each on the key it names when that key is found in the text. */
  private async showOnFile(uri: vscode.Uri, file: string, warnings: readonly string[]): Promise<void> {
    let text = '';
    try {
      text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      // Unreadable: the warnings still go on its first line.
    }
    const diagnostics = warnings.map((warning) => {
      const message = warning.startsWith(`${file}: `) ? warning.slice(file.length + 2) : warning;
      const diagnostic = new vscode.Diagnostic(keyRange(text, message), message, vscode.DiagnosticSeverity.Warning);
      diagnostic.source = 'release-hygiene';
      return diagnostic;
    });
    this.diagnostics.set(uri, diagnostics);
  }
}

/** The warning's key in the file, else the first line. */
function keyRange(text: string, message: string): vscode.Range {
  const at = warningKeyPosition(text, message);
  return at ? new vscode.Range(at.line, at.start, at.line, at.end) : new vscode.Range(0, 0, 0, text.split('\n')[0]?.length ?? 0);
}

let current: ProductConfigs | undefined;

/** Makes `configs` the one the settings readers consult (the extension's activation). */
export function useProductConfigs(configs: ProductConfigs | undefined): void {
  current = configs;
}

/** The product configuration for a resource, for the settings readers; empty before activation. */
export function productConfigFor(scope: vscode.Uri | undefined): ProductConfig {
  return current?.configFor(scope) ?? {};
}

/** The repository root the product configuration of `scope` comes from (its globs are relative to it). */
export function productConfigRootFor(scope: vscode.Uri | undefined): string | undefined {
  return current?.rootFor(scope);
}
