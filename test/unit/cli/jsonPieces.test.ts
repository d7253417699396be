/**
 * jsonPieces (the changelog's JSON in pieces, so only pieces with a character beyond Latin-1 are two-byte) against
 * JSON.stringify(value, null, 2): the concatenation of the pieces must be that text, on the document `changelog
 * --format json` prints for every corpus history (with each kind of host), on generated values (nested arrays and
 * objects of every size around the run length, empty ones, strings with characters beyond Latin-1, lone surrogates,
 * controls and quotes, values JSON leaves out or writes as null, dates, class instances, objects without prototype)
 * and on the top-level values JSON.stringify returns undefined for. Also PieceEncoder against `write` of the
 * joined text: the same bytes, small and large, fed the list of pieces and fed by jsonPiecesInto (pieces encoded as they are
 * made, in buffers of a megabyte). And a string given in pieces (JsonStringPieces: the changelog's
 * markdown, escaped in runs of its pieces, replacing line ends, quotes and backslashes where nothing else needs
 * escaping) against JSON.stringify of the joined string: the document `changelog --format json` prints now for every
 * corpus history and host against the one it printed (the joined markdown), and 3,000 generated lists of pieces
 * (quotes, backslashes, controls, line ends at and off run ends, surrogate pairs split between pieces, lone halves,
 * characters beyond Latin-1, empty pieces, lengths around the run length); textRuns' runs encoded one by one are
 * the joined text's bytes.
 */
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { CORPORA_DIR, corpusExists, loadCorpus } from '../../../bench/replayCorpus';
import { nextVersionJson } from '../../../src/cli/commands/nextVersion';
import { PieceEncoder, write } from '../../../src/cli/io';
import { JsonStringPieces, jsonPieces, jsonPiecesInto, textRuns } from '../../../src/cli/jsonPieces';
import { computeReleasePlan, renderChangelog, renderChangelogPieces, selectionFromRef, type RawCommit, type RepositoryHost } from '../../../src/core/release';
import { seededRandom } from '../seededRandom';

const CORPORA = ['conventional-changelog__commitlint', 'orhun__git-cliff', 'semantic-release__semantic-release', 'vitejs__vite'] as const;
const HOSTS: readonly (RepositoryHost | null)[] = [null, { kind: 'github', url: 'https://github.com/acme/widget' }, { kind: 'gitlab', url: 'https://gitlab.com/acme/widget' }];

function assertSameJson(value: unknown, what: string): string[] {
  const pieces = jsonPieces(value);
  const expected = JSON.stringify(value, null, 2) as string | undefined;
  if (expected === undefined) assert.deepEqual(pieces, [], `${what}: no pieces where JSON.stringify gives undefined`);
  else assert.equal(pieces.join(''), expected, `${what}: the pieces are JSON.stringify's text`);
  return pieces;
}

/** The document `changelog --format json` prints (src/cli/commands/changelog.ts) for a whole history. */
function changelogDocument(commits: readonly RawCommit[], host: RepositoryHost | null): unknown {
  const plan = computeReleasePlan({ selection: selectionFromRef('root', 'a'.repeat(40), 'v${version}'), commits, head: commits[0]?.hash ?? null, options: {} });
  return { ...renderChangelog(plan, { date: '2026-01-01', host }), plan: nextVersionJson(plan, false) };
}

/** The document `changelog --format json` prints now: the markdown left in pieces (JsonStringPieces). */
function changelogDocumentInPieces(commits: readonly RawCommit[], host: RepositoryHost | null): unknown {
  const plan = computeReleasePlan({ selection: selectionFromRef('root', 'a'.repeat(40), 'v${version}'), commits, head: commits[0]?.hash ?? null, options: {} });
  const rendered = renderChangelogPieces(plan, { date: '2026-01-01', host });
  return { ...rendered.changelog, markdown: new JsonStringPieces(rendered.markdown), plan: nextVersionJson(plan, false) };
}

