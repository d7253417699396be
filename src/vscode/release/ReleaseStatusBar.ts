import * as vscode from 'vscode';
import { statusText } from './previewModel';
import { readReleaseSettings } from './releaseSettings';
import type { PlanOutcome, ReleaseService } from './ReleaseService';

export const PREVIEW_COMMAND = 'releaseHygiene.previewRelease';
const DEBOUNCE_MS = 300;

/**
 * `$(tag) v1.4.1 → v1.5.0` for the active repository; the tooltip lists the reasons; a click opens the preview.
 * Lazy: computed after activation, debounced, never awaited by anything; hidden without a git repository.
 */
export class ReleaseStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('releaseHygiene.nextRelease', vscode.StatusBarAlignment.Left, 9);
  private readonly disposables: vscode.Disposable[] = [this.item];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private root: string | undefined;

  constructor(private readonly service: ReleaseService) {
    this.item.name = 'Release Hygiene: next release';
    service.onDidChangePlan((outcome) => {
      if (outcome.root === this.root) this.render(outcome);
    }, this, this.disposables);
    service.onDidChangeRepositories(() => this.schedule(), this, this.disposables);
    vscode.window.onDidChangeActiveTextEditor(() => this.schedule(), this, this.disposables);
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('releaseHygiene.release')) this.schedule();
    }, this, this.disposables);
    void service.ready().then(() => this.schedule());
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const disposable of this.disposables) disposable.dispose();
  }

  /** What the item shows (the integration tests read it through the hidden test command). */
  get state(): { readonly text: string; readonly visible: boolean; readonly tooltip: string; readonly root: string | undefined } {
    const tooltip = this.item.tooltip;
    return { text: this.item.text, visible: this.visible, tooltip: typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? ''), root: this.root };
  }

  private visible = false;

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), DEBOUNCE_MS);
  }

  private hide(): void {
    this.visible = false;
    this.item.hide();
  }

  private async update(): Promise<void> {
    const root = this.service.activeRoot();
    this.root = root;
    if (root === undefined || !readReleaseSettings(vscode.Uri.file(root)).statusBar) {
      this.hide();
      return;
    }
    const cached = this.service.cached(root);
    if (cached) this.render(cached);
    const outcome = await this.service.plan(root);
    if (this.root === root) this.render(outcome);
  }

  private render(outcome: PlanOutcome): void {
    if (!readReleaseSettings(vscode.Uri.file(outcome.root)).statusBar) return this.hide();
    if (!outcome.ok) {
      // No commits yet, git missing…: nothing useful to show in the status bar.
      this.hide();
      return;
    }
    const { model } = outcome;
    this.item.text = `$(tag) ${statusText(model)}`;
    const tooltip = new vscode.MarkdownString(undefined, false);
    tooltip.isTrusted = false;
    tooltip.supportHtml = false;
    tooltip.appendMarkdown(`**Next release of ${escape(model.repositoryName)}:** `);
    tooltip.appendText(model.next !== null ? `${model.nextTag ?? model.next} (${model.bump})` : 'none');
    tooltip.appendMarkdown('\n\n');
    for (const line of model.explanation) {
      tooltip.appendMarkdown('- ');
      tooltip.appendText(line);
      tooltip.appendMarkdown('\n');
    }
    if (model.reasons.length > 0) {
      tooltip.appendMarkdown('\n**Because of:**\n\n');
      for (const reason of model.reasons.slice(0, 10)) {
        tooltip.appendMarkdown(`- \`${reason.shortHash}\` `);
        tooltip.appendText(`${reason.header} (${reason.why})`);
        tooltip.appendMarkdown('\n');
      }
      if (model.reasons.length > 10) tooltip.appendMarkdown(`- … and ${model.reasons.length - 10} more\n`);
    }
    for (const warning of model.warnings) {
      tooltip.appendMarkdown('\n⚠ ');
      tooltip.appendText(warning.message);
      tooltip.appendMarkdown('\n');
    }
    tooltip.appendMarkdown('\n\nClick to preview the release and its changelog.');
    this.item.tooltip = tooltip;
    this.item.command = { command: PREVIEW_COMMAND, title: 'Preview Next Release', arguments: [outcome.root] };
    this.visible = true;
    this.item.show();
  }
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|~]/g, '\\$&');
}
