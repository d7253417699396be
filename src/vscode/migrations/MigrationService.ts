import * as vscode from 'vscode';
import {
  type AnalyseOptions,
  type MigrationAnalysis,
  type MigrationFile,
  type MigrationFinding,
  type MigrationLintResult,
  type NotAnalysed,
} from '../../core/migrations';
import { relevelFindings } from '../../core/config/productConfig';
import type { Log } from '../log';
import { AnalysisPool } from './AnalysisPool';
import { migrationsEngine } from './migrationsEngine';
import { merge, signatureOf, WORKSPACE_RULES, type WorkspaceResult } from './mergeFindings';
import { migrationDocumentOf, type MigrationDocument } from './migrationDocuments';
import { WorkspaceEvidence, type FolderEvidence } from './workspaceEvidence';

/** Quiet period after a keystroke before the file is analysed again. */
export const ANALYSIS_DEBOUNCE_MS = 250;
/** Quiet period before the (heavier) workspace-level lint of the file runs with the workspace evidence. */
const WORKSPACE_DEBOUNCE_MS = 400;

/** What the editor shows for one migration document version. */
export interface MigrationState {
  readonly version: number;
  readonly target: MigrationDocument;
  readonly analysis: MigrationAnalysis;
  /** Findings to show: the file's own, merged with the last workspace lint's (positions of this version). */
  readonly findings: readonly MigrationFinding[];
  readonly notAnalysed: readonly NotAnalysed[];
  /** True once the findings include the workspace evidence of this very version. */
  readonly complete: boolean;
}

interface DocumentEntry {
  timer?: ReturnType<typeof setTimeout>;
  workspaceTimer?: ReturnType<typeof setTimeout>;
  /** Bumped for every scheduled analysis: older work that finishes later is dropped. */
  sequence: number;
  state?: MigrationState;
  workspace?: WorkspaceResult;
  /** What the last workspace lint saw of this file (its schema changes and suppressions), and of the evidence. */
  workspaceSignature?: string;
  workspaceGeneration?: number;
  /** A workspace lint of this document is gathering evidence. */
  running?: boolean;
  /** How long the last analysis of the file took: a slow (huge) file waits longer before the next one. */
  lastDurationMs: number;
}

/**
 * Analyses migration files as they are typed. The file's own analysis (synchronous, milliseconds even for 5,000
 * lines) runs after a 250 ms quiet period; superseded work is dropped by a per-document sequence number. The
 * workspace-level lint then merges in the evidence of the other migrations, the code references and the release
 * tags, gathered asynchronously and cached per HEAD (WorkspaceEvidence). Nothing throws into the editor.
 */
