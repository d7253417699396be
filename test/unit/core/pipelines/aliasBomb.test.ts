// A "billion laughs" document must not hang or exhaust memory: aliases are converted once and shared, and a
// document whose expansion passes MAX_EXPANDED_NODES is refused with a clear message (found by trying it: ten
// levels of nine aliases ran past 30 s at 3.8 GB before). Every YAML reader of the product is covered.
import assert from 'node:assert/strict';
import { lintPipelineText } from '../../../../src/core/pipelines';
import { MAX_EXPANDED_NODES, parseYaml } from '../../../../src/core/pipelines/yamlTree';
import { parseFlagRegistry } from '../../../../src/core/flags';
import { readSemanticReleaseConfig } from '../../../../src/core/release/config';

/** Ten levels, each a list of nine aliases to the level below: 9^10 (3.5 billion) leaves once expanded. */
export function aliasBomb(levels = 10, fanOut = 9): string {
  const lines = [`a0: &a0 [${Array(fanOut).fill('"lol"').join(', ')}]`];
  for (let level = 1; level < levels; level++) lines.push(`a${level}: &a${level} [${Array(fanOut).fill(`*a${level - 1}`).join(', ')}]`);
  return lines.join('\n') + '\n';
}

describe('YAML alias bombs', function () {
  this.timeout(20_000);

  it('the pipeline reader refuses a document that expands past the limit, naming the reason', () => {
    const parsed = parseYaml('.gitlab-ci.yml', aliasBomb() + 'deploy_production:\n  script: [echo]\n  variables: { X: *a9 }\n');
    assert.equal(parsed.root, undefined);
    assert.match(parsed.error?.message ?? '', /aliases expand to more than 1,000,000 nodes/);
  });

  it('shares aliases instead of copying them: a wide but legal expansion is read', () => {
    // 5 levels of 9: 59,049 leaves, within the limit, and read without building 59,049 copies.
    const parsed = parseYaml('x.yml', aliasBomb(5, 9) + 'job:\n  script: [echo]\n  variables: { X: *a4 }\n');
    assert.equal(parsed.error, undefined);
    const a4 = parsed.root?.kind === 'map' ? parsed.root.entries.find((e) => e.key === 'a4')?.value : undefined;
    assert.equal(a4?.kind, 'seq');
    if (a4?.kind === 'seq') assert.equal(a4.items[0], a4.items[1], 'the same converted node, not a copy');
    assert.ok(MAX_EXPANDED_NODES > 59_049);
  });

  it('a GitLab configuration with a bomb is one invalid-yaml finding', () => {
    const result = lintPipelineText('.gitlab-ci.yml', aliasBomb() + 'deploy:\n  script: [echo]\n  variables: { X: *a9 }\n');
    assert.deepEqual(result.findings.map((f) => [f.ruleId, f.severity]), [['invalid-yaml', 'error']]);
  });

  it('the flag registry and release configuration readers refuse it too (yaml maxAliasCount)', () => {
    const registry = parseFlagRegistry(aliasBomb() + 'flags: *a9\n', 'yaml');
    assert.ok(registry.errors.length > 0, 'the registry reports an error');
    const release = readSemanticReleaseConfig(aliasBomb() + 'branches: *a9\n', '.releaserc.yaml');
    assert.match(release?.warnings[0]?.message ?? '', /cannot be read \(.*alias/i);
  });
});
