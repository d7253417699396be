import { Worker } from 'node:worker_threads';
import type * as vscode from 'vscode';
import {
  type AnalyseOptions,
  type LintContext,
  type MigrationAnalysis,
  type MigrationFile,
  type MigrationLintResult,
} from '../../core/migrations';
import type { Log } from '../log';
import { migrationsEngine } from './migrationsEngine';

/** Texts shorter than this are analysed on the spot (a few milliseconds); longer ones in the worker. */
export const WORKER_THRESHOLD_CHARS = 20_000;

/** What the worker runs: the analysis of one text, or the workspace lint. */
export type EngineJob =
  | { readonly kind: 'analyse'; readonly text: string; readonly options: AnalyseOptions }
  | { readonly kind: 'lint'; readonly files: readonly MigrationFile[]; readonly context: LintContext };

type EngineResult = MigrationAnalysis | MigrationLintResult;

interface Pending {
  readonly id: number;
  readonly job: EngineJob;
  readonly resolve: (result: EngineResult | undefined) => void;
}

function runInProcess(job: EngineJob): EngineResult {
  const engine = migrationsEngine();
  return job.kind === 'analyse' ? engine.analyseMigrationText(job.text, job.options) : engine.lintMigrations(job.files, job.context);
}

/**
 * Runs the analysis of large migration texts in one worker thread. One request runs at a time; of the requests
 * waiting for the same document only the newest is kept (the older ones resolve undefined: superseded). Without a
 * worker (it failed to start or crashed) the analysis runs in-process, as for small texts.
 */
export class AnalysisPool implements vscode.Disposable {
  private worker: Worker | undefined;
  private broken = false;
  private nextId = 1;
  private running: (Pending & { readonly key: string }) | undefined;
  private readonly waiting = new Map<string, Pending>();

  constructor(
    private readonly workerPath: string | undefined,
    private readonly log: Log,
  ) {}

  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
    for (const pending of this.waiting.values()) pending.resolve(undefined);
    this.waiting.clear();
  }

  /** Whether a job of this size runs in the worker (off the extension host's thread). */
  offThread(size: number): boolean {
    return size >= WORKER_THRESHOLD_CHARS && this.workerPath !== undefined && !this.broken;
  }

  /** The analysis of `text`, or undefined when a newer request for the same `key` superseded it. */
  analyse(key: string, text: string, options: AnalyseOptions): Promise<MigrationAnalysis | undefined> {
    return this.submit(`analyse:${key}`, { kind: 'analyse', text, options }, text.length) as Promise<MigrationAnalysis | undefined>;
  }

  /** The workspace lint, or undefined when a newer lint for the same `key` superseded it. */
  lint(key: string, files: readonly MigrationFile[], context: LintContext): Promise<MigrationLintResult | undefined> {
    const size = files.reduce((total, file) => total + file.text.length, 0);
    return this.submit(`lint:${key}`, { kind: 'lint', files, context }, size) as Promise<MigrationLintResult | undefined>;
  }

  private submit(key: string, job: EngineJob, size: number): Promise<EngineResult | undefined> {
    if (!this.offThread(size)) return Promise.resolve(runInProcess(job));
    return new Promise((resolve) => {
      this.waiting.get(key)?.resolve(undefined);
      this.waiting.set(key, { id: this.nextId++, job, resolve });
      this.pump();
    });
  }

  private pump(): void {
    if (this.running) return;
    const next = this.waiting.entries().next();
    if (next.done) return;
    const [key, pending] = next.value;
    this.waiting.delete(key);
    const worker = this.ensureWorker();
    if (!worker) {
      pending.resolve(runInProcess(pending.job));
      this.pump();
      return;
    }
    this.running = { ...pending, key };
    worker.postMessage({ id: pending.id, job: pending.job });
  }

  private ensureWorker(): Worker | undefined {
    if (this.worker || this.broken || !this.workerPath) return this.worker;
    try {
      const worker = new Worker(this.workerPath);
      worker.unref();
      worker.on('message', (message: { id: number; result?: EngineResult; error?: string }) => {
        const running = this.running;
        if (!running || running.id !== message.id) return;
        this.running = undefined;
        if (message.result) running.resolve(message.result);
        else {
          this.log.warn(`migrations: the analysis worker failed (${message.error ?? 'no result'}); running it in-process`);
          running.resolve(runInProcess(running.job));
        }
        this.pump();
      });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (this.worker === worker && code !== 0) this.fail(new Error(`exit code ${code}`));
      });
      this.worker = worker;
      this.log.info(`migrations: analysis worker started for large files (${this.workerPath})`);
    } catch (error) {
      this.fail(error);
    }
    return this.worker;
  }

  /** The worker is gone: this and every later request run in-process. */
  private fail(error: unknown): void {
    this.log.error('migrations: the analysis worker stopped; analysing in-process from now on', error);
    this.broken = true;
    this.worker = undefined;
    const running = this.running;
    this.running = undefined;
    if (running) running.resolve(runInProcess(running.job));
    this.pump();
  }
}
