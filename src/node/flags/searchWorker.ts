// Worker thread entry (bundled to dist/flagsSearchWorker.js): the search of a large workspace's files on the second
// core (issue #16). Gets batches of listed paths, answers each with the paths the search names and their bytes
// (transferred, not copied; none for a file over the size limit, which the scan only reports) and, for the scan,
// pass 1's verdict on each, lexed here (plain data; issues #13/#16: the lexing off the main thread too).
import { parentPort, workerData } from 'node:worker_threads';
import { CallNameSearch } from './callNameSearch';
import type { SearchBatch, SearchBatchAnswer, SearchWorkerData } from './callNameSearch';
import { fileClassifier } from './classify';
import type { Classified } from './classify';

const { names, maxBytes, prefix, classify: classifyOptions } = workerData as SearchWorkerData;
const search = new CallNameSearch(names, maxBytes);
const classify = classifyOptions ? fileClassifier(classifyOptions) : undefined;
parentPort!.on('message', ({ id, files, bytes }: SearchBatch) => {
  const named: string[] = [];
  const sizes: number[] = [];
  const buffers: ArrayBuffer[] = [];
  const classified: Classified[] = [];
  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    const found = bytes ? { view: Buffer.from(bytes[i]!), size: bytes[i]!.byteLength } : search.search(prefix + file);
    if (!found) continue;
    named.push(file);
    sizes.push(found.size);
    const { view } = found;
    const verdict = classify?.(file, view, found.size);
    if (verdict) classified.push(verdict);
    // A skipped file's bytes are not kept by the scan; the search alone gives every file's (tests check them).
    const unused = found.size > maxBytes || (verdict !== undefined && 'skipped' in verdict);
    buffers.push(unused ? new ArrayBuffer(0) : bytes ? bytes[i]! : (view.buffer as ArrayBuffer).slice(view.byteOffset, view.byteOffset + view.length));
  }
  const answer: SearchBatchAnswer = { id, named, sizes, buffers, ...(classify ? { classified } : {}) };
  parentPort!.postMessage(answer, buffers);
});
