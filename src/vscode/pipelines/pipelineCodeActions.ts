import * as vscode from 'vscode';
import type { PipelineFinding, PipelineJobSummary } from '../../core/pipelines';
import { DIAGNOSTIC_SOURCE, ruleIdOf, toRange } from '../toDiagnostic';
import type { PipelineService } from './PipelineService';

/** Rules a suppression comment makes no sense for: the file does not parse, or the comment itself is the problem. */
const NOT_SUPPRESSIBLE = new Set<string>(['invalid-yaml', 'invalid-suppression']);

/**
 * Quick fixes: the engine's mechanical fixes (`allow_failure: false`, `fetch-depth: 0`, no `continue-on-error`)
 * and, for every finding, a suppression comment whose reason is a snippet placeholder to fill in.
 */
export class PipelineCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly service: PipelineService) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (context.only && !context.only.contains(vscode.CodeActionKind.QuickFix) && !vscode.CodeActionKind.QuickFix.contains(context.only)) return [];
    if (!this.service.isPipelineFile(document.uri.fsPath)) return [];
    const state = this.service.stateFor(document);
    const fixes: vscode.CodeAction[] = [];
    const suppressions: vscode.CodeAction[] = [];
    for (const finding of state.findings) {
      const findingRange = toRange(document, finding.start, finding.end);
      const diagnostic = context.diagnostics.find((candidate) => matches(candidate, finding, findingRange));
      if (!diagnostic && !findingRange.intersection(range)) continue;
      for (const fix of finding.fixes ?? []) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        const edit = new vscode.WorkspaceEdit();
        for (const change of fix.edits) edit.replace(document.uri, toRange(document, change.start, change.end), change.newText);
        action.edit = edit;
        action.isPreferred = fix.preferred ?? finding.fixes?.length === 1;
        if (diagnostic) action.diagnostics = [diagnostic];
        fixes.push(action);
      }
      if (!NOT_SUPPRESSIBLE.has(finding.ruleId)) {
        const action = suppression(document, finding, state.jobs);
        if (diagnostic) action.diagnostics = [diagnostic];
        suppressions.push(action);
      }
    }
    return [...fixes, ...suppressions];
  }
}

function matches(diagnostic: vscode.Diagnostic, finding: PipelineFinding, range: vscode.Range): boolean {
  return diagnostic.source === DIAGNOSTIC_SOURCE && ruleIdOf(diagnostic) === finding.ruleId && diagnostic.range.isEqual(range);
}

/**
 * `# release-hygiene-ignore <rule>: <reason>` on its own line above the job's key (the engine honours it there for
 * the whole job, and a job key is always a block mapping key, never inside a multi-line script), else above the
 * finding's line. The reason is a snippet placeholder: the engine rejects a suppression without one.
 */
export function suppression(document: vscode.TextDocument, finding: PipelineFinding, jobs: readonly PipelineJobSummary[]): vscode.CodeAction {
  const job = finding.job !== undefined ? jobs.find((candidate) => candidate.name === finding.job && candidate.file === finding.file) : undefined;
  const line = document.positionAt(job ? job.start : finding.start).line;
  const indent = /^[ \t]*/.exec(document.lineAt(line).text)?.[0] ?? '';
  const snippet = new vscode.SnippetString()
    .appendText(indent)
    .appendText(`# release-hygiene-ignore ${finding.ruleId}: `)
    .appendPlaceholder('reason')
    .appendText('\n');
  const edit = new vscode.WorkspaceEdit();
  edit.set(document.uri, [vscode.SnippetTextEdit.insert(new vscode.Position(line, 0), snippet)]);
  const action = new vscode.CodeAction(
    `Suppress ${finding.ruleId}${job ? ` for job ${job.name}` : ''} with a reason`,
    vscode.CodeActionKind.QuickFix,
  );
  action.edit = edit;
  return action;
}
