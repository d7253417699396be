import * as vscode from 'vscode';
import { commitDocumentKind } from '../commitDocuments';
import type { Log } from '../log';
import { toDiagnostic, type HelpTarget } from '../toDiagnostic';
import type { CommitLintService } from './CommitLintService';

/** Keeps diagnostics of every open commit-message document (SCM input boxes, COMMIT_EDITMSG) current. */
export class CommitDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('release-hygiene');
  private readonly disposables: vscode.Disposable[] = [this.collection];

  constructor(
    private readonly service: CommitLintService,
    private readonly log: Log,
    private readonly helpTarget: HelpTarget,
  ) {
    vscode.workspace.onDidOpenTextDocument(this.refresh, this, this.disposables);
    vscode.workspace.onDidChangeTextDocument((event) => this.refresh(event.document), this, this.disposables);
    vscode.workspace.onDidCloseTextDocument((document) => this.collection.delete(document.uri), this, this.disposables);
    service.onDidChangeConfiguration(this.refreshAll, this, this.disposables);
    this.refreshAll();
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }

  refreshAll(): void {
    for (const document of vscode.workspace.textDocuments) this.refresh(document);
  }

  private refresh(document: vscode.TextDocument): void {
    if (!commitDocumentKind(document)) return;
    try {
      const result = this.service.lint(document);
      this.collection.set(document.uri, result ? result.findings.map((finding) => toDiagnostic(document, finding, this.helpTarget)) : []);
    } catch (error) {
      this.log.error('updating commit message diagnostics failed', error);
    }
  }
}
