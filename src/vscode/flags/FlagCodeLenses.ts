import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FlagService } from './FlagService';
import { lensTitle } from './flagText';

/** registerFlags' DATE_FLAGS_COMMAND (not imported from there: registerFlags imports this module). */
const DATE_FLAGS_COMMAND = 'releaseHygiene.dateFlags';

/** The call site a lens stands above; the title is filled in lazily by resolveCodeLens. */
class FlagLens extends vscode.CodeLens {
  constructor(
    range: vscode.Range,
    readonly root: string,
    readonly site: { readonly key: string; readonly camelCase?: true },
    readonly uri: vscode.Uri,
  ) {
    super(range);
  }
}

/**
 * `express-checkout-v2 · added 94 days ago by A. Author · 3 references · stale` above each call site.
 * provideCodeLenses only places lenses (the document's scan, no I/O); resolveCodeLens waits for the history
 * pass and counts references, and its command peeks every reference.
 */
export class FlagCodeLenses implements vscode.CodeLensProvider<FlagLens>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;
  readonly onDidChangeCodeLenses = this.emitter.event;

  constructor(private readonly service: FlagService) {
    this.subscription = service.onDidChange(() => this.emitter.fire());
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }

  provideCodeLenses(document: vscode.TextDocument): FlagLens[] {
    const found = this.service.documentScan(document);
    if (!found?.scan) return [];
    return found.scan.callSites.map((site) => {
      const start = document.positionAt(site.start);
      return new FlagLens(new vscode.Range(start, document.positionAt(site.end)), found.state.root, { key: site.key, ...(site.camelCase ? { camelCase: true as const } : {}) }, document.uri);
    });
  }

  async resolveCodeLens(lens: FlagLens, token: vscode.CancellationToken): Promise<FlagLens> {
    const started = this.service.state(lens.root);
    const state = started ? await this.service.whenReady(started) : undefined;
    if (token.isCancellationRequested) return lens;
    const flag = state ? this.service.flagAt(state, lens.site) : undefined;
    if (!state || !flag) {
      lens.command = { title: lens.site.key, command: '' };
      return lens;
    }
    const locations = flag.references.map(
      (reference) =>
        new vscode.Location(
          vscode.Uri.file(path.join(state.root, ...reference.file.split('/'))),
          new vscode.Position(reference.line - 1, reference.column - 1),
        ),
    );
    const origins = this.service.origins(state);
    if (origins.cancelled && flag.ageDays === null) {
      // The history pass was cancelled: the lens says so and runs it again when clicked.
      lens.command = {
        title: lensTitle(flag, origins),
        tooltip: 'The age was not computed: reading the history was cancelled. Click to read it again.',
        command: DATE_FLAGS_COMMAND,
      };
      return lens;
    }
    lens.command = {
      title: lensTitle(flag, origins),
      tooltip: `Show the ${locations.length} references of ${flag.key}`,
      command: 'editor.action.showReferences',
      arguments: [lens.uri, lens.range.start, locations],
    };
    return lens;
  }
}
