// Migrations in the real VS Code: the fixture's untracked db/migrations/V2__drop_legacy_email.sql drops
// users.legacy_email with no expand phase while src/users.js (line 6) still reads it. The diagnostic shows, the hover
// lists the remaining reference as a link that opens src/users.js at that line, the suppression quick fix inserts the
// comment (the finding goes once a reason is there), the expand quick fix creates V3__expand_users_legacy_email.sql,
// and a 5,000-line migration is analysed as it is edited. (test/integration/fixture/createFixtureRepo.mjs)
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateOurExtension, describeDiagnostics, hoverText, ourDiagnostics, ruleId, waitFor, workspaceRoot } from './helpers';

const MIGRATION = 'db/migrations/V2__drop_legacy_email.sql';
const REFERENCE = { file: 'src/users.js', line: 6 };
const EXPAND = 'db/migrations/V3__expand_users_legacy_email.sql';
const BIG = 'db/migrations/V4__big_backfill.sql';
const RAILS = 'db/migrate/20260101000000_remove_legacy_email.rb';

interface TestMigrationState {
  version: number;
  complete: boolean;
  framework: string;
  path: string;
  findings: { ruleId: string; message: string; evidence: { kind: string; file?: string; line?: number }[] }[];
}

const uriOf = (relative: string): vscode.Uri => vscode.Uri.joinPath(workspaceRoot(), ...relative.split('/'));
const migrationState = (document: vscode.TextDocument, complete = true): Thenable<TestMigrationState | undefined> =>
  vscode.commands.executeCommand<TestMigrationState | undefined>('releaseHygiene._testMigrationState', document.uri.toString(), { complete });

async function openMigration(relative: string): Promise<{ document: vscode.TextDocument; editor: vscode.TextEditor }> {
  const document = await vscode.workspace.openTextDocument(uriOf(relative));
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  return { document, editor };
}

/** Waits for a drop-column diagnostic whose evidence is in (the workspace lint has run on this version). */
async function dropDiagnostic(document: vscode.TextDocument): Promise<vscode.Diagnostic> {
  return waitFor(
    async () => {
      const state = await migrationState(document);
      return state?.complete && ourDiagnostics(document.uri).find((d) => ruleId(d) === 'drop-column');
    },
    `a drop-column diagnostic on ${MIGRATION}`,
    () => describeDiagnostics(ourDiagnostics(document.uri)),
    30_000,
  );
}

/** The command links of a hover's Markdown: [label, command, args]. */
function commandLinks(markdown: string): { label: string; command: string; args: unknown[] }[] {
  return [...markdown.matchAll(/\[([^\]]+)\]\(command:([\w.]+)\?([^)\s]+)\)/g)].map((match) => ({
    label: match[1]!.replace(/\\(.)/g, '$1'),
    command: match[2]!,
    args: JSON.parse(decodeURIComponent(match[3]!)) as unknown[],
  }));
}

