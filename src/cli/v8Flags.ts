import { setFlagsFromString } from 'node:v8';

/**
 * V8's tier-up settings for a short CLI run, per V8 line, with V8's own defaults to put back for a worker's start.
 * V8 11 (Node 20) has one budget for every tier; V8 12+ (Node 22, 24, 26) dropped `--interrupt-budget` (and
 * prints an error for it) and counts invocations per tier instead. The CLI's values are V8's defaults scaled by
 * the same factor, measured on each line (docs/benchmarks.md, issue #13); an unknown V8 keeps its defaults.
 */
export interface CliTiering {
  /** The CLI's flags. */
  readonly cli: readonly string[];
  /** V8's defaults for the same flags. */
  readonly defaults: readonly string[];
}

/** V8 11.3's tier-up budget and the CLI's, 16 times larger. */
const V8_11_DEFAULT_INTERRUPT_BUDGET = 67584;
const V8_11_CLI_INTERRUPT_BUDGET = 1048576;

/** V8 12–14's invocation counts per tier (`node --v8-options`, Node 22.23, 24.22 and 26.12). */
const INVOCATION_COUNT_DEFAULTS: Readonly<Record<number, Readonly<Record<string, number>>>> = {
  12: { maglev: 400, 'maglev-osr': 100, turbofan: 3000, osr: 800 },
  13: { maglev: 400, 'maglev-osr': 100, turbofan: 3000, osr: 500 },
  14: { maglev: 400, 'maglev-osr': 100, turbofan: 3000, osr: 500 },
};

/**
 * Ten times V8's counts: on Node 22 and 24, callgrind of a 1,000-file `migrations`, a full-history `changelog` and
 * `lint-message --jsonl` over 16,872 messages gave 2–21 % fewer instructions than V8's defaults, every row; thirty
 * times was better for some rows and worse for others (docs/benchmarks.md, "The Node lines users run").
 */
const INVOCATION_COUNT_FACTOR = 10;

/**
 * The commands that keep V8's defaults on V8 12+: `flags` on the 12,302-file checkout took 40–50 ms more wall time
 * with the counts raised (Node 22 and 24, 21 alternating rounds): its search runs in a worker thread from the
 * first files, where the optimising tiers pay at once.
 */
const DEFAULTS_KEPT_ON_V8_12 = new Set(['flags']);

/**
 * The CLI's tier-up flags for this V8 (`process.versions.v8`) and command (the first argument), or undefined to
 * keep V8's defaults.
 */
export function cliTieringFor(v8Version: string, command?: string): CliTiering | undefined {
  const major = /^(\d+)\./.exec(v8Version)?.[1];
  if (major === '11') {
    return { cli: [`--interrupt-budget=${V8_11_CLI_INTERRUPT_BUDGET}`], defaults: [`--interrupt-budget=${V8_11_DEFAULT_INTERRUPT_BUDGET}`] };
  }
  const counts = major === undefined ? undefined : INVOCATION_COUNT_DEFAULTS[Number(major)];
  if (counts === undefined || (command !== undefined && DEFAULTS_KEPT_ON_V8_12.has(command))) return undefined;
  const flags = (factor: number): string[] =>
    Object.entries(counts).map(([tier, count]) => `--invocation-count-for-${tier}=${Math.round(count * factor)}`);
  return { cli: flags(INVOCATION_COUNT_FACTOR), defaults: flags(1) };
}

/** Set by `setCliTiering` on the global object: the command bundles are other modules than main.ts's. */
const TIERING_SET = Symbol.for('release-hygiene.cliTiering');

/** One call: V8 parses a list of flags separated by spaces. */
function setFlags(flags: readonly string[]): void {
  setFlagsFromString(flags.join(' '));
}

/** Sets the CLI's tier-up flags (main.ts only) and leaves them for the command bundles (`workerStartFlags`). */
export function setCliTiering(tiering: CliTiering): void {
  setFlags(tiering.cli);
  (globalThis as Record<symbol, unknown>)[TIERING_SET] = tiering;
}

/**
 * A worker thread bootstraps Node's own modules from code caches made under V8's default flags; with the CLI's
 * flags set, V8 rejects them all and the worker compiles ~40 modules from source (issue #16: ready after 60–110 ms
 * instead of 35–45 ms, and as much more CPU). `starting` puts V8's defaults back just before a worker starts,
 * `started` the CLI's flags once it runs; undefined when the CLI set none (then nothing is to be done).
 */
export function workerStartFlags(): { readonly starting: () => void; readonly started: () => void } | undefined {
  const tiering = (globalThis as Record<symbol, unknown>)[TIERING_SET] as CliTiering | undefined;
  if (tiering === undefined) return undefined;
  return { starting: () => setFlags(tiering.defaults), started: () => setFlags(tiering.cli) };
}
