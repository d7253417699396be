import { basename } from 'node:path';
import * as vscode from 'vscode';
import { renderChangelog } from '../../core/release';
import { loadReleasePlan, releaseStateKey, type ReleaseContext } from '../../node/release';
import { repositoryRootOf } from '../commitDocuments';
import type { Log } from '../log';
import { getGitApi, type GitApi, type GitRepository } from './gitApi';
import { toPreviewModel } from './previewModel';
import type { PreviewModel } from './protocol';
import { readReleaseSettings } from './releaseSettings';

export type PlanOutcome =
  | { readonly ok: true; readonly root: string; readonly key: string; readonly context: ReleaseContext; readonly model: PreviewModel }
  | { readonly ok: false; readonly root: string; readonly key: string | null; readonly message: string };

const DEBOUNCE_MS = 300;

/**
 * Release plans per repository of the git extension, cached by `releaseStateKey` (HEAD + tags) and the settings.
 * Recomputes (debounced) when the git extension reports a change and the key moved; a newer computation for a
 * repository supersedes an older one (whose result is dropped). Computations show in the window's progress.
 */
export class ReleaseService implements vscode.Disposable {
  private api: GitApi | undefined;
  private readonly apiReady: Promise<GitApi | undefined>;
  private readonly cache = new Map<string, PlanOutcome>();
  private readonly inflight = new Map<string, { readonly key: string; readonly promise: Promise<PlanOutcome>; readonly abort: AbortController }>();
  private readonly sequence = new Map<string, number>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly repositoryListeners = new Map<string, vscode.Disposable>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly planEmitter = new vscode.EventEmitter<PlanOutcome>();
  private readonly computingEmitter = new vscode.EventEmitter<string>();
  private readonly repositoriesEmitter = new vscode.EventEmitter<void>();
  /** A plan was (re)computed for a repository. */
  readonly onDidChangePlan = this.planEmitter.event;
  /** A computation started for a repository (root). */
  readonly onDidStartComputing = this.computingEmitter.event;
  /** Repositories opened or closed, or the selected one changed. */
  readonly onDidChangeRepositories = this.repositoriesEmitter.event;

  constructor(private readonly log: Log) {
    this.disposables.push(this.planEmitter, this.computingEmitter, this.repositoriesEmitter);
    this.apiReady = this.connect();
  }

