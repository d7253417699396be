import * as vscode from 'vscode';
import { COMMIT_TYPES, type Bump } from '../../core/commits';
import { commitDocumentKind } from '../commitDocuments';
import type { CommitLintService } from './CommitLintService';

const TYPE_PREFIX = /^\w*$/;
const SCOPE_PREFIX = /^(\w+)\(([^()]*)$/;

/** Types at the start of the header; scopes after `type(`: the configured scope-enum first, then history's. */
export class CommitCompletions implements vscode.CompletionItemProvider {
  static readonly triggerCharacters = ['('];

  constructor(private readonly service: CommitLintService) {}

  async provideCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<vscode.CompletionItem[]> {
    if (!commitDocumentKind(document) || position.line !== headerLine(document)) return [];
    const before = document.lineAt(position.line).text.slice(0, position.character);
    if (TYPE_PREFIX.test(before)) return this.types(document, position, before);
    const scope = SCOPE_PREFIX.exec(before);
    if (scope) {
      const items = await this.scopes(document, position, scope[2] ?? '');
      return token.isCancellationRequested ? [] : items;
    }
    return [];
  }

  private types(document: vscode.TextDocument, position: vscode.Position, typed: string): vscode.CompletionItem[] {
    const range = new vscode.Range(position.line, position.character - typed.length, position.line, position.character);
    const allowed = enumValues(this.service.configFor(document).rules['type-enum']);
    const known = new Map(COMMIT_TYPES.map((info) => [info.type, info]));
    const names = allowed.length > 0 ? allowed : COMMIT_TYPES.map((info) => info.type);
    return names.map((name, index) => {
      const info = known.get(name);
      const item = new vscode.CompletionItem({ label: name, description: info?.title }, vscode.CompletionItemKind.EnumMember);
      item.range = range;
      item.sortText = String(index).padStart(3, '0');
      item.detail = `${name}: ${bumpText(info?.bump ?? 'none')}`;
      if (info) item.documentation = new vscode.MarkdownString(`${info.description}\n\nRelease effect: **${bumpText(info.bump)}**`);
      return item;
    });
  }

  private async scopes(document: vscode.TextDocument, position: vscode.Position, typed: string): Promise<vscode.CompletionItem[]> {
    const range = new vscode.Range(position.line, position.character - typed.length, position.line, position.character);
    const configured = enumValues(this.service.configFor(document).rules['scope-enum']);
    const history = await this.service.historyScopes(document);
    const seen = new Set<string>();
    const items: vscode.CompletionItem[] = [];
    const add = (scope: string, description: string) => {
      if (seen.has(scope)) return;
      seen.add(scope);
      const item = new vscode.CompletionItem({ label: scope, description }, vscode.CompletionItemKind.Module);
      item.range = range;
      item.sortText = String(items.length).padStart(5, '0');
      items.push(item);
    };
    for (const scope of configured) add(scope, 'scope-enum');
    for (const { scope, count } of history) add(scope, `used in ${count} commit${count === 1 ? '' : 's'}`);
    return items;
  }
}

/** The header is the first line that is not a comment (COMMIT_EDITMSG may start with comments). */
function headerLine(document: vscode.TextDocument): number {
  if (document.languageId !== 'git-commit') return 0;
  for (let line = 0; line < document.lineCount; line++) {
    if (!document.lineAt(line).text.startsWith('#')) return line;
  }
  return 0;
}

function enumValues(setting: readonly unknown[] | undefined): string[] {
  if (!setting || setting[0] === 0 || setting[1] === 'never') return [];
  const value = setting[2];
  if (Array.isArray(value)) return value.filter((entry): entry is string => typeof entry === 'string');
  if (value && typeof value === 'object' && Array.isArray((value as { scopes?: unknown }).scopes)) {
    return ((value as { scopes: unknown[] }).scopes).filter((entry): entry is string => typeof entry === 'string');
  }
  return [];
}

export function bumpText(bump: Bump): string {
  return bump === 'none' ? 'no release' : `${bump} release`;
}
