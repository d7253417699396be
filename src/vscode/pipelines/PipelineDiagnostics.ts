import * as vscode from 'vscode';
import type { Log } from '../log';
import { toDiagnostic, type HelpTarget } from '../toDiagnostic';
import type { PipelineService } from './PipelineService';

/** Diagnostics of every open pipeline document (roots and the files they include), kept current as you type. */
export class PipelineDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('release-hygiene-pipelines');
  private readonly disposables: vscode.Disposable[] = [this.collection];

  constructor(
    private readonly service: PipelineService,
    private readonly log: Log,
    private readonly helpTarget: HelpTarget,
  ) {
    service.onDidChange(this.refresh, this, this.disposables);
    vscode.workspace.onDidCloseTextDocument((document) => this.collection.delete(document.uri), this, this.disposables);
    this.refresh();
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }

  refresh(): void {
    try {
      const { states, pending } = this.service.openDocumentStates();
      const shown = new Set<string>();
      for (const [document, state] of states) {
        shown.add(document.uri.toString());
        this.collection.set(document.uri, state.findings.map((finding) => toDiagnostic(document, finding, this.helpTarget)));
      }
      for (const document of pending) shown.add(document.uri.toString());
      // Documents no pipeline reads any more (an include removed, a root deleted, the feature turned off).
      const stale: vscode.Uri[] = [];
      this.collection.forEach((uri) => {
        if (!shown.has(uri.toString())) stale.push(uri);
      });
      for (const uri of stale) this.collection.delete(uri);
    } catch (error) {
      this.log.error('pipelines: updating the diagnostics failed', error);
    }
  }
}