export class MigrationService implements vscode.Disposable {
  private readonly entries = new Map<string, DocumentEntry>();
  /** Documents whose analysis must be redone even for the same version (the SQL parser finished loading). */
  private readonly reanalyse = new Set<string>();
  private readonly changeEmitter = new vscode.EventEmitter<vscode.TextDocument>();
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter];
  /** A document's findings changed. */
  readonly onDidChange = this.changeEmitter.event;
  readonly evidence: WorkspaceEvidence;
  /** Bumped when the workspace evidence is invalidated (a file saved, HEAD moved, settings changed). */
  private evidenceGeneration = 0;

  private readonly pool: AnalysisPool;
  /** The SQL parsers were asked to load (at the first migration document). */
  private parsersRequested = false;

  /** `workerPath`: the bundled analysis worker (dist/migrationsWorker.js); without it, everything runs in-process. */
  constructor(
    private readonly log: Log,
    workerPath?: string,
  ) {
    this.evidence = new WorkspaceEvidence(log);
    this.pool = new AnalysisPool(workerPath, log);
    this.disposables.push(this.evidence, this.pool);
    vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document, 0), this, this.disposables);
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.contentChanges.length === 0) return;
      // In the worker a slow analysis blocks nothing (a newer request supersedes the waiting one); in-process, a
      // slow one (the worker could not start) waits longer before the next.
      const last = this.pool.offThread(event.document.offsetAt(event.document.lineAt(event.document.lineCount - 1).range.end)) ? 0 : (this.entries.get(event.document.uri.toString())?.lastDurationMs ?? 0);
      this.schedule(event.document, Math.max(ANALYSIS_DEBOUNCE_MS, Math.min(2_000, Math.round(last * 1.5))));
    }, this, this.disposables);
    vscode.workspace.onDidCloseTextDocument((document) => this.forget(document), this, this.disposables);
    this.evidence.onDidChange(() => {
      this.evidenceGeneration++;
      this.refreshAll();
    }, this, this.disposables);
  }

  /**
   * Starts loading the engine and its SQL parsers at the first migration document, not at activation (the engine
   * bundle is over 600 KB, the PostgreSQL parser WebAssembly). Until the parser has loaded, Postgres statements are
   * "not analysed" (not shown); every document is analysed again when it is ready.
   */
  private loadParsersOnce(): void {
    if (this.parsersRequested) return;
    this.parsersRequested = true;
    let loading: Promise<void>;
    try {
      loading = migrationsEngine().loadSqlParsers();
    } catch (error) {
      this.log.error('migrations: loading the SQL parsers failed', error);
      return;
    }
    void loading.then(
      () => {
        for (const key of this.entries.keys()) this.reanalyse.add(key);
        this.refreshAll();
      },
      (error: unknown) => this.log.error('migrations: loading the SQL parsers failed', error),
    );
  }

  dispose(): void {
    for (const entry of this.entries.values()) {
      clearTimeout(entry.timer);
      clearTimeout(entry.workspaceTimer);
    }
    this.entries.clear();
    for (const disposable of this.disposables) disposable.dispose();
  }

  /** Re-analyses every open document (settings changed, evidence invalidated). */
  refreshAll(): void {
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  /** The state of the document's current version, or undefined (not a migration, or not analysed yet). */
  stateOf(document: vscode.TextDocument): MigrationState | undefined {
    const state = this.entries.get(document.uri.toString())?.state;
    return state && state.version === document.version ? state : undefined;
  }

  /**
   * The state of the document's current version once its (debounced) analysis has run, and with `complete` once
   * the workspace evidence is in too; after `timeoutMs`, whatever there is. Providers wait here instead of
   * analysing a 5,000-line file again on the caller's thread at every cursor move.
   */
  async whenAnalysed(
    document: vscode.TextDocument,
    options: { readonly complete?: boolean; readonly timeoutMs?: number; readonly token?: vscode.CancellationToken } = {},
  ): Promise<MigrationState | undefined> {
    const deadline = Date.now() + (options.timeoutMs ?? 10_000);
    for (;;) {
      const state = this.stateOf(document);
      if ((state && (state.complete || !options.complete)) || options.token?.isCancellationRequested || document.isClosed || Date.now() > deadline) return state;
      const entry = this.entries.get(document.uri.toString());
      if (!entry) {
        if (!migrationDocumentOf(document)) return undefined;
        this.schedule(document, 0);
      } else if (entry.timer === undefined && entry.workspaceTimer === undefined && !entry.running && !state) {
        this.schedule(document, 0);
      }
      await new Promise<void>((resolve) => {
        const listener = this.onDidChange((changed) => {
          if (changed !== document) return;
          listener.dispose();
          resolve();
        });
        setTimeout(() => {
          listener.dispose();
          resolve();
        }, 250);
      });
    }
  }

  private forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const entry = this.entries.get(key);
    if (!entry) return;
    clearTimeout(entry.timer);
    clearTimeout(entry.workspaceTimer);
    this.entries.delete(key);
    this.changeEmitter.fire(document);
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    const key = document.uri.toString();
    let entry = this.entries.get(key);
    if (!entry) {
      if (!migrationDocumentOf(document)) return;
      entry = { sequence: 0, lastDurationMs: 0 };
      this.entries.set(key, entry);
    }
    const sequence = ++entry.sequence;
    clearTimeout(entry.timer);
    clearTimeout(entry.workspaceTimer);
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      entry.running = true;
      void this.run(document, entry, sequence).finally(() => {
        entry.running = false;
      });
    }, delay);
  }

  /** One scheduled analysis: the file (in the worker when it is large), then the workspace lint after a pause. */
  private async run(document: vscode.TextDocument, entry: DocumentEntry, sequence: number): Promise<void> {
    if (document.isClosed || entry.sequence !== sequence) return;
    const target = migrationDocumentOf(document);
    if (!target) {
      this.forget(document);
      return;
    }
    const key = document.uri.toString();
    const version = document.version;
    let precomputed: MigrationAnalysis | undefined;
    if (!(entry.state?.version === version && entry.state.target.settings.key === target.settings.key && !this.reanalyse.has(key))) {
      this.reanalyse.delete(key);
      const started = performance.now();
      try {
        precomputed = await this.pool.analyse(key, document.getText(), analyseOptions(target));
      } catch (error) {
        this.log.error(`migrations: analysing ${target.path} failed`, error);
        precomputed = { operations: [], findings: [], notAnalysed: [], suppressions: [], dialect: target.settings.dialect ?? 'postgres' };
      }
      if (!precomputed || document.isClosed || entry.sequence !== sequence || document.version !== version) return; // superseded
      entry.lastDurationMs = performance.now() - started;
      if (entry.lastDurationMs > 100) this.log.debug(`migrations: analysing ${target.path} (${document.lineCount} lines) took ${entry.lastDurationMs.toFixed(0)} ms`);
    }
    const state = this.analyse(document, precomputed);
    if (!state) {
      this.forget(document);
      return;
    }
    this.changeEmitter.fire(document);
    entry.workspaceTimer = setTimeout(() => {
      entry.workspaceTimer = undefined;
      entry.running = true;
      void this.lintWithWorkspace(document, entry, sequence, state.target).finally(() => {
        entry.running = false;
      });
    }, state.complete ? 0 : WORKSPACE_DEBOUNCE_MS);
  }

  /** The synchronous part: the file alone (reused when this version was analysed), merged with the last workspace result. */
  private analyse(document: vscode.TextDocument, precomputed?: MigrationAnalysis): MigrationState | undefined {
    const target = migrationDocumentOf(document);
    if (!target) return undefined;
    this.loadParsersOnce();
    const key = document.uri.toString();
    const entry = this.entries.get(key) ?? { sequence: 0, lastDurationMs: 0 };
    this.entries.set(key, entry);
    const version = document.version;
    const reusable = entry.state?.version === version && entry.state.target.settings.key === target.settings.key && !this.reanalyse.has(key);
    const analysis = precomputed ?? (reusable && entry.state ? entry.state.analysis : this.analyseText(document, target, entry));
    const state: MigrationState = {
      version,
      target,
      analysis,
      // The file's rule levels last, over the merged findings, as `check` applies them to its findings.
      findings: relevelFindings(merge(analysis, entry.workspace, version, (offset) => document.positionAt(offset).line), target.settings.rules),
      notAnalysed: analysis.notAnalysed,
      complete: entry.workspace?.version === version,
    };
    entry.state = state;
    return state;
  }

  private analyseText(document: vscode.TextDocument, target: MigrationDocument, entry: DocumentEntry): MigrationAnalysis {
    this.reanalyse.delete(document.uri.toString());
    try {
      const started = performance.now();
      const analysis = migrationsEngine().analyseMigrationText(document.getText(), analyseOptions(target));
      entry.lastDurationMs = performance.now() - started;
      if (entry.lastDurationMs > 50) this.log.debug(`migrations: analysing ${target.path} (${document.lineCount} lines) took ${entry.lastDurationMs.toFixed(0)} ms`);
      return analysis;
    } catch (error) {
      this.log.error(`migrations: analysing ${target.path} failed`, error);
      return { operations: [], findings: [], notAnalysed: [], suppressions: [], dialect: target.settings.dialect ?? 'postgres' };
    }
  }

  /** The asynchronous part: the workspace lint of this version with the folder's (cached) evidence. */
  private async lintWithWorkspace(document: vscode.TextDocument, entry: DocumentEntry, sequence: number, target: MigrationDocument): Promise<void> {
    const version = document.version;
    const analysis = entry.state?.version === version ? entry.state.analysis : undefined;
    const signature = analysis ? signatureOf(analysis, (offset) => document.positionAt(offset).line) : undefined;
    if (analysis && entry.workspace && signature === entry.workspaceSignature && entry.workspaceGeneration === this.evidenceGeneration) {
      // Same schema changes and suppressions as last time (only text around them changed): the workspace verdict
      // stands, on this version's positions. The lint of every migration is not run again.
      if (entry.workspace.version !== version) {
        const findings = merge(analysis, { ...entry.workspace, version: -1 }, version, (offset) => document.positionAt(offset).line).filter((finding) =>
          WORKSPACE_RULES.has(finding.ruleId),
        );
        entry.workspace = { version, findings, operations: analysis.operations };
        if (this.analyse(document)) this.changeEmitter.fire(document);
      }
      return;
    }
    const generation = this.evidenceGeneration;
    let evidence: FolderEvidence | undefined;
    try {
      evidence = await this.evidence.forDocument(target, entry.state?.analysis.operations ?? []);
    } catch (error) {
      // Lint with what the files alone say (no references, no releases): the evidence then says so.
      this.log.error(`migrations: gathering the workspace evidence for ${target.path} failed`, error);
      evidence = { files: [], context: target.settings.dialect ? { dialect: target.settings.dialect } : {}, orderKeyOf: (path) => path };
    }
    if (document.isClosed || entry.sequence !== sequence || document.version !== version) return;
    let result: MigrationLintResult;
    try {
      const started = performance.now();
      const own: MigrationFile = {
        path: target.path,
        framework: target.framework,
        dialect: entry.state?.analysis.dialect ?? target.settings.dialect ?? 'postgres',
        text: document.getText(),
        orderKey: evidence.orderKeyOf(target.path, target.framework),
      };
      const files = [...evidence.files.filter((file) => file.path !== target.path), own];
      const linted = await this.pool.lint(document.uri.toString(), files, evidence.context);
      if (!linted || document.isClosed || entry.sequence !== sequence || document.version !== version) return; // superseded
      result = linted;
      this.log.debug(`migrations: workspace lint of ${target.path} with ${files.length} file(s) in ${(performance.now() - started).toFixed(0)} ms`);
    } catch (error) {
      this.log.error(`migrations: the workspace lint of ${target.path} failed`, error);
      // Keep the file's own findings, and stop waiting for a workspace result of this version.
      entry.workspace = { version, findings: entry.state?.analysis.findings ?? [], operations: entry.state?.analysis.operations ?? [] };
      if (this.analyse(document)) this.changeEmitter.fire(document);
      return;
    }
    entry.workspace = {
      version,
      findings: result.findings.filter((finding) => finding.file === target.path),
      operations: result.operations.get(target.path) ?? [],
    };
    entry.workspaceSignature = signature;
    entry.workspaceGeneration = generation;
    if (this.analyse(document)) this.changeEmitter.fire(document);
  }
}

function analyseOptions(target: MigrationDocument): AnalyseOptions {
  return { framework: target.framework, path: target.path, ...(target.settings.dialect ? { dialect: target.settings.dialect } : {}) };
}
