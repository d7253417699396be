import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  lintPipelineRepository,
  pipelineLocalReferences,
  type PipelineFinding,
  type PipelineJobSummary,
  type PipelineRepositoryResult,
} from '../../core/pipelines';
import { relevelFindings } from '../../core/config/productConfig';
import type { Log } from '../log';
import { readPipelineSettings } from './pipelineSettings';
import {
  isGlob,
  normalizeReference,
  PIPELINE_ROOT_GLOB,
  pipelineRootOf,
  relativeTo,
  resolveUnder,
  type PipelineRoot,
} from './pipelinePaths';

/** What the editor shows for one document: the findings located in it, from every pipeline that reads it. */
export interface DocumentPipelineState {
  readonly findings: readonly PipelineFinding[];
  readonly suppressed: readonly PipelineFinding[];
  /** Jobs defined in this document. */
  readonly jobs: readonly PipelineJobSummary[];
}

/** A file some pipeline reads, with the text its findings' offsets refer to. */
export interface PipelineFileState {
  readonly uri: vscode.Uri;
  /** The open document (its text as typed), or undefined for a file that is not open (its text on disk). */
  readonly document: vscode.TextDocument | undefined;
  readonly text: string;
  /** Changes whenever `text` may have: the document's version or the disk read's stamp. */
  readonly stamp: string;
  readonly state: DocumentPipelineState;
}

/** One file as it was linted: from an open document (its version) or from disk (the cache stamp). */
interface LintedFile {
  readonly fsPath: string;
  readonly document: vscode.TextDocument | undefined;
  readonly version: number | undefined;
  readonly diskStamp: number | undefined;
}

interface RootLint {
  readonly generation: number;
  /** Repository-relative path → the file that was read; every file the pipeline reads (the root and its local includes). */
  readonly files: ReadonlyMap<string, LintedFile>;
  readonly paths: ReadonlySet<string>;
  /** undefined when the feature is off for this root or the root file is gone. */
  readonly result: PipelineRepositoryResult | undefined;
  /** False while an include is being read from disk (its findings would be transient): diagnostics wait. */
  readonly complete: boolean;
}

interface RootState {
  readonly root: PipelineRoot;
  lint: RootLint | undefined;
}

type DiskText = { readonly text: string | undefined; readonly stamp: number };

const DEBOUNCE_MS = 200;
/** Creations other than YAML files (folders, mostly) come in bursts: look for the roots once the burst is over. */
const REDISCOVER_MS = 1000;
/** How long one workspace pass may lint before it lets the extension host do other work (it goes on next turn). */
const WORKSPACE_SLICE_MS = 30;
/** A safety net against include cycles through globs and absurd configurations. */
const MAX_FILES_PER_ROOT = 2000;
const EMPTY: DocumentPipelineState = { findings: [], suppressed: [], jobs: [] };

/**
 * The pipelines of the workspace: every root (`.gitlab-ci.yml`, `.github/workflows/*`) with the local files it
 * includes, linted by the engine (`lintPipelineRepository`) over the texts of the open documents (as typed) and
 * of the files on disk. A root is linted again when any file it read changed (a keystroke in an included file
 * re-lints the including file), a file appeared or went, or a setting changed. Linting is synchronous and cached;
 * disk reads are asynchronous and cached until the file watcher or a closed editor says otherwise.
 */
export class PipelineService implements vscode.Disposable {
  private readonly roots = new Map<string, RootState>();
  private readonly disk = new Map<string, DiskText>();
  private readonly reading = new Set<string>();
  private readonly globs = new Map<string, readonly string[]>();
  private readonly expanding = new Set<string>();
  private diskStamp = 0;
  /** Bumped when settings change or files appear or go (a missing include may exist now): every lint is stale. */
  private generation = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private rediscoverTimer: ReturnType<typeof setTimeout> | undefined;
  private discoveredOnce = false;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  /** Fires (debounced) when findings may have changed: the diagnostics are recomputed then. */
  readonly onDidChange = this.changeEmitter.event;
  private readonly discovered: Promise<void>;

