// The migrations engine's public surface (pure): the CLI, src/node and the editor import from here only.
// Signatures are documented in ./types.ts; implementations land behind them.
export type * from './types';
import type { AnalyseOptions, LintContext, MigrationAnalysis, MigrationFile, MigrationLintResult } from './types';

export function analyseMigrationText(_text: string, options: AnalyseOptions): MigrationAnalysis {
  return { operations: [], findings: [], notAnalysed: [], suppressions: [], dialect: options.dialect ?? 'postgres' };
}

export function lintMigrations(_files: readonly MigrationFile[], _context: LintContext = {}): MigrationLintResult {
  return { findings: [], suppressed: [], notAnalysed: [], operations: new Map() };
}
