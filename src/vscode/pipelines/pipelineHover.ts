import * as vscode from 'vscode';
import { PIPELINE_RULES, type PipelineFinding, type PipelineRuleId } from '../../core/pipelines';
import { toRange, type HelpTarget } from '../toDiagnostic';
import type { PipelineService } from './PipelineService';

/**
 * On a finding's range: the rule explained (title, why, the fix) with a link to its documentation, and on a
 * suppressed finding the reason it was accepted. Rule texts are the engine's own Markdown; job names and
 * reasons come from the file and are escaped.
 */
export class PipelineHover implements vscode.HoverProvider {
  constructor(
    private readonly service: PipelineService,
    private readonly helpTarget: HelpTarget,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!this.service.isPipelineFile(document.uri.fsPath)) return undefined;
    const state = this.service.stateFor(document);
    const here = (finding: PipelineFinding) => toRange(document, finding.start, finding.end).contains(position);
    const active = state.findings.filter(here);
    const suppressed = state.suppressed.filter(here);
    if (active.length === 0 && suppressed.length === 0) return undefined;
    const markdown = new vscode.MarkdownString();
    const sections: string[] = [];
    const explained = new Set<string>();
    for (const finding of active) {
      if (explained.has(finding.ruleId)) continue;
      explained.add(finding.ruleId);
      sections.push(this.explain(finding.ruleId, finding.job));
    }
    for (const finding of suppressed) {
      sections.push(`\`${finding.ruleId}\` suppressed${finding.job ? ` for job \`${code(finding.job)}\`` : ''}: ${escapeMarkdown(finding.suppressed?.reason ?? '')}`);
    }
    markdown.appendMarkdown(sections.join('\n\n---\n\n'));
    const all = [...active, ...suppressed];
    const range = all
      .map((finding) => toRange(document, finding.start, finding.end))
      .reduce((a, b) => a.intersection(b) ?? a);
    return new vscode.Hover(markdown, range);
  }

  private explain(ruleId: PipelineRuleId, job: string | undefined): string {
    const rule = PIPELINE_RULES[ruleId];
    if (!rule) return `\`${ruleId}\``;
    const link = this.helpTarget(rule.helpUrl).toString();
    return [
      `**${rule.title}** · \`${rule.id}\` (${rule.severity}${job ? `, job \`${code(job)}\`` : ''}) · [documentation](${link})`,
      rule.explanation,
      `**Fix:** ${rule.fix} Or suppress it with a reason: \`# release-hygiene-ignore ${rule.id}: <reason>\``,
    ].join('\n\n');
  }
}

function code(text: string): string {
  return text.replace(/`/g, '');
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|~]/g, '\\$&');
}
