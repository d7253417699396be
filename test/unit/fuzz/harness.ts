// Shared harness of the property and fuzz tests (docs/reliability.md, "Property and fuzz tests").
//
// Default (`npm run test:unit`): a fixed seed and a modest number of runs, so a failure reproduces exactly.
// `npm run fuzz` sets FUZZ_RUNS higher and FUZZ_SEED=random; the seed of every property is printed, and a
// failure prints the seed, the path and the shrunk counterexample (reproduce with FUZZ_SEED and FUZZ_PATH).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';

/** The seed the default suite always uses, so CI and a developer see the same cases. */
export const DEFAULT_SEED = 20261204;

function positiveInteger(raw: string | undefined, fallback: number): number {
  const value = Number(raw);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/** Runs per property: the default suite keeps to about 30 s on two shared cores. */
export const FUZZ_RUNS = positiveInteger(process.env.FUZZ_RUNS, 60);

const randomSeed = process.env.FUZZ_SEED === 'random';
/** A fixed seed unless FUZZ_SEED=random (then one per property, printed) or FUZZ_SEED=<number>. */
function seedFor(): number {
  if (randomSeed) return Math.floor(Math.random() * 0x7fffffff);
  return positiveInteger(process.env.FUZZ_SEED, DEFAULT_SEED);
}

/**
 * Budget of one generated case. Synchronous code cannot be interrupted, so this is checked when a case
 * returns: a case over budget fails (and is shrunk), which turns catastrophic regular expressions and
 * quadratic loops into failures. It is a bound on steps expressed as wall time, an order of magnitude over the
 * slowest case measured on this two-core machine under the load of five other engineers, never a performance
 * claim. Regression cases of quadratic defects are sized so the defect takes several times this budget.
 */
export const CASE_BUDGET_MS = positiveInteger(process.env.FUZZ_CASE_BUDGET_MS, 5_000);

/** Fails when `run` takes longer than `budgetMs` (see CASE_BUDGET_MS). */
export function bounded<T>(label: string, run: () => T, budgetMs = CASE_BUDGET_MS): T {
  const started = performance.now();
  const result = run();
  const elapsed = performance.now() - started;
  assert.ok(elapsed <= budgetMs, `${label} took ${Math.round(elapsed)} ms, over the per-case budget of ${budgetMs} ms`);
  return result;
}

export async function boundedAsync<T>(label: string, run: () => Promise<T>, budgetMs = CASE_BUDGET_MS): Promise<T> {
  const started = performance.now();
  const result = await run();
  const elapsed = performance.now() - started;
  assert.ok(elapsed <= budgetMs, `${label} took ${Math.round(elapsed)} ms, over the per-case budget of ${budgetMs} ms`);
  return result;
}

/**
 * Declares a mocha `it` that checks `predicate` on FUZZ_RUNS cases of `arbitrary`. Every case runs under
 * the per-case budget. `runs` scales the run count for properties whose cases are expensive.
 */
export function property<T>(title: string, arbitrary: fc.Arbitrary<T>, predicate: (value: T) => void, options: { runs?: number } = {}): void {
  it(`${title} (property)`, function () {
    // Mocha's own timeout cannot stop synchronous code either; it is raised so the per-case budget decides.
    this.timeout(0);
    const seed = seedFor();
    if (randomSeed) console.log(`      seed ${seed}: ${title}`);
    const numRuns = Math.max(1, Math.round(FUZZ_RUNS * (options.runs ?? 1)));
    const path = process.env.FUZZ_PATH;
    fc.assert(
      fc.property(arbitrary, (value) => {
        bounded(title, () => predicate(value));
      }),
      { seed, numRuns, ...(path ? { path } : {}), verbose: 1 },
    );
  });
}

// ─── Invariants shared by every engine ────────────────────────────────────────────────────────────────────────

const isHigh = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/** Whether `offset` is a position a UTF-16 editor can hold: not between the two halves of a surrogate pair. */
export function isCodePointBoundary(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return true;
  return !(isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset)));
}

/** A range lies inside `text` (0 ≤ start ≤ end ≤ length), both ends on code point boundaries. */
export function assertRangeInside(text: string, range: { readonly start: number; readonly end: number }, what: string): void {
  const { start, end } = range;
  assert.ok(Number.isInteger(start) && Number.isInteger(end), `${what}: offsets [${start}, ${end}] are not integers`);
  assert.ok(start >= 0 && start <= end && end <= text.length, `${what}: [${start}, ${end}] outside 0..${text.length}`);
  assert.ok(isCodePointBoundary(text, start), `${what}: start ${start} splits a surrogate pair`);
  assert.ok(isCodePointBoundary(text, end), `${what}: end ${end} splits a surrogate pair`);
}

/** Applies a fix's edits (non-overlapping, checked) from the last to the first. */
export function applyEdits(text: string, edits: readonly { readonly start: number; readonly end: number; readonly newText: string }[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i]!.end <= sorted[i - 1]!.start, 'the edits of one fix overlap');
  let out = text;
  for (const edit of sorted) out = out.slice(0, edit.start) + edit.newText + out.slice(edit.end);
  return out;
}

