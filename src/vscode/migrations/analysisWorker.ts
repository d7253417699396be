// Worker thread entry (bundled to dist/migrationsWorker.js): runs the migrations engine off the extension host's
// thread, so a 5,000-line file (hundreds of milliseconds with the PostgreSQL parser) never blocks other providers.
// Jobs: the as-you-type analysis of one text, and the workspace lint of every migration file. Plain data in,
// plain data out (structured clone keeps the Maps of the lint context and result).
import { parentPort } from 'node:worker_threads';
import { analyseMigrationText, lintMigrations, loadSqlParsers } from '../../core/migrations';
import type { EngineJob } from './AnalysisPool';

const ready = loadSqlParsers().catch(() => undefined);

parentPort?.on('message', (message: { readonly id: number; readonly job: EngineJob }) => {
  void ready.then(() => {
    try {
      const { job } = message;
      const result = job.kind === 'analyse' ? analyseMigrationText(job.text, job.options) : lintMigrations(job.files, job.context);
      parentPort?.postMessage({ id: message.id, result });
    } catch (error) {
      parentPort?.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
    }
  });
});
