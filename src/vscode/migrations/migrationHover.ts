import * as vscode from 'vscode';
import type { Evidence, MigrationFinding } from '../../core/migrations';
import { toRange, type HelpTarget } from '../toDiagnostic';
import { recipeSteps } from './frameworks';
import { resolveInFolder } from './MigrationDiagnostics';
import type { MigrationService } from './MigrationService';

/** Opens a code reference of a hover: `[uri, line, column]` (1-based); the only command the hover's links may run. */
export const OPEN_REFERENCE_COMMAND = 'releaseHygiene.openCodeReference';

const MAX_REFERENCES = 30;

/** The link of one code reference: a command link limited to OPEN_REFERENCE_COMMAND. */
export function referenceLink(uri: vscode.Uri, line: number, column: number): string {
  return `command:${OPEN_REFERENCE_COMMAND}?${encodeURIComponent(JSON.stringify([uri.toString(), line, column]))}`;
}

/** Opens `uri` at a 1-based line and column (the hover's reference links). */
export async function openReference(uri: unknown, line: unknown, column: unknown): Promise<void> {
  if (typeof uri !== 'string') return;
  const target = vscode.Uri.parse(uri, true);
  const position = new vscode.Position(Math.max(0, Number(line) - 1 || 0), Math.max(0, Number(column) - 1 || 0));
  await vscode.window.showTextDocument(target, { selection: new vscode.Range(position, position), preview: true });
}

/**
 * On a finding: what was found and what was missing, the references still in the code (clickable, opening the file
 * at the line), the safe expand-contract recipe, and the rule's documentation.
 */
export class MigrationHover implements vscode.HoverProvider {
  constructor(
    private readonly service: MigrationService,
    private readonly helpTarget: HelpTarget,
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    // Wait (bounded) for the workspace evidence of this version, so the hover lists the code references.
    const state = await this.service.whenAnalysed(document, { complete: true, token });
    if (!state || token.isCancellationRequested) return undefined;
    const hits = state.findings.filter((finding) => toRange(document, finding.start, finding.end).contains(position));
    if (hits.length === 0) return undefined;
    const markdown = new vscode.MarkdownString(undefined, true);
    markdown.isTrusted = { enabledCommands: [OPEN_REFERENCE_COMMAND] };
    hits.forEach((finding, index) => {
      if (index > 0) markdown.appendMarkdown('\n\n---\n\n');
      this.describe(markdown, document, finding, hits.length > 1);
    });
    const range = hits.map((finding) => toRange(document, finding.start, finding.end)).reduce((a, b) => a.union(b));
    return new vscode.Hover(markdown, range);
  }

  /** References first (what to change before dropping), then the recipe, then the evidence looked for. */
  private describe(markdown: vscode.MarkdownString, document: vscode.TextDocument, finding: MigrationFinding, header: boolean): void {
    if (header) {
      const subject = finding.columnName ? `${finding.table}.${finding.columnName}` : finding.table;
      markdown.appendMarkdown(`$(database) **${escape(finding.ruleId)}** \`${code(subject)}\`\n\n`);
    }
    const references = uniqueReferences(finding.evidence);
    if (references.length > 0) {
      markdown.appendMarkdown(`**Still referenced in the code** (${references.length})\n\n`);
      for (const item of references.slice(0, MAX_REFERENCES)) markdown.appendMarkdown(`- ${evidenceLine(document, item)}\n`);
      if (references.length > MAX_REFERENCES) markdown.appendMarkdown(`- … and ${references.length - MAX_REFERENCES} more\n`);
      markdown.appendMarkdown('\n');
    }
    if (finding.recipe) {
      // As wrapped text, one step per line (a code block would not wrap in the hover).
      markdown.appendMarkdown('**Safe recipe (expand-contract)**\n\n');
      for (const step of recipeSteps(finding.recipe)) markdown.appendMarkdown(`- ${escape(step)}\n`);
      markdown.appendMarkdown('\n');
    }
    const evidence = finding.evidence.filter((item) => item.kind !== 'code-reference');
    if (evidence.length > 0) {
      markdown.appendMarkdown('**Evidence of an expand phase**\n\n');
      for (const item of evidence) markdown.appendMarkdown(`- ${evidenceLine(document, item)}\n`);
      markdown.appendMarkdown('\n');
    }
    if (finding.helpUrl) markdown.appendMarkdown(`[Why, and how to do it safely](${this.helpTarget(finding.helpUrl).toString()})`);
  }
}

function evidenceLine(document: vscode.TextDocument, item: Evidence): string {
  const mark = item.kind === 'missing' ? '$(close)' : item.kind === 'code-reference' ? '$(references)' : '$(check)';
  let where = '';
  if (item.file) {
    const uri = resolveInFolder(document, item.file);
    const label = `${item.file}${item.line ? `:${item.line}` : ''}`;
    where = uri ? `[${escape(label)}](${referenceLink(uri, item.line ?? 1, item.column ?? 1)}) ` : `\`${code(label)}\` `;
  }
  return `${mark} ${where}${escape(item.description)}`;
}

function code(text: string): string {
  return text.replace(/`/g, "'");
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|~$]/g, '\\$&');
}

/** Code references, one per file and line (a line can hold both `legacy_email` and `legacyEmail`). */
export function uniqueReferences(evidence: readonly Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return evidence.filter((item) => {
    if (item.kind !== 'code-reference') return false;
    const key = `${item.file ?? ''}:${item.line ?? 0}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

