import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateOurExtension, describeDiagnostics, ourDiagnostics, ruleId, waitFor, workspaceRoot } from './helpers';

suite('COMMIT_EDITMSG editor (git-commit language)', () => {
  test('a bad header gets diagnostics; the # comment lines get none', async () => {
    await activateOurExtension();
    const uri = vscode.Uri.joinPath(workspaceRoot(), '.git', 'COMMIT_EDITMSG');
    let doc = await vscode.workspace.openTextDocument(uri);
    if (doc.languageId !== 'git-commit') doc = await vscode.languages.setTextDocumentLanguage(doc, 'git-commit');
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'git-commit');
    const commentLines = new Set<number>();
    for (let line = 0; line < doc.lineCount; line++) if (doc.lineAt(line).text.startsWith('#')) commentLines.add(line);
    assert.ok(commentLines.size >= 5, 'the fixture has comment lines');

    const diagnostics = await waitFor(
      () => {
        const ds = ourDiagnostics(doc.uri);
        return ds.length > 0 && ds;
      },
      'release-hygiene diagnostics on COMMIT_EDITMSG',
    );
    const codes = diagnostics.map(ruleId);
    assert.ok(codes.includes('type-case'), `type-case among ${JSON.stringify(codes)}`);
    assert.ok(codes.includes('subject-full-stop'), `subject-full-stop among ${JSON.stringify(codes)}`);
    for (const diagnostic of diagnostics) {
      for (let line = diagnostic.range.start.line; line <= diagnostic.range.end.line; line++) {
        assert.ok(
          !commentLines.has(line) || (line === diagnostic.range.end.line && diagnostic.range.end.character === 0 && line !== diagnostic.range.start.line),
          `finding on comment line ${line}: ${describeDiagnostics([diagnostic]).join()}`,
        );
      }
    }
    assert.ok(diagnostics.some((d) => d.range.start.line === 0), 'the header (line 0) is flagged');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
