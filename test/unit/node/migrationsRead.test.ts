// findMigrationFiles reads each file with one open and bounded reads (readBoundedUtf8) instead of statSync and
// readFileSync: held here to the reference, readFileSync(file, 'utf8') and the size from statSync, on real files of
// every size around the shared buffer and the bound, on random bytes (invalid UTF-8, BOMs, surrogates), and on the
// migration fixtures and corpora.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { findMigrationFiles, readBoundedUtf8 } from '../../../src/node/migrations';
import { seededRandom } from '../seededRandom';
import { removeScratch, scratchDir } from './gitFixture';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');

/** The former read: undefined when stat says the file is larger than `max`, else readFileSync's text. */
function reference(file: string, max: number): string | undefined {
  return statSync(file).size > max ? undefined : readFileSync(file, 'utf8');
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

describe('migration files: the bounded read', () => {
  after(removeScratch);

  it('gives readFileSync\'s text, or undefined over the bound, for every fixture and corpus file', () => {
    const files = [...filesUnder(join(FIXTURES, 'migrations')), ...filesUnder(join(FIXTURES, 'real-world', 'migrations'))];
    assert.ok(files.length > 100, `only ${files.length} fixture files`);
    for (const file of files) {
      assert.equal(readBoundedUtf8(file, 5 * 1024 * 1024), reference(file, 5 * 1024 * 1024), file);
      // A bound inside most files: the too-large answer too.
      assert.equal(readBoundedUtf8(file, 300), reference(file, 300), `${file} (bound 300)`);
    }
  });

  it('agrees on generated files around the buffer size and the bound, and on random bytes', () => {
    const dir = scratchDir('rh-mig-read-');
    const random = seededRandom(1307);
    const sizes = [0, 1, 2, 3, 100, 65535, 65536, 65537, 131072, 262143, 262144, 262145, 300000, 1048577];
    const bounds = [0, 1, 65535, 65536, 65537, 262144, 300000, 5 * 1024 * 1024];
    let checked = 0;
    for (let n = 0; n < 120; n++) {
      const size = n < sizes.length ? sizes[n]! : Math.floor(random() * 400000);
      const bytes = Buffer.alloc(size);
      const kind = n % 4;
      for (let i = 0; i < size; i++) {
        // Mostly SQL-like ASCII, or any byte (invalid sequences), or multi-byte UTF-8 cut anywhere.
        bytes[i] = kind === 0 ? 32 + Math.floor(random() * 95) : kind === 1 ? Math.floor(random() * 256) : random() < 0.3 ? 0xc0 + Math.floor(random() * 0x30) : 0x80 + Math.floor(random() * 0x40);
      }
      if (n % 5 === 0 && size >= 3) bytes.set([0xef, 0xbb, 0xbf], 0);
      const file = join(dir, `f${n}.sql`);
      writeFileSync(file, bytes);
      for (const bound of bounds) {
        assert.equal(readBoundedUtf8(file, bound), reference(file, bound), `size ${size}, bound ${bound}, kind ${kind}`);
        checked++;
      }
    }
    assert.equal(checked, 120 * bounds.length);
  });

  it('throws for a folder and a missing file, as readFileSync does', () => {
    const dir = scratchDir('rh-mig-read-');
    mkdirSync(join(dir, 'folder.sql'));
    assert.throws(() => readBoundedUtf8(join(dir, 'folder.sql'), 100), /EISDIR/);
    assert.throws(() => readBoundedUtf8(join(dir, 'missing.sql'), 100), /ENOENT/);
  });

  it('findMigrationFiles: texts, skipped and too large as the former read gave them', async () => {
    const dir = scratchDir('rh-mig-read-');
    mkdirSync(join(dir, 'migrations', 'folder.sql'), { recursive: true });
    writeFileSync(join(dir, 'migrations', '001_a.sql'), 'ALTER TABLE t DROP COLUMN c;\n');
    writeFileSync(join(dir, 'migrations', '002_big.sql'), Buffer.alloc(5 * 1024 * 1024 + 1, 0x20));
    writeFileSync(join(dir, 'migrations', '003_exact.sql'), Buffer.alloc(5 * 1024 * 1024, 0x20));
    writeFileSync(join(dir, 'migrations', '004_bytes.sql'), Buffer.from([0xef, 0xbb, 0xbf, 0x41, 0xff, 0xc3, 0x28, 0x0a]));
    const found = await findMigrationFiles(dir, { paths: ['migrations', 'migrations/folder.sql'] });
    assert.deepEqual(found.tooLarge, ['migrations/002_big.sql']);
    assert.deepEqual(found.skipped, ['migrations/folder.sql']);
    assert.deepEqual(
      found.files.map((f) => [f.path, f.text]),
      ['001_a.sql', '003_exact.sql', '004_bytes.sql'].map((name) => [`migrations/${name}`, readFileSync(join(dir, 'migrations', name), 'utf8')]),
    );
    // The same from a root given with a trailing separator, and a path with `..` (joined, not concatenated).
    const again = await findMigrationFiles(`${dir}/`, { paths: ['migrations/001_a.sql'] });
    assert.deepEqual(again.files.map((f) => f.text), ['ALTER TABLE t DROP COLUMN c;\n']);
    mkdirSync(join(dir, 'app'));
    const outside = await findMigrationFiles(join(dir, 'app'), { paths: [relative(join(dir, 'app'), join(dir, 'migrations', '001_a.sql'))] });
    assert.deepEqual(outside.files.map((f) => [f.path, f.text]), [['../migrations/001_a.sql', 'ALTER TABLE t DROP COLUMN c;\n']]);
  });
});
