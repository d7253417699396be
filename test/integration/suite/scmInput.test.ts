import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  type GitRepository,
  describeDiagnostics,
  fixtureRepository,
  hoverText,
  labelOf,
  ourDiagnostics,
  ruleId,
  scmDiagnostics,
  setScmInput,
  waitFor,
} from './helpers';

const BAD = 'Feat: Add thing.';
const GOOD = 'feat(parser): add thing';

suite('Source Control input box (vscode-scm document)', () => {
  let repo: GitRepository;

  suiteSetup(async () => {
    repo = await fixtureRepository();
  });

  suiteTeardown(() => {
    if (repo) repo.inputBox.value = '';
  });

  test('a bad message gets release-hygiene diagnostics with rule codes; a good one clears them', async () => {
    const doc = await setScmInput(repo, BAD);
    const [uri, diagnostics] = await waitFor(
      () => scmDiagnostics().find(([, ds]) => ds.length > 0),
      'release-hygiene diagnostics on a vscode-scm document',
      () => scmDiagnostics().map(([u, ds]) => [u.toString(), describeDiagnostics(ds)]),
    );
    assert.equal(uri.toString(), doc.uri.toString(), 'the diagnostics are on the input box document');
    const codes = diagnostics.map(ruleId);
    for (const expected of ['type-case', 'subject-full-stop']) {
      assert.ok(codes.includes(expected), `expected rule ${expected} among ${JSON.stringify(codes)}`);
    }
    for (const diagnostic of diagnostics) {
      assert.equal(diagnostic.source, 'release-hygiene');
      assert.ok(diagnostic.message.length > 0);
      assert.equal(diagnostic.range.start.line, 0, 'header problems are on the first line');
    }
    const typeCase = diagnostics.find((d) => ruleId(d) === 'type-case');
    assert.ok(typeCase);
    if (typeof typeCase.code === 'object') assert.ok(typeCase.code.target instanceof vscode.Uri, 'code links to the rule docs');
    assert.equal(doc.getText(typeCase.range), 'Feat', 'type-case underlines the type');

    await setScmInput(repo, GOOD);
    await waitFor(
      () => ourDiagnostics(doc.uri).length === 0,
      `diagnostics to clear for ${JSON.stringify(GOOD)}`,
      () => describeDiagnostics(ourDiagnostics(doc.uri)),
    );
  });

  test('the type-case quick fix lower-cases the type in the input box', async () => {
    const doc = await setScmInput(repo, 'Feat: add thing');
    const diagnostic = await waitFor(
      () => ourDiagnostics(doc.uri).find((d) => ruleId(d) === 'type-case'),
      'a type-case diagnostic',
      () => describeDiagnostics(ourDiagnostics(doc.uri)),
    );
    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      diagnostic.range,
    );
    const quickFixes = actions.filter(
      (action): action is vscode.CodeAction => 'kind' in action && !!action.kind && vscode.CodeActionKind.QuickFix.contains(action.kind),
    );
    const fix =
      quickFixes.find((action) => action.diagnostics?.some((d) => ruleId(d) === 'type-case')) ??
      quickFixes.find((action) => /lower[- ]?case/i.test(action.title));
    assert.ok(fix, `a quick fix for type-case among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(fix.edit, `the quick fix "${fix.title}" carries a workspace edit`);
    assert.equal(await vscode.workspace.applyEdit(fix.edit), true, 'the edit applies');
    if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    await waitFor(() => repo.inputBox.value === 'feat: add thing', 'the input box to read "feat: add thing"', () => repo.inputBox.value);
    await waitFor(
      () => !ourDiagnostics(doc.uri).some((d) => ruleId(d) === 'type-case'),
      'the type-case diagnostic to go away',
      () => describeDiagnostics(ourDiagnostics(doc.uri)),
    );
  });

  test('completion offers the types at the start of an empty message', async () => {
    const doc = await setScmInput(repo, '');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      doc.uri,
      new vscode.Position(0, 0),
    );
    const labels = list.items.map(labelOf);
    for (const type of ['feat', 'fix', 'docs', 'chore']) {
      assert.ok(labels.includes(type), `type ${type} offered among ${JSON.stringify(labels)}`);
    }
  });

  test('completion offers scopes from the history after "feat(", the most used (parser) first', async () => {
    const doc = await setScmInput(repo, 'feat(');
    const position = new vscode.Position(0, 'feat('.length);
    // Scopes come from `git log`, read in the background the first time: poll until they arrive.
    const items = await waitFor(
      async () => {
        const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position, '(');
        return list.items.some((item) => labelOf(item) === 'parser') && list.items;
      },
      'scope completions that include "parser"',
    );
    const sorted = [...items].sort((a, b) => (a.sortText ?? labelOf(a)).localeCompare(b.sortText ?? labelOf(b)));
    const labels = sorted.map(labelOf);
    assert.equal(labels[0], 'parser', `most used scope first: ${JSON.stringify(labels)}`);
    for (const scope of ['readme', 'cli']) assert.ok(labels.includes(scope), `history scope ${scope} offered: ${JSON.stringify(labels)}`);
    assert.ok(!labels.includes('feat'), 'no types offered inside the scope parentheses');
  });

  test('hover on the type shows the version bump (feat: minor, fix: patch)', async () => {
    for (const [message, bump] of [['feat: add thing', /minor/i], ['fix(parser): handle nulls', /patch/i]] as const) {
      const doc = await setScmInput(repo, message);
      const text = await waitFor(
        async () => {
          const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, 1));
          const joined = hoverText(hovers);
          return bump.test(joined) && joined;
        },
        `a hover on the type of ${JSON.stringify(message)} matching ${bump}`,
      );
      assert.match(text, bump);
    }
  });
});
