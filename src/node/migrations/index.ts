// Node side of the migrations check: find and read migration files, search the workspace for code that still
// uses a dropped column or table (one `git grep` for all names), and release boundaries from git tags. Every
// function resolves (never rejects); without git, evidence that needs it is simply absent (and says so).
import { closeSync, openSync, readdir as readdirCallback, readFile as readFileCallback, readSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import {
  DEFAULT_MIGRATION_GLOBS,
  detectDialect,
  detectFramework,
  lintMigrations,
  loadSqlParsers,
  migrationOperations,
  matchesMigrationGlobs,
  postgresParserMisses,
  orderKeyFor,
  referenceSpellings,
  type CodeReference,
  type LintContext,
  type MigrationFile,
  type MigrationLintResult,
  type MigrationOperation,
  type ReleaseInfo,
  type SqlDialect,
} from '../../core/migrations';
import { eventLoopSlices } from '../eventLoopSlices';
import { findWorkTreeRoot, NO_DIFF_PROGRAMS, safeSimpleGit } from '../git';

// node:fs's callbacks, not node:fs/promises (the same errors): see src/node/productConfig.ts.
const readdir = promisify(readdirCallback);
const readFile = promisify(readFileCallback);

/** Runs one git command in the workspace: its output, or null when git fails. */
export type WorkspaceGit = (args: readonly string[]) => Promise<string | null>;

async function git(root: string, args: readonly string[]): Promise<string | null> {
  try {
    return await (await safeSimpleGit(root)).raw([...args]);
  } catch {
    return null;
  }
}

const gitIn = (root: string): WorkspaceGit => (args) => git(root, args);
const noGit: WorkspaceGit = () => Promise.resolve(null);

/**
 * git for a workspace, or a stand-in that answers every command with the failure git would give when the folder
 * is in no work tree (settled by a walk up for `.git`, git asked only when that cannot tell): the check then
 * starts no git process at all.
 */
export async function workspaceGit(root: string): Promise<{ readonly run: WorkspaceGit; readonly repository: boolean }> {
  const repository = (await findWorkTreeRoot(root)) !== undefined;
  return { run: repository ? gitIn(root) : noGit, repository };
}

const toPosix = (path: string): string => path.split(sep).join('/');

/** Every file of the workspace (git's view when it is a repository: tracked + untracked, not ignored). */
export async function listWorkspaceFiles(root: string, run: WorkspaceGit = gitIn(root)): Promise<string[]> {
  const out = await run(['ls-files', '-z', '--cached', '--others', '--exclude-standard']);
  // At the top level or below it alike: ls-files prints paths relative to root. (A `rev-parse --show-prefix` asked
  // which, one git process per run, and both answers returned this.)
  if (out !== null) return [...new Set(out.split('\0').filter(Boolean))];
  const files: string[] = [];
  // Paths relative to root built from the entries' names as the walk goes (path.relative of each file's joined
  // path resolved both paths again, for every file).
  const walk = async (dir: string, prefix: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name === 'node_modules' || entry.name === '.git') continue;
      if (entry.isDirectory()) await walk(join(dir, entry.name), `${prefix}${entry.name}/`);
      else if (entry.isFile()) files.push(`${prefix}${entry.name}`);
    }
  };
  await walk(root, '');
  return files;
}

export interface FoundMigrations {
  readonly files: MigrationFile[];
  /** Paths that matched the globs but are not a migration of a known tool (e.g. a helper module). */
  readonly skipped: string[];
  /** Migrations larger than MAX_MIGRATION_BYTES: not read (reported as not analysed). */
  readonly tooLarge: string[];
}

/**
 * Larger migrations are data loads, not schema changes, and the SQL parsers need about 1.5 s and 40 MB of memory
 * per megabyte (a 50 MB file: 75 s and 2 GB): they are reported as not analysed instead of read.
 */
export const MAX_MIGRATION_BYTES = 5 * 1024 * 1024;

/** Where readBoundedUtf8 reads a file first: most migrations fit, and one buffer serves them all. */
let readBuffer: Buffer | undefined;
const READ_BUFFER_BYTES = 64 * 1024;

