// Worker thread entry (bundled to dist/flagsSearchWorker.js): the search of a large workspace's files on the second
// core (issue #16). Gets batches of listed paths, answers each with the paths the search names and their bytes
// (transferred, not copied; none for a file over the size limit, which the scan only reports).
import { parentPort, workerData } from 'node:worker_threads';
import { CallNameSearch } from './callNameSearch';
import type { SearchBatch, SearchBatchAnswer, SearchWorkerData } from './callNameSearch';

const { names, maxBytes, prefix } = workerData as SearchWorkerData;
// ICU loads its collation data once per process, on the first `localeCompare` of any thread (7–20 ms): here, so
// that the main thread's sort of the skipped files (scanWorkspaceFlags) finds it loaded.
''.localeCompare('');
const search = new CallNameSearch(names, maxBytes);
parentPort!.on('message', ({ id, files }: SearchBatch) => {
  const named: string[] = [];
  const sizes: number[] = [];
  const buffers: ArrayBuffer[] = [];
  for (const file of files) {
    const found = search.search(prefix + file);
    if (!found) continue;
    named.push(file);
    sizes.push(found.size);
    const { view } = found;
    buffers.push(found.size > maxBytes ? new ArrayBuffer(0) : (view.buffer as ArrayBuffer).slice(view.byteOffset, view.byteOffset + view.length));
  }
  const answer: SearchBatchAnswer = { id, named, sizes, buffers };
  parentPort!.postMessage(answer, buffers);
});
