// lint-message --jsonl splits its input into lines by hand (issue #13): the same lines as readline with
// crlfDelay: Infinity (what it used before), for every way the input can be cut into chunks.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { PassThrough } from 'node:stream';
import { LineSplitter } from '../../../src/cli/commands/lintJsonl';

const INPUTS = [
  '{"id":1}\n{"id":2}\n',
  '{"id":1}\r\n{"id":2}\r\n',
  'a\rb\r\nc\nd',
  'a\r\rb\n\n\r\n\rc\r',
  '\n\r\n\r',
  'no line break at all',
  'é€😀\nü\r\n😀',
  '',
];

function ours(chunks: readonly Buffer[]): string[] {
  const lines: string[] = [];
  const splitter = new LineSplitter((line) => lines.push(line));
  for (const chunk of chunks) splitter.write(chunk);
  splitter.end();
  return lines;
}

async function readlines(chunks: readonly Buffer[]): Promise<string[]> {
  const input = new PassThrough();
  const lines: string[] = [];
  const reader = createInterface({ input, crlfDelay: Infinity, terminal: false });
  reader.on('line', (line) => lines.push(line));
  const closed = once(reader, 'close');
  for (const chunk of chunks) input.write(chunk);
  input.end();
  await closed;
  return lines;
}

/** The input cut at `cuts` (byte offsets, ascending), UTF-8 sequences included. */
function cut(bytes: Buffer, cuts: readonly number[]): Buffer[] {
  const chunks: Buffer[] = [];
  let start = 0;
  for (const at of [...cuts, bytes.length]) {
    chunks.push(bytes.subarray(start, at));
    start = at;
  }
  return chunks;
}

describe('lint-message --jsonl line splitting', () => {
  it('gives readline’s lines for every input cut into two and three chunks anywhere', async () => {
    let compared = 0;
    for (const text of INPUTS) {
      const bytes = Buffer.from(text, 'utf8');
      for (let first = 0; first <= bytes.length; first++) {
        for (let second = first; second <= bytes.length; second++) {
          const chunks = cut(bytes, [first, second]);
          assert.deepEqual(ours(chunks), await readlines(chunks), `${JSON.stringify(text)} cut at ${first}, ${second}`);
          compared++;
        }
      }
    }
    assert.ok(compared > 500);
  });

  it('ends a line at \\n, \\r\\n and a lone \\r, and keeps the last line without a break', () => {
    assert.deepEqual(ours([Buffer.from('a\r'), Buffer.from('\nb\rc\n\nd')]), ['a', 'b', 'c', '', 'd']);
  });
});
