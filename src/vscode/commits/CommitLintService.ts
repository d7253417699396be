import * as vscode from 'vscode';
import {
  DEFAULT_COMMITLINT_CONFIG,
  lintCommitMessage,
  resolveCommitLintConfig,
  usesTrailerSettings,
  type CommitLintConfigLayer,
  type CommitLintResult,
  type ConfigProblem,
  type RawCommitLintConfig,
  type ResolvedCommitLintConfig,
  type TrailerSettings,
} from '../../core/commits';
import { collectScopes, loadCommitLintConfig, readCommentChar, readTrailerSettings } from '../../node';
import { commitDocumentKind, repositoryRootOf } from '../commitDocuments';
import { commitRulesLayer } from '../../core/config/editorConfig';
import type { Log } from '../log';
import { productConfigFor } from '../productConfig';
import { readCommitSettings } from '../settings';

interface RepositoryState {
  config: ResolvedCommitLintConfig;
  commentChar: string;
  /** The repository's trailer.* settings, read once when trailer-exists is on; git's defaults until then. */
  trailers?: TrailerSettings;
  /** Settles when the repository's config, comment character and trailer settings have been read. */
  ready: Promise<void>;
}

const BUILT_IN_BASE: { config: RawCommitLintConfig; source: string } = {
  config: { extends: ['@commitlint/config-conventional'] },
  source: '@commitlint/config-conventional (built in)',
};

/**
 * Lints commit-message documents against their repository's configuration. Configuration is read once per
 * repository (and again when a config file, a setting or workspace trust changes); linting itself is
 * synchronous and cached per document version, so diagnostics, quick fixes and hovers share one result.
 */
export class CommitLintService implements vscode.Disposable {
  private readonly repositories = new Map<string, RepositoryState>();
  private readonly results = new WeakMap<
    vscode.TextDocument,
    { version: number; generation: number; result: CommitLintResult }
  >();
  /** Bumped whenever any configuration changes, so cached results of unchanged documents go stale too. */
  private generation = 0;
  private readonly reportedProblems = new Set<string>();
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  /** Fires when configuration changed and every commit document should be linted again. */
  readonly onDidChangeConfiguration = this.changeEmitter.event;

  constructor(private readonly log: Log) {}

  dispose(): void {
    this.changeEmitter.dispose();
  }

  /** Forgets every repository's configuration (a config file, a setting or trust changed). */
  reload(): void {
    this.generation++;
    this.repositories.clear();
    this.reportedProblems.clear();
    this.changeEmitter.fire();
  }

  /** Waits until the document's repository configuration is known. */
  async ready(document: vscode.TextDocument): Promise<void> {
    await this.stateFor(document).ready;
  }

  /** The lint result of the document's current text, or undefined when it is not a commit message. */
  lint(document: vscode.TextDocument): CommitLintResult | undefined {
    const kind = commitDocumentKind(document);
    if (!kind || !readCommitSettings(document.uri).enabled) return undefined;
    const cached = this.results.get(document);
    if (cached && cached.version === document.version && cached.generation === this.generation) return cached.result;
    const state = this.stateFor(document);
    try {
      const result = lintCommitMessage(document.getText(), {
        config: state.config,
        commentChar: kind === 'commit-editmsg' ? state.commentChar : null,
        ...(state.trailers ? { trailers: state.trailers } : {}),
      });
      this.results.set(document, { version: document.version, generation: this.generation, result });
      return result;
    } catch (error) {
      this.log.error('linting the commit message failed', error);
      return undefined;
    }
  }

  /** Scopes used in the repository's history, most used first; empty when unavailable. */
  async historyScopes(document: vscode.TextDocument): Promise<readonly { scope: string; count: number }[]> {
    const root = repositoryRootOf(document);
    const settings = readCommitSettings(document.uri);
    if (!root || !settings.scopesFromHistory || settings.historyDepth === 0) return [];
    const scopes = await collectScopes(root, { maxCount: settings.historyDepth });
    if (!scopes.ok) {
      this.log.debug(`no history scopes for ${root}: ${scopes.message}`);
      return [];
    }
    return scopes.value;
  }

