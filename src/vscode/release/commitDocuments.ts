import * as vscode from 'vscode';
import { showCommit } from '../../node/showCommit';

/** Read-only documents showing `git show --stat <hash>`: `release-hygiene-commit:/<repo>/<short>.txt?root=…&hash=…`. */
export const COMMIT_SCHEME = 'release-hygiene-commit';

export function commitDocumentUri(root: string, hash: string): vscode.Uri {
  const name = root.split(/[\\/]/).filter(Boolean).at(-1) ?? 'repository';
  return vscode.Uri.from({
    scheme: COMMIT_SCHEME,
    path: `/${name}/${hash.slice(0, 7)}.txt`,
    query: new URLSearchParams({ root, hash }).toString(),
  });
}

export class CommitDocumentProvider implements vscode.TextDocumentContentProvider {
  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const query = new URLSearchParams(uri.query);
    const root = query.get('root') ?? '';
    const hash = query.get('hash') ?? '';
    const shown = await showCommit(root, hash);
    return shown.ok ? shown.value : `Cannot show commit ${hash}: ${shown.message}\n`;
  }
}

/** Opens the commit in a read-only editor beside the preview. */
export async function openCommit(root: string, hash: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(commitDocumentUri(root, hash));
  return vscode.window.showTextDocument(document, { preview: true, viewColumn: vscode.ViewColumn.Beside });
}
