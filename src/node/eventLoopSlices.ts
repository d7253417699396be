// Long synchronous loops (reading and scanning thousands of files) run in the extension host too, which must keep
// answering: they give the event loop a turn by elapsed time, not by a count of files, so one slice stays short
// whether the files are 1 KB or 5 MB each.
import { performance } from 'node:perf_hooks';

/** A slice of synchronous work between two turns of the event loop, in milliseconds. */
export const SLICE_MS = 8;

/**
 * `await slices.next()` between two steps of a loop: resolves at once while the current slice lasts under
 * `sliceMs`, else after one turn of the event loop (setImmediate), which starts a new slice.
 */
export function eventLoopSlices(sliceMs = SLICE_MS): { next(): Promise<void> | undefined } {
  let sliceStart = performance.now();
  return {
    next(): Promise<void> | undefined {
      if (performance.now() - sliceStart < sliceMs) return undefined;
      return new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        sliceStart = performance.now();
      });
    },
  };
}