  constructor(private readonly log: Log) {
    this.disposables.push(this.changeEmitter);
    for (const document of vscode.workspace.textDocuments) this.addRootOf(document.uri);
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{yml,yaml}');
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => this.fileChanged(uri, 'created')),
      watcher.onDidChange((uri) => this.fileChanged(uri, 'changed')),
      watcher.onDidDelete((uri) => this.fileChanged(uri, 'deleted')),
      vscode.workspace.onDidOpenTextDocument((document) => {
        if (this.addRootOf(document.uri) || this.isPipelineFile(document.uri.fsPath)) this.schedule(0);
      }),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0 && this.isPipelineFile(event.document.uri.fsPath)) this.schedule();
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        // Unsaved changes were dropped: the file's text is the disk's again (read anew when needed).
        if (document.uri.scheme !== 'file') return;
        this.disk.delete(document.uri.fsPath);
        if (this.isPipelineFile(document.uri.fsPath)) this.schedule();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.discover()),
    );
    // A folder created or deleted is reported as the folder alone: the YAML files written right after their new
    // folder (a checkout, a generator) can be missed by the watcher above, and a deleted folder's files are not
    // reported one by one. Anything else created or deleted looks for the roots again (debounced).
    const folders = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
    this.disposables.push(
      folders,
      folders.onDidCreate((uri) => this.otherChanged(uri, 'created')),
      folders.onDidDelete((uri) => this.otherChanged(uri, 'deleted')),
    );
    this.discovered = this.discover();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.rediscoverTimer) clearTimeout(this.rediscoverTimer);
    for (const disposable of this.disposables) disposable.dispose();
  }

  /** Settles when the workspace's pipeline roots have been found (the first lint may still read includes). */
  ready(): Promise<void> {
    return this.discovered;
  }

  /** Settings changed: lint everything again. */
  reload(): void {
    this.generation++;
    this.schedule(0);
  }

  /** A root by its path, or a file some root reads. */
  isPipelineFile(fsPath: string): boolean {
    if (pipelineRootOf(fsPath)) return true;
    for (const state of this.roots.values()) if (state.lint?.paths.has(fsPath)) return true;
    return false;
  }

  /** The findings located in the document, from every pipeline that reads it (linted now when stale). */
  stateFor(document: vscode.TextDocument): DocumentPipelineState {
    if (document.uri.scheme !== 'file') return EMPTY;
    this.addRootOf(document.uri);
    // Only the pipelines that read this file (or were never linted, so may): a hover does not lint the workspace.
    const fsPath = document.uri.fsPath;
    this.refreshStale(Infinity, (state) => state.lint === undefined || state.root.fsPath === fsPath || state.lint.paths.has(fsPath));
    return this.collect(fsPath).state ?? EMPTY;
  }

  /**
   * Every file some pipeline of the workspace reads (roots and their local includes, open or not), after linting
   * what is stale: an open document as typed, a closed file as on disk. `pending`: files whose pipelines are still
   * reading includes (keep their diagnostics as they are until then).
   */
  workspaceFileStates(): { readonly files: PipelineFileState[]; readonly pending: ReadonlySet<string> } {
    const files: PipelineFileState[] = [];
    const pending = new Set<string>();
    const seen = new Set<string>();
    if (!this.refreshStale(WORKSPACE_SLICE_MS)) {
      // The rest in the next turn; until then the files of the roots not linted yet keep what they show.
      for (const { root, lint } of this.roots.values()) {
        if (this.isFresh(lint)) continue;
        pending.add(root.fsPath);
        for (const fsPath of lint?.paths ?? []) pending.add(fsPath);
      }
      this.schedule(0);
    }
    for (const { lint } of this.roots.values()) {
      for (const fsPath of lint?.paths ?? []) {
        if (seen.has(fsPath) || pending.has(fsPath)) continue;
        seen.add(fsPath);
        const { state, complete } = this.collect(fsPath);
        if (!complete) {
          pending.add(fsPath);
          continue;
        }
        if (!state) continue;
        const document = this.openDocument(fsPath);
        const disk = document ? undefined : this.disk.get(fsPath);
        const text = document ? document.getText() : disk?.text;
        if (text === undefined) continue; // a missing include: the including file reports it
        const stamp = document ? `document ${document.version}` : `disk ${disk?.stamp ?? 0}`;
        files.push({ uri: document?.uri ?? vscode.Uri.file(fsPath), document, text, stamp, state });
      }
    }
    return { files, pending };
  }

  /** Roots and the files each reads (for the log and the integration tests). */
  describe(): { root: string; files: string[]; complete: boolean; findings: number }[] {
    return [...this.roots.values()].map((state) => ({
      root: state.root.fsPath,
      files: [...(state.lint?.files.keys() ?? [])],
      complete: state.lint?.complete ?? false,
      findings: state.lint?.result?.findings.length ?? 0,
    }));
  }

  private collect(fsPath: string): { state: DocumentPipelineState | undefined; complete: boolean } {
    const findings: PipelineFinding[] = [];
    const suppressed: PipelineFinding[] = [];
    const jobs: PipelineJobSummary[] = [];
    const seen = new Set<string>();
    let member = false;
    let complete = true;
    for (const { root, lint } of this.roots.values()) {
      if (!lint?.paths.has(fsPath)) continue;
      member = true;
      if (!lint.complete) complete = false;
      const rel = relativeTo(root.base, fsPath);
      if (!lint.result || rel === undefined) continue;
      const add = (list: PipelineFinding[], finding: PipelineFinding) => {
        if (finding.file !== rel) return;
        const key = `${finding.ruleId}\0${finding.start}\0${finding.end}\0${finding.message}`;
        if (seen.has(key)) return;
        seen.add(key);
        list.push(finding);
      };
      for (const finding of lint.result.findings) add(findings, finding);
      for (const finding of lint.result.suppressed) add(suppressed, finding);
      for (const job of lint.result.jobs) if (job.file === rel && !jobs.some((other) => other.name === job.name && other.start === job.start)) jobs.push(job);
    }
    if (!member) return { state: undefined, complete: true };
    findings.sort((a, b) => a.start - b.start || a.end - b.end);
    return { state: { findings, suppressed, jobs }, complete };
  }

  private async discover(): Promise<void> {
    try {
      const found = await vscode.workspace.findFiles(PIPELINE_ROOT_GLOB, '**/node_modules/**', 1000);
      let added = 0;
      for (const uri of found) if (this.addRootOf(uri)) added++;
      if (added > 0 || !this.discoveredOnce) this.log.info(`pipelines: ${this.roots.size} pipeline definition(s) in the workspace${added ? '' : ' (none new)'}`);
      this.discoveredOnce = true;
    } catch (error) {
      this.log.error('pipelines: finding the pipeline definitions failed', error);
    }
    this.schedule(0);
  }

  /** Registers the file as a root when its path makes it one; true when it is new. */
  private addRootOf(uri: vscode.Uri): boolean {
    if (uri.scheme !== 'file') return false;
    const root = pipelineRootOf(uri.fsPath);
    if (!root || this.roots.has(root.fsPath)) return false;
    this.roots.set(root.fsPath, { root, lint: undefined });
    return true;
  }

  private fileChanged(uri: vscode.Uri, how: 'created' | 'changed' | 'deleted'): void {
    if (uri.scheme !== 'file') return;
    const fsPath = uri.fsPath;
    this.disk.delete(fsPath);
    if (how !== 'changed') {
      // A missing include may exist now (or the other way round), and globs may match other files.
      this.globs.clear();
      this.generation++;
      if (how === 'created') this.addRootOf(uri);
      else if (this.roots.delete(fsPath)) this.log.debug(`pipelines: ${fsPath} is gone`);
    }
    if (how !== 'changed' || this.isPipelineFile(fsPath)) this.schedule();
  }

  private otherChanged(uri: vscode.Uri, how: 'created' | 'deleted'): void {
    if (uri.scheme !== 'file' || /\.ya?ml$/i.test(uri.fsPath)) return; // the YAML watcher has these
    if (how === 'deleted') {
      // Everything below a deleted folder is gone too.
      const below = uri.fsPath.endsWith(path.sep) ? uri.fsPath : uri.fsPath + path.sep;
      let gone = false;
      for (const fsPath of [...this.roots.keys()]) if (fsPath.startsWith(below) && this.roots.delete(fsPath)) gone = true;
      for (const fsPath of [...this.disk.keys()]) if (fsPath.startsWith(below)) this.disk.delete(fsPath);
      if (gone || [...this.roots.values()].some((state) => [...(state.lint?.paths ?? [])].some((p) => p.startsWith(below)))) {
        this.globs.clear();
        this.generation++;
        this.schedule();
      }
      return;
    }
    if (this.rediscoverTimer) clearTimeout(this.rediscoverTimer);
    this.rediscoverTimer = setTimeout(() => {
      this.rediscoverTimer = undefined;
      // A missing include may exist now: read again what any pipeline looked for.
      this.globs.clear();
      for (const [fsPath, read] of [...this.disk]) if (read.text === undefined) this.disk.delete(fsPath);
      this.generation++;
      void this.discover();
    }, REDISCOVER_MS);
  }

  private schedule(delay = DEBOUNCE_MS): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.changeEmitter.fire();
    }, delay);
  }

  /**
   * Lints the stale roots; with a budget, stops once it is spent (at least one root is linted per call) and returns
   * false when stale roots remain, so a workspace with many pipelines never holds the extension host for long.
   */
  private refreshStale(budgetMs = Infinity, only?: (state: RootState) => boolean): boolean {
    const started = performance.now();
    for (const state of this.roots.values()) {
      if (this.isFresh(state.lint) || (only && !only(state))) continue;
      if (performance.now() - started > budgetMs) return false;
      try {
        state.lint = this.lintRoot(state.root);
      } catch (error) {
        // The engine never throws by contract; if it does, the root shows nothing instead of breaking the editor.
        this.log.error(`pipelines: linting ${state.root.fsPath} failed`, error);
        state.lint = { generation: this.generation, files: new Map(), paths: new Set([state.root.fsPath]), result: undefined, complete: true };
      }
    }
    return true;
  }

  private isFresh(lint: RootLint | undefined): boolean {
    if (!lint || lint.generation !== this.generation) return false;
    for (const file of lint.files.values()) {
      const document = this.openDocument(file.fsPath);
      if (document) {
        if (document !== file.document || document.version !== file.version) return false;
      } else if (file.document !== undefined || this.disk.get(file.fsPath)?.stamp !== file.diskStamp) {
        return false;
      }
    }
    // An incomplete lint is fresh until its include arrives (the read's completion bumps the generation).
    return true;
  }

  private lintRoot(root: PipelineRoot): RootLint {
    const generation = this.generation;
    const settings = readPipelineSettings(vscode.Uri.file(root.fsPath));
    const files = new Map<string, LintedFile>();
    const texts = new Map<string, string>();
    const paths = new Set<string>([root.fsPath]);
    let complete = true;
    const queue = [root.rel];
    while (queue.length > 0 && files.size < MAX_FILES_PER_ROOT) {
      const rel = queue.shift() as string;
      if (texts.has(rel)) continue;
      const fsPath = resolveUnder(root.base, rel);
      paths.add(fsPath);
      const source = this.textOf(fsPath);
      if (source === 'pending') {
        complete = false;
        continue;
      }
      if (source.text === undefined) continue; // missing: the engine reports the include
      files.set(rel, { fsPath, document: source.document, version: source.document?.version, diskStamp: source.diskStamp });
      texts.set(rel, source.text);
      if (!settings.enabled) break;
      let references: readonly string[] = [];
      try {
        references = pipelineLocalReferences(rel, source.text);
      } catch (error) {
        this.log.error(`pipelines: reading the includes of ${fsPath} failed`, error);
      }
      for (const reference of references) {
        if (isGlob(reference)) {
          const matches = this.expandGlob(root.base, reference);
          if (matches === 'pending') complete = false;
          else queue.push(...matches);
        } else {
          const normalized = normalizeReference(reference);
          if (normalized !== undefined) queue.push(normalized);
        }
      }
    }
    const linted = settings.enabled && texts.has(root.rel) ? lintPipelineRepository(texts, settings.options) : undefined;
    // The file's rule levels, as `check` applies them (its `off` rules did not run at all).
    const result = linted && { ...linted, findings: relevelFindings(linted.findings, settings.rules), suppressed: relevelFindings(linted.suppressed, settings.rules) };
    return { generation, files, paths, result, complete };
  }

  private openDocument(fsPath: string): vscode.TextDocument | undefined {
    return vscode.workspace.textDocuments.find((document) => document.uri.scheme === 'file' && document.uri.fsPath === fsPath);
  }

  private textOf(fsPath: string): { text: string | undefined; document: vscode.TextDocument | undefined; diskStamp: number | undefined } | 'pending' {
    const document = this.openDocument(fsPath);
    if (document) return { text: document.getText(), document, diskStamp: undefined };
    const cached = this.disk.get(fsPath);
    if (cached) return { text: cached.text, document: undefined, diskStamp: cached.stamp };
    void this.read(fsPath);
    return 'pending';
  }

  private async read(fsPath: string): Promise<void> {
    if (this.reading.has(fsPath)) return;
    this.reading.add(fsPath);
    let text: string | undefined;
    try {
      text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(vscode.Uri.file(fsPath)));
    } catch (error) {
      if (!(error instanceof vscode.FileSystemError && error.code === 'FileNotFound')) {
        this.log.warn(`pipelines: cannot read ${fsPath}: ${error instanceof Error ? error.message : String(error)}`);
      }
      text = undefined;
    } finally {
      this.reading.delete(fsPath);
    }
    this.disk.set(fsPath, { text, stamp: ++this.diskStamp });
    this.generation++;
    this.schedule(0);
  }

  private expandGlob(base: string, glob: string): readonly string[] | 'pending' {
    const key = `${base}\0${glob}`;
    const cached = this.globs.get(key);
    if (cached) return cached;
    if (!this.expanding.has(key)) {
      this.expanding.add(key);
      const pattern = new vscode.RelativePattern(vscode.Uri.file(base), glob.replace(/^\.?\/+/, ''));
      void Promise.resolve(vscode.workspace.findFiles(pattern, '**/node_modules/**', MAX_FILES_PER_ROOT))
        .then(
          (uris) => uris.map((uri) => relativeTo(base, uri.fsPath)).filter((rel): rel is string => rel !== undefined).sort(),
          (error: unknown) => {
            this.log.warn(`pipelines: cannot expand ${glob}: ${error instanceof Error ? error.message : String(error)}`);
            return [] as string[];
          },
        )
        .then((matches) => {
          this.expanding.delete(key);
          this.globs.set(key, matches);
          this.generation++;
          this.schedule(0);
        });
    }
    return 'pending';
  }
}
