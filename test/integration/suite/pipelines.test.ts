// Pipeline gates in the real VS Code: the fixture's .gitlab-ci.yml (a manual production deploy that GitLab lets
// fail) shows deploy-allow-failure on open; the engine's quick fix (allow_failure: false) applied through
// workspace.applyEdit makes it go away, and so does the suppression comment; the hover explains the rule and links
// to docs/pipelines.md. A GitHub workflow (also as plaintext) gets shallow-clone-release and its fix. A pipeline whose job is completed by a local include is linted again when the included
// file is edited (unsaved), and the included file gets the diagnostics of the jobs it defines.
// The fixture: test/integration/fixture/createFixtureRepo.mjs (GITLAB_CI_TEXT).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateOurExtension, describeDiagnostics, hoverText, ourDiagnostics, ruleId, waitFor, workspaceRoot } from './helpers';

const RULE = 'deploy-allow-failure';

/** `releaseHygiene._testPipelines`: every pipeline root, the files its lint read, and whether all were read. */
interface PipelineRootState {
  root: string;
  files: string[];
  complete: boolean;
  findings: number;
}
/** A folder of its own (a second repository root for the engine), removed after the suite. */
const NESTED = 'pipelines-include-check';
/** Another one, never opened: the workspace-wide diagnostics. */
const UNOPENED = 'pipelines-workspace-check';
/** Many workflows at once: the workspace pass lints them in slices. */
const MANY = 'pipelines-many-check';

/** Whether an editor or the extension host holds the file as a document (then its diagnostics could be as typed). */
function isOpen(file: string): boolean {
  return vscode.workspace.textDocuments.some((document) => document.uri.scheme === 'file' && document.uri.fsPath === file);
}

/** The 0-based line and character of the first `needle` in `text`, plus `shift` characters. */
function positionIn(text: string, needle: string, shift = 0): vscode.Position {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `${needle} in the text`);
  const before = text.slice(0, at + shift).split('\n');
  return new vscode.Position(before.length - 1, (before[before.length - 1] ?? '').length);
}

function withRule(uri: vscode.Uri, rule: string): vscode.Diagnostic[] {
  return ourDiagnostics(uri).filter((diagnostic) => ruleId(diagnostic) === rule);
}

async function openFixtureFile(relative: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceRoot(), ...relative.split('/')));
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

/** Drops the unsaved edits of a document (the fixture stays as created for the other suites and the UI checks). */
async function revert(document: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(document, { preview: false });
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await waitFor(() => !document.isDirty, `${path.basename(document.fileName)} to be reverted`);
}

async function firstFinding(document: vscode.TextDocument, rule = RULE): Promise<vscode.Diagnostic> {
  const [diagnostic] = await waitFor(
    () => {
      const found = withRule(document.uri, rule);
      return found.length > 0 && found;
    },
    `${rule} on ${path.basename(document.fileName)}`,
    () => describeDiagnostics(ourDiagnostics(document.uri)),
  );
  return diagnostic as vscode.Diagnostic;
}

async function quickFixes(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider',
    document.uri,
    diagnostic.range,
    vscode.CodeActionKind.QuickFix.value,
  );
  return (actions ?? []).filter((action): action is vscode.CodeAction => 'edit' in action && action.edit !== undefined);
}

