import * as vscode from 'vscode';
import type { Log } from '../log';
import { textPositions, toDiagnostic, type HelpTarget } from '../toDiagnostic';
import type { PipelineService } from './PipelineService';

/**
 * Diagnostics of every pipeline file of the workspace (roots and the files they include), open or not: the
 * Problems view lists them all. An open document's come from its text as typed (200 ms after a keystroke), a
 * closed file's from its text on disk, read again when the file watcher says it changed. Each refresh lints only
 * what changed (the service caches per root) and sets a file's diagnostics only when they changed.
 */
export class PipelineDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('release-hygiene-pipelines');
  private readonly disposables: vscode.Disposable[] = [this.collection];
  /** What each published entry was made from: the text's stamp and the findings (skips unchanged files). */
  private readonly published = new Map<string, string>();
  private reported: string | undefined;
  /** Milliseconds spent since the last complete pass (a pass over many pipelines runs in slices). */
  private passMs = 0;
  private slices = 0;

  constructor(
    private readonly service: PipelineService,
    private readonly log: Log,
    private readonly helpTarget: HelpTarget,
  ) {
    service.onDidChange(this.refresh, this, this.disposables);
    this.refresh();
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }

  refresh(): void {
    try {
      const started = performance.now();
      const { files, pending } = this.service.workspaceFileStates();
      const shown = new Set<string>();
      let withFindings = 0;
      let findings = 0;
      for (const file of files) {
        const key = file.uri.toString();
        shown.add(key);
        if (file.state.findings.length > 0) withFindings++;
        findings += file.state.findings.length;
        const signature = `${file.stamp}\0${file.state.findings.map((f) => `${f.ruleId} ${f.severity} ${f.start} ${f.end} ${f.message}`).join('\n')}`;
        if (this.published.get(key) === signature) continue;
        this.published.set(key, signature);
        const positions = file.document ?? textPositions(file.text);
        this.collection.set(file.uri, file.state.findings.map((finding) => toDiagnostic(positions, finding, this.helpTarget)));
      }
      for (const fsPath of pending) shown.add(vscode.Uri.file(fsPath).toString());
      // Files no pipeline reads any more (an include removed, a root deleted, the feature turned off).
      const stale: vscode.Uri[] = [];
      this.collection.forEach((uri) => {
        if (!shown.has(uri.toString())) stale.push(uri);
      });
      for (const uri of stale) {
        this.collection.delete(uri);
        this.published.delete(uri.toString());
      }
      this.passMs += performance.now() - started;
      this.slices++;
      if (pending.size > 0) return;
      const summary = `${files.length} pipeline file(s), ${findings} finding(s) in ${withFindings}`;
      if (summary !== this.reported) {
        this.reported = summary;
        this.log.info(`pipelines: ${summary} (workspace diagnostics in ${this.passMs.toFixed(1)} ms${this.slices > 1 ? `, ${this.slices} turns` : ''})`);
      }
      this.passMs = 0;
      this.slices = 0;
    } catch (error) {
      this.log.error('pipelines: updating the diagnostics failed', error);
    }
  }
}
