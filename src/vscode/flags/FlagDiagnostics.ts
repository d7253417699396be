import * as vscode from 'vscode';
import { flagFindings } from '../../core/flags';
import type { Finding } from '../../core/findings';
import type { Log } from '../log';
import { toDiagnostic } from '../toDiagnostic';
import type { DocumentScan, FlagService } from './FlagService';
import { explainFlag } from './flagText';

/**
 * Diagnostics on the call sites of open documents: `flags/expired` (warning), `flags/stale` (the
 * `staleSeverity` setting, default error), `flags/no-fallback` and `flags/ready-to-remove` (information).
 * Age-based ones appear once history has been read, so nothing flickers from "ok" to "stale".
 */
export class FlagDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('release-hygiene-flags');
  private readonly disposables: vscode.Disposable[] = [this.collection];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly service: FlagService,
    private readonly log: Log,
  ) {
    service.onDidChange(() => this.schedule(), this, this.disposables);
    vscode.workspace.onDidOpenTextDocument((document) => this.update(document), this, this.disposables);
    vscode.workspace.onDidCloseTextDocument((document) => this.collection.delete(document.uri), this, this.disposables);
    vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document), this, this.disposables);
    this.schedule();
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const disposable of this.disposables) disposable.dispose();
  }

  private pending = new Set<vscode.TextDocument>();
  private all = false;

  private schedule(document?: vscode.TextDocument): void {
    if (document) this.pending.add(document);
    else this.all = true;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const documents = this.all ? vscode.workspace.textDocuments : [...this.pending];
      this.all = false;
      this.pending.clear();
      for (const doc of documents) this.update(doc);
    }, 250);
  }

  private update(document: vscode.TextDocument): void {
    if (document.isClosed || document.uri.scheme !== 'file') return;
    try {
      const found = this.service.documentScan(document);
      if (!found?.scan) {
        this.collection.delete(document.uri);
        return;
      }
      this.collection.set(document.uri, this.diagnostics(document, found));
    } catch (error) {
      this.log.error(`feature flag diagnostics of ${document.uri.fsPath} failed`, error);
    }
  }

  private diagnostics(document: vscode.TextDocument, found: DocumentScan): vscode.Diagnostic[] {
    const { state, scan } = found;
    if (!scan) return [];
    const severity = state.settings.staleSeverity;
    const findings = flagFindings(scan, state.byKey).filter((finding) => state.agesReady || !/^flags\/(stale|expired)$/.test(finding.ruleId));
    return findings.map((finding: Finding) => {
      const adjusted: Finding = finding.ruleId === 'flags/stale' ? { ...finding, severity } : finding;
      return toDiagnostic(document, adjusted);
    });
  }
}

/** Hover on a flag key at a call site: where its age and expiry came from. */
export class FlagHover implements vscode.HoverProvider {
  constructor(private readonly service: FlagService) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const found = this.service.documentScan(document);
    if (!found?.scan) return undefined;
    const offset = document.offsetAt(position);
    const site = found.scan.callSites.find((s) => s.start <= offset && offset <= s.end);
    const flag = site ? this.service.flagAt(found.state, site) : undefined;
    if (!site || !flag) return undefined;
    const markdown = new vscode.MarkdownString(explainFlag(flag, this.service.origins(found.state)));
    return new vscode.Hover(markdown, new vscode.Range(document.positionAt(site.start), document.positionAt(site.end)));
  }
}
