import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
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

suite('COMMIT_EDITMSG with the repository\'s trailer settings', () => {
  // Two repositories inside the workspace with trailer-exists on and the same message: `sign: A U Thor` is a
  // Signed-off-by trailer only where `trailer.sign.key` says so, as `git interpret-trailers --parse` reads it.
  const made: string[] = [];
  suiteTeardown(() => {
    for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
  });

  function repositoryWithTrailerRule(name: string, gitConfig: readonly (readonly [string, string])[]): vscode.Uri {
    const root = path.join(workspaceRoot().fsPath, 'trailer-repos', name);
    made.push(path.dirname(root));
    fs.mkdirSync(root, { recursive: true });
    execFileSync('git', ['init', '--quiet', root]);
    for (const [key, value] of gitConfig) execFileSync('git', ['-C', root, 'config', key, value]);
    // header-min-length (in no built-in preset) fires on every message here: its warning says the lint ran with
    // this repository's config, read together with the trailer settings, not with the defaults used until then.
    const rules = { 'trailer-exists': [2, 'always', 'Signed-off-by:'], 'header-min-length': [1, 'always', 100] };
    fs.writeFileSync(path.join(root, '.commitlintrc.json'), JSON.stringify({ rules }));
    const message = path.join(root, '.git', 'COMMIT_EDITMSG');
    fs.writeFileSync(message, 'fix: mend the parser\n\nsign: A U Thor <author@example.com>\n');
    return vscode.Uri.file(message);
  }

  /**
   * Until the editor's file watcher reports changes inside `root/.git`. The repository was made a moment ago, and
   * the watcher takes up a new folder after a delay: a .git/config written before then is an event nobody gets
   * (seen once in 15 CI runs). A probe file is written there until a watcher of our own hears of it: the
   * workspace folder's watcher serves both, this one and the extension's `**\/.git/config`.
   */
  async function untilWatched(root: string): Promise<void> {
    // A glob string, as the extension's: served by the workspace folder's own watcher, not one made for a base path.
    const probe = vscode.workspace.createFileSystemWatcher('**/.git/rh-watch-probe-*');
    const name = `rh-watch-probe-${path.basename(root)}-`;
    let heard = false;
    const subscription = probe.onDidCreate((uri) => {
      if (path.dirname(uri.fsPath) === path.join(root, '.git') && path.basename(uri.fsPath).startsWith(name)) heard = true;
    });
    try {
      let written = 0;
      await waitFor(
        async () => {
          if (!heard) fs.writeFileSync(path.join(root, '.git', `${name}${written++}`), '');
          await new Promise((resolve) => setTimeout(resolve, 200));
          return heard;
        },
        `the file watcher to report changes in ${root}/.git`,
      );
    } finally {
      subscription.dispose();
      probe.dispose();
    }
  }

  async function trailerFindings(uri: vscode.Uri): Promise<string[]> {
    let doc = await vscode.workspace.openTextDocument(uri);
    if (doc.languageId !== 'git-commit') doc = await vscode.languages.setTextDocumentLanguage(doc, 'git-commit');
    await vscode.window.showTextDocument(doc);
    const codes = await waitFor(
      () => {
        const found = ourDiagnostics(doc.uri).map(ruleId);
        return found.includes('header-min-length') && found;
      },
      "the lint with this repository's config",
      () => describeDiagnostics(ourDiagnostics(doc.uri)),
    );
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    return codes.filter((code): code is string => code !== undefined && code !== 'header-min-length').sort();
  }

  test('trailer.sign.key makes "sign:" a Signed-off-by trailer; without it trailer-exists fires', async () => {
    await activateOurExtension();
    const plain = repositoryWithTrailerRule('plain', []);
    const aliased = repositoryWithTrailerRule('aliased', [['trailer.sign.key', 'Signed-off-by']]);
    assert.deepEqual(await trailerFindings(plain), ['trailer-exists'], 'no alias: no Signed-off-by trailer');
    assert.deepEqual(await trailerFindings(aliased), [], 'trailer.sign.key: the sign line is a Signed-off-by trailer');
  });

  test('a change to .git/config (trailer.sign.key) relints the open message without a reload', async () => {
    await activateOurExtension();
    const uri = repositoryWithTrailerRule('changed', []);
    const root = path.dirname(path.dirname(uri.fsPath));
    let doc = await vscode.workspace.openTextDocument(uri);
    if (doc.languageId !== 'git-commit') doc = await vscode.languages.setTextDocumentLanguage(doc, 'git-commit');
    await vscode.window.showTextDocument(doc);
    const codes = (): (string | undefined)[] => ourDiagnostics(doc.uri).map(ruleId);
    await waitFor(
      () => codes().includes('header-min-length') && codes().includes('trailer-exists'),
      'trailer-exists before the alias',
      () => describeDiagnostics(ourDiagnostics(doc.uri)),
    );
    await untilWatched(root);
    execFileSync('git', ['-C', root, 'config', 'trailer.sign.key', 'Signed-off-by']);
    await waitFor(
      () => codes().includes('header-min-length') && !codes().includes('trailer-exists'),
      'no trailer-exists once .git/config has the alias',
      () => describeDiagnostics(ourDiagnostics(doc.uri)),
    );
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});

suite('a commit message outside any repository', () => {
  // An untitled git-commit document has no repository root: its lint once loaded the configuration, whose change
  // event linted the document again before the state was stored, and so on until the extension host's stack
  // overflowed (cefea99). It must be linted with the defaults, and keep being linted as it changes.
  test('an untitled git-commit document gets the default lint, again after an edit', async () => {
    // The tests run in the extension host itself: the recursion showed only as rejected promises there.
    const overflows: string[] = [];
    const onRejection = (reason: unknown): void => {
      if (String(reason).includes('Maximum call stack size exceeded')) overflows.push(String(reason));
    };
    process.on('unhandledRejection', onRejection);
    try {
      await lintUntitledCommitMessage();
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    } finally {
      process.off('unhandledRejection', onRejection);
    }
    assert.deepEqual(overflows, [], 'no stack overflow while linting');
  });

  async function lintUntitledCommitMessage(): Promise<void> {
    await activateOurExtension();
    const doc = await vscode.workspace.openTextDocument({ language: 'git-commit', content: 'Fix the parser.\n' });
    const editor = await vscode.window.showTextDocument(doc);
    assert.equal(doc.uri.scheme, 'untitled');
    const first = await waitFor(
      () => {
        const ds = ourDiagnostics(doc.uri);
        return ds.length > 0 && ds;
      },
      'release-hygiene diagnostics on an untitled git-commit document',
    );
    assert.ok(first.map(ruleId).includes('type-empty'), `type-empty among ${JSON.stringify(first.map(ruleId))}`);
    await editor.edit((edit) => edit.replace(new vscode.Range(0, 0, 0, doc.lineAt(0).text.length), 'fix: parse the header'));
    await waitFor(
      () => ourDiagnostics(doc.uri).every((d) => d.severity !== vscode.DiagnosticSeverity.Error),
      'the errors go once the header is conventional',
    );
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
});
