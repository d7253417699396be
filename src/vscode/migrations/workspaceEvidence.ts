import * as vscode from 'vscode';
import { orderKeyFor, referenceSpellings } from '../../core/migrations/files';
import {
  type CodeReference,
  type LintContext,
  type MigrationFile,
  type MigrationFramework,
  type MigrationOperation,
  type ReleaseInfo,
  type SqlDialect,
} from '../../core/migrations';
import {
  addingCommits,
  detectProjectDialect,
  findMigrationFiles,
  lastCodeChanges,
  listWorkspaceFiles,
  loadReleaseMap,
  searchReferences,
  type ReleaseMap,
} from '../../node/migrations';
import { releaseStateKey } from '../../node/release';
import type { Log } from '../log';
import type { MigrationDocument } from './migrationDocuments';

/** What the workspace lint of one file needs from its folder. */
export interface FolderEvidence {
  /** Every migration file of the folder as saved on disk (the open document's text replaces its own). */
  readonly files: readonly MigrationFile[];
  readonly context: LintContext;
  /** The sort key of a migration path in its tool's order. */
  orderKeyOf(path: string, framework: MigrationFramework): string;
}

type CodeChange = { readonly commit: string; readonly tag: string | null; readonly file?: string };

/** Facts of one folder for one HEAD + tags + settings; per-name searches are added on first need. */
interface FolderFacts {
  readonly key: string;
  readonly base: Promise<BaseFacts>;
  readonly references: Map<string, Promise<ReadonlyMap<string, readonly CodeReference[]> | undefined>>;
  readonly codeChanges: Map<string, Promise<ReadonlyMap<string, CodeChange>>>;
  readonly releases: Map<string, Promise<ReleaseInfo>>;
}

interface BaseFacts {
  readonly files: MigrationFile[];
  readonly dialect: SqlDialect | undefined;
  readonly releaseMap: ReleaseMap | undefined;
  readonly releases: Map<string, ReleaseInfo>;
  readonly migrationDirs: string[];
  readonly exclude: (path: string) => boolean;
  readonly modelFiles: { path: string; text: string }[];
  readonly schemaFiles: { path: string; text: string }[];
}

/**
 * The workspace facts behind the expand-phase evidence (src/node/migrations, as the CLI uses them), per folder and
 * cached by HEAD + tags (releaseStateKey) and the settings: the migration files on disk, the project's dialect, the
 * release of each migration, and, per dropped name on first need, the code references (git grep) and the last code
 * change. A saved, created or deleted file starts over (code references change with the code).
 */