suite('pipeline gates: .gitlab-ci.yml in the editor', () => {
  suiteSetup(async () => {
    await activateOurExtension();
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(path.join(workspaceRoot().fsPath, NESTED), { recursive: true, force: true });
    fs.rmSync(path.join(workspaceRoot().fsPath, UNOPENED), { recursive: true, force: true });
    fs.rmSync(path.join(workspaceRoot().fsPath, MANY), { recursive: true, force: true });
  });

  test('the Problems view has every CI file of the workspace, never opened: the fixture\'s .gitlab-ci.yml', async () => {
    const file = path.join(workspaceRoot().fsPath, '.gitlab-ci.yml');
    assert.ok(!isOpen(file), 'the fixture\'s .gitlab-ci.yml is not open (the diagnostics come from the workspace pass)');
    const uri = vscode.Uri.file(file);
    const [diagnostic] = await waitFor(
      () => {
        const found = withRule(uri, RULE);
        return found.length > 0 && found;
      },
      `${RULE} on the unopened .gitlab-ci.yml`,
      () => describeDiagnostics(ourDiagnostics(uri)),
    );
    assert.ok(!isOpen(file), 'still not open');
    // Where `when: manual` is in the file on disk, as an opened document would place it.
    const text = fs.readFileSync(file, 'utf8');
    const manual = positionIn(text, 'when: manual', 'when: '.length);
    assert.equal(diagnostic?.range.start.line, manual.line, describeDiagnostics(ourDiagnostics(uri)).join('; '));
    // The same diagnostic once opened (the as-you-type path takes over without a change).
    const document = await openFixtureFile('.gitlab-ci.yml');
    const opened = await firstFinding(document);
    assert.deepEqual([opened.range.start.line, opened.range.start.character, opened.range.end.character], [diagnostic?.range.start.line, diagnostic?.range.start.character, diagnostic?.range.end.character]);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('forty workflows written at once all get their diagnostics (the pass is sliced, never one long block)', async () => {
    // One folder at a time (see the next test for why).
    let dir = path.join(workspaceRoot().fsPath, MANY);
    for (const part of ['', '.github', 'workflows']) {
      dir = part ? path.join(dir, part) : dir;
      fs.mkdirSync(dir);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const uris: vscode.Uri[] = [];
    for (let n = 0; n < 40; n++) {
      const file = path.join(dir, `release-${n}.yml`);
      fs.writeFileSync(
        file,
        [`name: release ${n}`, 'on: push', 'jobs:', '  release:', '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/checkout@v4',
          '      - run: npx git-cliff --bump -o CHANGELOG.md', ''].join('\n'),
      );
      uris.push(vscode.Uri.file(file));
    }
    const missing = () => uris.filter((uri) => withRule(uri, 'shallow-clone-release').length === 0).map((uri) => path.basename(uri.fsPath));
    await waitFor(() => missing().length === 0, 'shallow-clone-release on all forty workflows', missing, 45_000);
    fs.rmSync(path.join(workspaceRoot().fsPath, MANY), { recursive: true, force: true });
    await waitFor(() => uris.every((uri) => ourDiagnostics(uri).length === 0), 'their diagnostics to go with their folder', () => uris.filter((uri) => ourDiagnostics(uri).length > 0).length);
  });

  test('a pipeline written on disk, and the file it includes, get diagnostics unopened and follow disk changes', async () => {
    const base = path.join(workspaceRoot().fsPath, UNOPENED);
    const rootFile = path.join(base, '.gitlab-ci.yml');
    const includedFile = path.join(base, 'ci', 'gates.yml');
    // One folder at a time: a folder created inside a folder that is itself new, before the watcher has started
    // watching that one, is never watched (inotify), so later changes in it would not be reported to VS Code at all.
    fs.mkdirSync(base);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    fs.mkdirSync(path.join(base, 'ci'));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const gates = 'lint:\n  stage: test\n  allow_failure: true\n  script:\n    - npm run lint\n';
    fs.writeFileSync(includedFile, gates);
    fs.writeFileSync(
      rootFile,
      ['include:', '  - local: /ci/gates.yml', '', 'stages:', '  - test', '  - deploy', '', 'deploy-production:', '  stage: deploy',
        '  environment: production', '  when: manual', '  script:', '    - ./deploy.sh production', ''].join('\n'),
    );
    const rootUri = vscode.Uri.file(rootFile);
    const includedUri = vscode.Uri.file(includedFile);
    const both = () => ({ root: describeDiagnostics(ourDiagnostics(rootUri)), included: describeDiagnostics(ourDiagnostics(includedUri)) });
    // The included file's own job: a gate allowed to fail, reported in the included file (never opened).
    const [gate] = await waitFor(
      () => {
        const found = withRule(includedUri, 'gate-allow-failure');
        return found.length > 0 && found;
      },
      'gate-allow-failure on the unopened included file',
      both,
    );
    assert.ok(gate?.range.contains(positionIn(gates, 'allow_failure: true', 'allow_failure: '.length + 1)), describeDiagnostics([gate as vscode.Diagnostic]).join());
    await waitFor(() => withRule(rootUri, RULE).length > 0, `${RULE} on the unopened root`, both);
    assert.ok(!isOpen(rootFile) && !isOpen(includedFile), 'neither file was opened');
    // Changed on disk (a checkout, another editor): the file watcher re-reads it.
    fs.writeFileSync(includedFile, gates.replace('allow_failure: true', 'allow_failure: false'));
    await waitFor(() => withRule(includedUri, 'gate-allow-failure').length === 0, 'gate-allow-failure to go after the disk change', both);
    // The root deleted: nothing reads the include any more, and both entries go.
    fs.rmSync(rootFile);
    await waitFor(() => ourDiagnostics(rootUri).length === 0 && ourDiagnostics(includedUri).length === 0, 'the diagnostics to go with the pipeline', both);
  });

  test('the extension activates where a .gitlab-ci.yml or a GitHub workflow exists (and not on *)', async () => {
    const extension = await activateOurExtension();
    const events = (extension.packageJSON as { activationEvents?: string[] }).activationEvents ?? [];
    for (const event of ['workspaceContains:.gitlab-ci.yml', 'workspaceContains:.github/workflows/*.yml', 'workspaceContains:.github/workflows/*.yaml']) {
      assert.ok(events.includes(event), `activation event ${event}`);
    }
    assert.ok(!events.includes('*'), 'never activates on *');
  });

  test(`the manual production deploy shows ${RULE}, an error inside the deploy-production job`, async () => {
    const document = await openFixtureFile('.gitlab-ci.yml');
    const diagnostic = await firstFinding(document);
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(diagnostic.source, 'release-hygiene');
    const jobLine = document.getText().split('\n').indexOf('deploy-production:');
    assert.ok(jobLine >= 0);
    assert.ok(diagnostic.range.start.line >= jobLine, `the finding (${describeDiagnostics([diagnostic])}) is in the job starting on line ${jobLine}`);
    assert.ok(!diagnostic.range.isEmpty, 'the finding points at a key or value, not an empty range');
    const code = diagnostic.code as { value: string; target: vscode.Uri };
    assert.equal(code.value, RULE);
    assert.match(code.target.path, /\/docs\/pipelines\.md$/, 'the rule links to the docs shipped in the extension');
    assert.equal(code.target.fragment, RULE);
    // The other jobs (build, unit-tests) have nothing that deploy-allow-failure could fire on.
    assert.equal(withRule(document.uri, RULE).length, 1, describeDiagnostics(ourDiagnostics(document.uri)).join('; '));
  });

  test(`the quick fix sets allow_failure: false and ${RULE} goes away`, async () => {
    const document = await openFixtureFile('.gitlab-ci.yml');
    try {
      const diagnostic = await firstFinding(document);
      const actions = await quickFixes(document, diagnostic);
      const fix = actions.find((action) => /allow_failure/.test(action.title));
      assert.ok(fix?.edit, `an allow_failure quick fix among ${JSON.stringify(actions.map((action) => action.title))}`);
      assert.ok(fix.isPreferred, 'the mechanical fix is the preferred one');
      assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the edit applies');
      assert.match(document.getText(), /^\s+allow_failure: false\s*$/m);
      await waitFor(
        () => withRule(document.uri, RULE).length === 0,
        `${RULE} to go away after the fix`,
        () => describeDiagnostics(ourDiagnostics(document.uri)),
      );
    } finally {
      await revert(document);
    }
    await firstFinding(document); // back after the revert
  });

  test('the suppression quick fix inserts a comment with a reason, which silences the finding', async () => {
    const document = await openFixtureFile('.gitlab-ci.yml');
    try {
      const diagnostic = await firstFinding(document);
      const actions = await quickFixes(document, diagnostic);
      const suppress = actions.find((action) => action.title.startsWith(`Suppress ${RULE}`));
      assert.ok(suppress?.edit, `a suppression among ${JSON.stringify(actions.map((action) => action.title))}`);
      assert.ok(!suppress.isPreferred, 'suppressing is never the preferred fix');
      assert.ok(await vscode.workspace.applyEdit(suppress.edit), 'the edit applies');
      // A snippet edit applied outside an editor session keeps the placeholder's text as the reason.
      assert.match(document.getText(), new RegExp(`^# release-hygiene-ignore ${RULE}: \\S.*\\ndeploy-production:$`, 'm'));
      await waitFor(
        () => withRule(document.uri, RULE).length === 0,
        `${RULE} to be suppressed`,
        () => describeDiagnostics(ourDiagnostics(document.uri)),
      );
      // The hover on the suppressed finding says so, with the reason given.
      const at = document.positionAt(document.getText().indexOf('when: manual') + 'when: '.length + 1);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, at);
      assert.match(hoverText(hovers ?? []), new RegExp(`\`${RULE}\` suppressed for job \`deploy-production\``));
    } finally {
      await revert(document);
    }
  });

  test('the hover on the finding explains the rule with its fix and links to docs/pipelines.md', async () => {
    const document = await openFixtureFile('.gitlab-ci.yml');
    const diagnostic = await firstFinding(document);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, diagnostic.range.start.translate(0, 1));
    const text = hoverText(hovers ?? []);
    assert.match(text, new RegExp(RULE));
    assert.match(text, /\*\*Fix:\*\*/);
    assert.match(text, /docs\/pipelines\.md#deploy-allow-failure/);
    assert.match(text, /release-hygiene-ignore/);
    // Nowhere near a finding: no hover of ours.
    const quiet = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(0, 1));
    assert.doesNotMatch(hoverText(quiet ?? []), /release-hygiene-ignore/);
  });

  test('releaseHygiene.pipelines.enabled: false clears the diagnostics; true brings them back', async () => {
    const document = await openFixtureFile('.gitlab-ci.yml');
    await firstFinding(document);
    const section = vscode.workspace.getConfiguration('releaseHygiene.pipelines');
    try {
      await section.update('enabled', false, vscode.ConfigurationTarget.Global);
      await waitFor(
        () => ourDiagnostics(document.uri).length === 0,
        'the pipeline diagnostics to go when the feature is off',
        () => describeDiagnostics(ourDiagnostics(document.uri)),
      );
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, new vscode.Range(0, 0, document.lineCount, 0));
      assert.deepEqual((actions ?? []).filter((action) => /allow_failure|release-hygiene|Suppress/.test(action.title)).map((action) => action.title), []);
    } finally {
      await section.update('enabled', undefined, vscode.ConfigurationTarget.Global);
    }
    await firstFinding(document);
  });

  test('a GitHub workflow: git-cliff on a shallow checkout, fixed by fetch-depth: 0 (also as plaintext)', async () => {
    const file = path.join(workspaceRoot().fsPath, NESTED, '.github', 'workflows', 'release.yml');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(
      file,
      ['name: release', 'on:', '  push:', '    branches: [main]', 'jobs:', '  release:', '    runs-on: ubuntu-latest', '    steps:',
        '      - uses: actions/checkout@v4', '      - uses: actions/setup-node@v4', '      - run: npx git-cliff --bump -o CHANGELOG.md', ''].join('\n'),
    );
    let document = await openFixtureFile(`${NESTED}/.github/workflows/release.yml`);
    const diagnostic = await firstFinding(document, 'shallow-clone-release');
    assert.equal(document.getText(diagnostic.range), 'actions/checkout@v4');
    // Matched by path, not by language: without a YAML extension the file is plaintext, and still checked.
    document = await vscode.languages.setTextDocumentLanguage(document, 'plaintext');
    assert.equal(document.languageId, 'plaintext');
    await vscode.window.showTextDocument(document, { preview: false });
    const plain = await firstFinding(document, 'shallow-clone-release');
    try {
      const fix = (await quickFixes(document, plain)).find((action) => /fetch-depth/.test(action.title));
      assert.ok(fix?.edit, 'a fetch-depth quick fix');
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.match(document.getText(), /- uses: actions\/checkout@v4\n {8}with:\n {10}fetch-depth: 0\n/);
      await waitFor(
        () => withRule(document.uri, 'shallow-clone-release').length === 0,
        'shallow-clone-release to go away after fetch-depth: 0',
        () => describeDiagnostics(ourDiagnostics(document.uri)),
      );
    } finally {
      await revert(document);
    }
  });

  test('editing a locally included file re-lints the pipeline that includes it (unsaved)', async () => {
    const base = path.join(workspaceRoot().fsPath, NESTED);
    fs.mkdirSync(path.join(base, 'ci'), { recursive: true });
    // The job is completed by the include: allow_failure false there makes the manual deploy a real gate.
    fs.writeFileSync(
      path.join(base, 'ci', 'deploy.yml'),
      'deploy-production:\n  allow_failure: false\n\nlint:\n  stage: test\n  allow_failure: true\n  script:\n    - npm run lint\n',
    );
    fs.writeFileSync(
      path.join(base, '.gitlab-ci.yml'),
      [
        'include:',
        '  - local: /ci/deploy.yml',
        '',
        'stages:',
        '  - test',
        '  - deploy',
        '',
        'unit-tests:',
        '  stage: test',
        '  script:',
        '    - npm test',
        '',
        'deploy-production:',
        '  stage: deploy',
        '  environment: production',
        '  when: manual',
        '  script:',
        '    - ./deploy.sh production',
        '',
      ].join('\n'),
    );
    const root = await openFixtureFile(`${NESTED}/.gitlab-ci.yml`);
    const included = await openFixtureFile(`${NESTED}/ci/deploy.yml`);
    // The include is read (the pipeline's lint lists it, complete): no finding while it says allow_failure: false.
    await waitFor(
      async () => {
        const roots = await vscode.commands.executeCommand<PipelineRootState[]>('releaseHygiene._testPipelines');
        return roots?.some((state) => state.root === root.uri.fsPath && state.complete && state.files.includes('ci/deploy.yml'));
      },
      'the nested pipeline to be linted with its include',
      () => undefined,
    );
    assert.deepEqual(describeDiagnostics(withRule(root.uri, RULE)), []);
    // The included file's own job: a gate allowed to fail, reported in the included file.
    const gate = await firstFinding(included, 'gate-allow-failure');
    assert.equal(included.getText(gate.range), 'true');
    try {
      const edit = new vscode.WorkspaceEdit();
      const at = included.getText().indexOf('allow_failure: false') + 'allow_failure: '.length;
      edit.replace(included.uri, new vscode.Range(included.positionAt(at), included.positionAt(at + 'false'.length)), 'true');
      assert.ok(await vscode.workspace.applyEdit(edit));
      // allow_failure: true in the include: the including file's production deploy may fail now.
      await waitFor(
        () => withRule(root.uri, RULE).length > 0,
        `${RULE} after the included file says allow_failure: true`,
        () => ({ root: describeDiagnostics(ourDiagnostics(root.uri)), included: describeDiagnostics(ourDiagnostics(included.uri)) }),
      );
    } finally {
      await revert(included);
    }
    await waitFor(
      () => withRule(root.uri, RULE).length + withRule(included.uri, RULE).length === 0,
      `${RULE} to go away once the include says allow_failure: false again`,
      () => ({ root: describeDiagnostics(ourDiagnostics(root.uri)), included: describeDiagnostics(ourDiagnostics(included.uri)) }),
    );
  });
});
