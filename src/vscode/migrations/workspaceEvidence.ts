import * as vscode from 'vscode';
import type {
  CodeReference,
  LintContext,
  MigrationFile,
  MigrationFramework,
  MigrationOperation,
  ReleaseInfo,
} from '../../core/migrations';
import { releaseStateKey } from '../../node/release';
import type { Log } from '../log';
import { nodeEvidenceSource } from './evidenceSource';
import { frameworkForPath } from './frameworks';
import type { MigrationDocument } from './migrationDocuments';

/** What the workspace lint of one file needs from its folder. */
export interface FolderEvidence {
  /** Every migration file of the folder as saved on disk (the open document's text replaces its own). */
  readonly files: readonly MigrationFile[];
  readonly context: LintContext;
  /** The sort key of a migration path in its tool's order. */
  orderKeyOf(path: string, framework: MigrationFramework): string;
}

/** Where git and file facts come from (src/node). */
export interface EvidenceSource {
  /** Remaining references in application code (outside migrations) per lower-cased name. */
  references(root: string, names: readonly string[], excludeGlobs: readonly string[]): Promise<ReadonlyMap<string, readonly CodeReference[]> | undefined>;
  /** The release (first tag containing it) of each migration file. */
  releases(root: string, paths: readonly string[]): Promise<ReadonlyMap<string, ReleaseInfo> | undefined>;
  /** Tool order of a migration path. */
  orderKeyOf(path: string, framework: MigrationFramework): string;
}

interface FolderCache {
  readonly key: string;
  files?: Promise<MigrationFile[]>;
  releases?: Promise<ReadonlyMap<string, ReleaseInfo> | undefined>;
  readonly references: Map<string, Promise<readonly CodeReference[] | undefined>>;
}

const MAX_FILES = 5_000;
const EXCLUDE = '**/{node_modules,.git,dist,build,vendor,.venv,venv,__pycache__}/**';

/**
 * The workspace facts behind the expand-phase evidence, per folder, cached by HEAD + tags (releaseStateKey) and the
 * settings: the other migration files, the code references of the columns being dropped (searched per name on first
 * need) and the release of each migration file. A saved file or a new HEAD or tag starts over.
 */
export class WorkspaceEvidence implements vscode.Disposable {
  private readonly folders = new Map<string, FolderCache>();
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter];
  private invalidateTimer: ReturnType<typeof setTimeout> | undefined;
  /** The evidence was invalidated (a file was saved, created or deleted). */
  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly log: Log,
    private readonly source: EvidenceSource = nodeEvidenceSource,
  ) {
    // Code references and migration files change on save; HEAD and tags are part of the key.
    vscode.workspace.onDidSaveTextDocument(() => this.invalidateSoon(), this, this.disposables);
    vscode.workspace.onDidCreateFiles(() => this.invalidateSoon(), this, this.disposables);
    vscode.workspace.onDidDeleteFiles(() => this.invalidateSoon(), this, this.disposables);
    vscode.workspace.onDidRenameFiles(() => this.invalidateSoon(), this, this.disposables);
  }

  dispose(): void {
    clearTimeout(this.invalidateTimer);
    for (const disposable of this.disposables) disposable.dispose();
  }

  invalidate(): void {
    this.folders.clear();
    this.changeEmitter.fire();
  }

  private invalidateSoon(): void {
    clearTimeout(this.invalidateTimer);
    this.invalidateTimer = setTimeout(() => this.invalidate(), 300);
  }

  /** The folder evidence for `target`, with the references of the columns and tables its operations change. */
  async forDocument(target: MigrationDocument, operations: readonly MigrationOperation[]): Promise<FolderEvidence> {
    const root = target.folder.uri.fsPath;
    const state = await releaseStateKey(root);
    const key = `${state.ok ? state.value : 'no-git'}|${target.settings.key}`;
    let cache = this.folders.get(root);
    if (!cache || cache.key !== key) {
      cache = { key, references: new Map() };
      this.folders.set(root, cache);
    }
    const started = Date.now();
    cache.files ??= this.listFiles(target);
    const files = await cache.files;
    const paths = [...new Set([...files.map((file) => file.path), target.path])];
    const gitRoot = state.ok ? root : undefined;
    cache.releases ??= gitRoot ? this.source.releases(gitRoot, paths).catch((error: unknown) => this.fail('release boundaries', error)) : Promise.resolve(undefined);
    const names = namesToSearch(operations);
    for (const name of names) {
      if (!cache.references.has(name)) {
        cache.references.set(
          name,
          this.source
            .references(root, [name], target.settings.globs)
            .then((found) => found?.get(name) ?? (found ? [] : undefined))
            .catch((error: unknown) => this.fail(`code references of ${name}`, error)),
        );
      }
    }
    const releases = await cache.releases;
    const references = new Map<string, readonly CodeReference[]>();
    let searched = true;
    for (const name of names) {
      const found = await cache.references.get(name);
      if (found) references.set(name, found);
      else searched = false;
    }
    const elapsed = Date.now() - started;
    if (elapsed > 200) this.log.debug(`migrations: workspace evidence of ${target.folder.name} in ${elapsed} ms`);
    return {
      files,
      context: {
        ...(target.settings.dialect ? { dialect: target.settings.dialect } : {}),
        ...(searched ? { references } : {}),
        ...(releases ? { releases } : {}),
      },
      orderKeyOf: (path, framework) => this.source.orderKeyOf(path, framework),
    };
  }

  private fail(what: string, error: unknown): undefined {
    this.log.warn(`migrations: ${what} unavailable: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }

  private async listFiles(target: MigrationDocument): Promise<MigrationFile[]> {
    const { folder, settings } = target;
    // One search per glob: the globs hold brace groups of their own, and ripgrep refuses nested ones.
    const found = await Promise.all(
      settings.globs.map((glob) =>
        Promise.resolve(vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob), EXCLUDE, MAX_FILES)).catch((error: unknown) => {
          this.log.warn(`migrations: listing ${glob} failed: ${error instanceof Error ? error.message : String(error)}`);
          return [] as vscode.Uri[];
        }),
      ),
    );
    const uris = [...new Map(found.flat().map((uri) => [uri.toString(), uri])).values()].slice(0, MAX_FILES);
    const decoder = new TextDecoder();
    const files = await Promise.all(
      uris.map(async (uri): Promise<MigrationFile | undefined> => {
        try {
          const text = decoder.decode(await vscode.workspace.fs.readFile(uri));
          const path = vscode.workspace.asRelativePath(uri, false).replace(/\\/g, '/');
          const framework = frameworkForPath(path, text.slice(0, 4_000));
          return { path, framework, dialect: settings.dialect ?? 'postgres', text, orderKey: this.source.orderKeyOf(path, framework) };
        } catch {
          return undefined;
        }
      }),
    );
    return files.filter((file): file is MigrationFile => file !== undefined);
  }
}

/** Column names (and table names of dropped tables) whose remaining references the lint needs, lower-cased. */
export function namesToSearch(operations: readonly MigrationOperation[]): string[] {
  const names = new Set<string>();
  for (const op of operations) {
    if ((op.kind === 'drop-column' || op.kind === 'rename-column' || op.kind === 'change-column-type') && op.column) names.add(op.column.toLowerCase());
    if ((op.kind === 'drop-table' || op.kind === 'rename-table') && op.table) names.add(op.table.toLowerCase());
  }
  return [...names];
}
