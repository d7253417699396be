// Run by scanMemory.test.ts in a process of its own, with --expose-gc: a V8 flag set inside the test process would
// change V8's flag hash there, and V8 would reject every code cache the other tests make or load.
import { scanSource } from '../../../../src/core/flags';

const collect = (globalThis as { gc?: () => void }).gc;
if (!collect) throw new Error('run with --expose-gc');

function heapAfterCollection(): number {
  collect!();
  collect!();
  return process.memoryUsage().heapUsed;
}

/** Every string the scan's result holds, with its path in the result. */
function stringsOf(value: unknown, path = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[path, value]];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => stringsOf(inner, `${path}.${key}`));
}

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
process.stdout.write(
  JSON.stringify({
    kept,
    callSites: scan.callSites.length,
    unresolved: scan.unresolved.length,
    definitions: scan.definitions.length,
    longStrings: stringsOf(scan).filter(([, value]) => value.length >= 13).map(([path]) => path),
  }),
);