  dispose(): void {
    for (const running of this.inflight.values()) running.abort.abort();
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const listener of this.repositoryListeners.values()) listener.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }

  /** Waits until the git extension's API is there (undefined when git is disabled). */
  ready(): Promise<GitApi | undefined> {
    return this.apiReady;
  }

  private async connect(): Promise<GitApi | undefined> {
    const api = await getGitApi();
    if (!api) {
      this.log.info('release preview: the git extension is not available');
      return undefined;
    }
    if (api.state !== 'initialized') {
      // The git extension scans the workspace for repositories first; wait for it (bounded) so "no repository" is true.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          listener.dispose();
          resolve();
        }, 15_000);
        const listener = api.onDidChangeState((state) => {
          if (state !== 'initialized') return;
          clearTimeout(timer);
          listener.dispose();
          resolve();
        });
      });
    }
    this.api = api;
    for (const repository of api.repositories) this.watch(repository);
    this.disposables.push(
      api.onDidOpenRepository((repository) => {
        this.watch(repository);
        this.repositoriesEmitter.fire();
      }),
      api.onDidCloseRepository((repository) => {
        const root = repository.rootUri.fsPath;
        this.repositoryListeners.get(root)?.dispose();
        this.repositoryListeners.delete(root);
        this.cache.delete(root);
        this.repositoriesEmitter.fire();
      }),
      api.onDidChangeState(() => this.repositoriesEmitter.fire()),
    );
    this.repositoriesEmitter.fire();
    return api;
  }

  private watch(repository: GitRepository): void {
    const root = repository.rootUri.fsPath;
    if (this.repositoryListeners.has(root)) return;
    this.repositoryListeners.set(
      root,
      vscode.Disposable.from(
        repository.state.onDidChange(() => this.scheduleRefresh(root)),
        repository.ui.onDidChange(() => this.repositoriesEmitter.fire()),
      ),
    );
  }

  /** Roots of the open git repositories. */
  repositoryRoots(): string[] {
    return this.api?.repositories.map((repository) => repository.rootUri.fsPath) ?? [];
  }

  /**
   * The repository of the active Source Control input or editor, else the one selected in the Source Control
   * view, else the first one; undefined without a git repository.
   */
  activeRoot(): string | undefined {
    const api = this.api;
    if (!api || api.repositories.length === 0) return undefined;
    const document = vscode.window.activeTextEditor?.document;
    if (document) {
      const fromInput = document.languageId === 'scminput' ? repositoryRootOf(document) : undefined;
      const repository = fromInput ? api.getRepository(vscode.Uri.file(fromInput)) : document.uri.scheme === 'file' ? api.getRepository(document.uri) : null;
      if (repository) return repository.rootUri.fsPath;
    }
    return (api.repositories.find((repository) => repository.ui.selected) ?? api.repositories[0])?.rootUri.fsPath;
  }

  /** The git extension's repository root that contains `path` (e.g. a commit box's rootUri), if any. */
  rootOf(path: string): string | undefined {
    return this.api?.getRepository(vscode.Uri.file(path))?.rootUri.fsPath ?? (this.cache.has(path) ? path : undefined);
  }

  /** The last plan computed for `root` (possibly stale until the next refresh), without computing. */
  cached(root: string): PlanOutcome | undefined {
    return this.cache.get(root);
  }

  /** Whether a computation for `root` is running. */
  isComputing(root: string): boolean {
    return this.inflight.has(root);
  }

  /** Forgets every plan (settings changed) and recomputes the ones that were shown. */
  invalidate(): void {
    const roots = [...this.cache.keys()];
    this.cache.clear();
    for (const root of roots) this.scheduleRefresh(root, 0);
  }

  /** Recomputes `root`'s plan after a quiet period, when HEAD or the tags moved. */
  scheduleRefresh(root: string, delay = DEBOUNCE_MS): void {
    clearTimeout(this.timers.get(root));
    this.timers.set(
      root,
      setTimeout(() => {
        this.timers.delete(root);
        if (!this.cache.has(root) && root !== this.activeRoot()) return; // nobody shows it
        void this.plan(root).catch((error: unknown) => this.log.error(`release plan of ${root} failed`, error));
      }, delay),
    );
  }

  /**
   * The plan of `root`: the cached one when HEAD, the tags and the settings are unchanged (unless `force`),
   * the running computation when it is for the same state, else a new computation that supersedes older ones.
   */
  async plan(root: string, options: { readonly force?: boolean } = {}): Promise<PlanOutcome> {
    const settings = readReleaseSettings(vscode.Uri.file(root));
    const state = await releaseStateKey(root);
    if (!state.ok) return this.publish({ ok: false, root, key: null, message: state.message }, null);
    const key = `${state.value}|${settings.key}`;
    const cached = this.cache.get(root);
    if (!options.force && cached?.key === key) return cached;
    const running = this.inflight.get(root);
    if (!options.force && running?.key === key) return running.promise;

    const seq = (this.sequence.get(root) ?? 0) + 1;
    this.sequence.set(root, seq);
    this.computingEmitter.fire(root);
    // The superseded computation's result would be dropped anyway: end its git processes now.
    running?.abort.abort();
    const abort = new AbortController();
    const promise = Promise.resolve(
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: `Release Hygiene: next release of ${basename(root)}` },
        () => this.compute(root, key, settings, abort.signal),
      ),
    );
    this.inflight.set(root, { key, promise, abort });
    const outcome = await promise;
    if (this.inflight.get(root)?.promise === promise) this.inflight.delete(root);
    if (this.sequence.get(root) !== seq) {
      // A newer computation superseded this one: its result is the one that counts.
      return this.inflight.get(root)?.promise ?? this.cache.get(root) ?? outcome;
    }
    return this.publish(outcome, key);
  }

  private publish(outcome: PlanOutcome, key: string | null): PlanOutcome {
    if (key !== null || !outcome.ok) this.cache.set(outcome.root, outcome);
    this.planEmitter.fire(outcome);
    return outcome;
  }

  private async compute(root: string, key: string, settings: ReturnType<typeof readReleaseSettings>, signal: AbortSignal): Promise<PlanOutcome> {
    const started = Date.now();
    try {
      const loaded = await loadReleasePlan({ cwd: root, options: settings.options, useRepositoryConfig: settings.useRepositoryConfig, signal });
      if (!loaded.ok) return { ok: false, root, key, message: loaded.message };
      const context = loaded.value;
      const changelog =
        context.plan.next !== null
          ? renderChangelog(context.plan, { date: new Date().toISOString().slice(0, 10), host: context.host, ...(context.sections ? { sections: context.sections } : {}) })
          : null;
      const model = toPreviewModel(root, context.head.branch, context.plan, changelog);
      this.log.debug(`release plan of ${root}: ${context.plan.current ?? '-'} → ${context.plan.next ?? '-'} (${Date.now() - started} ms)`);
      return { ok: true, root, key, context, model };
    } catch (error) {
      this.log.error(`computing the release plan of ${root} failed`, error);
      return { ok: false, root, key, message: error instanceof Error ? error.message : String(error) };
    }
  }
}
