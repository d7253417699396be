import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { readTextFile, readTextStream } from '../../../src/node';
import { removeScratch, scratchDir } from './gitFixture';

describe('readTextFile / readTextStream', () => {
  after(removeScratch);

  it('decodes invalid UTF-8 with replacement characters instead of failing', async () => {
    const file = join(scratchDir(), 'COMMIT_EDITMSG');
    writeFileSync(file, Buffer.from([0x66, 0x65, 0x61, 0x74, 0x3a, 0x20, 0xff, 0xfe, 0x20, 0xc3, 0xa9, 0x0a]));
    const read = await readTextFile(file);
    assert.deepEqual(read, { ok: true, text: 'feat: \ufffd\ufffd é\n' });
  });

  it('drops a UTF-8 byte order mark', async () => {
    const file = join(scratchDir(), 'msg');
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('fix: x\n')]));
    assert.deepEqual(await readTextFile(file), { ok: true, text: 'fix: x\n' });
  });

  it('reads a 5 MB message whole', async () => {
    const file = join(scratchDir(), 'huge');
    const body = `feat: huge\n\n${'a'.repeat(99)}\n`.repeat(52_000);
    writeFileSync(file, body);
    const read = await readTextFile(file);
    assert.ok(read.ok);
    assert.equal(read.ok && read.text.length, body.length);
    assert.ok(body.length > 5_000_000);
  });

  it('reports a missing file and a folder with a clear message', async () => {
    const dir = scratchDir();
    const missing = await readTextFile(join(dir, 'nope'));
    assert.deepEqual(missing, { ok: false, message: `cannot read ${join(dir, 'nope')}: no such file`, notFound: true });
    const folder = await readTextFile(dir);
    assert.equal(folder.ok, false);
    assert.match(!folder.ok ? folder.message : '', /is a directory/);
  });

  it('reads a stream in chunks with the same decoding, even a multi-byte character split across chunks', async () => {
    const bytes = Buffer.from('fix: café ✓\n');
    const chunks = [bytes.subarray(0, 8), bytes.subarray(8, 13), bytes.subarray(13)];
    assert.deepEqual(await readTextStream(Readable.from(chunks)), { ok: true, text: 'fix: café ✓\n' });
  });
});
