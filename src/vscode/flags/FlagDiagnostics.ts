import * as path from 'node:path';
import * as vscode from 'vscode';
import { flagFindings } from '../../core/flags';
import type { FileFlagScan } from '../../core/flags/types';
import type { Finding } from '../../core/findings';
import type { Log } from '../log';
import { toDiagnostic, type PositionSource } from '../toDiagnostic';
import type { DocumentScan, FlagService } from './FlagService';
import { explainFlag } from './flagText';

/**
 * Diagnostics on the call sites of every scanned file of the workspace, open or not (the Problems view lists
 * them all once the flags have started: a source file of their languages opened, or the view shown):
 * `flags/expired` (warning), `flags/stale` (the `staleSeverity` setting, default error), `flags/no-fallback` and
 * `flags/ready-to-remove` (information). An open document's come from its text as typed, a closed file's from the
 * workspace scan (rescanned when the file changes on disk). Age-based ones appear once history has been read (or
 * its pass was cancelled), so nothing flickers from "ok" to "stale".
 */
export class FlagDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('release-hygiene-flags');
  private readonly disposables: vscode.Disposable[] = [this.collection];
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** What each published entry was made from, to set only the entries that changed. */
  private readonly published = new Map<string, string>();

  constructor(
    private readonly service: FlagService,
    private readonly log: Log,
  ) {
    service.onDidChange(() => this.schedule(), this, this.disposables);
    vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document), this, this.disposables);
    // A closed file keeps its entry, from the workspace scan now.
    vscode.workspace.onDidCloseTextDocument(() => this.schedule(), this, this.disposables);
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
      const documents = [...this.pending];
      const all = this.all;
      this.all = false;
      this.pending.clear();
      if (all) this.refreshAll();
      else for (const doc of documents) this.update(doc);
    }, 250);
  }

  /** Every open document (which starts its folder's flags, as before), then every scanned file that is not open. */
  private refreshAll(): void {
    try {
      const shown = new Set<string>();
      for (const document of vscode.workspace.textDocuments) {
        if (this.update(document)) shown.add(document.uri.toString());
      }
      for (const state of this.service.started()) {
        if (!state.settings.enabled || !state.scan) continue;
        for (const [file, scan] of Object.entries(state.scan.files)) {
          const uri = vscode.Uri.file(path.join(state.root, ...file.split('/')));
          const key = uri.toString();
          if (shown.has(key) || this.isOpen(uri)) continue;
          // A file of a nested workspace folder belongs to that folder's state (as its open document would).
          if (this.service.rootOf(uri) !== state.root) continue;
          shown.add(key);
          this.publish(uri, `scan ${file}`, scanPositions(scan), this.findings({ state, file, scan }));
        }
      }
      const stale: vscode.Uri[] = [];
      this.collection.forEach((uri) => {
        if (!shown.has(uri.toString())) stale.push(uri);
      });
      for (const uri of stale) this.forget(uri);
    } catch (error) {
      this.log.error('feature flag diagnostics failed', error);
    }
  }

  private isOpen(uri: vscode.Uri): boolean {
    const key = uri.toString();
    return vscode.workspace.textDocuments.some((document) => !document.isClosed && document.uri.toString() === key);
  }

  /** An open document's diagnostics from its text as typed; true when it has an entry. */
  private update(document: vscode.TextDocument): boolean {
    if (document.isClosed || document.uri.scheme !== 'file') return false;
    try {
      const found = this.service.documentScan(document);
      if (!found?.scan) {
        this.forget(document.uri);
        return false;
      }
      this.publish(document.uri, `document ${document.version}`, document, this.findings(found));
      return true;
    } catch (error) {
      this.log.error(`feature flag diagnostics of ${document.uri.fsPath} failed`, error);
      return false;
    }
  }

  private publish(uri: vscode.Uri, stamp: string, positions: PositionSource, findings: readonly Finding[]): void {
    const key = uri.toString();
    const signature = `${stamp}\0${findings.map((f) => `${f.ruleId} ${f.severity} ${f.start} ${f.end} ${f.message}`).join('\n')}`;
    if (this.published.get(key) === signature) return;
    this.published.set(key, signature);
    this.collection.set(uri, findings.map((finding) => toDiagnostic(positions, finding)));
  }

  private forget(uri: vscode.Uri): void {
    this.collection.delete(uri);
    this.published.delete(uri.toString());
  }

  private findings(found: DocumentScan): Finding[] {
    const { state, scan } = found;
    if (!scan) return [];
    const severity = state.settings.staleSeverity;
    const dated = state.agesReady || state.agesCancelled;
    return flagFindings(scan, state.byKey)
      .filter((finding) => dated || !/^flags\/(stale|expired)$/.test(finding.ruleId))
      .map((finding) => (finding.ruleId === 'flags/stale' ? { ...finding, severity } : finding));
  }
}

/**
 * Positions of a closed file's findings from its scan: every flag finding stands on a call site's key, whose
 * line and column the scan recorded (a key expression is on one line).
 */
function scanPositions(scan: FileFlagScan): PositionSource {
  return {
    positionAt(offset: number): vscode.Position {
      const site = scan.callSites.find((s) => s.start <= offset && offset <= s.end);
      return site ? new vscode.Position(site.line - 1, site.column - 1 + (offset - site.start)) : new vscode.Position(0, 0);
    },
  };
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
