// A scan's results must not keep the scanned text alive: the extension holds the workspace's scans for as long as
// the window is open, and a key, a receiver or a constant's value sliced from a file was a view that kept the
// whole file (V8 makes a slice of 13 characters or more a view into its parent). The heap is measured after a
// full collection, with a 40 MB text scanned and dropped.
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { scanSource } from '../../../../src/core/flags';

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

function heapAfterCollection(): number {
  collect();
  collect();
  return process.memoryUsage().heapUsed;
}

/** Every string the scan's result holds, with its path in the result. */
function stringsOf(value: unknown, path = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[path, value]];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => stringsOf(inner, `${path}.${key}`));
}

describe('flags (core): a scan keeps none of the scanned text alive', function () {
  this.timeout(60_000);

  it('keys, receivers, constants, members and annotations of a 20 MB text', () => {
    const before = heapAfterCollection();
    const scan = (() => {
      // Built at run time, so that the text is one string of the heap (not a literal of this file).
      const text = [
        "const CHECKOUT_FLAG_CONSTANT = 'constant-key-long-enough';",
        "const FLAGS = { searchLegacyMember: 'member-key-long-enough' };",
        '// flag: expires 2030-01-01',
        "unleash.isEnabled('a-literal-key-long-enough');",
        'longReceiverNameForTheClient.isEnabled(CHECKOUT_FLAG_CONSTANT);',
        'unleash.isEnabled(FLAGS.searchLegacyMember);',
        'unleash.isEnabled(anUnknownConstantOfAnotherFile);',
        `// ${'x'.repeat(20_000_000)}`,
        '',
      ].join('\n');
      return scanSource(text, { language: 'js' });
    })();
    // V8 keeps the last subject of any regexp (RegExp.input): another match replaces it.
    /x/.exec('x');
    const kept = heapAfterCollection() - before;
    // The scan found what holds long strings: call sites, an unresolved one, definitions with a member.
    assert.ok(scan.callSites.length >= 3 && scan.unresolved.length >= 1 && scan.definitions.length >= 2, JSON.stringify(scan));
    const paths = stringsOf(scan).filter(([, value]) => value.length >= 13).map(([path]) => path);
    assert.ok(paths.some((path) => path.includes('members')), `a member value among ${paths.join(', ')}`);
    assert.ok(kept < 5_000_000, `the scan keeps ${(kept / 1e6).toFixed(1)} MB alive (of a 20 MB text)`);
  });
});
