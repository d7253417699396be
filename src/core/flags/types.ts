// The feature-flag engine's public types: what the CLI prints and the editor (code lenses, the Feature Flags
// view, diagnostics, hovers) renders. Pure data, JSON-serialisable (no functions, no Dates, no Maps).
//
// ─── API (issue 4) ───────────────────────────────────────────────────────────────────────────────────────────
// Pure, from `src/core/flags` (index.ts):
//   languageOf(path: string): FlagLanguage | undefined
//       The lexer family for a file name (.ts/.tsx/.js/.jsx/.mjs/.cjs/.mts/.cts → 'js', .py → 'python',
//       .go → 'go', .java/.kt → 'java'); undefined: not scanned.
//   scanSource(text: string, options: ScanSourceOptions): SourceScan
//       One file: call sites (offsets into `text`), constant/enum definitions for the workspace index,
//       inline annotations, fallback findings. Never throws. < 2 ms for a typical file (the incremental path).
//   buildConstantIndex(scans: Iterable<{ file: string; definitions: readonly ConstantDefinition[] }>): ConstantIndex
//       Pass 1 of the two-pass resolve: `export const FLAGS = { A: 'a' }`, `enum Flags { A = 'a' }`, … → map.
//   resolveCallSites(scan: SourceScan, index: ConstantIndex): SourceScan
//       Pass 2: call sites whose key is `FLAGS.A` / `Flags.A` (left in `scan.unresolved`) get their key.
//   parseFlagRegistry(text: string, format: 'yaml' | 'json'): RegistryParse
//       `.release-hygiene/flags.yaml` / `flags.json` (docs/flags.md). Bad entries → `errors`, never throws.
//   evaluateFlags(input: EvaluateFlagsInput): FlagInfo[]
//       Groups call sites by key, applies ages, registry, annotations, Unleash metadata and the policy;
//       sorted most stale first (status rank, then age descending, then key).
//   flagFindings(scan: SourceScan, flags: ReadonlyMap<string, FlagInfo>): Finding[]
//       Findings for one file: `flags/expired` (warning), `flags/stale` (error; the editor may downgrade),
//       `flags/no-fallback` (information), `flags/ready-to-remove` (information hint). Offsets = key literal.
//   resolvePolicy(partial?: Partial<FlagPolicyOptions>): FlagPolicy      (defaults: DEFAULT_FLAG_POLICY)
//   formatAge(days: number): string, daysBetween(fromIso: string, toIso: string): number
//   explainFlag(flag: FlagInfo): string           (where the age and expiry came from, for hovers / CLI text)
//   camelCaseKey(key: string): string             (LaunchDarkly React's camelCase of a key)
//   callNames(patterns?): string[]                (every call name, for prefilters)
//   BUILTIN_FLAG_PATTERNS: readonly FlagCallPattern[]                      (the SDK presets)
//
// Node, from `src/node/flags` (index.ts); every function resolves (never rejects) unless noted:
//   listFlagSourceFiles(root: string, options?: ListFilesOptions): Promise<string[]>
//       `git ls-files -co --exclude-standard` (one call) or a directory walk; never node_modules; extra excludes.
//   scanWorkspaceFlags(root: string, options?: WorkspaceScanOptions): Promise<WorkspaceFlagScan>
//       Lists, reads (skips binary / minified / > 1 MB), scans and resolves every file. Cancellable (signal).
//   rescanFlagFile(scan: WorkspaceFlagScan, file: string, text: string | undefined): WorkspaceFlagScan
//       Incremental: replaces one file's FileFlagScan (undefined text = deleted); pure and synchronous.
//   computeFlagAges(root: string, options: FlagAgeOptions): Promise<FlagAgeResult>
//       First introduction of each key at a call site, reading only the history that can date the keys (none
//       for no keys); cached by HEAD with the tokens covered (memory + `<storageDir>/flag-ages.json`).
//       Cancellable (signal → result.ok false, 'cancelled').
//   loadFlagRegistry(root: string): Promise<RegistryParse & { file?: string }>
//   clearFlagAgeCache(): void; makeExcluder(globs): (file) => boolean; readSourceFile(path): {text} | {skipped}
//   fetchUnleashFlags(options: UnleashFetchOptions): Promise<UnleashFetchResult>
//       Optional Admin API client (GET /api/admin/features); timeout; never logs the token.
//   analyzeWorkspaceFlags(root: string, options?: AnalyzeFlagsOptions): Promise<FlagReportResult>
//       All of the above for the CLI (and a one-shot for the editor): scan + registry + ages + evaluate.
// ──────────────────────────────────────────────────────────────────────────────────────────────────────────────