/** JSON with Maps and undefined made comparable, for "same input, same output". */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v instanceof Map ? [...v.entries()] : v instanceof Set ? [...v] : v));
}

// ─── Hostile text ─────────────────────────────────────────────────────────────────────────────────────────────

/** Characters that break naive text handling: NUL, lone and paired surrogates, CR-only ends, BOM, controls. */
export const NASTY_CHARACTERS: readonly string[] = [
  '\u0000', '\r', '\n', '\r\n', '\t', '\v', '\f', '\u00a0', '\u2028', '\u2029', '\ufeff', '\ufffd',
  '\ud800', '\udfff', '\ud83d\ude00', '\ud83d', '\ude00', '\u0301', '\u200b', '\u202e', '\\', '"', "'", '`',
  '$', '{', '}', '(', ')', '[', ']', '<', '>', '#', ':', '!', '*', '&', '|', ';', '-', '/', '=', '%',
];

/** Any single UTF-16 code unit, lone surrogates included (fast-check's 'binary' unit never yields those). */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));

/** Strings of every kind: printable, full Unicode, raw code units, decoded bytes, and nasty characters. */
export function hostileString(maxLength = 200): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ maxLength }),
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: codeUnit, maxLength }),
    fc.uint8Array({ maxLength }).map((bytes) => new TextDecoder('utf-8').decode(bytes)),
    fc.array(fc.constantFrom(...NASTY_CHARACTERS), { maxLength }).map((parts) => parts.join('')),
  );
}

/** Splices hostile pieces into a real text: insert, delete, truncate, duplicate, CR-only line ends. */
export function mutated(base: fc.Arbitrary<string>, pieces: fc.Arbitrary<string> = fc.constantFrom(...NASTY_CHARACTERS)): fc.Arbitrary<string> {
  const mutation = fc.oneof(
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), piece: fc.oneof(pieces, hostileString(12)) }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 20 }) }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 80 }) }),
    fc.record({ kind: fc.constant('cr-only' as const) }),
  );
  return fc.tuple(base, fc.array(mutation, { maxLength: 4 })).map(([text, mutations]) => {
    let out = text;
    for (const m of mutations) {
      const at = m.kind === 'cr-only' ? 0 : out.length === 0 ? 0 : m.at % (out.length + 1);
      switch (m.kind) {
        case 'insert':
          out = out.slice(0, at) + m.piece + out.slice(at);
          break;
        case 'delete':
          out = out.slice(0, at) + out.slice(at + m.length);
          break;
        case 'truncate':
          out = out.slice(0, at);
          break;
        case 'duplicate':
          out = out.slice(0, at) + out.slice(at, at + m.length) + out.slice(at);
          break;
        case 'cr-only':
          out = out.replace(/\r?\n/g, '\r');
          break;
      }
    }
    return out;
  });
}

/** `npm run fuzz`: every adversarial unit after every prefix (the default suite takes a sample). */
export const FUZZ_DEEP = process.env.FUZZ_DEEP === '1';

export const ADVERSARIAL_UNITS: readonly string[] = [' ', '(', '((', '[', '{', '"', "'", '`', '\\', '-', '#', '*', '/*', '$$', ':', '!', 'a', '\n', '\r', '\r\n', '\t', '\u0000', '\ud83d', '<', 'a(', '--', '${', '&a ', '*a ', '- ', '  -'];
/** The sample of the default suite: one of each kind (brackets, quotes, escapes, line ends, YAML, calls). */
const QUICK_UNITS: ReadonlySet<string> = new Set(['(', '[', '{', '"', '\\', '$$', '\n', '\r', '\u0000', '\ud83d', '<', 'a(', '&a ', '- ']);

/**
 * Adversarial sizes: long runs of one character or short pattern, alone and after a real prefix. The default
 * suite runs the sample units after the first prefix only; FUZZ_DEEP=1 runs every unit after every prefix.
 */
export function longRuns(prefixes: readonly string[], units: readonly string[], length = 50_000): string[] {
  const out: string[] = [];
  for (const unit of FUZZ_DEEP ? units : units.filter((u) => QUICK_UNITS.has(u))) {
    const run = unit.repeat(Math.ceil(length / unit.length));
    out.push(run);
    for (const prefix of FUZZ_DEEP ? prefixes : prefixes.slice(0, 1)) out.push(prefix + run);
  }
  return out;
}

// ─── Fixture corpora ──────────────────────────────────────────────────────────────────────────────────────────

export const FIXTURES_ROOT = join(import.meta.dirname, '..', '..', 'fixtures');

/** Every file under test/fixtures/<folder> as [path relative to that folder, text]. */
export function fixtureTexts(folder: string): Array<readonly [string, string]> {
  const root = join(FIXTURES_ROOT, folder);
  return readdirSync(root, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort()
    .map((file) => [file.slice(root.length + 1).split('\\').join('/'), readFileSync(file, 'utf8')] as const);
}
