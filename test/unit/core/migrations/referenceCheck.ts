// What the migrations tests share when they hold fast code to its reference (reference/, or a switch): the
// dialects, the fixture and real-world corpus files whole and in slices, and texts generated from pieces.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SqlDialect } from '../../../../src/core/migrations';
import { seededRandom } from '../../seededRandom';

export const DIALECTS: readonly SqlDialect[] = ['postgres', 'mysql', 'sqlite'];

/** The repository's test/fixtures folder. */
export const fixtures = join(import.meta.dirname, '..', '..', '..', 'fixtures');

/** Every file under `dir`, sorted. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** A compare of the fast code with its reference on `text` (or its slice [from, to)); throws on a difference. */
export type SameCheck = (text: string, dialect: SqlDialect, where: string, from?: number, to?: number) => void;

/**
 * Runs `same` on every migration fixture and real-world corpus file, whole and in `slices` random slices, in every
 * dialect. Returns the number of files.
 */
export function checkCorpusFiles(same: SameCheck, slices: number): number {
  let files = 0;
  for (const root of [join(fixtures, 'migrations'), join(fixtures, 'real-world', 'migrations')]) {
    for (const path of filesUnder(root)) {
      const text = readFileSync(path, 'utf8');
      files++;
      const next = seededRandom(files);
      for (const dialect of DIALECTS) {
        same(text, dialect, path);
        for (let k = 0; k < slices; k++) {
          const from = Math.floor(next() * text.length);
          const to = from + Math.floor(next() * (text.length - from + 1));
          same(text, dialect, path, from, to);
        }
      }
    }
  }
  return files;
}

/** 1 to `maxPieces` pieces picked by the seed, joined. */
export function generatedText(seed: number, pieces: readonly string[], maxPieces: number): string {
  const next = seededRandom(seed);
  const length = 1 + Math.floor(next() * maxPieces);
  let text = '';
  for (let k = 0; k < length; k++) text += pieces[Math.floor(next() * pieces.length)];
  return text;
}
