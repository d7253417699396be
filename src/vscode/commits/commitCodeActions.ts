import * as vscode from 'vscode';
import type { Finding } from '../../core/findings';
import { DIAGNOSTIC_SOURCE, ruleIdOf, toRange } from '../toDiagnostic';
import type { CommitLintService } from './CommitLintService';

/**
 * Quick fixes for every mechanical fix the engine offers, plus one "fix all" source action.
 * The SCM input hides the light bulb: Ctrl+. opens the fixes there.
 */
export class CommitCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, vscode.CodeActionKind.SourceFixAll.append('releaseHygiene')],
  };

  constructor(private readonly service: CommitLintService) {}

  provideCodeActions(
    document: vscode.TextDocument,
    range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const result = this.service.lint(document);
    if (!result) return [];
    const actions: vscode.CodeAction[] = [];
    const fixAllKind = vscode.CodeActionKind.SourceFixAll.append('releaseHygiene');
    const wantsQuickFix = !context.only || context.only.contains(vscode.CodeActionKind.QuickFix);
    if (wantsQuickFix) {
      for (const finding of result.findings) {
        const diagnostic = context.diagnostics.find((candidate) => matches(document, candidate, finding));
        if (!diagnostic && !toRange(document, finding.start, finding.end).intersection(range)) continue;
        for (const fix of finding.fixes ?? []) {
          const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
          action.edit = editOf(document, fix.edits);
          action.isPreferred = fix.preferred ?? (finding.fixes?.length === 1);
          if (diagnostic) action.diagnostics = [diagnostic];
          actions.push(action);
        }
      }
    }
    if (!context.only || context.only.contains(fixAllKind) || fixAllKind.contains(context.only)) {
      const fixAll = fixAllEdits(result.findings);
      if (fixAll.length > 1) {
        const action = new vscode.CodeAction('Fix all auto-fixable commit message problems', fixAllKind);
        action.edit = editOf(document, fixAll);
        actions.push(action);
      }
    }
    return actions;
  }
}

function matches(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, finding: Finding): boolean {
  return (
    diagnostic.source === DIAGNOSTIC_SOURCE &&
    ruleIdOf(diagnostic) === finding.ruleId &&
    diagnostic.range.isEqual(toRange(document, finding.start, finding.end))
  );
}

function editOf(document: vscode.TextDocument, edits: readonly { start: number; end: number; newText: string }[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const change of edits) edit.replace(document.uri, toRange(document, change.start, change.end), change.newText);
  return edit;
}

/** One preferred fix per finding, skipping any that would overlap an earlier one. */
function fixAllEdits(findings: readonly Finding[]): { start: number; end: number; newText: string }[] {
  const chosen: { start: number; end: number; newText: string }[] = [];
  for (const finding of findings) {
    const fix = finding.fixes?.find((candidate) => candidate.preferred) ?? (finding.fixes?.length === 1 ? finding.fixes[0] : undefined);
    if (!fix) continue;
    const overlaps = fix.edits.some((edit) => chosen.some((other) => edit.start < other.end && other.start < edit.end || (edit.start === other.start && edit.end === other.end)));
    if (!overlaps) chosen.push(...fix.edits);
  }
  return chosen;
}
