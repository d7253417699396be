// A scan's results must not keep the scanned text alive: the extension holds the workspace's scans for as long as
// the window is open, and a key, a receiver or a constant's value sliced from a file was a view that kept the
// whole file (V8 makes a slice of 13 characters or more a view into its parent). scanMemoryProbe.ts scans a 20 MB
// text and measures the heap after a full collection with the scan alive, in a process of its own (--expose-gc).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

describe('flags (core): a scan keeps none of the scanned text alive', function () {
  this.timeout(60_000);

  it('keys, receivers, constants, members and annotations of a 20 MB text', () => {
    const probe = fileURLToPath(new URL('./scanMemoryProbe.ts', import.meta.url));
    const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', probe], { encoding: 'utf8', maxBuffer: 1024 * 1024 });
    const result = JSON.parse(out) as { kept: number; callSites: number; unresolved: number; definitions: number; longStrings: string[] };
    // The scan found what holds long strings: call sites, an unresolved one, definitions with a member.
    assert.ok(result.callSites >= 3 && result.unresolved >= 1 && result.definitions >= 2, out);
    assert.ok(result.longStrings.some((path) => path.includes('members')), out);
    assert.ok(result.kept < 5_000_000, `the scan keeps ${(result.kept / 1e6).toFixed(1)} MB alive (of a 20 MB text)`);
  });
});
