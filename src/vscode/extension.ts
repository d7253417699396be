import * as vscode from 'vscode';
import { COMMIT_MESSAGE_SELECTOR } from './commitDocuments';
import { CommitCodeActions } from './commits/commitCodeActions';
import { CommitCompletions } from './commits/commitCompletions';
import { CommitDiagnostics } from './commits/CommitDiagnostics';
import { CommitHover } from './commits/commitHover';
import { CommitLintService } from './commits/CommitLintService';
import { ReleaseEffectStatus } from './commits/ReleaseEffectStatus';
import { registerFlags } from './flags/registerFlags';
import { createLog } from './log';
import { registerMigrations } from './migrations/registerMigrations';
import { registerPipelines } from './pipelines/registerPipelines';
import { ProductConfigs, useProductConfigs } from './productConfig';
import { registerReleasePreview } from './release/registerReleasePreview';
import { releaseLineFor } from './release/releaseHover';
import type { HelpTarget } from './toDiagnostic';
import { RELEASE_HYGIENE_RULES_URL } from '../core/commits';
import { refuseGit } from '../node/git';

/** Shown wherever a git-backed feature would have run in an untrusted workspace. */
export const UNTRUSTED_GIT_REASON = 'git does not run in Restricted Mode: trust the workspace to read its history';

export const CommandId = {
  showLog: 'releaseHygiene.showLog',
  reloadCommitConfiguration: 'releaseHygiene.reloadCommitConfiguration',
} as const;

/** Hidden command for the integration tests (registered outside production only): what the product files say. */
export const PRODUCT_CONFIG_TEST_STATE_COMMAND = 'releaseHygiene._testProductConfig';

const COMMITLINT_CONFIG_FILES = '**/{.commitlintrc,.commitlintrc.*,commitlint.config.*,package.json}';

/** Wiring only: every provider gets its state from the CommitLintService, which calls the core. */
export function activate(context: vscode.ExtensionContext): void {
  const log = createLog();
  // Before any service can start git: in Restricted Mode no git process runs at all (as the built-in git
  // extension is disabled there), so nothing a cloned repository configures can execute.
  refuseGit(vscode.workspace.isTrusted ? undefined : UNTRUSTED_GIT_REASON);
  const service = new CommitLintService(log);
  context.subscriptions.push(log, service);
  try {
    // Before the services: their settings readers consult it from their first read.
    const products = new ProductConfigs(log);
    useProductConfigs(products);
    context.subscriptions.push(products, { dispose: () => useProductConfigs(undefined) });
    const release = registerReleasePreview(context, log);
    const migrations = registerMigrations(context, log);
    const flags = registerFlags(context, log);
    const pipelines = registerPipelines(context, log);
    context.subscriptions.push(
      products.onDidChange(({ capabilities }) => {
        // As a settings change of the same capability would: each service reads its settings again.
        if (capabilities.includes('commits')) service.reload();
        if (capabilities.includes('release')) release.invalidate();
        if (capabilities.includes('flags')) flags.refreshAll();
        if (capabilities.includes('migrations')) {
          migrations.evidence.invalidate();
          migrations.refreshAll();
        }
        if (capabilities.includes('pipelines')) pipelines.reload();
      }),
    );
    if (context.extensionMode !== vscode.ExtensionMode.Production) {
      context.subscriptions.push(
        vscode.commands.registerCommand(PRODUCT_CONFIG_TEST_STATE_COMMAND, async () => {
          await products.ready();
          return products.describe();
        }),
      );
    }
    context.subscriptions.push(
      new CommitDiagnostics(service, log, ruleDocumentation(context.extensionUri)),
      new ReleaseEffectStatus(service),
      vscode.languages.registerCodeActionsProvider(COMMIT_MESSAGE_SELECTOR, new CommitCodeActions(service), CommitCodeActions.metadata),
      vscode.languages.registerCompletionItemProvider(COMMIT_MESSAGE_SELECTOR, new CommitCompletions(service), ...CommitCompletions.triggerCharacters),
      vscode.languages.registerHoverProvider(COMMIT_MESSAGE_SELECTOR, new CommitHover(service, (document, commit) => releaseLineFor(release, document, commit))),
      vscode.commands.registerCommand(CommandId.showLog, () => log.show()),
      vscode.commands.registerCommand(CommandId.reloadCommitConfiguration, () => service.reload()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('releaseHygiene.commits')) service.reload();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        refuseGit(undefined);
        log.info('workspace trusted: git-backed features start (release preview, flag ages, migration evidence, scopes)');
        service.reload();
        release.invalidate();
        flags.refreshAll();
        migrations.evidence.invalidate();
      }),
    );
    const watcher = vscode.workspace.createFileSystemWatcher(COMMITLINT_CONFIG_FILES);
    context.subscriptions.push(
      watcher,
      watcher.onDidChange(() => service.reload()),
      watcher.onDidCreate(() => service.reload()),
      watcher.onDidDelete(() => service.reload()),
    );
    // The repository's git config holds core.commentChar and trailer.*, read with the rules: a change reloads too.
    const gitConfigWatcher = vscode.workspace.createFileSystemWatcher('**/.git/config');
    context.subscriptions.push(
      gitConfigWatcher,
      gitConfigWatcher.onDidChange(() => service.reload()),
      gitConfigWatcher.onDidCreate(() => service.reload()),
      gitConfigWatcher.onDidDelete(() => service.reload()),
    );
    log.info(`Release Hygiene activated (VS Code ${vscode.version}, workspace ${vscode.workspace.isTrusted ? 'trusted' : 'untrusted'})`);
  } catch (error) {
    log.error('Release Hygiene failed to activate', error);
    void vscode.window.showErrorMessage('Release Hygiene failed to start; see its log (Release Hygiene: Show Log).');
    throw error;
  }
}

/** Release Hygiene's own rules link to the docs shipped in the extension; commitlint's to commitlint's site. */
function ruleDocumentation(extensionUri: vscode.Uri): HelpTarget {
  return (url) =>
    url.startsWith(`${RELEASE_HYGIENE_RULES_URL}#`)
      ? vscode.Uri.joinPath(extensionUri, 'docs', 'rules.md').with({ fragment: url.slice(RELEASE_HYGIENE_RULES_URL.length + 1) })
      : vscode.Uri.parse(url);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
