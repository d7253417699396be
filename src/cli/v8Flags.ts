import { setFlagsFromString } from 'node:v8';

/** Whether this V8 has `--interrupt-budget` (V8 11, Node 20); V8 12 (Node 22) dropped it and rejects it aloud. */
export function interruptBudgetKnown(v8Version: string): boolean {
  return /^11\./.test(v8Version);
}

/** The tier-up budget the CLI sets (main.ts), and V8 11.3's own default. */
const CLI_INTERRUPT_BUDGET = 1048576;
const V8_DEFAULT_INTERRUPT_BUDGET = 67584;

/** Set by `setCliInterruptBudget` on the global object: the command bundles are other modules than main.ts's. */
const BUDGET_SET = Symbol.for('release-hygiene.cliInterruptBudget');

/** Sets the CLI's budget (main.ts only) and says so to the command bundles (`workerStartFlags`). */
export function setCliInterruptBudget(): void {
  setFlagsFromString(`--interrupt-budget=${CLI_INTERRUPT_BUDGET}`);
  (globalThis as Record<symbol, unknown>)[BUDGET_SET] = true;
}

/**
 * A worker thread bootstraps Node's own modules from code caches made under V8's default flags; with the CLI's
 * budget set, V8 rejects them all and the worker compiles ~40 modules from source (issue #16: ready after 60–110 ms
 * instead of 35–45 ms, and as much more CPU). `starting` puts V8's default back just before a worker starts,
 * `started` the CLI's budget once it runs; undefined when the CLI set no budget (then nothing is to be done).
 */
export function workerStartFlags(): { readonly starting: () => void; readonly started: () => void } | undefined {
  if ((globalThis as Record<symbol, unknown>)[BUDGET_SET] !== true) return undefined;
  return {
    starting: () => setFlagsFromString(`--interrupt-budget=${V8_DEFAULT_INTERRUPT_BUDGET}`),
    started: () => setFlagsFromString(`--interrupt-budget=${CLI_INTERRUPT_BUDGET}`),
  };
}
