import * as vscode from 'vscode';
import { releaseEffectOfType } from '../../core/commits';
import { toRange } from '../toDiagnostic';
import type { CommitLintService } from './CommitLintService';

/** On the type (and the `!`): what this commit does to the next version. */
export class CommitHover implements vscode.HoverProvider {
  constructor(private readonly service: CommitLintService) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const result = this.service.lint(document);
    const layout = result?.parsed.layout;
    if (!result || !layout?.type) return undefined;
    const end = layout.bang?.end ?? layout.type.end;
    const range = toRange(document, layout.type.start, end);
    if (!range.contains(position)) return undefined;
    const typeEffect = releaseEffectOfType(result.parsed.type, false);
    const markdown = new vscode.MarkdownString();
    markdown.appendMarkdown(`**${escapeMarkdown(result.parsed.type ?? '')}** → ${typeEffect.bump === 'none' ? 'no release' : `**${typeEffect.bump}**`}: ${escapeMarkdown(typeEffect.reason)}`);
    if (result.releaseEffect.bump !== typeEffect.bump) {
      markdown.appendMarkdown(`\n\nThis message: **${result.releaseEffect.bump}** (${escapeMarkdown(result.releaseEffect.reason)})`);
    }
    return new vscode.Hover(markdown, range);
  }
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|~]/g, '\\$&');
}
