// Options and results of the Node side of the flag engine (workspace scan, history ages, Unleash client).
import type { EarlyHistory } from './ages';
import type {
  FlagAge,
  FlagCallPattern,
  FlagInfo,
  FlagPolicyOptions,
  RegistryParse,
  RemoteFlagInfo,
  WorkspaceFlagScan,
} from '../../core/flags/types';

export interface ListFilesOptions {
  /** Extra glob excludes (VS Code `files.exclude` / `search.exclude` keys whose value is true). */
  readonly exclude?: readonly string[];
  readonly signal?: AbortSignal;
}

export interface WorkspaceScanOptions extends ListFilesOptions {
  /** User-defined call shapes (setting `releaseHygiene.flags.patterns`). */
  readonly patterns?: readonly FlagCallPattern[];
  /** Skip files larger than this many bytes. Default 1 MiB. */
  readonly maxFileBytes?: number;
  /** Treat a file as minified when a line is longer than this. Default 2000 characters. */
  readonly maxLineLength?: number;
  /**
   * Keep the bytes read (within the scan's 128 MiB budget) for the history pass: `takeWorkTreeSnapshot(scan)`
   * hands them over once. Off by default: a long-lived caller (the extension) should not hold them.
   */
  readonly keepWorkTreeBytes?: boolean;
  /**
   * Called once, as soon as the search names a first file that may hold a flag call: the history pass will likely
   * run, and its git processes that do not depend on the scan can start (issue #16). Never called without git.
   * `analyzeWorkspaceFlags` calls it once per scan it runs (two when the root it guessed is not git's).
   */
  readonly onCallNameFound?: () => void;
  /** The search's worker thread for large workspaces (the CLI's; without it, or when it fails, all on this thread). */
  readonly searchWorker?: SearchWorkerOption;
}

/**
 * A worker thread that searches beside this one once the listing holds `minFiles` source files (issue #16: below
 * that, its start costs more than it gives back).
 */
export interface SearchWorkerOption {
  /** The worker's entry: dist/flagsSearchWorker.js (tests: the sources through tsx). */
  readonly script: string | URL;
  readonly minFiles: number;
  /**
   * Tests: this thread leaves the search to the worker while it runs (it still lexes), so that every file goes
   * through it; without it both take files from the same queue and the worker's share depends on timing.
   */
  readonly only?: boolean;
  /** Called just before the worker starts, and once it runs (its first answer) or failed (the CLI's V8 flags). */
  readonly starting?: () => void;
  readonly started?: () => void;
}

/** One work-tree file as the scan read it (lexed, or skipped as minified: read, not lexed). */
export interface WorkTreeFile {
  readonly bytes: Buffer;
  /** The scan's prefilter (a call name followed by `(`, on the latin1 view) matched. */
  readonly prefilterMatched: boolean;
}

/** The work-tree files a scan read (repository-relative `/` paths) and the call names its prefilter used. */
export interface WorkTreeSnapshot {
  readonly names: readonly string[];
  readonly files: ReadonlyMap<string, WorkTreeFile>;
  /**
   * Files the scan did not read because its search found no call in them (`git grep`'s rules,
   * `callNameGrepPattern`: a superset of the history's call test), by the blob id of their index entry: entries unchanged in the work tree
   * (`git diff-files`), neither assume-unchanged nor skip-worktree, without a `filter` or `working-tree-encoding`
   * attribute. Their blob is the file up to end-of-line and `$Id$` conversions, which neither add nor remove a
   * call: it has none either.
   * Asked for only when the history pass runs (three git processes: a repository without flags needs none).
   */
  readonly withoutCallName?: () => Promise<ReadonlyMap<string, string>>;
  /**
   * The listed source files without a `diff` attribute (git diffs them by their bytes), from the same
   * `check-attr`, and not above core.bigFileThreshold (git's diff calls those binary); without it (or undefined),
   * step 3 reads every diff from git.
   */
  readonly plainDiff?: () => Promise<ReadonlySet<string> | undefined>;
  /** Ends the git processes `withoutCallName` started early, when no history pass will ask (harmless after). */
  readonly stop?: () => void;
}

