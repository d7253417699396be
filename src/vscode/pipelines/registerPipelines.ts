import * as vscode from 'vscode';
import type { Log } from '../log';
import type { HelpTarget } from '../toDiagnostic';
import { PipelineCodeActions } from './pipelineCodeActions';
import { PipelineDiagnostics } from './PipelineDiagnostics';
import { PipelineHover } from './pipelineHover';
import { PIPELINE_DOCUMENT_SELECTOR } from './pipelinePaths';
import { PipelineService } from './PipelineService';
import { PIPELINE_SETTINGS_SECTION } from './pipelineSettings';

/** Hidden command for the integration tests (registered outside production only, never in the palette). */
export const PIPELINES_TEST_STATE_COMMAND = 'releaseHygiene._testPipelines';

/** The docs page of the pipeline rules, wherever the engine's help URLs point. */
const PIPELINES_DOC = /\/docs\/pipelines\.md(?:#(.*))?$/;

/** Pipeline gates: the service, diagnostics as you type, quick fixes and the rule hover in CI definitions. */
export function registerPipelines(context: vscode.ExtensionContext, log: Log): PipelineService {
  const service = new PipelineService(log);
  const help = pipelineDocumentation(context.extensionUri);
  context.subscriptions.push(
    service,
    new PipelineDiagnostics(service, log, help),
    vscode.languages.registerCodeActionsProvider(PIPELINE_DOCUMENT_SELECTOR, new PipelineCodeActions(service), PipelineCodeActions.metadata),
    vscode.languages.registerHoverProvider(PIPELINE_DOCUMENT_SELECTOR, new PipelineHover(service, help)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(PIPELINE_SETTINGS_SECTION)) service.reload();
    }),
  );
  if (context.extensionMode !== vscode.ExtensionMode.Production) {
    context.subscriptions.push(
      vscode.commands.registerCommand(PIPELINES_TEST_STATE_COMMAND, async () => {
        await service.ready();
        return service.describe();
      }),
    );
  }
  return service;
}

/** The pipeline rules link to docs/pipelines.md shipped in the extension (like the commit rules to docs/rules.md). */
export function pipelineDocumentation(extensionUri: vscode.Uri): HelpTarget {
  return (url) => {
    const match = PIPELINES_DOC.exec(url);
    if (!match) return vscode.Uri.parse(url);
    const doc = vscode.Uri.joinPath(extensionUri, 'docs', 'pipelines.md');
    return match[1] ? doc.with({ fragment: match[1] }) : doc;
  };
}
