import { mkdir, readFile, rm } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { camelCaseKey, evaluateFlags, languageOf, parseFlagRegistry, resolvePolicy } from '../../core/flags';
import type { FileFlagScan, FlagAge, FlagAnnotation, FlagCallSite, FlagInfo, RegistryParse, RemoteFlagInfo, WorkspaceFlagScan } from '../../core/flags/types';
import { clearFlagAgeCache, computeFlagAges, fetchUnleashFlags, loadFlagRegistry, rescanFlagFile, scanWorkspaceFlags } from '../../node/flags';
import type { Log } from '../log';
import { getGitApi, type GitApi, type GitRepository } from '../release/gitApi';
import { readFlagSettings, type FlagSettings } from './flagSettings';
import { compareFlags, type FlagOrigins } from './flagText';
import { unleashToken } from './unleashToken';

const EDIT_DEBOUNCE_MS = 200;
const HEAD_DEBOUNCE_MS = 500;
const OUTSIDE_CHANGE_DEBOUNCE_MS = 2000;
/**
 * A scan or history pass shown with progress appears in the status bar at once; one still running after this long
 * also gets a notification with a Cancel button (a fast pass, the common case, never pops one up).
 */
const NOTIFY_AFTER_MS = 2000;

/** A controller that aborts with `parent` too: cancelling it stops one pass, aborting the parent stops everything. */
function childAbort(parent: AbortSignal): AbortController {
  const child = new AbortController();
  if (parent.aborted) child.abort();
  else parent.addEventListener('abort', () => child.abort(), { once: true });
  return child;
}

/** One workspace folder's flags: the scan, the ages from history, the registry, Unleash metadata, the evaluation. */
export interface FlagRootState {
  readonly root: string;
  readonly settings: FlagSettings;
  scan: WorkspaceFlagScan | undefined;
  /** Document version each open file's scan was made from (absent: the text on disk). */
  readonly versions: Map<string, number>;
  ages: Readonly<Record<string, FlagAge>>;
  agesKeys: ReadonlySet<string>;
  agesReady: boolean;
  /** The history pass was cancelled (the Cancel button, or cancel()): no ages until it is run again. */
  agesCancelled: boolean;
  /** The workspace scan was cancelled: nothing to show until a refresh. */
  scanCancelled: boolean;
  /** Cancels the scan or the history pass running now (not the whole refresh). */
  passAbort: AbortController | undefined;
  history: boolean;
  head: string | null;
  agesCached: boolean;
  registry: RegistryParse & { readonly file?: string };
  remote: readonly RemoteFlagInfo[];
  flags: readonly FlagInfo[];
  byKey: ReadonlyMap<string, FlagInfo>;
  /** LaunchDarkly `useFlags()` properties name the camelCase form of a key. */
  byCamelCase: ReadonlyMap<string, FlagInfo>;
  annotations: readonly FlagAnnotation[];
  scanning: boolean;
  /** Milliseconds the last one-file rescan took, re-evaluation included (the incremental path). */
  lastRescanMs: number | undefined;
  abort: AbortController | undefined;
  /** Settles when the current refresh has scanned and dated everything. */
  ready: Promise<void>;
}

/** Where a document sits: its workspace folder's state and its repository-relative path. */
export interface DocumentScan {
  readonly state: FlagRootState;
  readonly file: string;
  readonly scan: FileFlagScan | undefined;
}

/**
 * Feature flags per workspace folder. Starts lazily (a provider or the view asks), scans the workspace once with
 * progress, dates every key with one history pass in the background (cancellable; cached by HEAD in the engine
 * and on disk in the extension's storage, so a reload costs nothing), rescans only an edited file (debounced,
 * the previous pending rescan cancelled), and refreshes when the git extension reports a new HEAD.
 */
