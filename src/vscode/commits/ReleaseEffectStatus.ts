import * as vscode from 'vscode';
import { COMMIT_MESSAGE_SELECTOR, commitDocumentKind } from '../commitDocuments';
import { readCommitSettings } from '../settings';
import type { CommitLintService } from './CommitLintService';

/** A language status item beside the commit box: the release this message will cause. */
export class ReleaseEffectStatus implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem('releaseHygiene.releaseEffect', COMMIT_MESSAGE_SELECTOR);
  private readonly disposables: vscode.Disposable[] = [this.item];

  constructor(private readonly service: CommitLintService) {
    this.item.name = 'Release Hygiene: release effect';
    vscode.window.onDidChangeActiveTextEditor(() => this.update(), this, this.disposables);
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document === vscode.window.activeTextEditor?.document) this.update();
    }, this, this.disposables);
    service.onDidChangeConfiguration(() => this.update(), this, this.disposables);
    this.update();
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }

  private update(): void {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || !commitDocumentKind(document) || !readCommitSettings(document.uri).showReleaseEffect) {
      this.item.text = '';
      return;
    }
    const result = this.service.lint(document);
    if (!result) return;
    const { bump, reason } = result.releaseEffect;
    this.item.text = bump === 'none' ? '$(tag) no release' : `$(tag) ${bump} release`;
    this.item.detail = reason;
    this.item.severity = bump === 'major' ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
  }
}
