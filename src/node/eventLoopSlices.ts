// Long synchronous loops (reading and scanning thousands of files) run in the extension host too, which must keep
// answering: they give the event loop a turn by elapsed time, not by a count of files, so one slice stays short
// whether the files are 1 KB or 5 MB each.

/**
 * Milliseconds from an arbitrary origin (monotonic). process.hrtime rather than perf_hooks' performance.now:
 * importing node:perf_hooks loads ten of Node's own modules, ~4 ms of every CLI run that reads files
 * (docs/benchmarks.md, "Migrations: per-file cost").
 */
function now(): number {
  const [seconds, nanoseconds] = process.hrtime();
  return seconds * 1000 + nanoseconds / 1e6;
}

/** A slice of synchronous work between two turns of the event loop, in milliseconds. */
export const SLICE_MS = 8;

/**
 * `await slices.next()` between two steps of a loop: resolves at once while the current slice lasts under
 * `sliceMs`, else after one turn of the event loop (setImmediate), which starts a new slice.
 */
export function eventLoopSlices(sliceMs = SLICE_MS): { next(): Promise<void> | undefined } {
  let sliceStart = now();
  return {
    next(): Promise<void> | undefined {
      if (now() - sliceStart < sliceMs) return undefined;
      return new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        sliceStart = now();
      });
    },
  };
}