export interface FlagAgeOptions {
  /** Keys to date (the keys of a workspace scan). None: no history is read. */
  readonly keys: readonly string[];
  /**
   * Constant names (`FLAG_X`, `Flags.X` members) by key, so a call site that uses a constant is dated by the
   * commit that introduced the constant's definition or its first use, whichever is older.
   */
  readonly aliases?: Readonly<Record<string, readonly string[]>>;
  /** Custom call shapes: their names count as flag calls in history too (the built-ins always do). */
  readonly patterns?: readonly FlagCallPattern[];
  /** Folder for the on-disk cache (VS Code's storageUri / globalStorageUri); omitted: memory only. */
  readonly storageDir?: string;
  /**
   * Work-tree files just read by the scan (paths relative to `root`): a blob whose git id equals the id of a
   * file's bytes is tested here instead of being read with `git cat-file`.
   */
  readonly workTree?: WorkTreeSnapshot;
  /**
   * The pass's first git processes, started while the scan ran (`startHistoryEarly`); used when they read what
   * the pass would (the same root, the whole history up to the same HEAD), otherwise stopped.
   */
  readonly early?: EarlyHistory;
  readonly signal?: AbortSignal;
}

export type FlagAgeResult =
  | {
      readonly ok: true;
      /** Keys never seen in history (uncommitted) are absent. */
      readonly ages: Readonly<Record<string, FlagAge>>;
      readonly head: string | null;
      /** Served from the HEAD cache (memory or disk) without running git log. */
      readonly cached: boolean;
      /** Commits the history pass read. */
      readonly commitsRead: number;
    }
  | { readonly ok: false; readonly kind: 'cancelled' | 'not-a-repository' | 'git-failed'; readonly message: string };

export interface UnleashFetchOptions {
  /** Base URL of the Unleash server, e.g. `https://unleash.example.com` (with or without `/api`). */
  readonly url: string;
  /** Admin API token (from VS Code SecretStorage / an env var). Never logged, never put in messages. */
  readonly token: string;
  /** Restrict to a project (`/api/admin/projects/{project}/features`). */
  readonly project?: string;
  /** Default 5000 ms. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /** Injected for tests; default globalThis.fetch. */
  readonly fetch?: typeof fetch;
}

export type UnleashFetchResult =
  | { readonly ok: true; readonly flags: readonly RemoteFlagInfo[] }
  | { readonly ok: false; readonly message: string };

export interface AnalyzeFlagsOptions extends WorkspaceScanOptions {
  readonly policy?: Partial<Omit<FlagPolicyOptions, 'registry'>>;
  /**
   * The policy read at the root once it is known (the CLI's `.release-hygiene.yaml`), instead of `policy`. It may be
   * called more than once (with a root guessed before git answers, then git's): only the last call counts, so it
   * must have no effect besides its result.
   */
  readonly policyAt?: (root: string) => Promise<Partial<Omit<FlagPolicyOptions, 'registry'>>>;
  readonly storageDir?: string;
  /** Metadata fetched from Unleash beforehand (optional). */
  readonly remote?: readonly RemoteFlagInfo[];
  /** ISO "now"; default the current time. */
  readonly now?: string;
}

export interface FlagReport {
  /** Repository root (or the scanned folder when not in a repository). */
  readonly root: string;
  readonly scan: WorkspaceFlagScan;
  readonly flags: readonly FlagInfo[];
  readonly registry: RegistryParse & { readonly file?: string };
  /** Ages came from history (false: not a repository / git failed → ages unknown). */
  readonly history: boolean;
  readonly warnings: readonly string[];
}

export type FlagReportResult =
  | { readonly ok: true; readonly value: FlagReport }
  | { readonly ok: false; readonly kind: 'cancelled' | 'not-found' | 'failed'; readonly message: string };
