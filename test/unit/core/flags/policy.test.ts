import assert from 'node:assert/strict';
import {
  camelCaseKey,
  evaluateFlags,
  flagFindings,
  parseFlagRegistry,
  resolvePolicy,
  scanSource,
} from '../../../../src/core/flags';
import type { FlagAge, FlagCallSite, FlagInfo } from '../../../../src/core/flags/types';

const NOW = '2026-06-01T00:00:00Z';
const daysAgo = (days: number): string => new Date(Date.parse(NOW) - days * 86_400_000).toISOString();
const age = (days: number, by = 'A. Author'): FlagAge => ({ introducedAt: daysAgo(days), introducedBy: by, commit: 'c'.repeat(40) });

function sites(text: string, file = 'src/a.ts'): FlagCallSite[] {
  return [...scanSource(text, { language: 'js', file }).callSites];
}

function evaluate(text: string, ages: Record<string, FlagAge>, extra: Partial<Parameters<typeof evaluateFlags>[0]> = {}): FlagInfo[] {
  const scan = scanSource(text, { language: 'js', file: 'src/a.ts' });
  return evaluateFlags({ callSites: scan.callSites, annotations: scan.annotations, ages, policy: resolvePolicy(), now: NOW, ...extra });
}

describe('flags: expiry policy', () => {
  it('defaults: ok before 30 days, expired from day 30, stale from day 60 (exact boundaries)', () => {
    const text = ['a', 'b', 'c', 'd', 'e'].map((k) => `unleash.isEnabled('${k}');`).join('\n');
    const flags = evaluate(text, { a: age(29), b: age(30), c: age(59), d: age(60), e: age(400) });
    const byKey = Object.fromEntries(flags.map((f) => [f.key, `${f.status} ${f.ageDays} ${f.expiresAt}`]));
    assert.deepEqual(byKey, {
      a: 'ok 29 2026-06-02',
      b: 'expired 30 2026-06-01',
      c: 'expired 59 2026-05-03',
      d: 'stale 60 2026-05-02',
      e: 'stale 400 2025-05-27',
    });
    // Most stale first: stale (oldest first), expired, ok.
    assert.deepEqual(flags.map((f) => f.key), ['e', 'd', 'c', 'b', 'a']);
  });

  it('custom expire/stale days; a stale limit below the expiry is raised to it', () => {
    const flags = evaluate("unleash.isEnabled('x');", { x: age(10) }, { policy: resolvePolicy({ expireDays: 5, staleDays: 10 }) });
    assert.equal(flags[0]!.status, 'stale');
    assert.deepEqual(resolvePolicy({ expireDays: 50, staleDays: 20 }).staleDays, 50);
  });

  it('unknown age (uncommitted): ok, no expiry', () => {
    const [flag] = evaluate("unleash.isEnabled('new');", {});
    assert.deepEqual([flag!.status, flag!.ageDays, flag!.expiresAt, flag!.introducedAt], ['ok', null, null, null]);
  });

  it('Unleash type lifetimes: operational 7 days; kill-switch and permission permanent; release 40', () => {
    const text = "unleash.isEnabled('op');\nunleash.isEnabled('ks');\nunleash.isEnabled('rel');\nunleash.isEnabled('perm');";
    const registry = [
      { key: 'op', type: 'operational' },
      { key: 'ks', type: 'kill-switch' },
      { key: 'rel', type: 'release' },
      { key: 'perm', type: 'permission' },
    ];
    const flags = evaluate(text, { op: age(8), ks: age(900), rel: age(45), perm: age(900) }, { policy: resolvePolicy({ registry }) });
    const byKey = Object.fromEntries(flags.map((f) => [f.key, `${f.status} ${f.expirySource} ${f.expiresAt}`]));
    assert.deepEqual(byKey, {
      op: 'expired type 2026-05-31',
      ks: 'permanent type null',
      rel: 'expired type 2026-05-27',
      perm: 'permanent type null',
    });
  });

  it('registry overrides: created replaces the git age, expires replaces the policy, permanent wins', () => {
    const text = "unleash.isEnabled('a');\nunleash.isEnabled('b');\nunleash.isEnabled('c');";
    const registry = [
      { key: 'a', created: '2026-05-25' },
      { key: 'b', expires: '2026-05-20', owner: '@web' },
      { key: 'c', permanent: true },
    ];
    const flags = evaluate(text, { a: age(300), b: age(1), c: age(300) }, { policy: resolvePolicy({ registry }) });
    const byKey = Object.fromEntries(flags.map((f) => [f.key, f]));
    assert.deepEqual([byKey.a!.status, byKey.a!.ageDays, byKey.a!.introducedAt], ['ok', 7, '2026-05-25']);
    assert.deepEqual([byKey.b!.status, byKey.b!.expirySource, byKey.b!.expiresAt, byKey.b!.owner], ['expired', 'registry', '2026-05-20', '@web']);
    assert.deepEqual([byKey.c!.status, byKey.c!.expirySource], ['permanent', 'registry']);
  });

  it('inline annotations beat the registry: expires date and permanent', () => {
    const text = "// flag: expires 2026-07-01\nunleash.isEnabled('a');\nunleash.isEnabled('b'); // flag: permanent";
    const registry = [{ key: 'a', expires: '2026-01-01' }];
    const flags = evaluate(text, { a: age(300), b: age(300) }, { policy: resolvePolicy({ registry }) });
    const byKey = Object.fromEntries(flags.map((f) => [f.key, `${f.status} ${f.expirySource} ${f.expiresAt}`]));
    assert.deepEqual(byKey, { a: 'ok annotation 2026-07-01', b: 'permanent annotation null' });
  });

  it("Unleash's manual stale mark makes a young flag stale; remote createdAt is used without git", () => {
    const flags = evaluate("unleash.isEnabled('r');", {}, { remote: [{ key: 'r', stale: true, createdAt: daysAgo(3), type: 'release' }] });
    assert.deepEqual([flags[0]!.status, flags[0]!.expirySource, flags[0]!.ageDays], ['stale', 'remote', 3]);
  });

  it('useFlags camelCased properties join the kebab key used elsewhere', () => {
    assert.equal(camelCaseKey('express-checkout_v2'), 'expressCheckoutV2');
    const text = "const { expressCheckout } = useFlags();\nldClient.variation('express-checkout', ctx, false);";
    const flags = evaluate(text, { 'express-checkout': age(70) });
    assert.equal(flags.length, 1);
    assert.deepEqual([flags[0]!.key, flags[0]!.references.length, flags[0]!.status], ['express-checkout', 2, 'stale']);
  });

  it('hints: one reference; every reference in the condition of one if', () => {
    const one = evaluate("unleash.isEnabled('solo');", { solo: age(1) });
    assert.match(one[0]!.hints[0]!, /one place/);
    const cond = evaluate("if (unleash.isEnabled('c') || unleash.isEnabled('c')) {}", { c: age(1) });
    assert.match(cond[0]!.hints[0]!, /condition of one if/);
    const spread = evaluate("if (unleash.isEnabled('s')) {}\nconst x = unleash.isEnabled('s');", { s: age(1) });
    assert.deepEqual(spread[0]!.hints, []);
  });

  it('findings: expired warning, stale error, no-fallback information on the key literal', () => {
    const text = "ldClient.variation('old');\nldClient.variation('mid', ctx, false);\nldClient.variation('young', ctx, false);";
    const scan = scanSource(text, { language: 'js', file: 'src/a.ts' });
    const flags = evaluateFlags({ callSites: scan.callSites, ages: { old: age(61), mid: age(31), young: age(1) }, policy: resolvePolicy(), now: NOW });
    const findings = flagFindings(scan, new Map(flags.map((f) => [f.key, f])));
    const summary = findings.map((f) => `${f.ruleId} ${f.severity} ${text.slice(f.start, f.end)}`);
    assert.deepEqual(summary, [
      "flags/stale error 'old'",
      "flags/no-fallback information 'old'",
      "flags/ready-to-remove information 'old'",
      "flags/expired warning 'mid'",
      "flags/ready-to-remove information 'mid'",
      "flags/ready-to-remove information 'young'",
    ]);
    assert.match(findings[0]!.message, /stale: added .* by A\. Author.*per the default policy/);
  });

  it('references are sorted by file then offset', () => {
    const callSites = [...sites("unleash.isEnabled('k');", 'z.ts'), ...sites("x;unleash.isEnabled('k');", 'a.ts')];
    const [flag] = evaluateFlags({ callSites, ages: {}, policy: resolvePolicy(), now: NOW });
    assert.deepEqual(flag!.references.map((r) => `${r.file}:${r.line}:${r.column}`), ['a.ts:1:21', 'z.ts:1:19']);
  });
});

