import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, activateOurExtension, fixtureRepository, ourDiagnostics, workspaceRoot } from './helpers';

/** The extension host's performance marks (vs/base/common/performance): VS Code's own activation timing. */
interface PerformanceMarks {
  getMarks(): { name: string; startTime: number }[];
}

/** The dist/ bundles of the extension that the extension host has required so far. */
function loadedBundles(extensionPath: string): string[] {
  const dist = `${extensionPath}/dist/`;
  return Object.keys(require.cache)
    .filter((file) => file.startsWith(dist))
    .map((file) => file.slice(dist.length))
    .sort();
}

// Prints numbers for docs/benchmarks.md ("Extension bundles and activation"); asserts only that they exist.
suite('activation cost (printed, not asserted)', () => {
  test('VS Code timed loading dist/extension.js and calling activate()', async () => {
    const extension = await activateOurExtension();
    const marks = (globalThis as { MonacoPerformanceMarks?: PerformanceMarks }).MonacoPerformanceMarks?.getMarks() ?? [];
    const at = (what: string) => marks.find((mark) => mark.name === `code/extHost/${what}/${EXTENSION_ID}`)?.startTime;
    const [willLoad, didLoad, willActivate, didActivate] = ['willLoadExtensionCode', 'didLoadExtensionCode', 'willActivateExtension', 'didActivateExtension'].map(at);
    assert.ok(willLoad !== undefined && didLoad !== undefined && willActivate !== undefined && didActivate !== undefined, `activation marks of ${EXTENSION_ID}`);
    console.log(`      [timing] activation: load code ${didLoad - willLoad} ms, activate() ${didActivate - willActivate} ms, total ${didActivate - willLoad} ms`);
    console.log(`      [timing] bundles loaded after activation: ${loadedBundles(extension.extensionPath).join(', ')}`);
  });

  test('time from opening a commit message to its first diagnostic', async () => {
    const extension = await activateOurExtension();
    const before = loadedBundles(extension.extensionPath);
    // The fixture's COMMIT_EDITMSG (its header breaks type-case and subject-full-stop).
    const uri = vscode.Uri.joinPath(workspaceRoot(), '.git', 'COMMIT_EDITMSG');
    // From the request to the diagnostic: the extension lints in its onDidOpenTextDocument listener (registered
    // before any of the test's), so this includes requiring dist/commitsEngine.js when nothing loaded it yet, and
    // also the round trips to the renderer, which dominate on a busy machine.
    const start = performance.now();
    const firstDiagnostic = new Promise<number>((resolve) => {
      const listener = vscode.languages.onDidChangeDiagnostics((event) => {
        if (!event.uris.some((changed) => changed.toString() === uri.toString() && ourDiagnostics(changed).length > 0)) return;
        listener.dispose();
        resolve(performance.now());
      });
    });
    let doc = await vscode.workspace.openTextDocument(uri);
    if (doc.languageId !== 'git-commit') doc = await vscode.languages.setTextDocumentLanguage(doc, 'git-commit');
    const diagnosed = await firstDiagnostic;
    assert.ok(ourDiagnostics(doc.uri).length > 0, 'the bad header has diagnostics');
    console.log(
      `      [timing] first commit diagnostic ${(diagnosed - start).toFixed(1)} ms after openTextDocument; ` +
        `bundles loaded before: ${before.join(', ')}; after: ${loadedBundles(extension.extensionPath).join(', ')}`,
    );
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});

suite(`harness: real VS Code ${vscode.version} (${vscode.env.appName})`, () => {
  test('runs VS Code 1.100.x with a Node extension host and the fixture repository open', () => {
    assert.match(vscode.version, /^1\.100\./);
    assert.equal(typeof process.versions.node, 'string');
    assert.ok(workspaceRoot().fsPath.length > 1);
  });

  test(`finds and activates ${EXTENSION_ID}`, async () => {
    const extension = await activateOurExtension();
    assert.equal(extension.isActive, true);
    const manifest = extension.packageJSON as { activationEvents?: string[] };
    assert.ok(manifest.activationEvents?.includes('onLanguage:scminput'), 'activates on the SCM input language');
    assert.ok(manifest.activationEvents?.includes('onLanguage:git-commit'), 'activates on git-commit');
  });

  test('the git extension opens the fixture repository (the Source Control view has an input box)', async () => {
    const repo = await fixtureRepository();
    assert.equal(repo.rootUri.fsPath, workspaceRoot().fsPath);
    assert.equal(typeof repo.inputBox.value, 'string');
  });
});
