// Minimised counterexample of the adversarial-size cases (test/unit/fuzz/flags.test.ts): a long line of YAML
// errors. Prettified errors copied the context line into each of them (quadratic: 40,000 took a second,
// 120,000 about ten); the readers no longer ask
// for that and say where the first error is themselves.
//
// The yaml package's own linear cost on such a line is close to that defect's (120,000 quotes take 1-4 s
// depending on the machine's load), so wall time cannot tell the two apart: the defect is guarded by the
// source check below (every YAML parse of src/ turns prettyErrors off), and the long case only by a hang guard.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFlagRegistry } from '../../../src/core/flags';
import { readSemanticReleaseConfig } from '../../../src/core/release';
import { bounded } from './harness';

/** Not a performance claim: only catches a parse that never ends. */
const HANG_GUARD_MS = 60_000;

describe('fuzz regressions: YAML error messages', function () {
  // The per-case budget (harness.ts) bounds these cases; mocha's own timeout would be a second, smaller one.
  this.timeout(0);

  it('120,000 double quotes on one line end with the first error and its position', () => {
    const text = '"'.repeat(120_000);
    const registry = bounded('parseFlagRegistry', () => parseFlagRegistry(text, 'yaml'), HANG_GUARD_MS);
    assert.match(registry.errors[0] ?? '', /^cannot parse the flag registry: .+ at line 1, column \d+$/);
    const release = bounded('readSemanticReleaseConfig', () => readSemanticReleaseConfig(text, '.releaserc'), HANG_GUARD_MS);
    assert.match(release?.warnings[0]?.message ?? '', / at line 1, column \d+\)/);
  });

  it('every YAML parse in src/ turns prettyErrors off (prettifying is the quadratic copy)', () => {
    const calls: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.ts')) {
          const source = readFileSync(path, 'utf8');
          // The local names of the yaml package's parse functions in this file (`parse as parseYaml`, …).
          const imported = /import\s*\{([^}]*)\}\s*from\s*'yaml'/.exec(source)?.[1] ?? '';
          const names = imported.split(',').map((part) => part.trim().split(/\s+as\s+/))
            .filter(([name]) => name === 'parse' || name === 'parseDocument' || name === 'parseAllDocuments')
            .map(([name, local]) => local ?? name);
          for (const name of names) {
            for (const match of source.matchAll(new RegExp(`\\b${name}\\((?:[^()]|\\([^()]*\\))*\\)`, 'g'))) calls.push(`${path}: ${match[0]}`);
          }
        }
      }
    };
    walk(join(import.meta.dirname, '../../../src'));
    assert.ok(calls.length >= 5, `found only ${calls.length} YAML parses: the pattern no longer matches the sources`);
    const prettified = calls.filter((call) => !/prettyErrors: false/.test(call));
    assert.deepEqual(prettified, []);
  });

  it('the first error keeps its line and column', () => {
    const { errors } = parseFlagRegistry('flags:\n  - key: a\n    owner: [unclosed\n', 'yaml');
    assert.match(errors[0] ?? '', /^cannot parse the flag registry: .+ at line \d+, column \d+$/);
    assert.doesNotMatch(errors[0] ?? '', /\n/);
  });
});
