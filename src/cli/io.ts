import { once } from 'node:events';

/** What a command may touch of the process: passed in so commands never reach for globals. */
export interface CliIo {
  readonly stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  readonly stdout: NodeJS.WritableStream & { readonly isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** The running CLI script and the Node running it (main.ts): what an installed git hook will run. */
  readonly script?: string;
  readonly execPath?: string;
}

/**
 * The reader went away (`release-hygiene … | head`): raised as a stream error, not a failure of the tool, so the
 * rest of the output is dropped quietly.
 */
export class ReaderGone extends Error {
  readonly code = READER_GONE;
  constructor() {
    super('the output was closed by its reader');
  }
}
const READER_GONE = 'RELEASE_HYGIENE_READER_GONE';

/** By its code, not `instanceof`: the bin and the commands are separate bundles, each with its own class. */
export function isReaderGone(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === READER_GONE;
}

export function isBrokenPipe(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED';
}

/** From this length a text is encoded here (utf8) rather than by the stream. */
const LARGE_TEXT = 1 << 16;

/**
 * `Buffer.from(text, 'utf8')` (what a stream does with a string) in one pass instead of two: Buffer.from measures
 * the encoded length first, a pass as long as the encoding itself (a 2.9 MB changelog's JSON: ~26 M of the
 * process's ~1.3 G instructions). A UTF-16 unit never takes more than three bytes, so the buffer always holds it.
 */
export function utf8(text: string): Buffer {
  const buffer = Buffer.allocUnsafe(text.length * 3);
  return buffer.subarray(0, buffer.write(text, 'utf8'));
}

/** Writes and waits for the stream to drain when it asks to, so huge outputs never pile up in memory. */
export async function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if ((stream as { destroyed?: boolean }).destroyed === true) throw new ReaderGone();
  if (text.length < LARGE_TEXT) return send(stream, text);
  blockingPipe(stream);
  return send(stream, utf8(text));
}

/** What Node's stdio streams carry (not in its types): `_type` 'pipe' for a pipe or socket, and the libuv handle. */
interface StdioStream {
  readonly _type?: unknown;
  readonly _handle?: { readonly setBlocking?: (blocking: boolean) => unknown } | null;
}

/**
 * Before a large text goes to a pipe (a report, written once at a command's end): the pipe made blocking, as Node
 * makes a terminal on every platform and a pipe on Windows. Node opens a stdout pipe non-blocking and writes what
 * the pipe takes, the rest 64 KB per turn of the event loop as the reader drains it: ~40 turns for the 2.6 MB of a
 * 1,000-file migrations report, in which V8 ran the collector tasks it had queued, a full mark-compact of the
 * report's data (~10 ms, 9% of the run's instructions) before the process could exit (docs/benchmarks.md,
 * "Migrations: the last 20 %"). Blocking, the write returns when the reader holds every byte, the callback comes
 * at the next turn, and the process exits there. The writes already waited for 'drain', so the command's progress
 * waits for the reader either way; an early close is the same EPIPE as before. Other streams are left alone.
 */
function blockingPipe(stream: NodeJS.WritableStream): void {
  const stdio = stream as StdioStream;
  if (stdio._type === 'pipe') stdio._handle?.setBlocking?.(true);
}

/** One write, and the wait for 'drain' when the stream asks for it. */
async function send(stream: NodeJS.WritableStream, data: string | Buffer): Promise<void> {
  if (stream.write(data)) return;
  try {
    await once(stream, 'drain');
  } catch (error) {
    if (isBrokenPipe(error)) throw new ReaderGone();
    throw error;
  }
}

/** Bytes per buffer of PieceEncoder (a piece longer than a third of it gets a buffer of its own). */
const ENCODED_CHUNK = 1 << 20;

/**
 * Writes the concatenation of text pieces (jsonPieces) as `write` writes a string, without making that string: each
 * piece is encoded (UTF-8) as it comes, into buffers of a megabyte, so a piece of Latin-1 characters is never
 * widened to two bytes a character because another has a character beyond Latin-1 (a joined string would be
 * two-byte whole), and a piece is garbage as soon as it is encoded: a full history's JSON (2.9 MB of pieces) kept
 * whole until its last piece was alive through every scavenge of its making. `send` then writes the buffers in
 * order. A piece boundary never splits a surrogate pair (jsonPieces).
 */
export class PieceEncoder {
  private readonly done: Buffer[] = [];
  private buffer: Buffer = Buffer.allocUnsafe(ENCODED_CHUNK);
  private at = 0;

  push(...pieces: string[]): void {
    for (let index = 0; index < pieces.length; index++) {
      const piece = pieces[index] as string;
      // A UTF-16 unit never takes more than three bytes (see utf8).
      if (this.at + piece.length * 3 > this.buffer.length) {
        if (this.at > 0) this.done.push(this.buffer.subarray(0, this.at));
        this.buffer = Buffer.allocUnsafe(Math.max(ENCODED_CHUNK, piece.length * 3));
        this.at = 0;
      }
      this.at += this.buffer.write(piece, this.at, 'utf8');
    }
  }

  async send(stream: NodeJS.WritableStream): Promise<void> {
    if ((stream as { destroyed?: boolean }).destroyed === true) throw new ReaderGone();
    if (this.at > 0) this.done.push(this.buffer.subarray(0, this.at));
    this.at = 0;
    let length = 0;
    for (const buffer of this.done) length += buffer.length;
    if (length >= LARGE_TEXT) blockingPipe(stream); // as write() does for a large text
    for (const buffer of this.done.splice(0)) await send(stream, buffer);
  }
}

/** Colors only for a terminal, never with NO_COLOR set (https://no-color.org); FORCE_COLOR forces them on. */
export function useColor(io: CliIo): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '' && io.env.FORCE_COLOR !== '0') return true;
  return io.stdout.isTTY === true;
}

export interface Paint {
  readonly red: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly green: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly bold: (text: string) => string;
}

function sgr(open: number, close: number): (text: string) => string {
  return (text) => `\u001b[${open}m${text}\u001b[${close}m`;
}

export function paint(enabled: boolean): Paint {
  const plain = (text: string): string => text;
  return enabled
    ? { red: sgr(31, 39), yellow: sgr(33, 39), green: sgr(32, 39), dim: sgr(2, 22), bold: sgr(1, 22) }
    : { red: plain, yellow: plain, green: plain, dim: plain, bold: plain };
}