/**
 * The file's text (UTF-8, as readFileSync(file, 'utf8') decodes it), or undefined when it holds more than `max`
 * bytes (read no further than that). One open, the reads (one for a file the shared buffer holds), one close: a
 * statSync for the size guard and then readFileSync cost twice as much for many small files (docs/benchmarks.md,
 * "Migrations: per-file cost"), and the bound holds for files whose size stat cannot tell (a device or FIFO under
 * a migration's name). Throws what open or read throws (a folder: EISDIR). Exported for test/unit/node/migrationsRead.test.ts.
 */
export function readBoundedUtf8(file: string, max: number): string | undefined {
  const fd = openSync(file, 'r');
  try {
    let buffer = (readBuffer ??= Buffer.allocUnsafe(READ_BUFFER_BYTES));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > max) return undefined;
        // Larger files: a buffer of their own, grown up to one byte over the bound (the shared one stays small).
        const larger = Buffer.allocUnsafe(Math.min(buffer.length * 4, max + 1));
        buffer.copy(larger, 0, 0, length);
        buffer = larger;
      }
      const wanted = buffer.length - length;
      const read = readSync(fd, buffer, length, wanted, null);
      length += read;
      // Fewer bytes than asked for: the end of the file (a regular file's read is short only there), so no second
      // read that returns 0 (a thousand of them were ~2% of a 1,000-file run's CPU). A FIFO or device that answers
      // short before its end is read no further: the bound still holds.
      if (read < wanted) break;
    }
    return length > max ? undefined : buffer.toString('utf8', 0, length);
  } finally {
    closeSync(fd);
  }
}

/** Reads migration files: `paths` (files or folders, relative to root) or, without them, the globs. */
export async function findMigrationFiles(root: string, options: { paths?: readonly string[]; globs?: readonly string[]; dialect?: SqlDialect; workspace?: readonly string[] } = {}): Promise<FoundMigrations> {
  // `workspace`: listWorkspaceFiles(root) when the caller already has it.
  const all = options.workspace ?? (await listWorkspaceFiles(root));
  let candidates: string[];
  if (options.paths && options.paths.length > 0) {
    const wanted = options.paths.map((p) => toPosix(relative(root, resolve(root, p))).replace(/\/$/, ''));
    candidates = all.filter((f) => wanted.some((w) => w === '' || f === w || f.startsWith(`${w}/`)));
    // Explicit files outside git's view (new, or ignored) are read too.
    for (const w of wanted) if (!candidates.includes(w) && /\.[a-z]+$/i.test(w)) candidates.push(w);
    candidates = candidates.filter((f) => f === wanted.find((w) => w === f) || matchesMigrationGlobs(f, options.globs ?? DEFAULT_MIGRATION_GLOBS) || /\.sql$/i.test(f));
  } else {
    candidates = all.filter((f) => matchesMigrationGlobs(f, options.globs ?? DEFAULT_MIGRATION_GLOBS));
  }
  const files: MigrationFile[] = [];
  const skipped: string[] = [];
  const tooLarge: string[] = [];
  // Synchronous reads, a few milliseconds of them between two turns of the event loop: for many small files a stat
  // and a read each are several times cheaper than fs.promises' FileHandle round trips through the thread pool (as
  // in src/node/flags/workspace.ts), and the editor's thread is never held for long, however large the files.
  const slices = eventLoopSlices();
  const rootPrefix = root.endsWith(sep) || root.endsWith('/') ? root : `${root}${sep}`;
  for (const path of candidates) {
    const turn = slices.next();
    if (turn) await turn;
    let text: string | undefined;
    try {
      // A path the walk or git listed has no `.` or `..` segment to normalise: joined by hand (path.join went over
      // every character of every path).
      text = readBoundedUtf8(path.includes('./') || path.endsWith('.') ? join(root, path) : `${rootPrefix}${path}`, MAX_MIGRATION_BYTES);
    } catch {
      skipped.push(path);
      continue;
    }
    if (text === undefined) {
      tooLarge.push(path);
      continue;
    }
    const framework = detectFramework(path, text);
    if (!framework || (framework === 'django' && !/migrations\.Migration|from django/.test(text)) || (/\.(c|m)?[jt]s$/.test(path) && !/\b(up|down)\b/.test(text))) {
      skipped.push(path);
      continue;
    }
    // Literals without spreads: objects made by a spread here got a map of their own each (V8's slow clone path,
    // before the loop's feedback exists), and every later read of a file's fields was a megamorphic lookup.
    const orderKey = orderKeyFor(path, framework);
    files.push(options.dialect ? { path, framework, text, orderKey, dialect: options.dialect } : { path, framework, text, orderKey });
  }
  return { files: files.sort((a, b) => (a.path < b.path ? -1 : 1)), skipped: skipped.sort(), tooLarge: tooLarge.sort() };
}