/** The lexer family a file is scanned with. TS/JS/JSX/TSX share 'js'; Kotlin is scanned as 'java'. */
export type FlagLanguage = 'js' | 'python' | 'go' | 'java';

/** Which SDK a call shape belongs to; 'custom' for user-defined patterns. */
export type FlagProvider =
  | 'unleash'
  | 'launchdarkly'
  | 'openfeature'
  | 'flagsmith'
  | 'growthbook'
  | 'posthog'
  | 'configcat'
  | 'statsig'
  | 'split'
  | 'custom';

/** How the key argument was written. */
export type KeyExpressionKind = 'literal' | 'constant' | 'enum-member';

/**
 * A call shape: a function or method name and which argument holds the key. User-defined patterns use the same
 * shape (setting `releaseHygiene.flags.patterns`: `[{ "name": "isOn", "keyArgument": 0 }]`).
 */
export interface FlagCallPattern {
  /** The callee's last identifier (`variation` matches `client.variation(` and `variation(`). */
  readonly name: string;
  /** 0-based index of the key argument. Default 0. */
  readonly keyArgument?: number;
  /** Only match as a method call (`x.name(`), never a bare function call. Default false. */
  readonly methodOnly?: boolean;
  /** Only method calls on a receiver whose name contains one of these (case-insensitive), e.g. `['gb']`. */
  readonly receivers?: readonly string[];
  /** Restrict to these languages; default all. */
  readonly languages?: readonly FlagLanguage[];
  /** Default 'custom'. */
  readonly provider?: FlagProvider;
  /**
   * Number of arguments the call needs to carry a fallback/default value (LaunchDarkly server `variation(key,
   * ctx, default)` → 3). Fewer arguments → `hasFallback: false` and a `flags/no-fallback` finding. Omitted: the
   * SDK takes no fallback (`hasFallback: null`).
   */
  readonly fallbackArgument?: number;
}

/** One evaluation of a flag in source code. Offsets are UTF-16 offsets into the scanned text. */
export interface FlagCallSite {
  readonly key: string;
  readonly provider: FlagProvider;
  /** The callee as written, e.g. `ldClient.boolVariation`, `useFlags` (destructured), `unleash.isEnabled`. */
  readonly sdkCall: string;
  /** Path relative to the repository root, `/`-separated (set by the workspace scan; absent for a bare text). */
  readonly file?: string;
  /** Offsets of the key expression: the string literal (quotes included), the constant or `FLAGS.A`. */
  readonly start: number;
  readonly end: number;
  /** 1-based line and column (UTF-16 code units) of `start`. */
  readonly line: number;
  readonly column: number;
  readonly keyExpression: KeyExpressionKind;
  /**
   * What the key is read through: the identifier when keyExpression is not 'literal' (`FLAG_CHECKOUT`,
   * `Flags.Checkout`, `FLAGS.search.legacy`; `FLAGS['a-b']` is `FLAGS.a-b`), or a camelCased `useFlags()` property.
   */
  readonly keyReference?: string;
  /** true: a default/fallback is passed; false: the SDK takes one and none is passed; null: not applicable. */
  readonly hasFallback: boolean | null;
  /** A LaunchDarkly `useFlags()` property (camelCased key): evaluateFlags maps it to the kebab key it aliases. */
  readonly camelCase?: true;
  /** Offsets of the enclosing `if (` … `)` condition branch, used by the "ready to remove" hint; absent when none. */
  readonly branch?: { readonly start: number; readonly end: number };
}

