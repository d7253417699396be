import * as vscode from 'vscode';
import { detectFramework, isMigrationCandidate } from '../../core/migrations/files';
import type { MigrationFramework } from '../../core/migrations';
import { frameworkForPath } from './frameworks';
import { readMigrationSettings, type MigrationSettings } from './migrationSettings';

/** A migration file open in the editor: its workspace folder, workspace-relative path and framework. */
export interface MigrationDocument {
  readonly document: vscode.TextDocument;
  readonly folder: vscode.WorkspaceFolder;
  /** Workspace-relative, forward slashes. */
  readonly path: string;
  readonly framework: MigrationFramework;
  readonly settings: MigrationSettings;
}

/** The migration file behind `document`, or undefined when it matches none of the folder's migration globs. */
export function migrationDocumentOf(document: vscode.TextDocument): MigrationDocument | undefined {
  if (document.uri.scheme !== 'file' && document.uri.scheme !== 'untitled' && document.uri.scheme !== 'vscode-remote') return undefined;
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  if (!folder) return undefined;
  const settings = readMigrationSettings(document.uri);
  if (!settings.enabled || settings.globs.length === 0) return undefined;
  const matched = settings.globs.some((glob) => vscode.languages.match({ pattern: new vscode.RelativePattern(folder, glob) }, document) > 0);
  if (!matched) return undefined;
  const path = vscode.workspace.asRelativePath(document.uri, false).replace(/\\/g, '/');
  // A glob such as **/Migrations/*.cs also matches EF Core's generated files; undo scripts are no forward migration.
  if (!isMigrationCandidate(path)) return undefined;
  const head = document.getText(new vscode.Range(0, 0, 200, 0));
  let framework: MigrationFramework | null = null;
  try {
    framework = detectFramework(path, head);
  } catch {
    framework = null;
  }
  return { document, folder, path, framework: framework ?? frameworkForPath(path, head), settings };
}