/** The project's database from its configuration: schema.prisma provider, Rails database.yml, Django settings, … */
export async function detectProjectDialect(root: string, files: readonly string[]): Promise<SqlDialect | null> {
  const probes = files.filter((f) => /(^|\/)(schema\.prisma|database\.yml|settings\.py|alembic\.ini|knexfile\.[jt]s|ormconfig\.(json|[jt]s)|drizzle\.config\.[jt]s|mix\.exs|\.env\.example|[^/]+\.csproj)$/.test(f)).slice(0, 20);
  for (const path of probes) {
    let text = '';
    try {
      text = await readFile(join(root, path), 'utf8');
    } catch {
      continue;
    }
    const fromProvider = detectDialect(text);
    if (/schema\.prisma$/.test(path) && fromProvider) return fromProvider;
    // Also postgrex and myxql (Ecto), Npgsql and Pomelo…MySql (EF Core), DB_CONNECTION=… (Laravel).
    if (/postgres|psycopg|\bpg\b|postgis|npgsql/i.test(text)) return 'postgres';
    if (/mysql|mariadb|trilogy|myxql/i.test(text)) return 'mysql';
    if (/sqlite/i.test(text)) return 'sqlite';
  }
  return null;
}

/** A name `git grep -w` and the reference searches look for: an ASCII identifier. */
const SEARCHABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Code references to `names` outside the migration files and generated schema dumps: one `git grep -n -w` (or a
 * plain scan without git). Keys of the result are the names in lower case.
 */
export async function searchReferences(root: string, names: readonly string[], exclude: (path: string) => boolean, run: WorkspaceGit = gitIn(root)): Promise<Map<string, CodeReference[]> | undefined> {
  const result = new Map<string, CodeReference[]>();
  const unique = [...new Set(names.filter((n) => SEARCHABLE_NAME.test(n)))];
  for (const n of unique) result.set(n.toLowerCase(), []);
  if (unique.length === 0) return result;
  const out = await run(['grep', '-n', '-w', '--column', '-I', '--untracked', '--no-color', '--no-textconv', ...unique.flatMap((n) => ['-e', n]), '--', '.']);
  if (out === null) return undefined;
  const patterns = unique.map((n) => ({ key: n.toLowerCase(), re: new RegExp(`(?<![A-Za-z0-9_])${n}(?![A-Za-z0-9_])`, 'g') }));
  for (const line of out.split('\n')) {
    const m = /^(.*?):(\d+):(\d+):(.*)$/.exec(line);
    if (!m) continue;
    const [, file, lineNo, , text] = m;
    if (exclude(file!)) continue;
    for (const p of patterns) {
      p.re.lastIndex = 0;
      for (let hit = p.re.exec(text!); hit; hit = p.re.exec(text!)) {
        result.get(p.key)!.push({ name: p.key, file: file!, line: Number(lineNo), column: hit.index + 1, text: text! });
      }
    }
  }
  return result;
}

const SEMVER_TAG = /^(?:.*?[@/-])?v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$/;

export interface ReleaseMap {
  /** Release of each commit that is in some semver tag; commits absent here are unreleased. */
  readonly tagOf: (commit: string) => string | null;
  readonly tags: readonly string[];
}

