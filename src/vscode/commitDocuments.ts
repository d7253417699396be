import * as vscode from 'vscode';

/** Where commit messages are typed: the Source Control input box and git's COMMIT_EDITMSG editor. */
export const COMMIT_MESSAGE_SELECTOR: vscode.DocumentSelector = [{ language: 'scminput' }, { language: 'git-commit' }];

export type CommitDocumentKind = 'scm-input' | 'commit-editmsg';

export function commitDocumentKind(document: vscode.TextDocument): CommitDocumentKind | undefined {
  if (document.languageId === 'scminput') return 'scm-input';
  if (document.languageId === 'git-commit') return 'commit-editmsg';
  return undefined;
}

/**
 * The work tree a commit message belongs to. The SCM input carries it in `?rootUri=` (one input box per
 * repository, so multi-root workspaces work); COMMIT_EDITMSG lives in `<root>/.git/` or in a worktree's
 * git dir, whose `commondir` we do not follow: the work tree is found by the caller from the file's folder.
 */
export function repositoryRootOf(document: vscode.TextDocument): string | undefined {
  if (document.languageId === 'scminput') {
    const rootUri = new URLSearchParams(document.uri.query).get('rootUri');
    if (rootUri) {
      try {
        return vscode.Uri.parse(rootUri).fsPath;
      } catch {
        return undefined;
      }
    }
    return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  }
  if (document.uri.scheme !== 'file') return undefined;
  const path = document.uri.fsPath;
  const gitDir = path.lastIndexOf(`${pathSeparator(path)}.git${pathSeparator(path)}`);
  if (gitDir >= 0) return path.slice(0, gitDir);
  return vscode.workspace.getWorkspaceFolder(document.uri)?.uri.fsPath;
}

function pathSeparator(path: string): string {
  return path.includes('\\') && !path.includes('/') ? '\\' : '/';
}