/** A call site whose key is an identifier not resolvable in its own file (pass 2 resolves it via ConstantIndex). */
export interface UnresolvedCallSite extends Omit<FlagCallSite, 'key'> {
  readonly keyReference: string;
}

/** `export const FLAGS = { A: 'a' }` → { name: 'FLAGS', members: { A: 'a' } }; `const X = 'x'` → { name: 'X', value }. */
export interface ConstantDefinition {
  readonly name: string;
  /** A plain string constant. */
  readonly value?: string;
  /** Members of an object literal or enum (string values only). */
  readonly members?: Readonly<Record<string, string>>;
  readonly kind: 'constant' | 'object' | 'enum';
}

/** Workspace-wide definitions by qualified name (`FLAGS.A`, `Flags.A`, `X`). Ambiguous names map to undefined. */
export interface ConstantIndex {
  readonly values: ReadonlyMap<string, string | undefined>;
}

/** `// flag: expires 2026-03-01`, `# flag: permanent`: applies to the call sites on the same or next line. */
export interface FlagAnnotation {
  readonly kind: 'expires' | 'permanent' | 'owner' | 'type';
  /** ISO date for 'expires'; owner / type name otherwise. */
  readonly value?: string;
  /** 1-based line of the comment. */
  readonly line: number;
  /** Key the annotation applies to (resolved from the call site on that or the next line); absent: none found. */
  readonly key?: string;
}

export interface ScanSourceOptions {
  readonly language: FlagLanguage;
  readonly file?: string;
  /** Extra call shapes (user-defined); appended to BUILTIN_FLAG_PATTERNS unless `builtins` is false. */
  readonly patterns?: readonly FlagCallPattern[];
  readonly builtins?: boolean;
  /** Workspace constants for pass 2; omitted: only same-file constants resolve. */
  readonly constants?: ConstantIndex;
}

export interface SourceScan {
  readonly language: FlagLanguage;
  readonly file?: string;
  readonly callSites: readonly FlagCallSite[];
  readonly unresolved: readonly UnresolvedCallSite[];
  readonly definitions: readonly ConstantDefinition[];
  readonly annotations: readonly FlagAnnotation[];
}

// ─── Ages, registry, policy ────────────────────────────────────────────────────────────────────────────────────

/** When and by whom a key first appeared at a call site in history. */
export interface FlagAge {
  /** ISO 8601 author date of the introducing commit. */
  readonly introducedAt: string;
  /** Author name of the introducing commit. */
  readonly introducedBy: string;
  /** Full hash of the introducing commit. */
  readonly commit: string;
  /** Where it was introduced (repository-relative), when known. */
  readonly file?: string;
}

/** Unleash's flag types (and any other provider's type names, kept verbatim). */
export type FlagType = 'release' | 'experiment' | 'operational' | 'kill-switch' | 'permission' | (string & {});

/** One entry of `.release-hygiene/flags.yaml|json`. Every field but key is optional. */
export interface FlagRegistryEntry {
  readonly key: string;
  readonly owner?: string;
  readonly type?: FlagType;
  /** ISO date: overrides the git age. */
  readonly created?: string;
  /** ISO date: overrides the policy's expiry. */
  readonly expires?: string;
  readonly permanent?: boolean;
  readonly description?: string;
}

export interface RegistryParse {
  readonly entries: readonly FlagRegistryEntry[];
  /** One human sentence per rejected entry or field. */
  readonly errors: readonly string[];
}

/** Metadata from a provider's server (Unleash Admin API). */
export interface RemoteFlagInfo {
  readonly key: string;
  readonly type?: FlagType;
  readonly createdAt?: string;
  /** Unleash's manual `stale` mark. */
  readonly stale?: boolean;
  readonly lastSeenAt?: string | null;
}

