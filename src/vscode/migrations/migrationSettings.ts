import * as path from 'node:path';
import * as vscode from 'vscode';
import { enabledWith, migrationOptionsWith, rebaseGlobs } from '../../core/config/editorConfig';
import type { RuleLevel } from '../../core/config/productConfig';
import type { MigrationRuleId, SqlDialect } from '../../core/migrations';
import { productConfigFor, productConfigRootFor } from '../productConfig';

/** `releaseHygiene.migrations.*` with `.release-hygiene.yaml` migrations over them, read per resource. */
export interface MigrationSettings {
  readonly enabled: boolean;
  /** Relative to the workspace folder. */
  readonly globs: readonly string[];
  /** Undefined for `auto`: the engine detects it. */
  readonly dialect: SqlDialect | undefined;
  /** The file's rule levels (relevelFindings: `off` drops a finding), as `check` applies them. */
  readonly rules: Readonly<Partial<Record<MigrationRuleId, RuleLevel>>> | undefined;
  /** Changes whenever a setting that affects the analysis changes (part of the evidence cache key). */
  readonly key: string;
}

const DIALECTS = new Set<string>(['postgres', 'mysql', 'sqlite']);

export function readMigrationSettings(scope: vscode.Uri | undefined): MigrationSettings {
  const section = vscode.workspace.getConfiguration('releaseHygiene.migrations', scope);
  const globs = section.get<unknown>('globs');
  const dialect = section.get<string>('dialect', 'auto');
  const product = productConfigFor(scope);
  const merged = migrationOptionsWith(
    {
      globs: Array.isArray(globs) ? globs.filter((glob): glob is string => typeof glob === 'string' && glob.trim() !== '') : [],
      dialect: DIALECTS.has(dialect) ? (dialect as SqlDialect) : undefined,
    },
    product,
  );
  const settings = {
    enabled: enabledWith(section.get<boolean>('enabled', true), product, 'migrations'),
    globs: merged.globsFromFile ? rebaseGlobs(merged.globs, folderPrefix(scope)) : merged.globs,
    dialect: merged.dialect,
    rules: merged.rules,
  };
  return { ...settings, key: JSON.stringify(settings) };
}

/** The workspace folder's path below the repository root the file was read from ('' when they are the same). */
function folderPrefix(scope: vscode.Uri | undefined): string {
  const folder = scope && vscode.workspace.getWorkspaceFolder(scope);
  const root = productConfigRootFor(scope);
  if (!folder || !root) return '';
  const relative = path.relative(root, folder.uri.fsPath).split(path.sep).join('/');
  return relative.startsWith('..') ? '' : relative;
}
