import * as vscode from 'vscode';
import type { MigrationFinding, NotAnalysed } from '../../core/migrations';
import type { Log } from '../log';
import { DIAGNOSTIC_SOURCE, toDiagnostic, toRange, type HelpTarget } from '../toDiagnostic';
import { uniqueReferences } from './migrationHover';
import type { MigrationService } from './MigrationService';

export const NOT_ANALYSED_CODE = 'not-analysed';

/** Diagnostics of every open migration file, from the MigrationService (debounced as the file is typed). */
export class MigrationDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('release-hygiene-migrations');
  private readonly disposables: vscode.Disposable[] = [this.collection];

  constructor(
    private readonly service: MigrationService,
    private readonly log: Log,
    private readonly helpTarget: HelpTarget,
  ) {
    service.onDidChange(this.refresh, this, this.disposables);
    vscode.workspace.onDidCloseTextDocument((document) => this.collection.delete(document.uri), this, this.disposables);
    service.refreshAll();
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }

  private refresh(document: vscode.TextDocument): void {
    try {
      const state = document.isClosed ? undefined : this.service.stateOf(document);
      if (!state) {
        this.collection.delete(document.uri);
        return;
      }
      this.collection.set(document.uri, [
        ...state.findings.map((finding) => this.diagnosticOf(document, finding)),
        // "still loading" is not a property of the file: it is analysed again once the parser is there.
        ...state.notAnalysed.filter((skipped) => !/still loading/.test(skipped.reason)).map((skipped) => notAnalysedDiagnostic(document, skipped)),
      ]);
    } catch (error) {
      this.log.error('updating migration diagnostics failed', error);
    }
  }

  private diagnosticOf(document: vscode.TextDocument, finding: MigrationFinding): vscode.Diagnostic {
    const diagnostic = toDiagnostic(document, finding, this.helpTarget);
    const references = uniqueReferences(finding.evidence).filter((item) => item.file);
    if (references.length > 0) {
      diagnostic.relatedInformation = references
        .slice(0, 20)
        .flatMap((item) => {
          const uri = resolveInFolder(document, item.file!);
          if (!uri) return [];
          const line = Math.max(0, (item.line ?? 1) - 1);
          const column = Math.max(0, (item.column ?? 1) - 1);
          return [new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, new vscode.Position(line, column)), item.description)];
        });
    }
    return diagnostic;
  }
}

function notAnalysedDiagnostic(document: vscode.TextDocument, skipped: NotAnalysed): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(
    toRange(document, skipped.start, skipped.end),
    `Not analysed: ${skipped.reason}. Unsafe changes in this statement are not detected.`,
    vscode.DiagnosticSeverity.Information,
  );
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = NOT_ANALYSED_CODE;
  return diagnostic;
}

/** A workspace-relative path of the document's folder as a URI. */
export function resolveInFolder(document: vscode.TextDocument, relative: string): vscode.Uri | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  if (!folder) return undefined;
  return vscode.Uri.joinPath(folder.uri, ...relative.split('/').filter(Boolean));
}
