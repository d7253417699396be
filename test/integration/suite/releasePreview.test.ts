// The release preview in the real VS Code: the command opens the webview panel (whose script loads under the
// CSP and says `ready`), which shows the fixture's next version; the status bar item; insert-into-CHANGELOG.md
// twice writes one section; the commit box hover names the next version; a new tag refreshes everything.
// The fixture (test/integration/fixture/createFixtureRepo.mjs): tag v1.4.1, then a feat, a fix whose subject holds
// an <img onerror> and an unconventional commit holding a <script>: next release v1.5.0, no CHANGELOG.md.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { fixtureRepository, hoverText, setScmInput, waitFor, workspaceRoot, type GitRepository } from './helpers';

const HOSTILE = '<img src=x onerror=alert(1)>';
const SCRIPT = '<script>alert(1)</script>';

interface MarkdownInline { t: string; text?: string; children?: MarkdownInline[] }
interface PreviewModel {
  root: string;
  currentTag: string | null;
  nextTag: string | null;
  next: string | null;
  bump: string;
  tagExplanation: string;
  reasons: { hash: string; header: string; why: string }[];
  unconventional: { hash: string; header: string }[];
  changelog: { version: string; markdown: string; blocks: { t: string; children?: MarkdownInline[]; items?: MarkdownInline[][] }[] } | null;
}
interface TestState {
  activeRoot: string | undefined;
  next: string | null;
  nextTag: string | null;
  statusBar: { text: string; visible: boolean; tooltip: string; root: string | undefined };
  panel: { root: string | undefined; ready: boolean; visible: boolean; lastPosted: { type: string; model?: PreviewModel; message?: string } | undefined } | undefined;
}

const testState = (waitForPlan = false): Thenable<TestState> => vscode.commands.executeCommand<TestState>('releaseHygiene._testState', { waitForPlan });
const dispatch = <T>(message: unknown): Thenable<T> => vscode.commands.executeCommand<T>('releaseHygiene._testDispatch', message);

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: workspaceRoot().fsPath, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
}

/** Every text run of the rendered changelog tree, concatenated. */
function textOf(nodes: readonly MarkdownInline[] | undefined): string {
  return (nodes ?? []).map((node) => node.text ?? textOf(node.children)).join('');
}

async function shownModel(what: string, accept: (model: PreviewModel) => boolean): Promise<PreviewModel> {
  const state = await waitFor(
    async () => {
      const s = await testState();
      const posted = s.panel?.lastPosted;
      return s.panel?.ready && posted?.type === 'plan' && posted.model && accept(posted.model) && s;
    },
    what,
    () => undefined,
    30_000,
  );
  return state.panel?.lastPosted?.model as PreviewModel;
}