  /** The resolved configuration of the document's repository (defaults until it has been read). */
  configFor(document: vscode.TextDocument): ResolvedCommitLintConfig {
    return this.stateFor(document).config;
  }

  private stateFor(document: vscode.TextDocument): RepositoryState {
    const root = repositoryRootOf(document) ?? '';
    let state = this.repositories.get(root);
    if (!state) {
      const created: RepositoryState = { config: DEFAULT_COMMITLINT_CONFIG, commentChar: '#', ready: Promise.resolve() };
      // Stored before loading: without a root, load() finishes synchronously and its change event lints the
      // document again, which must find this state rather than start another load (endless recursion).
      this.repositories.set(root, created);
      created.ready = this.load(root, document.uri, created);
      state = created;
    }
    return state;
  }

  private async load(root: string, scope: vscode.Uri, state: RepositoryState): Promise<void> {
    const settings = readCommitSettings(scope);
    const problems: ConfigProblem[] = [];
    let layers: CommitLintConfigLayer[] = [];
    try {
      if (root && settings.useRepositoryConfig) {
        const loaded = await loadCommitLintConfig(root, { trusted: vscode.workspace.isTrusted });
        layers = [...loaded.layers];
        problems.push(...loaded.problems);
      }
    } catch (error) {
      this.log.error(`reading the commit configuration of ${root || 'the workspace'} failed`, error);
    }
    if (layers.length === 0) layers.push(BUILT_IN_BASE);
    if (settings.rules && Object.keys(settings.rules).length > 0) {
      layers.push({ config: { rules: settings.rules }, source: 'settings (releaseHygiene.commits.rules)' });
    }
    // The product file speaks last, over the settings too: the editor lints as `check` does in CI.
    const productLayer = commitRulesLayer(productConfigFor(scope));
    if (productLayer) layers.push(productLayer);
    try {
      const resolved = resolveCommitLintConfig(layers);
      state.config = resolved.config;
      problems.push(...resolved.problems);
    } catch (error) {
      this.log.error('resolving the commit configuration failed; using the built-in defaults', error);
    }
    let trailersRead: TrailerSettings | undefined;
    if (root && usesTrailerSettings(state.config)) {
      // Once per repository (again on reload), never per keystroke; refused in an untrusted workspace.
      const trailers = await readTrailerSettings(root);
      if (trailers.ok) state.trailers = trailersRead = trailers.value;
      else this.log.debug(`git's default trailer settings for ${root}: ${trailers.message}`);
    }
    if (root) {
      // The trailer settings, when read, carry core.commentChar already: one git process, not two.
      if (trailersRead) state.commentChar = trailersRead.commentChar ?? '#';
      else {
        try {
          const commentChar = await readCommentChar(root);
          if (commentChar.ok) state.commentChar = commentChar.value;
        } catch (error) {
          this.log.error(`reading core.commentChar of ${root} failed`, error);
        }
      }
    }
    this.log.info(`commit rules for ${root || 'the workspace'}: ${state.config.sources.join(' → ')}`);
    this.report(problems);
    this.generation++;
    this.changeEmitter.fire();
  }

  private report(problems: readonly ConfigProblem[]): void {
    for (const problem of problems) {
      const text = problem.source ? `${problem.source}: ${problem.message}` : problem.message;
      if (this.reportedProblems.has(text)) continue;
      this.reportedProblems.add(text);
      if (problem.severity === 'error') this.log.error(text);
      else this.log.warn(text);
      // One notification per distinct problem, never modal: the commit box keeps working on defaults.
      void vscode.window.showWarningMessage(`Release Hygiene: ${text}`, 'Show Log').then((choice) => {
        if (choice) this.log.show(true);
      });
    }
  }
}
