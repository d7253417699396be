import * as vscode from 'vscode';
import type { MigrationFinding } from '../../core/migrations';
import type { Log } from '../log';
import { DIAGNOSTIC_SOURCE, ruleIdOf, toRange } from '../toDiagnostic';
import { expandSkeleton } from './expandSkeleton';
import { suppressionSnippet } from './frameworks';
import { migrationDocumentOf } from './migrationDocuments';
import type { MigrationService } from './MigrationService';

export const CREATE_EXPAND_COMMAND = 'releaseHygiene.createExpandMigration';

/** Rules whose fix is an expand phase for one column. */
const EXPANDABLE = new Set(['drop-column', 'rename-column', 'change-column-type', 'expand-contract-same-release']);

/**
 * Two quick fixes per finding: a suppression comment above the statement with the reason as a snippet placeholder
 * (in the framework's comment syntax), and, for column changes, a new expand-phase migration beside this one.
 */
export class MigrationCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly service: MigrationService) {}

  async provideCodeActions(
    document: vscode.TextDocument,
    range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.CodeAction[]> {
    if (context.only && !context.only.contains(vscode.CodeActionKind.QuickFix) && !vscode.CodeActionKind.QuickFix.contains(context.only)) return [];
    const state = await this.service.whenAnalysed(document, { timeoutMs: 5_000, token });
    if (!state || token.isCancellationRequested) return [];
    const actions: vscode.CodeAction[] = [];
    for (const finding of state.findings) {
      const findingRange = toRange(document, finding.start, finding.end);
      const diagnostic = context.diagnostics.find(
        (candidate) => candidate.source === DIAGNOSTIC_SOURCE && ruleIdOf(candidate) === finding.ruleId && candidate.range.isEqual(findingRange),
      );
      if (!diagnostic && !findingRange.intersection(range)) continue;
      if (EXPANDABLE.has(finding.ruleId) && finding.columnName) {
        const subject = `${finding.table}.${finding.columnName}`;
        const create = new vscode.CodeAction(`Create an expand migration for ${subject} (add the replacement column, backfill)`, vscode.CodeActionKind.QuickFix);
        create.command = {
          command: CREATE_EXPAND_COMMAND,
          title: create.title,
          arguments: [document.uri.toString(), finding.ruleId, finding.table, finding.columnName, newNameOf(state.analysis.operations, finding)],
        };
        if (diagnostic) create.diagnostics = [diagnostic];
        create.isPreferred = true;
        actions.push(create);
      }
      if (finding.ruleId === 'invalid-suppression') continue; // its fix is to write the reason
      const line = statementLine(document, finding, state.analysis.operations);
      const indent = /^\s*/.exec(document.lineAt(line).text)?.[0] ?? '';
      const suppress = new vscode.CodeAction(`Ignore ${finding.ruleId} here, with a reason (release-hygiene-ignore)`, vscode.CodeActionKind.QuickFix);
      const edit = new vscode.WorkspaceEdit();
      const snippet = new vscode.SnippetString(suppressionSnippet(state.target.framework, state.target.path, finding.ruleId, indent));
      edit.set(document.uri, [new vscode.SnippetTextEdit(new vscode.Range(line, 0, line, 0), snippet)]);
      suppress.edit = edit;
      if (diagnostic) suppress.diagnostics = [diagnostic];
      actions.push(suppress);
    }
    return actions;
  }
}

type Operations = readonly { kind: string; table: string; column?: string; newName?: string; start: number; end: number; statementStart: number }[];

/** The line the statement (or ORM call) of a finding starts on: the suppression comment goes above it. */
function statementLine(document: vscode.TextDocument, finding: MigrationFinding, operations: Operations): number {
  const operation = operations.find((op) => op.start <= finding.start && finding.end <= Math.max(op.end, finding.end) && op.table === finding.table && (op.column ?? '') === (finding.columnName ?? ''));
  const start = operation ? Math.min(operation.statementStart, finding.start) : finding.start;
  return document.positionAt(start).line;
}

