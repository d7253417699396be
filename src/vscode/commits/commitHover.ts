import * as vscode from 'vscode';
import { releaseEffectOfType, type ReleaseEffect } from '../../core/commits';
import type { PendingCommit } from '../../core/release';
import { toRange } from '../toDiagnostic';
import type { CommitLintService } from './CommitLintService';

/** On the type (and the `!`): what this commit does to the next version. */
export class CommitHover implements vscode.HoverProvider {
  /** `releaseLine` says what the message would make the next version (from the repository's cached release plan). */
  constructor(
    private readonly service: CommitLintService,
    private readonly releaseLine?: (document: vscode.TextDocument, commit: PendingCommit) => string | undefined,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const result = this.service.lint(document);
    const layout = result?.parsed.layout;
    if (!result || !layout?.type) return undefined;
    const end = layout.bang?.end ?? layout.type.end;
    const range = toRange(document, layout.type.start, end);
    if (!range.contains(position)) return undefined;
    const typeEffect = releaseEffectOfType(result.parsed.type, false);
    const markdown = new vscode.MarkdownString();
    markdown.appendMarkdown(`\`${(result.parsed.type ?? '').replace(/`/g, '')}\` → ${effectText(typeEffect)}`);
    if (result.releaseEffect.bump !== typeEffect.bump) {
      markdown.appendMarkdown(`\n\nThis message: ${effectText(result.releaseEffect)}`);
    }
    const parsed = result.parsed;
    const line = this.releaseLine?.(document, {
      type: result.ignored ? null : parsed.revert ? 'revert' : parsed.type,
      breaking: !result.ignored && parsed.breaking,
    });
    if (line) markdown.appendMarkdown(`\n\n${line}`);
    return new vscode.Hover(markdown, range);
  }
}

function effectText(effect: ReleaseEffect): string {
  // Reasons end with ": <bump>", which the bold label already says.
  const why = effect.reason.replace(/:\s*(none|patch|minor|major)$/, '');
  return `${effect.bump === 'none' ? '**no release**' : `**${effect.bump}** release`} (${escapeMarkdown(why)})`;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|~]/g, '\\$&');
}
