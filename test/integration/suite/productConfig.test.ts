// The product configuration file in the real VS Code: a .release-hygiene.yaml written into the fixture repository
// turns the migration rule drop-column off (its diagnostic on db/migrations/V2__drop_legacy_email.sql goes), turns
// the pipelines capability off (the .gitlab-ci.yml diagnostics go), and raises flags.staleDays (the 94-day-old
// express-checkout-v2 is then expired, not stale: lens and diagnostic say so); its unknown key is a warning on the
// file itself. Deleting the file brings everything back. (test/integration/fixture/createFixtureRepo.mjs)
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateOurExtension, describeDiagnostics, ourDiagnostics, ruleId, waitFor, workspaceRoot } from './helpers';

const CONFIG = '.release-hygiene.yaml';
const MIGRATION = 'db/migrations/V2__drop_legacy_email.sql';
const PIPELINE = '.gitlab-ci.yml';
const FLAGS = 'src/flags-demo.ts';
const FLAG = 'express-checkout-v2';
const CONFIG_TEXT = [
  'migrations:',
  '  rules:',
  '    drop-column: off',
  'pipelines:',
  '  enabled: false',
  'flags:',
  '  staleDays: 5000',
  'typo: true',
  '',
].join('\n');

interface TestProductConfig {
  folder: string;
  root: string | undefined;
  file: string | undefined;
  warnings: string[];
}

const uriOf = (relative: string): vscode.Uri => vscode.Uri.joinPath(workspaceRoot(), ...relative.split('/'));
const configPath = (): string => path.join(workspaceRoot().fsPath, CONFIG);
const productState = (): Thenable<TestProductConfig[]> => vscode.commands.executeCommand<TestProductConfig[]>('releaseHygiene._testProductConfig');

async function open(relative: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(uriOf(relative));
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

/** The status word at the end of the flag's lenses ("… · stale"), resolved by VS Code's lens command. */
async function flagStatuses(uri: vscode.Uri): Promise<string[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
  return lenses.map((lens) => lens.command?.title ?? '').filter((title) => title.startsWith(`${FLAG} · `)).map((title) => title.split(' · ').pop() ?? '');
}

const rulesOn = (uri: vscode.Uri): string[] => ourDiagnostics(uri).map((diagnostic) => ruleId(diagnostic) ?? '');

/** Each probe true at once: the editor shows the fixture as it is without the file (the other suites' findings). */
async function expectDefaults(documents: { migration: vscode.TextDocument; pipeline: vscode.TextDocument; flags: vscode.TextDocument }): Promise<void> {
  await waitFor(() => rulesOn(documents.migration.uri).includes('drop-column'), `drop-column on ${MIGRATION}`, () => describeDiagnostics(ourDiagnostics(documents.migration.uri)), 30_000);
  await waitFor(() => rulesOn(documents.pipeline.uri).includes('deploy-allow-failure'), `deploy-allow-failure on ${PIPELINE}`, () => describeDiagnostics(ourDiagnostics(documents.pipeline.uri)));
  await waitFor(
    async () => rulesOn(documents.flags.uri).includes('flags/stale') && (await flagStatuses(documents.flags.uri)).every((status) => status === 'stale') && (await flagStatuses(documents.flags.uri)).length === 2,
    `${FLAG} stale (lenses and diagnostics)`,
    () => describeDiagnostics(ourDiagnostics(documents.flags.uri)),
    45_000,
  );
}

suite('product config (.release-hygiene.yaml in the editor)', () => {
  let documents: { migration: vscode.TextDocument; pipeline: vscode.TextDocument; flags: vscode.TextDocument };

  suiteSetup(async () => {
    await activateOurExtension();
    fs.rmSync(configPath(), { force: true });
    documents = { migration: await open(MIGRATION), pipeline: await open(PIPELINE), flags: await open(FLAGS) };
  });

  suiteTeardown(async () => {
    fs.rmSync(configPath(), { force: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('without the file the fixture shows its migration, pipeline and stale-flag findings', async () => {
    await expectDefaults(documents);
    const [folder] = await productState();
    assert.equal(folder?.root, workspaceRoot().fsPath, 'the file is looked for at the repository root of the folder');
    assert.equal(folder?.file, undefined);
  });

  test('writing the file relevels, disables and re-ages as `check` does; deleting it restores everything', async () => {
    fs.writeFileSync(configPath(), CONFIG_TEXT);
    const state = await waitFor(async () => (await productState()).find((folder) => folder.file === CONFIG), `${CONFIG} to be read`);
    assert.deepEqual(state.warnings, [`${CONFIG}: unknown key "typo" (known: commits, release, flags, migrations, pipelines); ignored`]);

    // (a) migrations.rules.drop-column: off — the finding is dropped, not merely hidden behind a lower severity.
    await waitFor(() => !rulesOn(documents.migration.uri).includes('drop-column'), `no drop-column on ${MIGRATION}`, () => describeDiagnostics(ourDiagnostics(documents.migration.uri)), 30_000);
    const migration = await vscode.commands.executeCommand<{ findings: { ruleId: string }[] } | undefined>('releaseHygiene._testMigrationState', documents.migration.uri.toString(), { complete: true });
    assert.ok(migration && !migration.findings.some((finding) => finding.ruleId === 'drop-column'), JSON.stringify(migration?.findings));
    // (b) pipelines.enabled: false — no pipeline diagnostic at all.
    await waitFor(() => ourDiagnostics(documents.pipeline.uri).length === 0, `no diagnostics on ${PIPELINE}`, () => describeDiagnostics(ourDiagnostics(documents.pipeline.uri)));
    // (c) flags.staleDays: 5000 — 94 days is past expireDays (30) but far from stale: expired, a warning.
    await waitFor(
      async () => {
        const statuses = await flagStatuses(documents.flags.uri);
        return statuses.length === 2 && statuses.every((status) => status === 'expired');
      },
      `${FLAG} lenses to say expired`,
      () => describeDiagnostics(ourDiagnostics(documents.flags.uri)),
      45_000,
    );
    await waitFor(() => !rulesOn(documents.flags.uri).includes('flags/stale'), `no flags/stale on ${FLAGS}`, () => describeDiagnostics(ourDiagnostics(documents.flags.uri)));
    const expired = ourDiagnostics(documents.flags.uri).filter((diagnostic) => ruleId(diagnostic) === 'flags/expired').map((diagnostic) => documents.flags.getText(diagnostic.range));
    assert.ok(expired.includes(`'${FLAG}'`), expired.join(', '));
    // The unknown key is a warning on the file, on its own line.
    const onFile = await waitFor(() => ourDiagnostics(vscode.Uri.file(configPath())).length > 0 && ourDiagnostics(vscode.Uri.file(configPath())), `a warning on ${CONFIG}`);
    assert.deepEqual(onFile.map((diagnostic) => [diagnostic.range.start.line, diagnostic.severity]), [[CONFIG_TEXT.split('\n').indexOf('typo: true'), vscode.DiagnosticSeverity.Warning]]);

    fs.rmSync(configPath());
    await waitFor(async () => (await productState()).every((folder) => folder.file === undefined), `${CONFIG} to be forgotten`);
    await expectDefaults(documents);
    assert.deepEqual(ourDiagnostics(vscode.Uri.file(configPath())), [], 'the file warnings go with the file');
  });
});
