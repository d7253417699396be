import * as vscode from 'vscode';
import type { Log } from '../log';
import type { HelpTarget } from '../toDiagnostic';
import { CREATE_EXPAND_COMMAND, createExpandMigration, MigrationCodeActions } from './migrationCodeActions';
import { MigrationDiagnostics } from './MigrationDiagnostics';
import { MigrationHover, OPEN_REFERENCE_COMMAND, openReference } from './migrationHover';
import { MigrationService } from './MigrationService';

/** Hidden command for the integration tests (registered outside production only): the state of a migration file. */
export const MIGRATIONS_TEST_STATE_COMMAND = 'releaseHygiene._testMigrationState';

/** Files the migration providers look at; migrationDocumentOf() then applies `releaseHygiene.migrations.globs`. */
const MIGRATION_SELECTOR: vscode.DocumentSelector = [
  { scheme: 'file', pattern: '**/*.{sql,rb,py,js,cjs,mjs,ts,xml,yaml,yml,php,cs,exs}' },
  { scheme: 'vscode-remote', pattern: '**/*.{sql,rb,py,js,cjs,mjs,ts,xml,yaml,yml,php,cs,exs}' },
];

/** Migrations: diagnostics as you type, the hover with evidence and recipe, the quick fixes, their commands. */
export function registerMigrations(context: vscode.ExtensionContext, log: Log): MigrationService {
  const service = new MigrationService(log, vscode.Uri.joinPath(context.extensionUri, 'dist', 'migrationsWorker.js').fsPath);
  const helpTarget = migrationDocumentation(context.extensionUri);
  context.subscriptions.push(
    service,
    new MigrationDiagnostics(service, log, helpTarget),
    vscode.languages.registerHoverProvider(MIGRATION_SELECTOR, new MigrationHover(service, helpTarget)),
    vscode.languages.registerCodeActionsProvider(MIGRATION_SELECTOR, new MigrationCodeActions(service), MigrationCodeActions.metadata),
    vscode.commands.registerCommand(OPEN_REFERENCE_COMMAND, openReference),
    vscode.commands.registerCommand(CREATE_EXPAND_COMMAND, (...args: unknown[]) => createExpandMigration(log, ...(args as [unknown, unknown, unknown, unknown, unknown]))),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration('releaseHygiene.migrations')) return;
      service.evidence.invalidate();
      service.refreshAll();
    }),
  );
  if (context.extensionMode !== vscode.ExtensionMode.Production) {
    context.subscriptions.push(
      vscode.commands.registerCommand(MIGRATIONS_TEST_STATE_COMMAND, async (uri: string, options?: { readonly complete?: boolean }) => {
        const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === uri);
        if (!document) return undefined;
        const state = options?.complete ? await service.whenAnalysed(document, { complete: true }) : service.stateOf(document);
        return state && { version: state.version, complete: state.complete, framework: state.target.framework, path: state.target.path, findings: state.findings };
      }),
    );
  }
  return service;
}

/** The engine's rule documentation (docs/migrations.md#rule) opens from the extension's own docs. */
function migrationDocumentation(extensionUri: vscode.Uri): HelpTarget {
  return (url) => {
    const docs = /(?:^|\/)(docs\/[\w.-]+\.md)(?:#(.*))?$/.exec(url);
    if (docs?.[1]) return vscode.Uri.joinPath(extensionUri, ...docs[1].split('/')).with({ fragment: docs[2] ?? '' });
    return vscode.Uri.parse(url);
  };
}
