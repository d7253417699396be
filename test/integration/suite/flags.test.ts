// Feature flags in the real VS Code: code lenses with the flag's age, author, reference count and status on the
// fixture's src/flags-demo.ts (resolved through vscode.executeCodeLensProvider), diagnostics on the stale and the
// expired flag, the hover that says where the age came from, the Feature Flags view (through the hidden
// releaseHygiene._testFlags command), an edit rescanning only the edited file, and a refresh on a new HEAD.
// The fixture (test/integration/fixture/createFixtureRepo.mjs) adds the flags by commits back-dated from now.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as http from 'node:http';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { activateOurExtension, describeDiagnostics, hoverText, ourDiagnostics, ruleId, waitFor, workspaceRoot } from './helpers';

const DEMO = 'src/flags-demo.ts';
const STALE = 'express-checkout-v2 · added 94 days ago by A. Author · 3 references · stale';
const EXPIRED = 'dark-mode · added 40 days ago by Fixture Author · 1 reference · expired';
const FRESH = 'new-onboarding · added 5 days ago by Fixture Author · 1 reference · ok';
const PERMANENT = 'payments-kill-switch · added 94 days ago by A. Author · 1 reference · permanent';

interface TestFlags {
  cancelled: number;
  roots: {
    root: string;
    scanning: boolean;
    agesReady: boolean;
    agesCancelled: boolean;
    scanCancelled: boolean;
    history: boolean;
    head: string | null;
    agesCached: boolean;
    lastRescanMs: number | null;
    filesScanned: number;
    flags: { key: string; status: string; ageDays: number | null; introducedBy: string | null; expirySource: string; references: string[]; title: string }[];
  }[];
  view: { visible: boolean; message: string | undefined; items: { label: string; description: string | boolean | undefined; children: string[] }[] };
}

const testFlags = (options: { waitForAges?: boolean; showView?: boolean; unleashToken?: { url: string; token: string }; restart?: boolean; cancel?: boolean } = {}): Thenable<TestFlags> =>
  vscode.commands.executeCommand<TestFlags>('releaseHygiene._testFlags', options);

function git(...args: string[]): string {
  return execFileSync('git', args, {
    cwd: workspaceRoot().fsPath,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@example.invalid' },
  });
}

/** Our lenses on `uri`, resolved (executeCodeLensProvider resolves up to `resolve` of them). */
async function lensTitles(uri: vscode.Uri): Promise<{ line: number; title: string; command: vscode.Command | undefined }[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
  return lenses
    .filter((lens) => lens.command?.title.includes(' · '))
    .map((lens) => ({ line: lens.range.start.line, title: lens.command?.title ?? '', command: lens.command }));
}

