/** The core's half of shareable configs: applying what src/node read (or could not read) for each extends entry. */
import assert from 'node:assert/strict';
import { resolveCommitLintConfig, type SharedConfig, type SharedConfigs } from '../../../../src/core/commits';

describe('resolveCommitLintConfig with shareable configs read by src/node', () => {
  it('applies each extends entry in order, its own extends first, the extending layer last', () => {
    const inner: SharedConfig = { kind: 'read', source: 'inner.json', config: { rules: { 'header-max-length': [2, 'always', 40], 'type-empty': [2, 'never'] } } };
    const shared: SharedConfigs = {
      a: { kind: 'read', source: 'a.js', config: { extends: ['./inner'], rules: { 'header-max-length': [2, 'always', 50] } }, sharedConfigs: { './inner': inner } },
      b: { kind: 'read', source: 'b.json', config: { extends: ['@commitlint/config-angular'], rules: { 'scope-empty': [2, 'never'] } } },
    };
    const { config, problems } = resolveCommitLintConfig([{ config: { extends: ['a', 'b'], rules: { 'scope-empty': [0] } }, source: 'rc', sharedConfigs: shared }]);
    assert.deepEqual(problems, []);
    assert.deepEqual(config.rules['header-max-length'], [2, 'always', 72], 'config-angular, extended by b, comes after a');
    assert.deepEqual(config.rules['type-empty'], [2, 'never']);
    assert.deepEqual(config.rules['scope-empty'], [0], 'the layer itself speaks last');
    assert.deepEqual(config.sources, ['inner.json', 'a.js', 'b.json', 'rc']);
  });

  it('names an unreadable config and its reason, and skips only that one', () => {
    const shared: SharedConfigs = { dyn: { kind: 'unreadable', source: 'dyn.js', reason: 'dyn.js is not plain data: code at rules.scope-enum' } };
    const { config, problems } = resolveCommitLintConfig([{ config: { extends: ['dyn'], rules: { 'type-empty': [2, 'never'] } }, source: 'rc', sharedConfigs: shared }]);
    assert.deepEqual(problems.map((p) => [p.message, p.source]), [["extends 'dyn': dyn.js is not plain data: code at rules.scope-enum; its rules are skipped", 'rc']]);
    assert.deepEqual(config.rules['type-empty'], [2, 'never']);
  });

  it('stops a chain deeper than it follows (a cyclic structure handed in does not loop)', () => {
    const loop: { kind: 'read'; source: string; config: { extends: string[] }; sharedConfigs: Record<string, SharedConfig> } = {
      kind: 'read', source: 'self.json', config: { extends: ['self'] }, sharedConfigs: {},
    };
    loop.sharedConfigs['self'] = loop;
    const { problems } = resolveCommitLintConfig([{ config: { extends: ['self'] }, source: 'rc', sharedConfigs: { self: loop } }]);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.message, /^extends 'self' is more than 32 configs deep/);
  });

  it('without what src/node read, a non-built-in extends is reported as before', () => {
    const { problems } = resolveCommitLintConfig([{ config: { extends: ['@acme/x'] }, source: 'settings' }]);
    assert.match(problems[0]!.message, /^extends '@acme\/x' is not built in, so its rules are skipped/);
  });
});