/** Text pieces from units that JSON escapes in every way, surrogate pairs split between pieces included. */
function generatedPieces(next: () => number): string[] {
  const units = ['a', 'Z', ' ', 'é', '\u00ff', '⚠', '\n', '\n', '\n', '"', '\\', '\r', '\t', '\u0000', '\u001f', '\u007f', '\u2028', '\ud83d', '\ude00', '😀', '<', '#'];
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  // Mostly plain pieces (so most runs take the replacing path), now and then one with anything.
  const plainUnits = ['a', 'Z', ' ', 'é', '\n', '"', '\\', '#'];
  const count = pick([0, 1, 2, 63, 64, 65, 66, 127, 128, 129, 200, Math.floor(next() * 400)]);
  const pieces: string[] = [];
  // Lists where most pieces end in the first half of a pair whose second half starts the next piece: a run that
  // ends anywhere but after a line end cuts such a pair.
  const pairs = next() < 0.3;
  for (let i = 0; i < count; i++) {
    if (pairs) {
      pieces.push(`${i === 0 ? '' : '\ude00'}${pick(plainUnits)}${next() < 0.9 ? '\ud83d' : ''}`);
      continue;
    }
    const length = pick([0, 1, 1, 2, 5, 30]);
    const alphabet = next() < 0.1 ? units : plainUnits;
    let piece = '';
    for (let k = 0; k < length; k++) piece += pick(alphabet);
    pieces.push(piece);
  }
  return pieces;
}

const STRINGS = ['', 'a', 'plain text', 'é ü ß', '⚠ BREAKING', '日本語', '😀', '\ud800', 'x\udc00y', '"quoted" \\ back', '\n\r\t\u0000\u001f', '\u2028\u2029', '<script>', '#12'];

function generatedValue(next: () => number, depth: number): unknown {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const roll = next();
  // Only the first levels get long arrays (the runs are cut there); deeper ones stay small, so values stay small.
  if (depth > 4 || roll < 0.35) {
    return pick<unknown>([...STRINGS, 0, -0, 1.5, -7, 1e21, NaN, Infinity, true, false, null, undefined, () => 1, Symbol('s'), new Date(0)]);
  }
  if (roll < 0.65) {
    // Around the run length (32) and far below and above it, sparse at times.
    const length = depth < 3 && next() < 0.3 ? pick([31, 32, 33, 64, 65, 100]) : pick([0, 1, 2, Math.floor(next() * 6)]);
    const array: unknown[] = [];
    for (let i = 0; i < length; i++) array.push(generatedValue(next, depth + 1));
    if (length > 3 && next() < 0.1) delete array[1];
    return array;
  }
  const object: Record<string, unknown> = next() < 0.05 ? (Object.create(null) as Record<string, unknown>) : {};
  const size = pick([0, 1, 3, 8]);
  for (let i = 0; i < size; i++) object[pick(['a', 'b', 'title', 'entries', '⚠ key', '"q"', '10', '2', ''])] = generatedValue(next, depth + 1);
  if (next() < 0.03) return new (class Box {
    readonly inside = object;
  })();
  return object;
}

