// Reading text the user wrote: commit message files and config files. Never throws.
import { readFile } from 'node:fs/promises';

export type ReadTextResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly message: string; readonly notFound: boolean };

/**
 * Decodes bytes as UTF-8; invalid sequences become U+FFFD instead of failing, and a leading BOM is dropped
 * (git does not write one, editors sometimes do).
 */
export function decodeText(bytes: Uint8Array): string {
  const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(bytes);
  return text;
}

/** Reads a whole file as text (see `decodeText`). Large files (megabytes) are fine. */
export async function readTextFile(path: string): Promise<ReadTextResult> {
  try {
    return { ok: true, text: decodeText(await readFile(path)) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    const reason =
      code === 'ENOENT' ? 'no such file'
      : code === 'EISDIR' ? 'is a directory'
      : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
      : error instanceof Error ? error.message : String(error);
    return { ok: false, message: `cannot read ${path}: ${reason}`, notFound: code === 'ENOENT' };
  }
}

/** Reads a whole stream (stdin) as text with the same decoding as `readTextFile`. */
export async function readTextStream(stream: NodeJS.ReadableStream): Promise<ReadTextResult> {
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
    return { ok: true, text: decodeText(Buffer.concat(chunks)) };
  } catch (error) {
    return { ok: false, message: `cannot read input: ${error instanceof Error ? error.message : String(error)}`, notFound: false };
  }
}
