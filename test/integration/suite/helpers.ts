import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'release-hygiene.release-hygiene';
export const SOURCE = 'release-hygiene';
const WAIT_MS = 20_000;

/** Polls `probe` until it returns something truthy; fails after `timeoutMs` with `what` and the last `detail()`. */
export async function waitFor<T>(
  probe: () => T | undefined | null | false | '' | Promise<T | undefined | null | false | ''>,
  what: string,
  detail?: () => unknown,
  timeoutMs = WAIT_MS,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > end) {
      let extra = '';
      try {
        extra = detail ? `; last state: ${JSON.stringify(detail())}` : '';
      } catch {
        /* detail is best effort */
      }
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${extra}${lastError ? `; last error: ${String(lastError)}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The parts of the built-in git extension's API (v1) the tests use. */
export interface GitInputBox {
  value: string;
}
export interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly inputBox: GitInputBox;
}
interface GitApi {
  readonly repositories: readonly GitRepository[];
}
interface GitExtension {
  getAPI(version: 1): GitApi;
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the fixture repository is open as the workspace folder');
  return folder.uri;
}

export async function activateOurExtension(): Promise<vscode.Extension<unknown>> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is installed (extensionDevelopmentPath)`);
  await extension.activate();
  return extension;
}

/** The fixture's repository from the git extension, with the Source Control view open. */
export async function fixtureRepository(): Promise<GitRepository> {
  await activateOurExtension();
  const git = vscode.extensions.getExtension<GitExtension>('vscode.git');
  assert.ok(git, 'the built-in git extension is present');
  const api = (await git.activate()).getAPI(1);
  await vscode.commands.executeCommand('workbench.view.scm');
  const root = workspaceRoot().fsPath;
  return waitFor(
    () => api.repositories.find((repo) => repo.rootUri.fsPath === root),
    'the git extension to open the fixture repository',
    () => api.repositories.map((repo) => repo.rootUri.fsPath),
  );
}

/** The Source Control input box as a TextDocument (scheme vscode-scm, language scminput). */
export async function scmInputDocument(): Promise<vscode.TextDocument> {
  return waitFor(
    () => vscode.workspace.textDocuments.find((doc) => doc.uri.scheme === 'vscode-scm' && doc.languageId === 'scminput'),
    'the Source Control input document (vscode-scm)',
    () => vscode.workspace.textDocuments.map((doc) => `${doc.uri.toString()} [${doc.languageId}]`),
  );
}

/** Sets the input box through the git API and waits until the extension host's document shows the text. */
export async function setScmInput(repo: GitRepository, value: string): Promise<vscode.TextDocument> {
  repo.inputBox.value = value;
  const doc = await scmInputDocument();
  await waitFor(() => doc.getText() === value, `the scm input document to read ${JSON.stringify(value)}`, () => doc.getText());
  return doc;
}

export function ruleId(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === SOURCE);
}

/** Every vscode-scm document's diagnostics from us, via the global getDiagnostics() listing. */
export function scmDiagnostics(): [vscode.Uri, vscode.Diagnostic[]][] {
  return vscode.languages
    .getDiagnostics()
    .filter(([uri]) => uri.scheme === 'vscode-scm')
    .map(([uri, diagnostics]): [vscode.Uri, vscode.Diagnostic[]] => [uri, diagnostics.filter((d) => d.source === SOURCE)]);
}

export function describeDiagnostics(diagnostics: readonly vscode.Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${ruleId(d)} ${d.message}`);
}

export function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}