export class WorkspaceEvidence implements vscode.Disposable {
  private readonly folders = new Map<string, FolderFacts>();
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter];
  private invalidateTimer: ReturnType<typeof setTimeout> | undefined;
  /** The evidence was invalidated. */
  readonly onDidChange = this.changeEmitter.event;

  constructor(private readonly log: Log) {
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
    let facts = this.folders.get(root);
    if (!facts || facts.key !== key) {
      facts = { key, base: this.loadBase(root, target), references: new Map(), codeChanges: new Map(), releases: new Map() };
      this.folders.set(root, facts);
    }
    const started = Date.now();
    const base = await facts.base;
    const { columns, names } = namesToSearch(operations);

    const references = new Map<string, readonly CodeReference[]>();
    let searched = true;
    for (const name of names) {
      let pending = facts.references.get(name);
      if (!pending) {
        pending = searchReferences(root, [name], base.exclude).catch((error: unknown) => this.fail(`code references of ${name}`, error));
        facts.references.set(name, pending);
      }
      const found = await pending;
      if (!found) searched = false;
      for (const [found_name, refs] of found ?? []) references.set(found_name, refs);
    }

    const codeChanges = new Map<string, CodeChange>();
    if (base.releaseMap) {
      for (const column of columns) {
        let pending = facts.codeChanges.get(column);
        if (!pending) {
          pending = lastCodeChanges(root, [column], base.migrationDirs, base.releaseMap).catch(() => new Map<string, CodeChange>());
          facts.codeChanges.set(column, pending);
        }
        for (const [name, change] of await pending) codeChanges.set(name, change);
      }
    }

    // The open file may be new (untracked, or not matched when the files were listed): its release is asked once.
    const releases = new Map(base.releases);
    if (base.releaseMap && !releases.has(target.path)) {
      let pending = facts.releases.get(target.path);
      if (!pending) {
        const map = base.releaseMap;
        pending = addingCommits(root, [target.path]).then(
          (adding) => {
            const commit = adding.get(target.path) ?? null;
            return { commit, tag: commit ? map.tagOf(commit) : null };
          },
          () => ({ commit: null, tag: null }),
        );
        facts.releases.set(target.path, pending);
      }
      releases.set(target.path, await pending);
    }

    const elapsed = Date.now() - started;
    if (elapsed > 200) this.log.debug(`migrations: workspace evidence for ${target.path} in ${elapsed} ms`);
    const dialect = target.settings.dialect ?? base.dialect;
    return {
      files: base.files,
      context: {
        ...(dialect ? { dialect } : {}),
        ...(searched ? { references } : {}),
        ...(base.releaseMap ? { releases, codeChanges } : {}),
        modelFiles: base.modelFiles,
        schemaFiles: base.schemaFiles,
      },
      orderKeyOf: (path, framework) => orderKeyFor(path, framework),
    };
  }

  private fail(what: string, error: unknown): undefined {
    this.log.warn(`migrations: ${what} unavailable: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }

  private async loadBase(root: string, target: MigrationDocument): Promise<BaseFacts> {
    const started = Date.now();
    const settings = target.settings;
    const [workspace, found, releaseMap] = await Promise.all([
      listWorkspaceFiles(root),
      findMigrationFiles(root, { globs: settings.globs, ...(settings.dialect ? { dialect: settings.dialect } : {}) }),
      loadReleaseMap(root),
    ]);
    const dialect = settings.dialect ?? (await detectProjectDialect(root, workspace)) ?? undefined;
    const files = found.files.map((file) => (dialect && !file.dialect ? { ...file, dialect } : file));
    const releases = new Map<string, ReleaseInfo>();
    if (releaseMap) {
      const adding = await addingCommits(root, files.map((file) => file.path));
      for (const [path, commit] of adding) releases.set(path, { commit, tag: commit ? releaseMap.tagOf(commit) : null });
    }
    const migrationPaths = new Set(files.map((file) => file.path));
    migrationPaths.add(target.path);
    const migrationDirs = [
      ...new Set([...files, { path: target.path, framework: target.framework }].map((file) => (file.framework === 'prisma' ? file.path.split('/').slice(0, -2) : file.path.split('/').slice(0, -1)).join('/'))),
    ];
    const exclude = (path: string): boolean =>
      migrationPaths.has(path) ||
      migrationDirs.some((dir) => dir !== '' && path.startsWith(`${dir}/`)) ||
      /(^|\/)(db\/schema\.rb|db\/structure\.sql|schema\.sql)$/.test(path) ||
      /(^|\/)(node_modules|dist|build)\//.test(path);
    const [modelFiles, schemaFiles] = await Promise.all([
      readSome(target.folder.uri, workspace.filter((file) => /(^|\/)app\/models\/.*\.rb$/.test(file)).slice(0, 2_000)),
      readSome(target.folder.uri, workspace.filter((file) => /\.prisma$/.test(file)).slice(0, 20)),
    ]);
    this.log.info(
      `migrations: ${files.length} migration file(s) in ${target.folder.name}, dialect ${dialect ?? 'detected per file'}, ` +
        `${releaseMap ? `${releaseMap.tags.length} release tag(s)` : 'no git'} (${Date.now() - started} ms)`,
    );
    return { files, dialect, releaseMap, releases, migrationDirs, exclude, modelFiles, schemaFiles };
  }
}

/** Column and dropped table names (as written, camelCase, PascalCase) whose remaining references the lint needs. */
export function namesToSearch(operations: readonly MigrationOperation[]): { columns: string[]; names: string[] } {
  const columns = new Set<string>();
  const names = new Set<string>();
  for (const op of operations) {
    if ((op.kind === 'drop-column' || op.kind === 'rename-column' || op.kind === 'change-column-type') && op.column) {
      columns.add(op.column);
      for (const spelling of referenceSpellings(op.column)) names.add(spelling);
    }
    if ((op.kind === 'drop-table' || op.kind === 'rename-table') && op.table) for (const spelling of referenceSpellings(op.table)) names.add(spelling);
  }
  return { columns: [...columns], names: [...names] };
}

async function readSome(folder: vscode.Uri, paths: readonly string[]): Promise<{ path: string; text: string }[]> {
  const decoder = new TextDecoder();
  const read = await Promise.all(
    paths.map(async (path) => {
      try {
        return { path, text: decoder.decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, ...path.split('/')))) };
      } catch {
        return undefined;
      }
    }),
  );
  return read.filter((file): file is { path: string; text: string } => file !== undefined);
}