export class FlagService implements vscode.Disposable {
  private readonly states = new Map<string, FlagRootState>();
  private readonly editTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly refreshTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changeEmitter = new vscode.EventEmitter<string>();
  private readonly repositoryListeners = new Map<string, vscode.Disposable>();
  private git: GitApi | undefined;
  private firstScanShown = false;
  /** A root's flags changed (scan, ages, edit, settings). */
  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly log: Log,
    private readonly secrets: vscode.SecretStorage,
    private readonly storageDir: string | undefined,
  ) {
    this.disposables.push(
      this.changeEmitter,
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0) this.scheduleRescan(event.document);
      }),
      vscode.workspace.onDidOpenTextDocument((document) => this.scheduleRescan(document, 0)),
      // Unsaved changes dropped: the file is what the disk says again (its diagnostics stay, from the scan).
      vscode.workspace.onDidCloseTextDocument((document) => this.documentClosed(document)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.refreshAll()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (['releaseHygiene.flags', 'files.exclude', 'search.exclude'].some((s) => event.affectsConfiguration(s))) this.refreshAll();
      }),
    );
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{ts,tsx,js,jsx,mjs,cjs,mts,cts,py,go,java,kt,yaml,yml,json}');
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => this.fileChangedOnDisk(uri)),
      watcher.onDidChange((uri) => this.fileChangedOnDisk(uri)),
      watcher.onDidDelete((uri) => this.fileChangedOnDisk(uri, true)),
    );
    // Deleting the registry's folder reports the folder only; a file written right after its new folder was
    // created can be missed by the recursive watcher, so the folder's creation refreshes too.
    const registryFolder = vscode.workspace.createFileSystemWatcher('**/.release-hygiene', false, true, false);
    this.disposables.push(
      registryFolder,
      registryFolder.onDidCreate((uri) => this.fileChangedOnDisk(uri)),
      registryFolder.onDidDelete((uri) => this.fileChangedOnDisk(uri, true)),
    );
    void this.connectGit();
  }

  dispose(): void {
    for (const timer of [...this.editTimers.values(), ...this.refreshTimers.values()]) clearTimeout(timer);
    for (const state of this.states.values()) state.abort?.abort();
    for (const listener of this.repositoryListeners.values()) listener.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }

  /** Workspace folders on disk (the scan roots). */
  roots(): string[] {
    return (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file').map((folder) => folder.uri.fsPath);
  }

  /** The states started so far (the view starts all). */
  started(): FlagRootState[] {
    return [...this.states.values()];
  }

  /** A root's state, starting its scan when nothing asked for it before. Undefined when flags are off there. */
  state(root: string): FlagRootState | undefined {
    const existing = this.states.get(root);
    if (existing) return existing.settings.enabled ? existing : undefined;
    const state = this.start(root);
    return state.settings.enabled ? state : undefined;
  }

  /** Starts every root (the Feature Flags view is shown). */
  startAll(): FlagRootState[] {
    return this.roots().map((root) => this.state(root)).filter((s): s is FlagRootState => s !== undefined);
  }

  /**
   * For the integration tests: forgets every state and the age caches (memory and disk), as a first window on the
   * repository, so the next scan and history pass are first ones: shown with progress, cancellable, reading git.
   */
  async restartForTest(): Promise<void> {
    for (const state of this.states.values()) state.abort?.abort();
    const started = [...this.states.keys()];
    this.states.clear();
    clearFlagAgeCache();
    if (this.storageDir) await rm(path.join(this.storageDir, 'flag-ages.json'), { force: true });
    this.firstScanShown = false;
    for (const root of started) this.start(root);
    for (const root of started) this.changeEmitter.fire(root);
  }

  /** Forgets everything and scans again (settings changed, folders changed, Refresh). */
  refreshAll(): void {
    const previous = new Map(this.states);
    for (const state of previous.values()) state.abort?.abort();
    this.states.clear();
    const roots = new Set(this.roots());
    const started = [...previous.keys()];
    for (const root of started) if (roots.has(root)) this.start(root, previous.get(root));
    for (const root of started) this.changeEmitter.fire(root);
  }

  /**
   * Cancels the scan or history pass that runs now with progress (what the notification's Cancel button does):
   * its git processes are killed; the lenses then say the age was not computed, and retryAges() runs it again.
   */
  cancel(root?: string): number {
    let cancelled = 0;
    for (const state of this.states.values()) {
      if ((root === undefined || state.root === root) && state.passAbort && !state.passAbort.signal.aborted) {
        state.passAbort.abort();
        cancelled++;
      }
    }
    return cancelled;
  }

  /** Runs the history pass again where it was cancelled; resolves when those passes are done. */
  async retryAges(): Promise<number> {
    const retried = [...this.states.values()].filter((state) => state.agesCancelled && state.abort && this.isCurrent(state, state.abort.signal));
    await Promise.all(
      retried.map((state) => {
        state.agesCancelled = false;
        this.changeEmitter.fire(state.root); // lenses: "reading history…" again
        return this.loadAges(state, (state.abort as AbortController).signal).catch((error: unknown) => this.log.error('feature flag ages failed', error));
      }),
    );
    return retried.length;
  }

  origins(state: FlagRootState): FlagOrigins {
    return {
      history: state.history,
      pending: !state.agesReady && !state.agesCancelled,
      cancelled: state.agesCancelled,
      registryFile: state.registry.file,
      registry: state.registry.entries,
      annotations: state.annotations,
      policy: { expireDays: state.settings.expireDays, staleDays: state.settings.staleDays },
    };
  }

  rootOf(uri: vscode.Uri): string | undefined {
    if (uri.scheme !== 'file') return undefined;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return folder && folder.uri.scheme === 'file' ? folder.uri.fsPath : undefined;
  }

  /** The repository-relative, `/`-separated path of a file inside `root` that the engine scans, else undefined. */
  relativeFile(root: string, fsPath: string): string | undefined {
    const relative = path.relative(root, fsPath);
    if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
    const file = relative.split(path.sep).join('/');
    if (/(^|\/)node_modules\//.test(file) || languageOf(file) === undefined) return undefined;
    return file;
  }

  /**
   * The scan of a document's current text: rescanned right away when the last scan is of another version (one
   * file, well under the 2 ms budget), so offsets always match the document the providers see.
   */
  documentScan(document: vscode.TextDocument): DocumentScan | undefined {
    const root = this.rootOf(document.uri);
    if (root === undefined) return undefined;
    const file = this.relativeFile(root, document.uri.fsPath);
    if (file === undefined) return undefined;
    const state = this.state(root);
    if (!state?.scan) return state ? { state, file, scan: undefined } : undefined;
    if (state.versions.get(file) !== document.version) this.rescan(state, file, document.getText(), document.version);
    return { state, file, scan: state.scan?.files[file] };
  }

  /** The flag a call site evaluates (a camelCase `useFlags()` property maps to its kebab key). */
  flagAt(state: FlagRootState, site: Pick<FlagCallSite, 'key' | 'camelCase'>): FlagInfo | undefined {
    return state.byKey.get(site.key) ?? (site.camelCase ? state.byCamelCase.get(site.key) : undefined);
  }

  /** Resolves once the root's current refresh finished (scan, ages, registry); never rejects. */
  async whenReady(state: FlagRootState): Promise<FlagRootState> {
    let current = state;
    for (;;) {
      await current.ready.catch(() => undefined);
      const latest = this.states.get(current.root);
      if (!latest || latest === current) return current;
      current = latest; // superseded by a refresh
    }
  }

  /** A new refresh of `root`; `previous` (same root) keeps showing until the new results land. */
  /**
   * `keepCancelled`: an automatic refresh (a file changed on disk, a new HEAD) keeps a cancelled history pass
   * cancelled: the user stopped it, so it waits for Date Feature Flags from History (or Refresh) to run again.
   */
  private start(root: string, previous?: FlagRootState, keepCancelled = false): FlagRootState {
    const settings = readFlagSettings(vscode.Uri.file(root));
    let resolveReady: () => void = () => undefined;
    const state: FlagRootState = {
      root,
      settings,
      scan: previous?.scan,
      versions: new Map(previous?.versions),
      ages: previous?.ages ?? {},
      agesKeys: previous?.agesKeys ?? new Set(),
      agesReady: previous?.agesReady ?? false,
      agesCancelled: keepCancelled && previous?.agesCancelled === true,
      scanCancelled: false,
      passAbort: undefined,
      history: previous?.history ?? true,
      head: previous?.head ?? null,
      agesCached: false,
      registry: previous?.registry ?? { entries: [], errors: [] },
      remote: previous && previous.settings.unleashUrl === settings.unleashUrl ? previous.remote : [],
      flags: previous?.flags ?? [],
      byKey: previous?.byKey ?? new Map(),
      byCamelCase: previous?.byCamelCase ?? new Map(),
      annotations: previous?.annotations ?? [],
      scanning: settings.enabled,
      lastRescanMs: previous?.lastRescanMs,
      abort: undefined,
      ready: new Promise<void>((resolve) => (resolveReady = resolve)),
    };
    this.states.set(root, state);
    if (!settings.enabled) {
      state.scanning = false;
      resolveReady();
      return state;
    }
    const abort = new AbortController();
    state.abort = abort;
    const work = this.load(state, abort.signal).catch((error: unknown) => this.log.error(`feature flags of ${root}: refresh failed`, error));
    void work.finally(() => {
      state.scanning = false;
      resolveReady();
      if (this.states.get(root) === state) this.changeEmitter.fire(root);
    });
    return state;
  }

  private isCurrent(state: FlagRootState, signal: AbortSignal): boolean {
    return !signal.aborted && this.states.get(state.root) === state;
  }

  private async load(state: FlagRootState, signal: AbortSignal): Promise<void> {
    const { root, settings } = state;
    const started = Date.now();
    const pass = childAbort(signal);
    const scanOnce = (): Promise<WorkspaceFlagScan> =>
      scanWorkspaceFlags(root, { exclude: settings.exclude, patterns: settings.patterns, signal: pass.signal });
    // The first scan of the session shows progress in the window (and the view), cancellable; later ones are quiet.
    let scan: WorkspaceFlagScan;
    if (this.firstScanShown) {
      scan = await scanOnce();
    } else {
      state.passAbort = pass;
      scan = await vscode.window.withProgress({ location: { viewId: 'releaseHygiene.flags' } }, () =>
        this.withCancellableProgress('Release Hygiene: finding feature flags', pass, scanOnce),
      );
      if (state.passAbort === pass) state.passAbort = undefined;
    }
    this.firstScanShown = true;
    if (!this.isCurrent(state, signal)) return;
    if (pass.signal.aborted) {
      // Cancelled by the user: a partial scan would show some flags as if they were all; show none until Refresh.
      state.scanCancelled = true;
      this.firstScanShown = false;
      this.log.info(`feature flags of ${root}: finding feature flags was cancelled (Refresh Feature Flags scans again)`);
      return;
    }
    state.scan = scan;
    state.versions.clear();
    // Open documents may differ from the disk: their own text counts.
    for (const document of vscode.workspace.textDocuments) {
      const file = this.rootOf(document.uri) === root ? this.relativeFile(root, document.uri.fsPath) : undefined;
      if (file !== undefined && document.isDirty) this.rescan(state, file, document.getText(), document.version, false);
    }
    state.registry = await this.loadRegistry(root, settings);
    if (!this.isCurrent(state, signal)) return;
    this.evaluate(state);
    this.log.info(`feature flags of ${root}: ${Object.keys(scan.files).length} files with flags of ${scan.filesScanned} scanned, ${state.flags.length} flags (${Date.now() - started} ms)`);
    this.changeEmitter.fire(root);

    // History and Unleash in the background; the lenses resolve their ages when these land.
    const remote = this.loadRemote(state, signal);
    if (!state.agesCancelled) await this.loadAges(state, signal);
    await remote;
  }

  private async loadAges(state: FlagRootState, signal: AbortSignal): Promise<void> {
    const started = Date.now();
    const keys = [...state.byKey.keys()];
    const aliases: Record<string, string[]> = {};
    for (const site of this.callSites(state)) {
      if (site.keyReference) (aliases[site.key] ??= []).includes(site.keyReference) || aliases[site.key]!.push(site.keyReference);
    }
    if (this.storageDir) await mkdir(this.storageDir, { recursive: true }).catch(() => undefined);
    // A newer pass supersedes one still running (its git processes end).
    state.passAbort?.abort();
    const pass = childAbort(signal);
    state.passAbort = pass;
    const compute = () =>
      computeFlagAges(state.root, {
        keys,
        aliases,
        patterns: state.settings.patterns,
        ...(this.storageDir ? { storageDir: this.storageDir } : {}),
        signal: pass.signal,
      });
    // The first history pass shows in the status bar's progress, and after a moment in a notification with Cancel (a
    // cached one returns at once); later ones are quiet (a newer refresh cancels them).
    const result = state.agesReady
      ? await compute()
      : await this.withCancellableProgress('Release Hygiene: dating feature flags from history', pass, compute);
    const current = state.passAbort === pass;
    if (current) state.passAbort = undefined;
    if (!this.isCurrent(state, signal)) return;
    if (!result.ok && result.kind === 'cancelled' && current && pass.signal.aborted) {
      // Cancelled by the user (not superseded): the lenses say the age was not computed and offer to retry.
      state.agesCancelled = true;
      this.log.info(`feature flags of ${state.root}: dating from history was cancelled (Date Feature Flags from History runs it again)`);
      this.evaluate(state);
      this.changeEmitter.fire(state.root);
      return;
    }
    if (result.ok) {
      state.ages = result.ages;
      state.head = result.head;
      state.agesCached = result.cached;
      state.history = true;
      this.log.info(`feature flags of ${state.root}: ages of ${keys.length} keys at ${result.head?.slice(0, 7) ?? '-'} (${result.cached ? 'cached' : `${result.commitsRead} commits read`}, ${Date.now() - started} ms)`);
    } else if (result.kind !== 'cancelled') {
      state.history = false;
      this.log.info(`feature flags of ${state.root}: no ages (${result.message})`);
    } else {
      return;
    }
    state.agesKeys = new Set(keys);
    state.agesReady = true;
    this.evaluate(state);
    this.changeEmitter.fire(state.root);
  }

  /**
   * `work` with progress in the status bar at once and, when it runs longer than NOTIFY_AFTER_MS, a notification
   * whose Cancel button aborts `pass` (the same as cancel()). Resolves with what `work` resolves.
   */
  private withCancellableProgress<T>(title: string, pass: AbortController, work: () => Promise<T>): Promise<T> {
    const done = work();
    const settled = done.then(
      () => undefined,
      () => undefined,
    );
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, () => settled);
    const timer = setTimeout(() => {
      if (pass.signal.aborted) return;
      void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_progress, token) => {
        const subscription = token.onCancellationRequested(() => pass.abort());
        return settled.finally(() => subscription.dispose());
      });
    }, NOTIFY_AFTER_MS);
    void settled.finally(() => clearTimeout(timer));
    return done;
  }

  private async loadRemote(state: FlagRootState, signal: AbortSignal): Promise<void> {
    const url = state.settings.unleashUrl;
    const token = url ? await unleashToken(this.secrets, url) : undefined;
    if (!this.isCurrent(state, signal)) return;
    if (!url || !token) {
      // No server (any more), or its token was removed: forget what it said.
      if (state.remote.length > 0) {
        state.remote = [];
        this.evaluate(state);
        this.changeEmitter.fire(state.root);
      }
      return;
    }
    const result = await fetchUnleashFlags({ url, token, signal });
    if (!this.isCurrent(state, signal)) return;
    if (!result.ok) {
      // The engine's messages never hold the token.
      this.log.warn(`feature flags: the Unleash server at ${url} could not be read: ${result.message}`);
      return;
    }
    state.remote = result.flags;
    this.log.info(`feature flags: ${result.flags.length} flags read from the Unleash server at ${url}`);
    this.evaluate(state);
    this.changeEmitter.fire(state.root);
  }

  private async loadRegistry(root: string, settings: FlagSettings): Promise<RegistryParse & { readonly file?: string }> {
    try {
      if (!settings.registryFile) return await loadFlagRegistry(root);
      const full = path.resolve(root, settings.registryFile);
      const relative = path.relative(root, full);
      if (relative.startsWith('..') || path.isAbsolute(relative)) {
        return { entries: [], errors: [`the registry file ${settings.registryFile} is outside the workspace folder`] };
      }
      const text = await readFile(full, 'utf8').catch(() => undefined);
      if (text === undefined) return { entries: [], errors: [`the registry file ${settings.registryFile} cannot be read`], file: relative };
      const parsed = parseFlagRegistry(text, /\.json$/i.test(full) ? 'json' : 'yaml');
      return { ...parsed, file: relative.split(path.sep).join('/') };
    } catch (error) {
      this.log.error(`feature flags of ${root}: reading the registry failed`, error);
      return { entries: [], errors: [] };
    } finally {
      // Registry problems are the user's to fix; they go to the log.
    }
  }

  private callSites(state: FlagRootState): FlagCallSite[] {
    return Object.values(state.scan?.files ?? {}).flatMap((file) => file.callSites);
  }

  /** Groups, dates and classifies every call site (pure and fast; run after every change). */
  private evaluate(state: FlagRootState): void {
    const files = Object.values(state.scan?.files ?? {});
    const annotations = files.flatMap((file) => file.annotations);
    const policy = resolvePolicy({ expireDays: state.settings.expireDays, staleDays: state.settings.staleDays, registry: state.registry.entries });
    const flags = evaluateFlags({
      callSites: files.flatMap((file) => file.callSites),
      annotations,
      ages: state.ages,
      policy,
      remote: state.remote,
      now: new Date().toISOString(),
    });
    state.flags = [...flags].sort(compareFlags);
    state.byKey = new Map(state.flags.map((flag) => [flag.key, flag]));
    state.byCamelCase = new Map(state.flags.map((flag) => [camelCaseKey(flag.key), flag]));
    state.annotations = annotations;
    if (state.registry.errors.length > 0) this.log.warn(`feature flags: registry ${state.registry.file ?? ''}: ${state.registry.errors.join('; ')}`);
  }

  private rescan(state: FlagRootState, file: string, text: string | undefined, version: number | undefined, notify = true): void {
    if (!state.scan) return;
    const started = performance.now();
    state.scan = rescanFlagFile(state.scan, file, text);
    if (version === undefined) state.versions.delete(file);
    else state.versions.set(file, version);
    if (!notify) return;
    this.evaluate(state);
    state.lastRescanMs = performance.now() - started;
    this.log.trace(`feature flags: rescanned ${file} (${state.lastRescanMs.toFixed(2)} ms)`);
    // A key that history was not asked about (typed or pasted): date it in the background.
    if (state.agesReady && state.history && [...state.byKey.keys()].some((key) => !state.agesKeys.has(key))) this.scheduleAges(state);
    this.changeEmitter.fire(state.root);
  }

  private scheduleAges(state: FlagRootState): void {
    const key = `ages:${state.root}`;
    clearTimeout(this.refreshTimers.get(key));
    this.refreshTimers.set(
      key,
      setTimeout(() => {
        this.refreshTimers.delete(key);
        const signal = state.abort?.signal;
        if (signal && this.isCurrent(state, signal)) void this.loadAges(state, signal).catch((error: unknown) => this.log.error('feature flag ages failed', error));
      }, 1000),
    );
  }

  /** Debounced rescan of one edited document; a newer edit cancels the pending one. */
  private scheduleRescan(document: vscode.TextDocument, delay = EDIT_DEBOUNCE_MS): void {
    const root = this.rootOf(document.uri);
    if (root === undefined || !this.states.has(root)) return;
    const file = this.relativeFile(root, document.uri.fsPath);
    if (file === undefined) return;
    const id = document.uri.toString();
    clearTimeout(this.editTimers.get(id));
    this.editTimers.set(
      id,
      setTimeout(() => {
        this.editTimers.delete(id);
        const state = this.states.get(root);
        if (!state?.scan || document.isClosed || state.versions.get(file) === document.version) return;
        this.rescan(state, file, document.getText(), document.version);
      }, delay),
    );
  }

  /** A file changed outside the editor (or was saved): rescan it from disk unless it is open; registry → reload. */
  private fileChangedOnDisk(uri: vscode.Uri, deleted = false): void {
    const root = this.rootOf(uri);
    const state = root !== undefined ? this.states.get(root) : undefined;
    if (!state?.scan || root === undefined) return;
    const relative = path.relative(root, uri.fsPath).split(path.sep).join('/');
    if (relative === state.registry.file || relative === '.release-hygiene' || /^(\.release-hygiene\/)?flags\.(ya?ml|json)$/.test(relative)) {
      this.scheduleRefresh(root, HEAD_DEBOUNCE_MS);
      return;
    }
    const file = this.relativeFile(root, uri.fsPath);
    if (file === undefined) return;
    if (vscode.workspace.textDocuments.some((document) => document.uri.toString() === uri.toString() && !document.isClosed)) return;
    if (!deleted && state.scan.files[file] === undefined) {
      // A file the scan has no flags in (maybe one .gitignore or an exclude keeps out, e.g. a build output):
      // a quiet, debounced workspace scan decides, instead of reading it here past the ignore rules.
      this.scheduleRefresh(root, OUTSIDE_CHANGE_DEBOUNCE_MS);
      return;
    }
    const id = uri.toString();
    clearTimeout(this.editTimers.get(id));
    this.editTimers.set(
      id,
      setTimeout(() => {
        this.editTimers.delete(id);
        void (deleted ? Promise.resolve(undefined) : readFile(uri.fsPath, 'utf8').catch(() => undefined)).then((text) => {
          if (this.states.get(root) === state) this.rescan(state, file, text, undefined);
        });
      }, EDIT_DEBOUNCE_MS),
    );
  }

  /** A closed document whose scan was of its unsaved text: rescan the file from disk. */
  private documentClosed(document: vscode.TextDocument): void {
    const root = this.rootOf(document.uri);
    const state = root !== undefined ? this.states.get(root) : undefined;
    const file = root !== undefined ? this.relativeFile(root, document.uri.fsPath) : undefined;
    if (!state?.scan || root === undefined || file === undefined || !state.versions.has(file)) return;
    void readFile(document.uri.fsPath, 'utf8')
      .catch(() => undefined)
      .then((text) => {
        if (this.states.get(root) === state && !this.isOpenDocument(document.uri)) this.rescan(state, file, text, undefined);
      });
  }

  private isOpenDocument(uri: vscode.Uri): boolean {
    return vscode.workspace.textDocuments.some((document) => !document.isClosed && document.uri.toString() === uri.toString());
  }

  private scheduleRefresh(root: string, delay: number): void {
    clearTimeout(this.refreshTimers.get(root));
    this.refreshTimers.set(
      root,
      setTimeout(() => {
        this.refreshTimers.delete(root);
        const state = this.states.get(root);
        if (!state) return;
        state.abort?.abort();
        this.states.delete(root);
        this.start(root, state, true);
        this.changeEmitter.fire(root);
      }, delay),
    );
  }

  /** HEAD moved (commit, checkout, pull): re-scan and re-date, through the engine's HEAD cache. */
  private async connectGit(): Promise<void> {
    this.git = await getGitApi();
    if (!this.git) return;
    const watch = (repository: GitRepository): void => {
      const key = repository.rootUri.fsPath;
      if (this.repositoryListeners.has(key)) return;
      this.repositoryListeners.set(
        key,
        repository.state.onDidChange(() => {
          // Compared with the HEAD each root was dated at (not with the last event): a commit and a reset
          // between two events, or a background re-dating at another HEAD, still refresh.
          const next = repository.state.HEAD?.commit;
          if (!next) return;
          for (const state of this.states.values()) {
            const relative = path.relative(key, state.root);
            const inside = relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
            if (inside && state.agesReady && state.history && state.head !== null && state.head !== next && !this.refreshTimers.has(state.root)) {
              this.log.info(`feature flags: HEAD of ${key} is now ${next.slice(0, 7)} (was ${state.head.slice(0, 7)})`);
              this.scheduleRefresh(state.root, HEAD_DEBOUNCE_MS);
            }
          }
        }),
      );
    };
    for (const repository of this.git.repositories) watch(repository);
    this.disposables.push(
      this.git.onDidOpenRepository(watch),
      this.git.onDidCloseRepository((repository) => {
        this.repositoryListeners.get(repository.rootUri.fsPath)?.dispose();
        this.repositoryListeners.delete(repository.rootUri.fsPath);
      }),
    );
  }
}
