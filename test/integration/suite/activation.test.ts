import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, activateOurExtension, fixtureRepository, workspaceRoot } from './helpers';

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