suite('Migrations (diagnostics as you type, hover with code references, quick fixes)', () => {
  suiteSetup(async () => {
    await activateOurExtension();
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const file of [EXPAND, BIG]) fs.rmSync(path.join(rootPath(), file), { force: true });
  });

  test('activation is limited to workspaces with migrations; the settings are contributed', () => {
    const manifest = vscode.extensions.getExtension('release-hygiene.release-hygiene')?.packageJSON as {
      activationEvents: string[];
      contributes: { configuration: { properties: Record<string, { default: unknown }> }[] };
    };
    assert.ok(!manifest.activationEvents.includes('*'));
    assert.ok(manifest.activationEvents.includes('workspaceContains:**/V*__*.sql'), 'Flyway files activate');
    assert.ok(manifest.activationEvents.includes('workspaceContains:**/db/migrate/*.rb'), 'Rails migrations activate');
    const properties = Object.assign({}, ...manifest.contributes.configuration.map((section) => section.properties)) as Record<string, { default: unknown }>;
    assert.equal(properties['releaseHygiene.migrations.enabled']?.default, true);
    assert.equal(properties['releaseHygiene.migrations.dialect']?.default, 'auto');
    assert.ok((properties['releaseHygiene.migrations.globs']?.default as string[]).includes('**/V*__*.sql'));
  });

  test('an unsafe drop shows a drop-column diagnostic on the column, with the remaining reference', async () => {
    const { document } = await openMigration(MIGRATION);
    const diagnostic = await dropDiagnostic(document);
    assert.equal(document.getText(diagnostic.range), 'legacy_email', describeDiagnostics([diagnostic]).join());
    assert.ok(diagnostic.severity <= vscode.DiagnosticSeverity.Warning, 'an error or a warning');
    const state = await migrationState(document);
    assert.equal(state?.framework, 'sql');
    const drop = state?.findings.find((finding) => finding.ruleId === 'drop-column');
    assert.ok(
      drop?.evidence.some((item) => item.kind === 'code-reference' && item.file === REFERENCE.file && item.line === REFERENCE.line),
      `the evidence lists ${REFERENCE.file}:${REFERENCE.line}: ${JSON.stringify(drop?.evidence)}`,
    );
    assert.ok(
      diagnostic.relatedInformation?.some((info) => info.location.uri.path.endsWith(`/${REFERENCE.file}`) && info.location.range.start.line === REFERENCE.line - 1),
      'the diagnostic relates the reference',
    );
  });

  test('the hover shows the recipe and lists the remaining reference as a link that opens it', async () => {
    const { document } = await openMigration(MIGRATION);
    const diagnostic = await dropDiagnostic(document);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, diagnostic.range.start.translate(0, 2));
    const text = hoverText(hovers);
    assert.match(text, /Still referenced in the code/);
    assert.match(text, /expand/i, 'the expand-contract recipe');
    const link = commandLinks(text).find((candidate) => candidate.label === `${REFERENCE.file}:${REFERENCE.line}`);
    assert.ok(link, `a link labelled ${REFERENCE.file}:${REFERENCE.line} in:\n${text}`);
    assert.equal(link.command, 'releaseHygiene.openCodeReference');
    const trusted = hovers.flatMap((hover) => hover.contents).find((content): content is vscode.MarkdownString => content instanceof vscode.MarkdownString && content.value.includes('command:'));
    assert.deepEqual((trusted?.isTrusted as { enabledCommands?: string[] } | undefined)?.enabledCommands, ['releaseHygiene.openCodeReference'], 'only the one command is trusted');
    await vscode.commands.executeCommand(link.command, ...link.args);
    const editor = await waitFor(
      () => vscode.window.activeTextEditor?.document.uri.path.endsWith(`/${REFERENCE.file}`) && vscode.window.activeTextEditor,
      `the link to open ${REFERENCE.file}`,
      () => vscode.window.activeTextEditor?.document.uri.toString(),
    );
    assert.equal(editor.selection.active.line, REFERENCE.line - 1);
    assert.match(editor.document.lineAt(REFERENCE.line - 1).text, /legacy_email/);
  });

  test('the suppression quick fix inserts the comment; the finding goes once a reason is there', async () => {
    const { document, editor } = await openMigration(MIGRATION);
    const diagnostic = await dropDiagnostic(document);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const suppress = actions.find((action) => /Ignore drop-column/.test(action.title));
    assert.ok(suppress?.edit, `a suppression quick fix among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(actions.some((action) => /Create an expand migration for users\.legacy_email/.test(action.title)), 'and the expand migration quick fix');
    assert.ok(await vscode.workspace.applyEdit(suppress.edit));
    await waitFor(() => document.lineAt(0).text.startsWith('-- release-hygiene-ignore drop-column: '), 'the comment above the ALTER TABLE', () => document.getText());
    assert.equal(document.lineAt(1).text, 'ALTER TABLE users DROP COLUMN legacy_email;');
    // Without a reason the comment silences nothing (and is reported); with one, the finding goes.
    const comment = document.lineAt(0);
    const reasonStart = comment.text.indexOf(': ') + 2;
    await editor.edit((edit) => edit.replace(new vscode.Range(0, reasonStart, 0, comment.text.length), ''));
    await waitFor(
      async () => (await migrationState(document))?.complete && ourDiagnostics(document.uri).some((d) => ruleId(d) === 'drop-column'),
      'the drop-column diagnostic to stay while the reason is empty',
      () => describeDiagnostics(ourDiagnostics(document.uri)),
    );
    await editor.edit((edit) => edit.insert(new vscode.Position(0, document.lineAt(0).text.length), 'no reader left after v1.5 (ticket 42)'));
    await waitFor(
      async () => (await migrationState(document))?.complete && !ourDiagnostics(document.uri).some((d) => ruleId(d) === 'drop-column'),
      'the drop-column diagnostic to go away',
      () => describeDiagnostics(ourDiagnostics(document.uri)),
    );
    const state = await migrationState(document);
    assert.ok(!state?.findings.some((finding) => finding.ruleId === 'drop-column'));
    // Back to the file as on disk: the comment line goes, the finding comes back.
    const undo = new vscode.WorkspaceEdit();
    undo.delete(document.uri, new vscode.Range(0, 0, 1, 0));
    assert.ok(await vscode.workspace.applyEdit(undo));
    if (document.isDirty) await document.save(); // (undoing back to the saved text may already count as clean)
    await waitFor(() => !document.isDirty && document.lineAt(0).text.startsWith('ALTER TABLE'), 'the migration back as it was', () => document.getText());
    await dropDiagnostic(document);
  });

  test('the expand quick fix creates V3__expand_users_legacy_email.sql with the new column and the backfill', async () => {
    const { document } = await openMigration(MIGRATION);
    const diagnostic = await dropDiagnostic(document);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const create = actions.find((action) => /Create an expand migration/.test(action.title));
    assert.ok(create?.command, actions.map((a) => a.title).join(' | '));
    await vscode.commands.executeCommand(create.command.command, ...(create.command.arguments ?? []));
    const editor = await waitFor(
      () => vscode.window.activeTextEditor?.document.uri.path.endsWith(`/${EXPAND}`) && vscode.window.activeTextEditor,
      `${EXPAND} to open`,
      () => vscode.window.activeTextEditor?.document.uri.toString(),
    );
    const text = await waitFor(() => editor.document.getText().includes('UPDATE') && editor.document.getText(), 'the skeleton in the new file');
    assert.match(text, /^ALTER TABLE users ADD COLUMN legacy_email_new text;$/m);
    assert.match(text, /^UPDATE users SET legacy_email_new = legacy_email WHERE legacy_email_new IS NULL;$/m);
    assert.ok(fs.existsSync(path.join(rootPath(), EXPAND)), 'the file exists on disk');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    fs.rmSync(path.join(rootPath(), EXPAND), { force: true });
  });

  test('a Rails migration: the suppression uses # at the call\'s indentation; the expand migration is a timestamped .rb', async () => {
    fs.mkdirSync(path.join(rootPath(), 'db', 'migrate'), { recursive: true });
    fs.writeFileSync(path.join(rootPath(), RAILS), 'class RemoveLegacyEmail < ActiveRecord::Migration[7.1]\n  def change\n    remove_column :users, :legacy_email, :string\n  end\nend\n');
    const { document } = await openMigration(RAILS);
    const diagnostic = await waitFor(
      () => ourDiagnostics(document.uri).find((d) => ruleId(d) === 'drop-column'),
      'drop-column on the Rails migration',
      () => describeDiagnostics(ourDiagnostics(document.uri)),
      30_000,
    );
    assert.match(document.getText(diagnostic.range), /legacy_email/);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const suppress = actions.find((action) => /Ignore drop-column/.test(action.title));
    assert.ok(suppress?.edit && (await vscode.workspace.applyEdit(suppress.edit)));
    await waitFor(() => document.lineAt(2).text.startsWith('    # release-hygiene-ignore drop-column: '), 'the Ruby comment above remove_column', () => document.getText());
    assert.equal(document.lineAt(3).text, '    remove_column :users, :legacy_email, :string');
    const create = actions.find((action) => /Create an expand migration/.test(action.title));
    assert.ok(create?.command);
    await vscode.commands.executeCommand(create.command.command, ...(create.command.arguments ?? []));
    const editor = await waitFor(
      () => /\/db\/migrate\/\d{14}_expand_users_legacy_email\.rb$/.test(vscode.window.activeTextEditor?.document.uri.path ?? '') && vscode.window.activeTextEditor,
      'the Rails expand migration to open',
      () => vscode.window.activeTextEditor?.document.uri.toString(),
    );
    const text = await waitFor(() => editor.document.getText().includes('execute') && editor.document.getText(), 'the Rails skeleton');
    assert.match(text, /class ExpandUsersLegacyEmail < ActiveRecord::Migration\[7\.1\]/);
    assert.match(text, /add_column :users, :legacy_email_new, :string/);
    assert.match(text, /execute "UPDATE users SET legacy_email_new = legacy_email WHERE legacy_email_new IS NULL"/);
    const created = editor.document.uri;
    await editor.document.save();
    await document.save();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(created.fsPath, { force: true });
    fs.rmSync(path.join(rootPath(), 'db', 'migrate'), { recursive: true, force: true });
  });

  test('a 5,000-line migration is analysed, and again after an edit (positions follow)', async () => {
    const lines = Array.from({ length: 4_999 }, (_, i) => `UPDATE users SET email = lower(email) WHERE id = ${i};`);
    fs.writeFileSync(path.join(rootPath(), BIG), `${lines.join('\n')}\nALTER TABLE users DROP COLUMN legacy_email;\n`);
    const opened = Date.now();
    const { document, editor } = await openMigration(BIG);
    const first = await waitFor(
      () => ourDiagnostics(document.uri).find((d) => ruleId(d) === 'drop-column'),
      'the drop-column diagnostic on line 5,000',
      () => describeDiagnostics(ourDiagnostics(document.uri)),
      30_000,
    );
    assert.equal(first.range.start.line, 4_999);
    console.log(`      (5,000 lines: first diagnostic ${Date.now() - opened} ms after opening)`);
    // Typing at the top: ten quick edits, superseded analyses are dropped, the last one counts.
    for (let i = 0; i < 10; i++) await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), `-- note ${i}\n`));
    const edited = Date.now();
    const moved = await waitFor(
      () => ourDiagnostics(document.uri).find((d) => ruleId(d) === 'drop-column' && d.range.start.line === 5_009),
      'the diagnostic to move down ten lines',
      () => describeDiagnostics(ourDiagnostics(document.uri)),
    );
    assert.equal(document.getText(moved.range), 'legacy_email');
    console.log(`      (5,000 lines: diagnostic moved ${Date.now() - edited} ms after the last of ten edits)`);
    // Saved and closed before the file goes, so no dirty editor outlives it.
    await document.save();
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    fs.rmSync(path.join(rootPath(), BIG), { force: true });
  });
});

function rootPath(): string {
  return workspaceRoot().fsPath;
}

// The expand quick fix's companion files, per framework, on the fixture's untracked services/ folders
// (MIGRATION_COMPANIONS in test/integration/fixture/createFixtureRepo.mjs): each holds an unsafe drop.
const GOLANG = {
  drop: 'services/go-api/migrations/000002_drop_orders_legacy_ref.up.sql',
  up: 'services/go-api/migrations/000003_expand_orders_legacy_ref.up.sql',
  down: 'services/go-api/migrations/000003_expand_orders_legacy_ref.down.sql',
  dropDown: 'services/go-api/migrations/000002_drop_orders_legacy_ref.down.sql',
};
const DRIZZLE = {
  drop: 'services/web/drizzle/0001_drop_accounts_nickname.sql',
  created: 'services/web/drizzle/0002_expand_accounts_nickname.sql',
  journal: 'services/web/drizzle/meta/_journal.json',
};
const DJANGO = {
  drop: 'services/shop/catalog/migrations/0002_remove_product_legacy_sku.py',
  created: 'services/shop/catalog/migrations/0003_expand_catalog_product_legacy_sku.py',
};
const ALEMBIC = {
  drop: 'services/billing/alembic/versions/b2c3d4e5f6a7_drop_invoices_legacy_code.py',
  versions: 'services/billing/alembic/versions',
  head: 'c3d4e5f6a7b8',
};

const diskPath = (relative: string): string => path.join(rootPath(), ...relative.split('/'));
const readDisk = (relative: string): string => fs.readFileSync(diskPath(relative), 'utf8');

/**
 * Applies the expand quick fix of the drop-column finding in `relative` as the editor does (the code action's
 * command) and waits for the new migration to open with its skeleton. Returns the editor and its text.
 */
async function applyExpandQuickFix(relative: string, created: RegExp, marker: string): Promise<{ editor: vscode.TextEditor; text: string }> {
  const { document } = await openMigration(relative);
  const diagnostic = await waitFor(
    async () => (await migrationState(document))?.complete && ourDiagnostics(document.uri).find((d) => ruleId(d) === 'drop-column'),
    `a drop-column diagnostic on ${relative}`,
    () => describeDiagnostics(ourDiagnostics(document.uri)),
    60_000,
  );
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
  const create = actions.find((action) => /Create an expand migration/.test(action.title));
  assert.ok(create?.command, `an expand quick fix among: ${actions.map((a) => a.title).join(' | ')}`);
  await vscode.commands.executeCommand(create.command.command, ...(create.command.arguments ?? []));
  const editor = await waitFor(
    () => created.test(vscode.window.activeTextEditor?.document.uri.path ?? '') && vscode.window.activeTextEditor,
    `the expand migration (${created.source}) to open`,
    () => vscode.window.activeTextEditor?.document.uri.toString(),
  );
  const text = await waitFor(() => editor.document.getText().includes(marker) && editor.document.getText(), 'the skeleton in the new file', () => editor.document.getText());
  return { editor, text };
}

/**
 * Saves the new migration so that the disk holds the skeleton, then closes every editor. On a loaded machine a
 * save can come back false once (the model still busy with the file the quick fix just created): it is retried
 * until the disk has the editor's text.
 */
async function saveAndClose(editor: vscode.TextEditor): Promise<string> {
  const document = editor.document;
  const saved = await waitFor(
    async () => {
      if (document.isDirty) await document.save();
      const disk = fs.readFileSync(document.uri.fsPath, 'utf8');
      return !document.isDirty && disk === document.getText() && disk;
    },
    `${document.uri.path} saved to disk`,
    () => ({ dirty: document.isDirty, disk: fs.readFileSync(document.uri.fsPath, 'utf8').slice(0, 80) }),
    60_000,
  );
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  return saved;
}

suite('Migrations: the expand quick fix writes each framework\'s companion files (golang-migrate, drizzle, Django, Alembic)', () => {
  const created: string[] = [];
  let journalBefore = '';

  suiteSetup(async () => {
    await activateOurExtension();
    journalBefore = readDisk(DRIZZLE.journal);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const file of created) fs.rmSync(file, { force: true });
    fs.writeFileSync(diskPath(DRIZZLE.journal), journalBefore);
  });

  test('golang-migrate: the next NNNNNN_ .up.sql and its .down.sql, which drops the new column; no file is overwritten', async function () {
    this.timeout(180_000);
    const dropDownBefore = readDisk(GOLANG.dropDown);
    const { editor, text } = await applyExpandQuickFix(GOLANG.drop, /\/services\/go-api\/migrations\/000003_expand_orders_legacy_ref\.up\.sql$/, 'UPDATE');
    created.push(diskPath(GOLANG.up), diskPath(GOLANG.down));
    assert.match(text, /^ALTER TABLE orders ADD COLUMN legacy_ref_new text;$/m);
    assert.match(text, /^UPDATE orders SET legacy_ref_new = legacy_ref WHERE legacy_ref_new IS NULL;$/m);
    assert.equal(readDisk(GOLANG.down), 'ALTER TABLE orders DROP COLUMN legacy_ref_new;\n', 'the down half reverses the expand');
    assert.equal(readDisk(GOLANG.dropDown), dropDownBefore, 'the other migrations are untouched');
    const saved = await saveAndClose(editor);
    assert.match(saved, /^ALTER TABLE orders ADD COLUMN legacy_ref_new text;$/m, 'the skeleton is on disk once saved');
    const names = fs.readdirSync(path.dirname(diskPath(GOLANG.up))).filter((name) => name.startsWith('000003_'));
    assert.deepEqual(names.sort(), ['000003_expand_orders_legacy_ref.down.sql', '000003_expand_orders_legacy_ref.up.sql']);
    // A file already there is never overwritten: with only a .down.sql left at 000003 (the user's), the next
    // pair is 000004 and that .down.sql keeps its text.
    fs.rmSync(diskPath(GOLANG.up));
    fs.writeFileSync(diskPath(GOLANG.down), '-- mine\n');
    const again = await applyExpandQuickFix(GOLANG.drop, /\/services\/go-api\/migrations\/000004_expand_orders_legacy_ref\.up\.sql$/, 'UPDATE');
    created.push(diskPath(GOLANG.up.replace('000003_', '000004_')), diskPath(GOLANG.down.replace('000003_', '000004_')));
    assert.equal(readDisk(GOLANG.down), '-- mine\n', 'the user\'s .down.sql is kept');
    assert.equal(readDisk(GOLANG.down.replace('000003_', '000004_')), 'ALTER TABLE orders DROP COLUMN legacy_ref_new;\n');
    await saveAndClose(again.editor);
  });

  test('drizzle: the journal\'s next idx names the file; meta/_journal.json gets one entry for its tag, rewritten in place', async function () {
    this.timeout(180_000);
    const { editor, text } = await applyExpandQuickFix(DRIZZLE.drop, /\/services\/web\/drizzle\/0002_expand_accounts_nickname\.sql$/, 'UPDATE');
    created.push(diskPath(DRIZZLE.created));
    assert.match(text, /^ALTER TABLE accounts ADD COLUMN nickname_new text;$/m);
    assert.match(text, /^--> statement-breakpoint$/m, 'drizzle\'s statement separator');
    const before = JSON.parse(journalBefore) as { entries: { idx: number; tag: string }[] };
    const journal = JSON.parse(readDisk(DRIZZLE.journal)) as { version: string; dialect: string; entries: { idx: number; tag: string; version: string; breakpoints: boolean; when: number }[] };
    assert.equal(journal.dialect, 'postgresql', 'the rest of the journal is kept');
    assert.deepEqual(journal.entries.slice(0, 2), before.entries, 'the earlier entries are unchanged');
    assert.equal(journal.entries.length, 3, readDisk(DRIZZLE.journal));
    const entry = journal.entries[2]!;
    assert.deepEqual({ idx: entry.idx, tag: entry.tag, version: entry.version, breakpoints: entry.breakpoints }, { idx: 2, tag: '0002_expand_accounts_nickname', version: '7', breakpoints: true });
    assert.ok(entry.when > Date.now() - 3_600_000, `a current timestamp: ${entry.when}`);
    assert.match(readDisk(DRIZZLE.journal), /^\{\n {2}"version": "7",/, 'the journal keeps its two-space indent');
    assert.deepEqual(fs.readdirSync(path.dirname(diskPath(DRIZZLE.journal))), ['_journal.json'], 'no second journal beside it');
    const saved = await saveAndClose(editor);
    assert.match(saved, /^UPDATE accounts SET nickname_new = nickname WHERE nickname_new IS NULL;$/m);
  });

  test('Django: the next 000N_ migration depends on the app\'s latest one', async function () {
    this.timeout(180_000);
    const { editor, text } = await applyExpandQuickFix(DJANGO.drop, /\/services\/shop\/catalog\/migrations\/0003_expand_catalog_product_legacy_sku\.py$/, 'RunPython');
    created.push(diskPath(DJANGO.created));
    assert.match(text, /^ {4}dependencies = \[\("catalog", "0002_remove_product_legacy_sku"\)\]$/m);
    assert.match(text, /^ {4}Model = apps\.get_model\("catalog", "product"\)$/m);
    assert.match(text, /migrations\.AddField\("product", "legacy_sku_new", models\.TextField\(null=True\)\)/);
    assert.match(text, /update\(legacy_sku_new=models\.F\("legacy_sku"\)\)/);
    await saveAndClose(editor);
    assert.ok(fs.existsSync(diskPath(DJANGO.created)));
  });

  test('Alembic: the new revision chains on the head, not on the drop a later revision already revises', async function () {
    this.timeout(180_000);
    const { editor, text } = await applyExpandQuickFix(ALEMBIC.drop, /\/services\/billing\/alembic\/versions\/[0-9a-f]{12}_expand_invoices_legacy_code\.py$/, 'downgrade');
    created.push(editor.document.uri.fsPath);
    const revision = /\/([0-9a-f]{12})_expand_invoices_legacy_code\.py$/.exec(editor.document.uri.path)![1]!;
    assert.match(text, new RegExp(`^revision = "${revision}"$`, 'm'), 'the revision is the file name\'s');
    assert.match(text, new RegExp(`^down_revision = "${ALEMBIC.head}"$`, 'm'), `chained on the head ${ALEMBIC.head}:\n${text}`);
    assert.match(text, new RegExp(`^Revises: ${ALEMBIC.head}$`, 'm'));
    assert.match(text, /op\.add_column\("invoices", sa\.Column\("legacy_code_new", sa\.Text\(\), nullable=True\)\)/);
    await saveAndClose(editor);
    // One head again: every revision but the new one is revised by another.
    const texts = fs.readdirSync(diskPath(ALEMBIC.versions)).filter((name) => name.endsWith('.py')).map((name) => fs.readFileSync(path.join(diskPath(ALEMBIC.versions), name), 'utf8'));
    const revisions = texts.map((t) => /^revision = "([0-9a-f]+)"$/m.exec(t)?.[1]);
    const revised = new Set(texts.map((t) => /^down_revision = "([0-9a-f]+)"$/m.exec(t)?.[1]));
    assert.deepEqual(revisions.filter((r) => !revised.has(r)), [revision]);
  });
});