suite('Feature flags (code lenses, diagnostics, hover, view)', () => {
  let uri: vscode.Uri;
  let document: vscode.TextDocument;

  suiteSetup(async () => {
    await activateOurExtension();
    uri = vscode.Uri.joinPath(workspaceRoot(), DEMO);
    document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert').then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the view, its commands and settings are contributed; activation is precise', () => {
    const manifest = vscode.extensions.getExtension('release-hygiene.release-hygiene')?.packageJSON as {
      activationEvents: string[];
      contributes: { views: Record<string, { id: string; name: string }[]>; commands: { command: string; title: string; category: string }[]; configuration: { properties: Record<string, { default?: unknown }> }[] };
    };
    assert.ok(manifest.contributes.views.explorer?.some((v) => v.id === 'releaseHygiene.flags' && v.name === 'Feature Flags'));
    const commands = new Map(manifest.contributes.commands.map((c) => [c.command, c]));
    assert.equal(commands.get('releaseHygiene.showStaleFlags')?.title, 'Show Stale Flags');
    assert.equal(commands.get('releaseHygiene.showStaleFlags')?.category, 'Release Hygiene');
    assert.ok(commands.has('releaseHygiene.refreshFlags') && commands.has('releaseHygiene.setUnleashToken'));
    assert.ok(!commands.has('releaseHygiene._testFlags'), 'the test command is not in the palette');
    const properties = Object.assign({}, ...manifest.contributes.configuration.map((c) => c.properties)) as Record<string, { default?: unknown }>;
    assert.equal(properties['releaseHygiene.flags.expireDays']?.default, 30);
    assert.equal(properties['releaseHygiene.flags.staleDays']?.default, 60);
    assert.equal(properties['releaseHygiene.flags.staleSeverity']?.default, 'error');
    assert.ok(manifest.activationEvents.includes('onView:releaseHygiene.flags'));
    assert.ok(manifest.activationEvents.includes('onLanguage:typescript'));
    assert.ok(!manifest.activationEvents.includes('*') && !manifest.activationEvents.includes('onStartupFinished'));
  });

  test('code lenses above every call site: key, age and author from history, references, status', async () => {
    const lenses = await waitFor(
      async () => {
        const all = await lensTitles(uri);
        return all.some((l) => l.title === STALE) && all.some((l) => l.title === FRESH) && all;
      },
      'the resolved flag lenses of src/flags-demo.ts',
      undefined,
      45_000,
    );
    const titles = lenses.map((l) => l.title).sort();
    assert.deepEqual(titles, [EXPIRED, FRESH, STALE, STALE, PERMANENT].sort(), JSON.stringify(titles));
    // Each lens stands on its call site's line; the comment and the string mentioning isEnabled( get none.
    const lineOf = (needle: string): number => document.getText().split('\n').findIndex((line) => line.includes(needle));
    assert.deepEqual(
      lenses.filter((l) => l.title === STALE).map((l) => l.line),
      [lineOf("if (unleash.isEnabled('express-checkout-v2'))"), lineOf("return unleash.isEnabled('express-checkout-v2')")],
    );
    assert.ok(!lenses.some((l) => l.line === lineOf('ghost-flag') || l.line === lineOf('not-a-flag')));
    // Clicking peeks every reference: editor.action.showReferences(uri, position, locations).
    const command = lenses.find((l) => l.title === STALE)?.command;
    assert.equal(command?.command, 'editor.action.showReferences');
    const [target, position, locations] = command?.arguments as [vscode.Uri, vscode.Position, vscode.Location[]];
    assert.equal(target.toString(), uri.toString());
    assert.ok(position instanceof vscode.Position);
    assert.deepEqual(
      locations.map((l) => `${vscode.workspace.asRelativePath(l.uri, false)}:${l.range.start.line + 1}`).sort(),
      [`${DEMO}:${lineOf("if (unleash.isEnabled('express-checkout-v2'))") + 1}`, `${DEMO}:${lineOf("return unleash.isEnabled('express-checkout-v2')") + 1}`, 'src/checkout-banner.tsx:4'].sort(),
    );
  });

  test('the stale flag has error diagnostics, the expired one a warning, the fresh and the permanent none', async () => {
    const diagnostics = await waitFor(
      () => {
        const ours = ourDiagnostics(uri);
        return ours.some((d) => ruleId(d) === 'flags/stale') && ours.some((d) => ruleId(d) === 'flags/expired') && ours;
      },
      'flags/stale and flags/expired diagnostics on src/flags-demo.ts',
      () => describeDiagnostics(ourDiagnostics(uri)),
      45_000,
    );
    const stale = diagnostics.filter((d) => ruleId(d) === 'flags/stale');
    assert.equal(stale.length, 2, describeDiagnostics(diagnostics).join('\n'));
    for (const d of stale) {
      assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
      assert.equal(document.getText(d.range), "'express-checkout-v2'");
      assert.match(d.message, /express-checkout-v2/);
    }
    const expired = diagnostics.filter((d) => ruleId(d) === 'flags/expired');
    assert.deepEqual(expired.map((d) => [document.getText(d.range), d.severity]), [["'dark-mode'", vscode.DiagnosticSeverity.Warning]]);
    const flagged = diagnostics.filter((d) => /^flags\/(stale|expired)$/.test(ruleId(d) ?? '')).map((d) => document.getText(d.range));
    assert.ok(!flagged.includes("'new-onboarding'") && !flagged.includes("'payments-kill-switch'"), flagged.join(', '));
  });

  test('files never opened show their diagnostics too (the Problems view): the banner\'s stale flag', async () => {
    const banner = vscode.Uri.joinPath(workspaceRoot(), 'src', 'checkout-banner.tsx');
    const isOpen = () => vscode.workspace.textDocuments.some((d) => d.uri.toString() === banner.toString());
    assert.ok(!isOpen(), 'src/checkout-banner.tsx is not open (its diagnostics come from the workspace scan)');
    const [stale] = await waitFor(
      () => {
        const found = ourDiagnostics(banner).filter((d) => ruleId(d) === 'flags/stale');
        return found.length > 0 && found;
      },
      'flags/stale on the unopened src/checkout-banner.tsx',
      () => describeDiagnostics(ourDiagnostics(banner)),
      45_000,
    );
    assert.ok(!isOpen(), 'still not open');
    assert.equal(stale?.severity, vscode.DiagnosticSeverity.Error);
    assert.match(stale?.message ?? '', /express-checkout-v2/);
    // On the key, where an opened editor puts it: line 4, the string literal with its quotes.
    const lines = fs.readFileSync(banner.fsPath, 'utf8').split('\n');
    const line = lines.findIndex((l) => l.includes("'express-checkout-v2'"));
    const character = lines[line]?.indexOf("'express-checkout-v2'") ?? -1;
    assert.deepEqual(
      [stale?.range.start.line, stale?.range.start.character, stale?.range.end.character],
      [line, character, character + "'express-checkout-v2'".length],
    );
  });

  test('a file written on disk with a stale key gets its diagnostic unopened; it goes when the file does', async () => {
    const file = vscode.Uri.joinPath(workspaceRoot(), 'src', 'outside-stale.ts');
    fs.writeFileSync(file.fsPath, "import { unleash } from './sdk';\n\nexport const legacy = () => unleash.isEnabled('express-checkout-v2');\n");
    try {
      const [stale] = await waitFor(
        () => {
          const found = ourDiagnostics(file).filter((d) => ruleId(d) === 'flags/stale');
          return found.length > 0 && found;
        },
        'flags/stale on src/outside-stale.ts, written on disk',
        () => describeDiagnostics(ourDiagnostics(file)),
      );
      assert.equal(stale?.range.start.line, 2);
      assert.equal(stale?.range.start.character, "export const legacy = () => unleash.isEnabled(".length);
    } finally {
      fs.rmSync(file.fsPath, { force: true });
    }
    await waitFor(() => ourDiagnostics(file).length === 0, 'the diagnostic to go with the file', () => describeDiagnostics(ourDiagnostics(file)));
  });

  test('the hover on a stale key says where its age and expiry came from', async () => {
    const offset = document.getText().indexOf("'express-checkout-v2'") + 3;
    const commit = git('log', '--format=%h', '--reverse', '-S', 'express-checkout-v2', '--', DEMO).trim().split('\n')[0] ?? '';
    const text = await waitFor(
      async () => {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, document.positionAt(offset));
        const joined = hoverText(hovers);
        return joined.includes('**Age**') && joined.includes(commit) && joined;
      },
      `a hover naming the introducing commit ${commit}`,
    );
    assert.match(text, /A\\\. Author/);
    assert.match(text, /first commit in history where the key appears at a call site/);
    assert.match(text, /expired after 30 days and stale after 60/);
  });

  test('the Feature Flags view lists every flag, most stale first, each with its references', async () => {
    await vscode.commands.executeCommand('releaseHygiene.flags.focus');
    const state = await waitFor(
      async () => {
        const s = await testFlags({ showView: true, waitForAges: true });
        return s.view.items.length >= 4 && s.roots.every((r) => r.agesReady) && s.view.visible && s;
      },
      'the view to be visible and list the fixture flags',
      () => undefined,
    );
    assert.deepEqual(state.view.items.map((i) => i.label), ['express-checkout-v2', 'dark-mode', 'new-onboarding', 'payments-kill-switch']);
    assert.match(String(state.view.items[0]?.description), /^stale · 94 d · 3 refs/);
    const lines = document.getText().split('\n');
    const demoLines = lines.flatMap((text, i) => (text.includes("isEnabled('express-checkout-v2')") ? [`${DEMO}:${i + 1}`] : []));
    assert.equal(demoLines.length, 2);
    assert.deepEqual(state.view.items[0]?.children.slice().sort(), ['src/checkout-banner.tsx:4', ...demoLines].sort());
    assert.equal(state.view.visible, true, 'releaseHygiene.flags.focus shows the view');
    const root = state.roots.find((r) => r.root === workspaceRoot().fsPath);
    assert.equal(root?.history, true);
    assert.equal(root?.head, git('rev-parse', 'HEAD').trim());
  });

  test('editing the file rescans it: a new key gets a lens at once, "not committed yet", and a missing default', async () => {
    const line = document.getText().split('\n').findIndex((l) => l.startsWith('export function theme'));
    const edit = new vscode.WorkspaceEdit();
    // An OpenFeature evaluation without its default value: also an information diagnostic (flags/no-fallback).
    edit.insert(uri, new vscode.Position(line, 0), "export const beta = () => client.getBooleanValue('brand-new-flag');\n");
    assert.ok(await vscode.workspace.applyEdit(edit));
    const title = 'brand-new-flag · not committed yet · 1 reference · ok';
    const lenses = await waitFor(async () => {
      const all = await lensTitles(uri);
      return all.some((l) => l.title === title) && all;
    }, `a lens "${title}"`);
    assert.equal(lenses.find((l) => l.title === title)?.line, line);
    // The other call sites moved down one line with the edit.
    assert.ok(lenses.some((l) => l.title === EXPIRED && l.line === line + 2));
    const noFallback = await waitFor(
      () => ourDiagnostics(uri).find((d) => ruleId(d) === 'flags/no-fallback'),
      'a flags/no-fallback diagnostic on the new call site',
      () => describeDiagnostics(ourDiagnostics(uri)),
    );
    assert.equal(noFallback.severity, vscode.DiagnosticSeverity.Information);
    assert.equal(noFallback.range.start.line, line);
    // Evidence for the README, not a timing assertion: how long the one-file rescan and re-evaluation took.
    console.log(`      (one-file rescan + re-evaluation in the extension host: ${(await testFlags()).roots[0]?.lastRescanMs?.toFixed(2)} ms)`);
    const undo = new vscode.WorkspaceEdit();
    undo.delete(uri, new vscode.Range(line, 0, line + 1, 0));
    assert.ok(await vscode.workspace.applyEdit(undo));
    await document.save();
    await waitFor(async () => !(await lensTitles(uri)).some((l) => l.title.startsWith('brand-new-flag')), 'the lens to go with the undone edit');
  });

  test('a file written outside the editor is picked up, and dropped when deleted', async () => {
    const file = vscode.Uri.joinPath(workspaceRoot(), 'src', 'outside.ts');
    const keys = async (): Promise<string[]> => (await testFlags()).roots[0]?.flags.map((f) => f.key) ?? [];
    fs.writeFileSync(file.fsPath, "import { unleash } from './sdk';\nexport const x = unleash.isEnabled('written-outside');\n");
    try {
      await waitFor(async () => (await keys()).includes('written-outside'), 'the flag of a file written on disk');
    } finally {
      fs.rmSync(file.fsPath, { force: true });
    }
    await waitFor(async () => !(await keys()).includes('written-outside'), 'the flag to go with its file');
  });

  test('a registry entry in .release-hygiene/flags.yaml overrides the expiry; the hover names the file', async () => {
    const dir = vscode.Uri.joinPath(workspaceRoot(), '.release-hygiene');
    const flag = async (key: string) => (await testFlags({ waitForAges: true })).roots[0]?.flags.find((f) => f.key === key);
    fs.mkdirSync(dir.fsPath, { recursive: true });
    fs.writeFileSync(path.join(dir.fsPath, 'flags.yaml'), 'flags:\n  - key: new-onboarding\n    owner: growth\n    expires: 2026-01-01\n');
    try {
      const entry = await waitFor(async () => {
        const f = await flag('new-onboarding');
        return f?.expirySource === 'registry' && f;
      }, 'new-onboarding to take its expiry from the registry');
      assert.equal(entry.status, 'stale', 'expired on 2026-01-01, more than 30 days ago');
      const offset = document.getText().indexOf("'new-onboarding'") + 3;
      const text = await waitFor(async () => {
        const joined = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, document.positionAt(offset)));
        return joined.includes('registry') || joined.includes('its entry in') ? joined : '';
      }, 'a hover naming the registry entry');
      assert.match(text, /from its entry in \\\.release\\-hygiene\/flags\\\.yaml \(owner growth\)/);
    } finally {
      fs.rmSync(path.join(dir.fsPath, 'flags.yaml'), { force: true });
    }
    await waitFor(async () => (await flag('new-onboarding'))?.status === 'ok', 'new-onboarding ok again without the registry');
    // Deleting the (now empty) folder too is seen as well (a folder deletion reports the folder only).
    fs.rmSync(dir.fsPath, { recursive: true, force: true });
  });

  test('Refresh rescans and re-dates from the HEAD cache (no history read again)', async () => {
    await vscode.commands.executeCommand('releaseHygiene.refreshFlags');
    const state = await testFlags({ waitForAges: true });
    const root = state.roots.find((r) => r.root === workspaceRoot().fsPath);
    assert.equal(root?.agesReady, true);
    assert.equal(root?.agesCached, true, 'ages at an unchanged HEAD come from the cache');
    assert.equal(root?.flags.find((f) => f.key === 'express-checkout-v2')?.title, STALE);
  });

  test('Show Stale Flags focuses the view and offers a quick pick', async () => {
    const shown = vscode.commands.executeCommand('releaseHygiene.showStaleFlags');
    await waitFor(async () => (await testFlags()).view.visible, 'the Feature Flags view to be visible');
    // The quick pick is open now (its items are not readable through the API): dismiss it; the command ends.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await shown;
  });

  test('with an Unleash URL and a stored token, flag types and stale marks come from the Admin API', async () => {
    const token = 'test-admin-token-7f3a';
    const seen: { url: string | undefined; authorization: string | undefined }[] = [];
    const server = http.createServer((request, response) => {
      seen.push({ url: request.url, authorization: request.headers.authorization });
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ features: [{ name: 'dark-mode', type: 'kill-switch' }, { name: 'new-onboarding', type: 'release', stale: true }] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const settings = vscode.workspace.getConfiguration('releaseHygiene.flags', workspaceRoot());
    // Workspace settings land in .vscode/settings.json: remove it afterwards when the fixture had none.
    const dotVscode = path.join(workspaceRoot().fsPath, '.vscode');
    const hadDotVscode = fs.existsSync(dotVscode);
    try {
      await settings.update('unleash.url', url, vscode.ConfigurationTarget.Workspace);
      await testFlags({ unleashToken: { url, token } });
      const state = await waitFor(
        async () => {
          const s = await testFlags({ waitForAges: true });
          const flags = s.roots[0]?.flags ?? [];
          return flags.find((f) => f.key === 'dark-mode')?.status === 'permanent' && flags.find((f) => f.key === 'new-onboarding')?.status === 'stale' && s;
        },
        'dark-mode permanent (kill-switch) and new-onboarding stale (marked on the server)',
        undefined,
        30_000,
      );
      const flags = state.roots[0]?.flags ?? [];
      assert.equal(flags.find((f) => f.key === 'dark-mode')?.expirySource, 'type');
      assert.equal(flags.find((f) => f.key === 'new-onboarding')?.expirySource, 'remote');
      assert.equal(flags.find((f) => f.key === 'express-checkout-v2')?.title, STALE, 'flags the server does not know keep their history');
      assert.ok(seen.length > 0 && seen.every((r) => r.url === '/api/admin/features' && r.authorization === token), JSON.stringify(seen.map((r) => r.url)));
    } finally {
      await testFlags({ unleashToken: { url, token: '' } });
      await settings.update('unleash.url', undefined, vscode.ConfigurationTarget.Workspace);
      if (!hadDotVscode) fs.rmSync(dotVscode, { recursive: true, force: true });
      server.close();
    }
    await waitFor(
      async () => (await testFlags({ waitForAges: true })).roots[0]?.flags.find((f) => f.key === 'dark-mode')?.status === 'expired',
      'dark-mode expired again without the server',
    );
  });

  test('a new HEAD (a commit) refreshes the flags and their ages', async () => {
    const before = git('rev-parse', 'HEAD').trim();
    git('commit', '-q', '--allow-empty', '--no-verify', '-m', 'chore: empty');
    const after = git('rev-parse', 'HEAD').trim();
    try {
      const state = await waitFor(
        async () => {
          const s = await testFlags({ waitForAges: true });
          return s.roots.some((r) => r.head === after && r.agesReady) && s;
        },
        `the flags to be re-dated at the new HEAD ${after.slice(0, 7)}`,
        undefined,
        45_000,
      );
      assert.equal(state.roots[0]?.flags.find((f) => f.key === 'express-checkout-v2')?.title, STALE);
    } finally {
      git('reset', '-q', '--soft', before);
    }
    await waitFor(async () => (await testFlags({ waitForAges: true })).roots.some((r) => r.head === before), 'the flags back at the original HEAD', undefined, 45_000);
  });

  test('the first history pass can be cancelled: its git process ends, lenses say so and retry when clicked', async () => {
    // A git wrapper first on the extension host's PATH (the extension spawns `git` through it) records each
    // process and holds the history walk (`git log … --raw`) 20 s, so the cancel lands while it runs.
    const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'rh-git-hold-'));
    const pids = path.join(bin, 'pids');
    fs.writeFileSync(pids, '');
    const hold = 'sleep 20 & held=$!; trap \'kill $held; exit 143\' TERM INT; wait $held; trap - TERM INT';
    fs.writeFileSync(path.join(bin, 'git'), `#!/bin/sh\necho "$$ $*" >> "${pids}"\nfor arg in "$@"; do [ "$arg" = --raw ] && { ${hold}; }; done\nexec "${realGit}" "$@"\n`);
    fs.chmodSync(path.join(bin, 'git'), 0o755);
    const savedPath = process.env.PATH;
    process.env.PATH = `${bin}${path.delimiter}${savedPath ?? ''}`;
    const held = () => fs.readFileSync(pids, 'utf8').split('\n').filter((l) => / --raw /.test(l));
    let retry: vscode.Command | undefined;
    try {
      // As a first window on the repository: no age cache, so the pass reads history, with progress and Cancel.
      await testFlags({ restart: true });
      await waitFor(() => held().length > 0, 'the history walk to start', () => fs.readFileSync(pids, 'utf8'), 30_000);
      const cancelled = await testFlags({ cancel: true });
      assert.equal(cancelled.cancelled, 1, 'one pass was running and is cancelled');
      // Its git process ends at once (without the cancel it would wait the 20 s hold).
      const recorded = fs.readFileSync(pids, 'utf8').trim().split('\n').map((l) => Number(l.split(' ')[0]));
      const alive = (pid: number) => {
        try {
          process.kill(pid, 0);
          return true;
        } catch {
          return false;
        }
      };
      await waitFor(() => recorded.every((pid) => !alive(pid)), 'every git process of the pass to end', () => recorded.filter(alive), 3_000);
      const state = await testFlags({ waitForAges: true });
      const root = state.roots.find((r) => r.root === workspaceRoot().fsPath);
      assert.equal(root?.agesCancelled, true);
      assert.equal(root?.agesReady, false);
      // The Feature Flags view says it too.
      await vscode.commands.executeCommand('releaseHygiene.flags.focus');
      await waitFor(async () => /history was cancelled/.test((await testFlags({ showView: true })).view.message ?? ''), 'the view to say the ages were not computed');
      // The lenses say the age was not computed; clicking one runs the pass again.
      const lenses = await waitFor(async () => {
        const all = await lensTitles(uri);
        return all.some((l) => /^express-checkout-v2 · age not computed \(cancelled\) · 3 references · /.test(l.title)) && all;
      }, 'a lens saying the age was not computed');
      retry = lenses.find((l) => l.title.startsWith('express-checkout-v2'))?.command;
      assert.equal(retry?.command, 'releaseHygiene.dateFlags');
      // An automatic refresh (a file created on disk) keeps the pass cancelled: no new history walk starts.
      const walks = held().length;
      const scanned = (await testFlags()).roots[0]?.filesScanned ?? 0;
      const sticky = vscode.Uri.joinPath(workspaceRoot(), 'src', 'cancel-sticky.ts');
      fs.writeFileSync(sticky.fsPath, 'export const nothing = 1;\n');
      try {
        await waitFor(async () => ((await testFlags()).roots[0]?.filesScanned ?? 0) > scanned, 'the refresh after a file was created');
        const refreshed = await testFlags({ waitForAges: true });
        assert.equal(refreshed.roots[0]?.agesCancelled, true, 'still cancelled after the automatic refresh');
        assert.equal(held().length, walks, 'no history walk started again');
      } finally {
        fs.rmSync(sticky.fsPath, { force: true });
      }
    } finally {
      process.env.PATH = savedPath;
      fs.rmSync(bin, { recursive: true, force: true });
    }
    // The retry (the lens's command) reads the history with the real git: the ages are back.
    await vscode.commands.executeCommand(retry?.command ?? 'releaseHygiene.dateFlags', ...(retry?.arguments ?? []));
    await waitFor(async () => (await lensTitles(uri)).some((l) => l.title === STALE), `the lens "${STALE}" after the retry`, undefined, 45_000);
    const after = (await testFlags()).roots.find((r) => r.root === workspaceRoot().fsPath);
    assert.equal(after?.agesCancelled, false);
    assert.equal(after?.agesReady, true);
  });
});
