// The pure parts of the feature flag editor (no vscode import): lens titles, the view's order and descriptions,
// the hover's explanation of where an age and an expiry came from, and the customPatterns setting's mapping.
import assert from 'node:assert/strict';
import type { FlagInfo } from '../../../src/core/flags/types';
import { toCallPattern } from '../../../src/vscode/flags/callPatterns';
import { compareFlags, explainFlag, lensTitle, md, viewDescription, type FlagOrigins } from '../../../src/vscode/flags/flagText';

function flag(partial: Partial<FlagInfo> & Pick<FlagInfo, 'key'>): FlagInfo {
  return {
    provider: 'unleash',
    references: [{ file: 'src/a.ts', line: 3, column: 7, start: 40, end: 61, sdkCall: 'unleash.isEnabled' }],
    introducedAt: '2026-08-24T21:40:00Z',
    introducedBy: 'A. Author',
    commit: 'aaf76c8aaf76c8aaf76c8aaf76c8aaf76c8aaf76',
    ageDays: 94,
    status: 'stale',
    expiresAt: '2026-09-23',
    staleAt: '2026-10-23',
    expirySource: 'policy',
    hints: [],
    ...partial,
  };
}

const origins: FlagOrigins = { history: true, pending: false, registryFile: undefined, registry: [], annotations: [], policy: { expireDays: 30, staleDays: 60 } };

describe('feature flags editor: lens titles', () => {
  it('key · added N days ago by author · references · status', () => {
    const three = flag({ key: 'express-checkout-v2', references: [1, 2, 3].map((line) => ({ file: 'src/a.ts', line, column: 1, start: 0, end: 1, sdkCall: 'isEnabled' })) });
    assert.equal(lensTitle(three, origins), 'express-checkout-v2 · added 94 days ago by A. Author · 3 references · stale');
    assert.equal(lensTitle(flag({ key: 'k', ageDays: 1, status: 'ok' }), origins), 'k · added 1 day ago by A. Author · 1 reference · ok');
    assert.equal(lensTitle(flag({ key: 'k', ageDays: 0, introducedBy: null, status: 'ok' }), origins), 'k · added today · 1 reference · ok');
  });

  it('says why an age is missing: history pending, not committed, no history', () => {
    const unknown = flag({ key: 'k', ageDays: null, introducedAt: null, introducedBy: null, commit: null, status: 'ok' });
    assert.equal(lensTitle(unknown, { history: true, pending: true }), 'k · age: reading history… · 1 reference · ok');
    assert.equal(lensTitle(unknown, { history: true, pending: false }), 'k · not committed yet · 1 reference · ok');
    assert.equal(lensTitle(unknown, { history: false, pending: false }), 'k · age unknown (no git history) · 1 reference · ok');
    // The history pass was cancelled (the notification's Cancel button): not computed, whatever history holds.
    assert.equal(lensTitle(unknown, { history: true, pending: false, cancelled: true }), 'k · age not computed (cancelled) · 1 reference · ok');
    const explained = explainFlag(unknown, { history: true, pending: false, cancelled: true, registryFile: undefined, registry: [], annotations: [], policy: { expireDays: 30, staleDays: 60 } });
    assert.match(explained, /\*\*Age\*\*: not computed: reading the history was cancelled\. Run \*\*Release Hygiene: Date Feature Flags from History\*\*/);
  });
});

describe('feature flags editor: view order and descriptions', () => {
  it('stale, expired, ok, permanent; older first within a status; then by key', () => {
    const flags = [
      flag({ key: 'p', status: 'permanent', ageDays: 500 }),
      flag({ key: 'ok-young', status: 'ok', ageDays: 2 }),
      flag({ key: 'b-stale', status: 'stale', ageDays: 70 }),
      flag({ key: 'expired', status: 'expired', ageDays: 40 }),
      flag({ key: 'a-stale', status: 'stale', ageDays: 70 }),
      flag({ key: 'old-stale', status: 'stale', ageDays: 300 }),
      flag({ key: 'uncommitted', status: 'ok', ageDays: null }),
    ];
    assert.deepEqual(flags.sort(compareFlags).map((f) => f.key), ['old-stale', 'a-stale', 'b-stale', 'expired', 'ok-young', 'uncommitted', 'p']);
  });

  it('describes status, age in days and references', () => {
    assert.equal(viewDescription(flag({ key: 'k' })), 'stale · 94 d · 1 ref');
    assert.equal(viewDescription(flag({ key: 'k', ageDays: null, status: 'ok', references: [] })), 'ok · new · 0 refs');
  });
});

describe('feature flags editor: where an age and an expiry came from', () => {
  it('history: the introducing commit, its author and date; the default policy', () => {
    const text = explainFlag(flag({ key: 'express-checkout-v2' }), origins);
    assert.match(text, /added 94 days ago \(2026-08-24\) by A\\\. Author in commit `aaf76c8`/);
    assert.match(text, /expires 2026-09-23, stale from 2026-10-23: the defaults, expired after 30 days and stale after 60/);
    assert.match(text, /`src\/a\.ts:3`/);
  });

  it('registry: created date and expiry from the entry, with its file and owner', () => {
    const registry = { ...origins, registryFile: '.release-hygiene/flags.yaml', registry: [{ key: 'k', created: '2026-01-01', expires: '2026-02-01', owner: 'payments' }] };
    const text = explainFlag(flag({ key: 'k', introducedAt: '2026-01-01', commit: null, expirySource: 'registry', expiresAt: '2026-02-01' }), registry);
    assert.match(text, /created 2026-01-01 per its entry in \\\.release\\-hygiene\/flags\\\.yaml/);
    assert.match(text, /from its entry in .*\(owner payments\)/);
  });

  it('annotation and Unleash type', () => {
    const annotated = { ...origins, annotations: [{ kind: 'permanent' as const, line: 16, key: 'kill' }] };
    assert.match(explainFlag(flag({ key: 'kill', status: 'permanent', expirySource: 'annotation', expiresAt: null, staleAt: null }), annotated), /permanent, from the inline annotation `flag: permanent` on line 16/);
    assert.match(explainFlag(flag({ key: 'op', type: 'operational', expirySource: 'type', expiresAt: '2026-08-31' }), origins), /Unleash flag type `operational` and its expected lifetime/);
  });

  it('escapes Markdown from the repository (keys in code spans, authors as text)', () => {
    assert.equal(md('A_b *c* [x](y)'), 'A\\_b \\*c\\* \\[x\\]\\(y\\)');
    assert.ok(!explainFlag(flag({ key: 'k', introducedBy: '[click](command:x)' }), origins).includes('[click](command:x)'));
  });
});

describe('feature flags editor: customPatterns setting', () => {
  it('maps { function, keyArgument, provider } to the engine call shape', () => {
    assert.deepEqual(toCallPattern({ function: 'isFeatureOn', keyArgument: 1, provider: 'unleash' }), { name: 'isFeatureOn', keyArgument: 1, provider: 'unleash' });
    assert.deepEqual(toCallPattern({ function: 'flags.isOn' }), { name: 'isOn', keyArgument: 0, provider: 'custom', methodOnly: true });
    assert.deepEqual(toCallPattern({ function: 'evaluate', fallbackArgument: 2, provider: 'nope' }), { name: 'evaluate', keyArgument: 0, provider: 'custom', fallbackArgument: 2 });
  });

  it('drops malformed entries', () => {
    for (const bad of [null, 'isOn', {}, { function: '' }, { function: 'not a name' }, { function: 3 }]) assert.equal(toCallPattern(bad), undefined, JSON.stringify(bad));
  });
});