/** Semver tags in version order, and for each commit the first (lowest) tag that contains it. */
export async function loadReleaseMap(root: string, run: WorkspaceGit = gitIn(root)): Promise<ReleaseMap | undefined> {
  const out = await run(['tag', '--list']);
  if (out === null) return undefined;
  // Imported here: a check outside git (or with no tags to sort) never needs it, and it costs every start.
  const { default: semver } = await import('semver');
  const tags = out
    .split('\n')
    .map((t) => t.trim())
    .filter((t) => SEMVER_TAG.test(t) && semver.valid(SEMVER_TAG.exec(t)![1]!))
    .sort((a, b) => semver.compare(SEMVER_TAG.exec(a)![1]!, SEMVER_TAG.exec(b)![1]!));
  const first = new Map<string, string>();
  if (tags.length === 0) return { tagOf: () => null, tags };
  // Two git calls whatever the number of tags (one `rev-list tag ^each-lower-tag` per tag was quadratic: 10,000
  // tags never finished). Walking the tags in version order and stopping at commits a lower tag already claimed
  // gives each commit the lowest tag containing it, as that did.
  const [refs, graph] = await Promise.all([
    run(['for-each-ref', '--format=%(refname)%00%(objectname)%00%(*objectname)', 'refs/tags']),
    run(['rev-list', '--parents', '--tags']),
  ]);
  if (refs === null || graph === null) return { tagOf: () => null, tags };
  const commitOfTag = new Map<string, string>();
  for (const line of refs.split('\n')) {
    const [ref = '', object = '', peeled = ''] = line.split('\0');
    commitOfTag.set(ref.replace(/^refs\/tags\//, ''), peeled !== '' ? peeled : object);
  }
  const parents = new Map<string, string[]>();
  for (const line of graph.split('\n')) {
    const [commit, ...rest] = line.split(' ');
    if (commit) parents.set(commit, rest);
  }
  for (const tag of tags) {
    const start = commitOfTag.get(tag);
    const stack = start !== undefined && parents.has(start) ? [start] : [];
    while (stack.length > 0) {
      const commit = stack.pop()!;
      if (first.has(commit)) continue;
      first.set(commit, tag);
      for (const parent of parents.get(commit) ?? []) if (!first.has(parent)) stack.push(parent);
    }
  }
  return { tagOf: (commit) => first.get(commit) ?? null, tags };
}

/** The oldest commit that added each path (`--no-renames`: a rename is an add), searching from `from` back. */
async function oldestAdds(root: string, paths: readonly string[], from?: string): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  const wanted = new Set(paths);
  const out = await git(root, ['log', ...NO_DIFF_PROGRAMS, ...(from ? [from] : []), '--diff-filter=A', '--format=%x00%H', '--name-only', '--no-renames', '--', ...paths]);
  if (out === null) return result;
  for (const chunk of out.split('\0').filter(Boolean)) {
    const [hash, ...files] = chunk.split('\n').map((s) => s.trim()).filter(Boolean);
    // git log is newest first: the last assignment is the oldest (first) addition.
    for (const f of files) if (wanted.has(f)) result.set(f, hash!);
  }
  return result;
}

/** How deep a chain of moves is followed, and how many moving commits are looked at per step. */
const RENAME_DEPTH = 5;
const RENAME_COMMITS = 20;

/**
 * The commit that added each path (null while uncommitted), following renames: where a project moved its migrations
 * folder, the add is the one before the move, or every file would seem first released with the move. One `git log`
 * for the adds, then per step one for the renames among the adding commits and one per moving commit for the adds
 * of the old paths before it.
 */
export async function addingCommits(root: string, paths: readonly string[]): Promise<Map<string, string | null>> {
  const result = new Map<string, string | null>(paths.map((p) => [p, null]));
  if (paths.length === 0) return result;
  for (const [path, hash] of await oldestAdds(root, paths)) result.set(path, hash);
  // Each path of the workspace → its name at the adding commit found so far.
  let current = new Map<string, string>(paths.filter((p) => result.get(p) !== null).map((p) => [p, p]));
  for (let depth = 0; depth < RENAME_DEPTH && current.size > 0; depth++) {
    const commits = [...new Set([...current.keys()].map((p) => result.get(p)!))].slice(0, RENAME_COMMITS);
    const out = await git(root, ['log', ...NO_DIFF_PROGRAMS, '--no-walk=unsorted', '--find-renames', '--diff-filter=R', '--name-status', '--format=%x00%H', ...commits]);
    if (out === null) break;
    const renamed = new Map<string, Map<string, string>>();
    for (const chunk of out.split('\0').filter(Boolean)) {
      const [hash, ...lines] = chunk.split('\n').filter(Boolean);
      const moves = new Map<string, string>();
      for (const line of lines) {
        const [status = '', from = '', to = ''] = line.split('\t');
        if (status.startsWith('R') && from && to) moves.set(to, from);
      }
      if (hash) renamed.set(hash.trim(), moves);
    }
    const byCommit = new Map<string, Array<{ path: string; old: string }>>();
    for (const [path, name] of current) {
      const commit = result.get(path)!;
      const old = renamed.get(commit)?.get(name);
      if (old) byCommit.set(commit, [...(byCommit.get(commit) ?? []), { path, old }]);
    }
    const next = new Map<string, string>();
    for (const [commit, moved] of byCommit) {
      const before = await oldestAdds(root, moved.map((m) => m.old), `${commit}^`);
      for (const { path, old } of moved) {
        const hash = before.get(old);
        if (hash) {
          result.set(path, hash);
          next.set(path, old);
        }
      }
    }
    current = next;
  }
  return result;
}

/**
 * The last commit (outside migrations) that changed how often each name occurs: when the code stopped using it.
 * `range` (e.g. `v1.1.0..HEAD`, the release the drop ships in) bounds the history searched; without it, all history.
 */
export async function lastCodeChanges(root: string, names: readonly string[], migrationDirs: readonly string[], releases: ReleaseMap, range?: string): Promise<Map<string, { commit: string; tag: string | null; file?: string }>> {
  const result = new Map<string, { commit: string; tag: string | null; file?: string }>();
  const excludes = [...new Set(migrationDirs)].map((d) => `:(exclude)${d === '' ? '*.sql' : `${d}/**`}`);
  for (const name of [...new Set(names)].slice(0, 50)) {
    if (!SEARCHABLE_NAME.test(name)) continue;
    // Every spelling the code may use (EF Core's entity property Email for the column email).
    const spellings = referenceSpellings(name);
    const pattern = spellings.length === 1 ? name : `(${spellings.join('|')})`;
    const out = await git(root, ['log', ...NO_DIFF_PROGRAMS, '-1', '--format=%H', '--name-only', '--pickaxe-regex', `-S\\b${pattern}\\b`, ...(range ? [range] : []), '--', '.', ...excludes]);
    const [commit, file] = (out ?? '').split('\n').map((s) => s.trim()).filter(Boolean);
    if (commit) result.set(name.toLowerCase(), { commit, tag: releases.tagOf(commit), ...(file ? { file } : {}) });
  }
  return result;
}

export interface MigrationCheckRequest {
  readonly root: string;
  readonly paths?: readonly string[];
  readonly dialect?: SqlDialect;
  readonly globs?: readonly string[];
  /** Rules turned off or re-levelled (`.release-hygiene.yaml` migrations.rules). */
  readonly rules?: LintContext['rules'];
}

export interface MigrationCheck {
  readonly files: readonly MigrationFile[];
  readonly result: MigrationLintResult;
  readonly dialect: SqlDialect;
  readonly dialectSource: 'option' | 'configuration' | 'detected';
  readonly gitAvailable: boolean;
}

/** The names searchReferences looks for: every spelling of each dropped column, then of each dropped table. Exported for tests. */
export function droppedNames(operationsByPath: ReadonlyMap<string, readonly MigrationOperation[]>): string[] {
  const columns = new Set<string>();
  const tables = new Set<string>();
  for (const ops of operationsByPath.values()) {
    for (const o of ops) {
      if (o.kind === 'drop-column' && o.column) for (const spelling of referenceSpellings(o.column)) columns.add(spelling);
      if (o.kind === 'drop-table') for (const spelling of referenceSpellings(o.table)) tables.add(spelling);
    }
  }
  return [...columns, ...tables];
}

/**
 * searchReferences(root, droppedNames(…), …) outside a work tree, where its `git grep` fails whatever it asks:
 * undefined (not searched) as soon as one spelling is a name it would search, else its empty map. Settled at the
 * first such spelling, without the spellings of every drop, their lower-cased keys and the `-e` arguments it
 * builds first (6,000 names for 1,000 files of two drops each). Exported for test/unit/node/migrationsNoGit.test.ts,
 * which holds it to searchReferences with a failing git.
 */
export function referencesOutsideGit(operationsByPath: ReadonlyMap<string, readonly MigrationOperation[]>): Map<string, CodeReference[]> | undefined {
  const searchable = (name: string): boolean => referenceSpellings(name).some((spelling) => SEARCHABLE_NAME.test(spelling));
  for (const ops of operationsByPath.values()) {
    for (const o of ops) {
      if (o.kind === 'drop-column' && o.column && searchable(o.column)) return undefined;
      if (o.kind === 'drop-table' && searchable(o.table)) return undefined;
    }
  }
  return new Map();
}

/** The whole workspace check: files, dialect, references, releases, then the pure lint. */
export async function checkMigrations(request: MigrationCheckRequest): Promise<MigrationCheck> {
  const root = request.root;
  const { run, repository } = await workspaceGit(root);
  const workspace = await listWorkspaceFiles(root, run);
  const configured = request.dialect ?? null;
  const fromConfig = configured ? null : await detectProjectDialect(root, workspace);
  const found = await findMigrationFiles(root, { workspace, ...(request.paths ? { paths: request.paths } : {}), ...(request.globs ? { globs: request.globs } : {}) });
  const dialect: SqlDialect = configured ?? fromConfig ?? 'postgres';
  // A literal, not { ...f, dialect } (see findMigrationFiles): the same keys in the same order, one map for all.
  const files = configured || fromConfig ? found.files.map((f): MigrationFile => ({ path: f.path, framework: f.framework, text: f.text, orderKey: f.orderKey, dialect })) : found.files;
  // First pass, the operations alone: which columns and tables are dropped. The PostgreSQL parser (WebAssembly) is
  // loaded only when a statement needs it: the commonest statements are read without it (fastPostgres.ts), and
  // the analyses made before it loaded are not kept, so the pass runs again with it.
  const misses = postgresParserMisses();
  let operationsByPath = migrationOperations(files, { dialect });
  if (postgresParserMisses() !== misses) {
    await loadSqlParsers();
    operationsByPath = migrationOperations(files, { dialect });
  }
  const migrationPaths = new Set(files.map((f) => f.path));
  const migrationDirs = [...new Set(files.map((f) => (f.framework === 'prisma' ? f.path.split('/').slice(0, -2) : f.path.split('/').slice(0, -1)).join('/')))];
  const exclude = (path: string): boolean =>
    migrationPaths.has(path) || migrationDirs.some((d) => d !== '' && path.startsWith(`${d}/`)) || /(^|\/)(db\/schema\.rb|db\/structure\.sql|schema\.sql)$/.test(path) || /(^|\/)(node_modules|dist|build)\//.test(path);
  const references = repository ? await searchReferences(root, droppedNames(operationsByPath), exclude, run) : referencesOutsideGit(operationsByPath);
  const releaseMap = await loadReleaseMap(root, run);
  let releases: Map<string, ReleaseInfo> | undefined;
  let codeChanges: LintContext['codeChanges'];
  if (releaseMap) {
    const adding = await addingCommits(root, files.map((f) => f.path));
    releases = new Map([...adding].map(([path, commit]) => [path, { commit, tag: commit ? releaseMap.tagOf(commit) : null }]));
    // Search only the history of the release each drop ships in (previous tag..its tag, or last tag..HEAD):
    // a change there is "in the same release"; older history cannot be, and -S over all of it is slow.
    const byRange = new Map<string, string[]>();
    for (const [path, ops] of operationsByPath) {
      const tag = releases.get(path)?.tag ?? null;
      const index = tag === null ? releaseMap.tags.length : releaseMap.tags.indexOf(tag);
      const previous = index > 0 ? releaseMap.tags[index - 1] : undefined;
      const range = `${previous ? `${previous}..` : ''}${tag ?? 'HEAD'}`;
      for (const o of ops) if (o.kind === 'drop-column' && o.column) byRange.set(range, [...(byRange.get(range) ?? []), o.column]);
    }
    const changes = new Map<string, { commit: string; tag: string | null; file?: string }>();
    for (const [range, names] of byRange) for (const [name, change] of await lastCodeChanges(root, names, migrationDirs, releaseMap, range)) changes.set(name, change);
    codeChanges = changes;
  }
  const modelFiles = await readSome(root, workspace.filter((f) => /(^|\/)app\/models\/.*\.rb$/.test(f)).slice(0, 2000));
  const railsDrops = files.some((f) => f.framework === 'rails' && (operationsByPath.get(f.path) ?? []).some((o) => o.kind === 'drop-column'));
  const modelHistory = releaseMap && railsDrops && modelFiles.length > 0 ? await ignoredColumnsHistory(root, releaseMap) : undefined;
  const schemaFiles = await readSome(root, workspace.filter((f) => /\.prisma$/.test(f)).slice(0, 20));
  const context: LintContext = {
    dialect,
    ...(request.rules ? { rules: request.rules } : {}),
    ...(references ? { references } : {}),
    ...(releases ? { releases } : {}),
    ...(codeChanges ? { codeChanges } : {}),
    modelFiles,
    ...(modelHistory ? { modelHistory } : {}),
    schemaFiles,
  };
  const result = lintMigrations(files, context);
  const megabytes = MAX_MIGRATION_BYTES / 1024 / 1024;
  const tooLarge = found.tooLarge.map((file) => ({ file, start: 0, end: 0, reason: `larger than ${megabytes} MB: not read` }));
  return {
    files,
    result: { ...result, notAnalysed: [...tooLarge, ...result.notAnalysed] },
    dialect,
    dialectSource: configured ? 'option' : fromConfig ? 'configuration' : 'detected',
    gitAvailable: releaseMap !== undefined,
  };
}

/** At most this many model versions are read from the history (one `git show` each). */
const MAX_MODEL_VERSIONS = 200;

/**
 * The versions of Rails models that commits changing an ignored_columns line left (newest first), with their
 * release: the drop's own commit usually removes the line, so the current model no longer shows the marker.
 */
export async function ignoredColumnsHistory(root: string, releases: ReleaseMap, run: WorkspaceGit = gitIn(root)): Promise<LintContext['modelHistory']> {
  const out = await run(['log', ...NO_DIFF_PROGRAMS, '--format=%x00%H', '--name-only', '--no-renames', '-G', 'ignored*_column', '--', 'app/models/*.rb', '*/app/models/*.rb']);
  if (out === null) return [];
  const versions: Array<{ path: string; commit: string }> = [];
  for (const chunk of out.split('\0').filter(Boolean)) {
    const [commit, ...paths] = chunk.split('\n').map((s) => s.trim()).filter(Boolean);
    for (const path of paths) if (commit && versions.length < MAX_MODEL_VERSIONS) versions.push({ path, commit });
  }
  const history: Array<{ path: string; text: string; commit: string; tag: string | null }> = [];
  for (const v of versions) {
    // A commit that deleted the model has no version of it: skipped.
    const text = await run(['show', `${v.commit}:${v.path}`]);
    if (text !== null) history.push({ ...v, text, tag: releases.tagOf(v.commit) });
  }
  return history;
}

async function readSome(root: string, paths: readonly string[]): Promise<Array<{ path: string; text: string }>> {
  const out: Array<{ path: string; text: string }> = [];
  for (const path of paths) {
    try {
      out.push({ path, text: await readFile(join(root, path), 'utf8') });
    } catch {
      // unreadable: skipped
    }
  }
  return out;
}
