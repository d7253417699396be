import * as vscode from 'vscode';
import type { Finding, Severity } from '../core/findings';
import { lineCharacters } from './textPositions';

export const DIAGNOSTIC_SOURCE = 'release-hygiene';

const severities: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

/**
 * What turns an offset into a position: an open document, or the text of a file that is not open (the
 * workspace-wide diagnostics of files nobody opened, see textPositions).
 */
export type PositionSource = Pick<vscode.TextDocument, 'positionAt'>;

export function toRange(document: PositionSource, start: number, end: number): vscode.Range {
  return new vscode.Range(document.positionAt(start), document.positionAt(end));
}

/** Offsets into the text of a file that is not open, as positions (see lineCharacters). */
export function textPositions(text: string): PositionSource {
  const at = lineCharacters(text);
  return {
    positionAt(offset: number): vscode.Position {
      const { line, character } = at(offset);
      return new vscode.Position(line, character);
    },
  };
}

/** Maps a rule's documentation URL to what the diagnostic links to. */
export type HelpTarget = (helpUrl: string) => vscode.Uri;

/** The only place a core Finding becomes a VS Code Diagnostic. */
export function toDiagnostic(
  document: PositionSource,
  finding: Finding,
  helpTarget: HelpTarget = (url) => vscode.Uri.parse(url),
): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(
    toRange(document, finding.start, finding.end),
    finding.message,
    severities[finding.severity],
  );
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = finding.helpUrl
    ? { value: finding.ruleId, target: helpTarget(finding.helpUrl) }
    : finding.ruleId;
  return diagnostic;
}

export function ruleIdOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}