describe('flags: registry file', () => {
  it('YAML list under flags:', () => {
    const text = 'flags:\n  - key: checkout\n    owner: "@web"\n    type: release\n    created: 2026-01-05\n    expires: 2026-03-01\n  - key: kill\n    permanent: true\n';
    assert.deepEqual(parseFlagRegistry(text, 'yaml'), {
      entries: [
        { key: 'checkout', owner: '@web', type: 'release', created: '2026-01-05', expires: '2026-03-01' },
        { key: 'kill', permanent: true },
      ],
      errors: [],
    });
  });

  it('JSON map from key to entry, and a bare list', () => {
    assert.deepEqual(parseFlagRegistry('{"a": {"type": "experiment"}, "b": null}', 'json').entries, [{ key: 'a', type: 'experiment' }, { key: 'b' }]);
    assert.deepEqual(parseFlagRegistry('[{"key": "c", "permanent": false}]', 'json').entries, [{ key: 'c', permanent: false }]);
  });

  it('bad entries and fields are reported, the rest kept; unparsable files give one error', () => {
    const parsed = parseFlagRegistry('flags:\n  - owner: x\n  - key: d\n    expires: someday\n    permanent: "yes"\n  - 42\n', 'yaml');
    assert.deepEqual(parsed.entries, [{ key: 'd' }]);
    assert.equal(parsed.errors.length, 4);
    assert.match(parsed.errors[0]!, /entry 1: missing "key"/);
    assert.equal(parseFlagRegistry('{', 'json').errors.length, 1);
  });
});
