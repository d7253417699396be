// GitHub Actions workflow commands (https://docs.github.com/actions/reference/workflow-commands-for-github-actions).
import type { ReportFinding } from './types';

/** Data escapes % CR LF; property values also `:` and `,` (as @actions/core does). */
export function escapeWorkflowData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeWorkflowProperty(text: string): string {
  return escapeWorkflowData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`, one line per unsuppressed finding.
 * A commit message finding has no file: it is annotated with the commit's short hash in the message.
 */
export function githubAnnotations(findings: readonly ReportFinding[]): string {
  let out = '';
  for (const finding of findings) {
    if (finding.suppressed) continue;
    const command = finding.severity === 'error' ? 'error' : finding.severity === 'warning' ? 'warning' : 'notice';
    const { startLine, startColumn, endLine, endColumn } = finding.region;
    const properties = finding.file !== undefined
      ? [`file=${escapeWorkflowProperty(finding.file)}`, `line=${startLine}`, `col=${startColumn}`, `endLine=${endLine}`, `endColumn=${endColumn}`]
      : [];
    properties.push(`title=${escapeWorkflowProperty(finding.ruleId)}`);
    const message = finding.commit !== undefined ? `${finding.commit.slice(0, 7)}: ${finding.message}` : finding.message;
    out += `::${command} ${properties.join(',')}::${escapeWorkflowData(message)}\n`;
  }
  return out;
}
