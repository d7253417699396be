import * as vscode from 'vscode';
import type { SqlDialect } from '../../core/migrations';

/** `releaseHygiene.migrations.*`, read per resource (multi-root workspaces can differ). */
export interface MigrationSettings {
  readonly enabled: boolean;
  readonly globs: readonly string[];
  /** Undefined for `auto`: the engine detects it. */
  readonly dialect: SqlDialect | undefined;
  /** Changes whenever a setting that affects the analysis changes (part of the evidence cache key). */
  readonly key: string;
}

const DIALECTS = new Set<string>(['postgres', 'mysql', 'sqlite']);

export function readMigrationSettings(scope: vscode.Uri | undefined): MigrationSettings {
  const section = vscode.workspace.getConfiguration('releaseHygiene.migrations', scope);
  const globs = section.get<unknown>('globs');
  const dialect = section.get<string>('dialect', 'auto');
  const settings = {
    enabled: section.get<boolean>('enabled', true),
    globs: Array.isArray(globs) ? globs.filter((glob): glob is string => typeof glob === 'string' && glob.trim() !== '') : [],
    dialect: DIALECTS.has(dialect) ? (dialect as SqlDialect) : undefined,
  };
  return { ...settings, key: JSON.stringify(settings) };
}