export interface FlagPolicyOptions {
  /** Days after introduction when a flag is "expired" (warning). Default 30. */
  readonly expireDays: number;
  /** Days after introduction when a flag is "stale" (error in CI). Default 60. */
  readonly staleDays: number;
  /**
   * Expected lifetime per flag type, in days; null = permanent. Default Unleash's: release 40, experiment 40,
   * operational 7, kill-switch null, permission null. A known type's lifetime replaces expireDays, and the stale
   * limit becomes lifetime + (staleDays - expireDays).
   */
  readonly typeLifetimes: Readonly<Record<string, number | null>>;
  /** Registry entries (override everything but inline annotations). */
  readonly registry: readonly FlagRegistryEntry[];
}

export type FlagPolicy = FlagPolicyOptions;

/** ok < expired (past expiry: warning) < stale (past the stale limit: error in CI); permanent never expires. */
export type FlagStatus = 'ok' | 'expired' | 'stale' | 'permanent';

/** Where a status came from, for hovers ("expires 2026-03-01 (registry)"). */
export type FlagExpirySource = 'policy' | 'type' | 'registry' | 'annotation' | 'remote';

export interface FlagReference {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly start: number;
  readonly end: number;
  readonly sdkCall: string;
}

export interface FlagInfo {
  readonly key: string;
  /** The provider of the first call site (most flags have one). */
  readonly provider: FlagProvider;
  readonly references: readonly FlagReference[];
  /** From the registry / remote / history, in that order; null when unknown (uncommitted, no git). */
  readonly introducedAt: string | null;
  readonly introducedBy: string | null;
  readonly commit: string | null;
  /** Whole days since introducedAt (floor); null when unknown. */
  readonly ageDays: number | null;
  readonly status: FlagStatus;
  /** ISO date (YYYY-MM-DD) the flag expires / becomes stale; null when permanent or unknown age. */
  readonly expiresAt: string | null;
  readonly staleAt: string | null;
  readonly expirySource: FlagExpirySource;
  readonly type?: FlagType;
  readonly owner?: string;
  /** "looks ready to remove" hints: referenced in one place; every reference in one branch of one condition. */
  readonly hints: readonly string[];
  /** Unleash's manual stale mark or lastSeenAt, when fetched. */
  readonly remote?: RemoteFlagInfo;
}

export interface EvaluateFlagsInput {
  readonly callSites: readonly FlagCallSite[];
  readonly annotations?: readonly FlagAnnotation[];
  readonly ages: Readonly<Record<string, FlagAge>>;
  readonly policy: FlagPolicy;
  readonly remote?: readonly RemoteFlagInfo[];
  /** ISO timestamp "now" (tests pass a fixed one). */
  readonly now: string;
}

// ─── Workspace scan (src/node/flags) ───────────────────────────────────────────────────────────────────────────

/** One file's scan in a workspace scan. */
export interface FileFlagScan extends SourceScan {
  readonly file: string;
}

export interface SkippedFile {
  readonly file: string;
  readonly reason: 'binary' | 'minified' | 'too-large' | 'unreadable';
}

/** The result of scanning a workspace. Files are repository-relative, `/`-separated. */
export interface WorkspaceFlagScan {
  readonly root: string;
  /** Scans by file, only files with call sites, definitions or annotations. */
  readonly files: Readonly<Record<string, FileFlagScan>>;
  readonly constants: ConstantIndex;
  readonly filesScanned: number;
  readonly skipped: readonly SkippedFile[];
  /** Custom patterns the scan used (rescans use the same). */
  readonly patterns: readonly FlagCallPattern[];
}

/** What `release-hygiene flags --format json` prints (issue 4 §4). */
export interface FlagsJsonReport {
  readonly flags: ReadonlyArray<{
    readonly key: string;
    readonly provider: FlagProvider;
    readonly references: ReadonlyArray<{ readonly file: string; readonly line: number; readonly column: number }>;
    readonly introducedAt: string | null;
    readonly introducedBy: string | null;
    readonly ageDays: number | null;
    readonly status: FlagStatus;
    readonly expiresAt: string | null;
  }>;
}
