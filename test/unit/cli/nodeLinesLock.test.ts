// tools/nodeLines.mjs locks each Node binary it fetches by the tarball's sha512, as a package-lock locks a
// dependency: the binaries the installed-package tests run must be the releases pinned, byte for byte. The
// tarball is hashed again after `npm pack`, and a wrong pin is refused before anything is unpacked.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from './cliHarness';
import { nodeLinesOrSkip } from './nodeLines';

interface PinnedLine {
  readonly line: number;
  readonly version: string;
  readonly integrity: string;
}

interface NodeLinesTool {
  readonly NODE_LINES: readonly PinnedLine[];
  ensureNodeLine(entry: PinnedLine, cache: string): { readonly integrity: string };
  sha512Integrity(file: string): string;
}

// The tool is plain JavaScript run by `node`: loaded by URL, typed by the interface above.
const load = async (): Promise<NodeLinesTool> => (await import(pathToFileURL(join(PROJECT_ROOT, 'tools', 'nodeLines.mjs')).href)) as NodeLinesTool;

describe('tools/nodeLines.mjs: the Node binaries are locked by their sha512', function () {
  this.timeout(180_000);

  it('pins a sha512 integrity for every line', async () => {
    const { NODE_LINES } = await load();
    assert.ok(NODE_LINES.length >= 3);
    for (const { version, integrity } of NODE_LINES) assert.match(integrity, /^sha512-[A-Za-z0-9+/]{86}==$/, version);
  });

  it('hashes a file as npm writes integrity', async () => {
    const { sha512Integrity } = await load();
    const dir = mkdtempSync(join(tmpdir(), 'rh-integrity-'));
    try {
      writeFileSync(join(dir, 'abc'), 'abc');
      // sha512("abc") from FIPS 180-2, in base64.
      assert.equal(sha512Integrity(join(dir, 'abc')), 'sha512-3a81oZNherrMQXNJriBBMRLm+k6JqX6iCp7u5ktV05ohkpkqJ0/BqDa6PCOj/uu9RU1EI2Q86A4qmslPpUyknw==');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the binaries in use came from the pinned tarballs', async function () {
    const lines = nodeLinesOrSkip(this);
    if (!lines) return;
    const { NODE_LINES } = await load();
    for (const { node, version } of lines) {
      const stamp = JSON.parse(readFileSync(join(node, '..', '..', 'fetched.json'), 'utf8')) as { integrity: string };
      assert.equal(stamp.integrity, NODE_LINES.find((pin) => pin.version === version)?.integrity, version);
    }
  });

  it('refuses a tarball whose sha512 is not the pin, and unpacks nothing', async function () {
    if (!nodeLinesOrSkip(this)) return; // npm's cache holds the tarballs once they were fetched
    const { NODE_LINES, ensureNodeLine } = await load();
    const pinned = NODE_LINES[0]!;
    const cache = mkdtempSync(join(tmpdir(), 'rh-node-lines-'));
    try {
      const wrong = { ...pinned, integrity: `sha512-${'A'.repeat(86)}==` };
      assert.throws(() => ensureNodeLine(wrong, cache), /is not the pinned tarball: its sha512 is sha512-/);
      assert.equal(existsSync(join(cache, pinned.version)), false);
      // The right pin from the same cache folder works, and a stamp of another pin is fetched again.
      assert.equal(ensureNodeLine(pinned, cache).integrity, pinned.integrity);
      assert.throws(() => ensureNodeLine(wrong, cache), /is not the pinned tarball/);
      assert.equal(ensureNodeLine(pinned, cache).integrity, pinned.integrity);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });
});