function newNameOf(operations: Operations, finding: MigrationFinding): string | undefined {
  if (finding.ruleId !== 'rename-column') return undefined;
  return operations.find((op) => op.kind === 'rename-column' && op.table === finding.table && op.column === finding.columnName)?.newName;
}

/** Alembic revisions are files of a few kilobytes; a versions folder past this many is read no further. */
const MAX_ALEMBIC_SIBLINGS = 2_000;

/** The texts of the other .py files beside an Alembic migration (unreadable ones are skipped). */
async function alembicSiblingTexts(directory: vscode.Uri, self: vscode.Uri, listing: readonly [string, vscode.FileType][]): Promise<string[]> {
  const names = listing
    .filter(([name, type]) => type === vscode.FileType.File && name.endsWith('.py') && name !== '__init__.py')
    .map(([name]) => name)
    .slice(0, MAX_ALEMBIC_SIBLINGS);
  const texts = await Promise.all(
    names.map((name) => {
      const uri = vscode.Uri.joinPath(directory, name);
      if (uri.toString() === self.toString()) return undefined; // the open document's text stands for it
      return vscode.workspace.fs.readFile(uri).then((bytes) => new TextDecoder().decode(bytes), () => undefined);
    }),
  );
  return texts.filter((text): text is string => text !== undefined);
}

/**
 * Creates the expand-phase migration beside the migration at `uri` (named by its framework's convention), opens it
 * and fills it in as a snippet (the replacement column's name and type are linked placeholders). Returns its URI.
 */
export async function createExpandMigration(log: Log, uri: unknown, ruleId: unknown, table: unknown, column: unknown, newName?: unknown): Promise<vscode.Uri | undefined> {
  try {
    if (typeof uri !== 'string' || typeof table !== 'string' || typeof column !== 'string') return undefined;
    const source = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri, true));
    const target = migrationDocumentOf(source);
    if (!target) return undefined;
    const directory = vscode.Uri.joinPath(source.uri, '..');
    const listing = await vscode.workspace.fs.readDirectory(directory).then(undefined, () => [] as [string, vscode.FileType][]);
    const journal = target.framework === 'drizzle' ? await vscode.workspace.fs.readFile(vscode.Uri.joinPath(directory, 'meta', '_journal.json')).then((bytes) => new TextDecoder().decode(bytes), () => undefined) : undefined;
    const siblingTexts = target.framework === 'alembic' ? await alembicSiblingTexts(directory, source.uri, listing) : undefined;
    const skeleton = expandSkeleton({
      framework: target.framework,
      path: target.path,
      text: source.getText(),
      siblings: listing.map(([name]) => name),
      table,
      column,
      ...(typeof newName === 'string' ? { newName } : {}),
      now: new Date(),
      ...(journal !== undefined ? { journal } : {}),
      ...(siblingTexts !== undefined ? { siblingTexts } : {}),
    });
    const created = vscode.Uri.joinPath(target.folder.uri, ...skeleton.path.split('/'));
    const exists = await vscode.workspace.fs.stat(created).then(() => true, () => false);
    if (!exists) {
      await vscode.workspace.fs.writeFile(created, new Uint8Array());
      for (const companion of skeleton.companions ?? []) {
        const uri = vscode.Uri.joinPath(target.folder.uri, ...companion.path.split('/'));
        if (!companion.replace && (await vscode.workspace.fs.stat(uri).then(() => true, () => false))) continue;
        await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(companion.content));
      }
    }
    const editor = await vscode.window.showTextDocument(created, { preview: false });
    if (!exists && editor.document.getText() === '') await editor.insertSnippet(new vscode.SnippetString(skeleton.snippet), new vscode.Position(0, 0));
    log.info(`migrations: ${exists ? 'opened the existing' : 'created the'} expand migration ${skeleton.path} for ${String(ruleId)} ${table}.${column}`);
    return created;
  } catch (error) {
    log.error('creating the expand migration failed', error);
    void vscode.window.showErrorMessage('Release Hygiene could not create the expand migration; see its log.');
    return undefined;
  }
}