describe('jsonPieces: JSON.stringify(value, null, 2) in pieces', function () {
  this.timeout(120_000);

  it('joins to JSON.stringify on top-level values of every kind', () => {
    for (const value of [undefined, () => 1, Symbol('x'), null, 0, 'x', '⚠', [], {}, [undefined], { a: undefined }, { a: () => 1, b: 1 }, new Date(0), { toJSON: () => 'y' }, [[[[]]]], { a: { b: { c: { d: [1, 2] } } } }]) {
      assertSameJson(value, String(typeof value));
    }
  });

  it('joins to JSON.stringify on 1,500 generated values', () => {
    const next = seededRandom(21);
    for (let i = 0; i < 1500; i++) assertSameJson(generatedValue(next, 0), `value ${i}`);
  });

  for (const corpus of CORPORA) {
    it(`joins to JSON.stringify on the changelog document of ${corpus}`, function () {
      if (!corpusExists(corpus)) this.skip();
      const commits = loadCorpus(corpus, CORPORA_DIR) as RawCommit[];
      for (const host of HOSTS) {
        const pieces = assertSameJson(changelogDocument(commits, host), `${corpus}, host ${host?.kind ?? 'none'}`);
        // The document is cut (else the test proves nothing of the runs).
        assert.ok(pieces.length > 20, `${pieces.length} pieces`);
      }
    });
  }

  for (const corpus of CORPORA) {
    it(`prints the same JSON with the markdown in pieces on the changelog document of ${corpus}`, function () {
      if (!corpusExists(corpus)) this.skip();
      const commits = loadCorpus(corpus, CORPORA_DIR) as RawCommit[];
      for (const host of HOSTS) {
        const expected = JSON.stringify(changelogDocument(commits, host), null, 2);
        assert.equal(jsonPieces(changelogDocumentInPieces(commits, host)).join(''), expected, `${corpus}, host ${host?.kind ?? 'none'}`);
      }
    });
  }

  it('escapes a string in pieces as JSON.stringify escapes the joined string (3,000 generated lists of pieces)', async () => {
    const next = seededRandom(2026);
    let replaced = 0;
    let cut = 0;
    for (let i = 0; i < 3000; i++) {
      const pieces = generatedPieces(next);
      const joined = pieces.join('');
      const what = `pieces ${i}: ${JSON.stringify(pieces).slice(0, 200)}`;
      assert.equal(jsonPieces({ text: new JsonStringPieces(pieces) }).join(''), JSON.stringify({ text: joined }, null, 2), what);
      assert.equal(jsonPieces(new JsonStringPieces(pieces)).join(''), JSON.stringify(joined), what);
      // Deeper than the walk opens, or inside a run of an array: JSON.stringify reads it through toJSON.
      assert.equal(jsonPieces([[[[[new JsonStringPieces(pieces)]]]]]).join(''), JSON.stringify([[[[[joined]]]]], null, 2), what);
      const runs = textRuns(pieces);
      assert.equal(runs.join(''), joined, what);
      assert.ok(Buffer.concat(runs.map((run) => Buffer.from(run, 'utf8'))).equals(Buffer.from(joined, 'utf8')), `${what}: a run ends inside a surrogate pair`);
      if (runs.length > 1) cut++;
      if (runs.some((run) => !/[\x00-\x09\x0b-\x1f\ud800-\udfff]/.test(run) && /["\\\n]/.test(run))) replaced++;
    }
    // The replacing path is taken, and strings are cut into runs (else this test proves nothing of them).
    assert.ok(replaced > 300, `${replaced} lists with a run escaped by replacing`);
    assert.ok(cut > 300, `${cut} lists in more than one run`);
  });

  it('writes the same bytes as write of the joined text (small and large, one- and two-byte pieces)', async () => {
    const collect = async (send: (stream: PassThrough) => Promise<void>): Promise<Buffer> => {
      const stream = new PassThrough();
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      await send(stream);
      stream.end();
      await new Promise((resolve) => stream.on('end', resolve));
      return Buffer.concat(chunks);
    };
    const large = Array.from({ length: 5000 }, (_, i) => ({ subject: i % 700 === 0 ? `⚠ 😀 ${i} \ud800` : `fix ${i} é`, list: [i, 'x'] }));
    // Pieces longer than a third of PieceEncoder's megabyte, and enough of them to fill several of its buffers.
    const long = { text: `${'é'.repeat(400_000)}⚠${'x'.repeat(900_000)}`, more: ['😀'.repeat(200_000), 'a'.repeat(350_000)], large };
    for (const value of [{ a: 1 }, large, { title: '⚠', entries: large }, long, [long, long, long]]) {
      const pieces = jsonPieces(value);
      const joined = pieces.join('');
      const expected = await collect((stream) => write(stream, joined));
      const listed = new PieceEncoder();
      for (const piece of pieces) listed.push(piece);
      assert.ok((await collect((stream) => listed.send(stream))).equals(expected));
      // PieceEncoder, fed as jsonPiecesInto makes them: the same bytes.
      const encoder = new PieceEncoder();
      jsonPiecesInto(value, encoder);
      assert.ok((await collect((stream) => encoder.send(stream))).equals(expected), 'PieceEncoder writes the bytes of the joined text');
    }
  });
});