suite('Release preview (webview panel, status bar, CHANGELOG.md, hover)', () => {
  let repo: GitRepository;
  const changelog = (): string => path.join(workspaceRoot().fsPath, 'CHANGELOG.md');

  suiteSetup(async () => {
    repo = await fixtureRepository();
    fs.rmSync(changelog(), { force: true });
  });

  suiteTeardown(async () => {
    if (repo) repo.inputBox.value = '';
    fs.rmSync(changelog(), { force: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('"Preview Next Release" is contributed to the palette and the Source Control title bar', () => {
    const manifest = vscode.extensions.getExtension('release-hygiene.release-hygiene')?.packageJSON as {
      contributes: { commands: { command: string; title: string; category: string }[]; menus: Record<string, { command: string; when?: string }[]> };
      activationEvents: string[];
    };
    const command = manifest.contributes.commands.find((c) => c.command === 'releaseHygiene.previewRelease');
    assert.deepEqual([command?.category, command?.title], ['Release Hygiene', 'Preview Next Release']);
    assert.ok(manifest.contributes.menus['scm/title']?.some((m) => m.command === 'releaseHygiene.previewRelease' && m.when === 'scmProvider == git'));
    assert.ok(manifest.activationEvents.includes('onWebviewPanel:releaseHygiene.releasePreview'));
    assert.ok(!manifest.activationEvents.includes('*'));
  });

  test('the command opens the panel; its webview loads (posts ready) and shows v1.4.1 → v1.5.0 and why', async () => {
    await vscode.commands.executeCommand('releaseHygiene.previewRelease');
    const model = await shownModel('the panel to show the plan of the fixture', (m) => m.nextTag === 'v1.5.0');
    assert.equal(model.currentTag, 'v1.4.1');
    assert.equal(model.bump, 'minor');
    assert.match(model.tagExplanation, /v1\.4\.1/);
    assert.deepEqual(model.reasons.map((r) => r.header), ['feat(parser): read footers']);
    assert.ok(model.unconventional.some((c) => c.header === `Update notes ${SCRIPT}`), 'the unconventional commit is listed, text as committed');
    assert.ok(model.changelog, 'a changelog section');
    assert.ok(model.changelog.markdown.includes('\\<img src=x onerror=alert(1)>'), `the raw Markdown escapes the tag: ${model.changelog.markdown}`);
    const items = model.changelog.blocks.filter((b) => b.t === 'list').flatMap((b) => b.items ?? []).map((item) => textOf(item));
    assert.ok(items.some((item) => item.includes(`handle ${HOSTILE} in titles`)), `the rendered tree carries the subject as a text run: ${JSON.stringify(items)}`);
    const state = await testState();
    assert.equal(state.panel?.visible, true);
  });

  test('the status bar item shows v1.4.1 → v1.5.0 with the reasons in its tooltip', async () => {
    const state = await waitFor(
      async () => {
        const s = await testState();
        return s.statusBar.visible && s.statusBar.text === '$(tag) v1.4.1 → v1.5.0' && s;
      },
      'the status bar item to read "$(tag) v1.4.1 → v1.5.0"',
      undefined,
      30_000,
    );
    // MarkdownString.appendText escapes the (untrusted) commit text: compare its plain reading.
    const plain = state.statusBar.tooltip.replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');
    assert.match(plain, /`[0-9a-f]{7}` feat\(parser\): read footers \(feat\(parser\) → minor\)/);
    assert.match(plain, /v1\.4\.1 is the only tag matching/);
  });

  test('insert into CHANGELOG.md creates the file once; a second insert says it is already there', async () => {
    assert.equal(fs.existsSync(changelog()), false, 'the fixture has no CHANGELOG.md');
    const first = await dispatch<{ inserted: boolean; message: string }>({ type: 'insertChangelog' });
    assert.equal(first?.inserted, true, JSON.stringify(first));
    const second = await dispatch<{ inserted: boolean; message: string }>({ type: 'insertChangelog' });
    assert.equal(second?.inserted, false, JSON.stringify(second));
    assert.match(second.message, /already/);
    const text = fs.readFileSync(changelog(), 'utf8');
    assert.ok(text.startsWith('# Changelog\n\n## 1.5.0 ('), text);
    assert.equal(text.match(/^## 1\.5\.0 /gm)?.length, 1, `one section:\n${text}`);
    assert.ok(text.includes('read footers'));
    const state = await testState();
    assert.equal(state.panel?.lastPosted?.type, 'plan', 'notices do not replace the plan');
  });

  test('the commit box hover says what the message would make the next version', async () => {
    for (const [message, expected] of [
      ['feat!: drop the old parser', /\*\*major\*\* release, `v1\.4\.1` → `v2\.0\.0`/],
      ['fix: x', /\*\*minor\*\* release, `v1\.4\.1` → `v1\.5\.0`.*already make it \*\*minor\*\*/],
      ['docs: x', /No release by itself; the next release stays `v1\.4\.1` → `v1\.5\.0`/],
    ] as const) {
      const doc = await setScmInput(repo, message);
      const text = await waitFor(
        async () => {
          const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, 1));
          const joined = hoverText(hovers);
          return expected.test(joined) && joined;
        },
        `the hover of ${JSON.stringify(message)} to match ${expected}`,
      );
      assert.match(text, expected);
    }
  });

  test('a new tag refreshes the panel and the status bar (git extension events, releaseStateKey)', async () => {
    git('tag', 'v1.5.0');
    try {
      const model = await shownModel('the panel to show nothing to release after tagging v1.5.0', (m) => m.currentTag === 'v1.5.0');
      assert.equal(model.next, null);
      assert.equal(model.changelog, null);
      await waitFor(async () => (await testState()).statusBar.text === '$(tag) v1.5.0 (no release)', 'the status bar to read v1.5.0 (no release)');
    } finally {
      git('tag', '-d', 'v1.5.0');
    }
    await shownModel('the panel to go back to v1.5.0 as the next release', (m) => m.nextTag === 'v1.5.0' && m.currentTag === 'v1.4.1');
  });

  test('the refresh button and a commit link work through the message handler', async () => {
    const outcome = await dispatch<{ ok: boolean }>({ type: 'refresh' });
    assert.equal(outcome?.ok, true);
    const hash = git('rev-parse', 'HEAD~2').trim();
    await dispatch({ type: 'openCommit', hash });
    const editor = await waitFor(
      () => vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'release-hygiene-commit'),
      'the commit document to open',
    );
    await waitFor(() => editor.document.getText().includes('feat(parser): read footers'), 'git show output in the commit document', () => editor.document.getText());
    assert.match(editor.document.getText(), /src\/footers\.js/);
  });
});
