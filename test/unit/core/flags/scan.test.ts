import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildConstantIndex, languageOf, resolveCallSites, scanSource } from '../../../../src/core/flags';
import type { SourceScan } from '../../../../src/core/flags/types';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'flags');

function scanFixture(file: string): SourceScan {
  const text = readFileSync(join(FIXTURES, file), 'utf8');
  return scanSource(text, { language: languageOf(file)!, file });
}

/** `line key provider sdkCall keyExpression hasFallback` per call site, in source order. */
function rows(scan: SourceScan): string[] {
  return scan.callSites.map((s) => `${s.line} ${s.key} ${s.provider} ${s.sdkCall} ${s.keyExpression} ${s.hasFallback}`);
}

describe('flags: call sites by call shape', () => {
  it('languageOf maps extensions to lexer families', () => {
    assert.deepEqual(
      ['a.ts', 'b.TSX', 'c.jsx', 'd.mjs', 'e.py', 'f.go', 'g.java', 'h.kt', 'i.rb', 'Makefile'].map(languageOf),
      ['js', 'js', 'js', 'js', 'python', 'go', 'java', 'java', undefined, undefined],
    );
  });

  it('a lone CR ends a line: a call after a comment on a classic-Mac line is found, on the line the editor shows', () => {
    const text = "// note\rconst on = client.isEnabled('new-checkout');\r# x\r\nconst off = client.isEnabled('old-checkout');\r";
    const scan = scanSource(text, { language: 'js' });
    assert.deepEqual(rows(scan), ['2 new-checkout unleash client.isEnabled literal null', '4 old-checkout unleash client.isEnabled literal null']);
    const [first] = scan.callSites;
    assert.equal(text.slice(first!.start, first!.end), "'new-checkout'");
    assert.equal(first!.column, 29);
    // Python: a comment before a lone CR too.
    assert.deepEqual(rows(scanSource("# note\rclient.is_enabled('py-flag')\r", { language: 'python' })).map((r) => r.split(' ').slice(0, 2).join(' ')), ['2 py-flag']);
  });

  it('JS/TS Unleash: server, global and client calls, a plain template literal', () => {
    assert.deepEqual(rows(scanFixture('js/unleash.ts')), [
      '5 unleash-server-flag unleash unleash.isEnabled literal null',
      '6 unleash-variant unleash unleash.getVariant literal null',
      '7 unleash-global unleash isEnabled literal null',
      '8 unleash-template-plain unleash client.isEnabled literal null',
    ]);
  });

  it('TSX LaunchDarkly: server variations with and without default, useFlags destructuring and members, hooks', () => {
    assert.deepEqual(rows(scanFixture('js/launchdarkly.tsx')), [
      '4 ld-server-flag launchdarkly ldClient.variation literal true',
      '5 ld-bool-flag launchdarkly ldClient.boolVariation literal true',
      '6 ld-string-detail launchdarkly ldClient.stringVariationDetail literal false',
      '7 ld-no-default launchdarkly ldClient.variation literal false',
      '12 newCheckout launchdarkly useFlags literal null',
      '12 dark-mode launchdarkly useFlags literal null',
      '14 ld-react-hook launchdarkly useBoolVariation literal true',
      '15 betaBanner launchdarkly useFlags literal null',
    ]);
    const scan = scanFixture('js/launchdarkly.tsx');
    assert.equal(scan.callSites.find((s) => s.key === 'newCheckout')?.camelCase, true);
    assert.equal(scan.callSites.find((s) => s.key === 'dark-mode')?.camelCase, undefined);
  });

  it('JS OpenFeature: values and details, a missing default is hasFallback false', () => {
    assert.deepEqual(rows(scanFixture('js/openfeature.ts')), [
      '5 of-bool openfeature client.getBooleanValue literal true',
      '6 of-string openfeature client.getStringValue literal true',
      '7 of-number-details openfeature client.getNumberDetails literal true',
      '8 of-no-default openfeature client.getObjectValue literal false',
    ]);
  });

  it('JSX Flagsmith, GrowthBook, PostHog, Statsig, Split, ConfigCat (receivers tell shared names apart)', () => {
    assert.deepEqual(rows(scanFixture('js/others.jsx')), [
      '5 fs-has-feature flagsmith flagsmith.hasFeature literal null',
      '5 fs-value flagsmith flagsmith.getValue literal null',
      '6 gb-is-on growthbook gb.isOn literal null',
      '6 gb-value growthbook gb.getFeatureValue literal true',
      '7 gb-hook growthbook useFeatureIsOn literal null',
      '8 ph-enabled posthog posthog.isFeatureEnabled literal null',
      '9 statsig-gate statsig statsig.checkGate literal null',
      '10 split-treatment split splitClient.getTreatment literal null',
      '11 cc-value configcat configCatClient.getValueAsync literal true',
    ]);
  });

  it('negatives: comments, strings, templates, regexes, dynamic keys, look-alike names and declarations', () => {
    const scan = scanFixture('js/negatives.ts');
    assert.deepEqual(rows(scan), []);
    // A bare identifier stays unresolved (pass 2 may find it); it is never a call site on its own.
    assert.deepEqual(scan.unresolved.map((s) => s.keyReference), ['someVariable']);
  });

  it('Python: SDK calls, same-file constant, Enum members (also .value), comments and docstrings ignored', () => {
    assert.deepEqual(rows(scanFixture('python/sdks.py')), [
      '19 py-unleash unleash client.is_enabled literal null',
      '21 py-variant unleash client.get_variant literal null',
      '22 py-ld launchdarkly ld.variation literal true',
      '23 py-ld-no-default launchdarkly ld.variation_detail literal false',
      '24 py-of openfeature of.get_boolean_value literal true',
      '25 py-flagsmith flagsmith flags.is_feature_enabled literal null',
      '26 py-constant-flag unleash client.is_enabled constant null',
      '27 py-enum-checkout unleash client.is_enabled enum-member null',
      '28 py-enum-search unleash client.is_enabled enum-member null',
    ]);
  });

  it('Go: Unleash, LaunchDarkly, OpenFeature (key is argument 1), constants incl. typed const blocks', () => {
    assert.deepEqual(rows(scanFixture('go/sdks.go')), [
      '19 go-unleash unleash unleash.IsEnabled literal null',
      '22 go-ld-bool launchdarkly client.BoolVariation literal true',
      '23 go-ld-no-default launchdarkly client.StringVariation literal false',
      '24 go-of-bool openfeature of.BooleanValue literal true',
      '25 go-of-no-default openfeature of.IntValue literal false',
      '26 go-constant-flag unleash unleash.IsEnabled constant null',
      '27 go-typed-constant unleash unleash.IsEnabled constant null',
    ]);
  });

  it('Java: SDK calls, static final constant, enum constant with a key field; the method declaration is not a call', () => {
    assert.deepEqual(rows(scanFixture('java/Sdks.java')), [
      '21 java-unleash unleash unleash.isEnabled literal null',
      '22 java-ld-bool launchdarkly client.boolVariation literal true',
      '23 java-ld-no-default launchdarkly client.stringVariation literal false',
      '24 java-of-bool openfeature of.getBooleanValue literal true',
      '25 java-constant-flag unleash unleash.isEnabled constant null',
      '26 java-enum-checkout unleash unleash.isEnabled enum-member null',
      '27 java-flagsmith flagsmith flags.isFeatureEnabled literal null',
    ]);
  });

  it('Python keyword arguments for the key', () => {
    const text = 'client.is_enabled(feature_name="kw-flag", context=ctx)\nld.variation(key="kw-ld", context=c, default=False)\nclient.is_enabled(context=ctx)\n';
    assert.deepEqual(rows(scanSource(text, { language: 'python' })), ['1 kw-flag unleash client.is_enabled literal null', '2 kw-ld launchdarkly ld.variation literal true']);
  });

  it('offsets cover the key literal (quotes included) with 1-based line and column', () => {
    const text = 'const x = 1;\n  if (unleash.isEnabled("abc")) {}\n';
    const [site] = scanSource(text, { language: 'js' }).callSites;
    assert.equal(text.slice(site!.start, site!.end), '"abc"');
    assert.deepEqual([site!.line, site!.column], [2, 25]);
    assert.ok(site!.branch, 'a call inside an if condition records its branch');
  });

  it('two-pass resolve: workspace constants objects and enums resolve FLAGS.A / Flags.A; unknown members stay unresolved', () => {
    const keys = scanFixture('js/flagKeys.ts');
    const uses = scanFixture('js/usesConstants.ts');
    assert.deepEqual(rows(uses), [
      '8 local-constant-flag unleash unleash.isEnabled constant null',
      '9 local-object-flag unleash unleash.isEnabled enum-member null',
    ]);
    const index = buildConstantIndex([keys, uses]);
    const resolved = resolveCallSites(uses, index);
    assert.deepEqual(
      resolved.callSites.map((s) => `${s.line} ${s.key} ${s.keyExpression} ${s.keyReference}`),
      [
        '8 local-constant-flag constant LOCAL_FLAG',
        '9 local-object-flag enum-member LOCAL_OBJECT.beta',
        '10 express-checkout-v2 enum-member FLAGS.Checkout',
        '11 legacy-search-key enum-member FLAGS.legacy-search',
        '12 dark-mode enum-member Flags.DarkMode',
        '13 new-nav enum-member Flags.NewNav',
      ],
    );
    assert.deepEqual(resolved.unresolved.map((s) => s.keyReference), ['Flags.Missing']);
  });

  it('nested constants objects and bracket chains resolve in the file and across files; python .value is kept', () => {
    const defs = scanSource(
      ["export const FLAGS = {", "  search: { legacy: 'search-legacy', 'new-ranking': 'ranking-v3', deep: { on: 'deep-on' } },", "  'a-b': 'ab-key',", '} as const;'].join('\n'),
      { language: 'js' },
    );
    const uses = scanSource(
      [
        "isEnabled(FLAGS.search.legacy); isEnabled(FLAGS['search'].legacy); isEnabled(FLAGS.search['new-ranking']);",
        "isEnabled(FLAGS.search.deep.on); isEnabled(FLAGS['a-b']); isEnabled(FLAGS.search); isEnabled(a.b.c.d.e.f);",
      ].join('\n'),
      { language: 'js' },
    );
    const resolved = resolveCallSites(uses, buildConstantIndex([defs, uses]));
    assert.deepEqual(
      resolved.callSites.map((s) => `${s.line} ${s.key} ${s.keyReference}`),
      ['1 search-legacy FLAGS.search.legacy', '1 search-legacy FLAGS.search.legacy', '1 ranking-v3 FLAGS.search.new-ranking', '2 deep-on FLAGS.search.deep.on', '2 ab-key FLAGS.a-b'],
    );
    // `FLAGS.search` is an object, not a key; a six-part chain is data.
    assert.deepEqual(resolved.unresolved.map((s) => s.keyReference), ['FLAGS.search']);
    const py = scanSource('class Flags(str, Enum):\n    CHECKOUT = "checkout"\n\nclient.is_enabled(Flags.CHECKOUT.value)\n', { language: 'python' });
    assert.deepEqual(py.callSites.map((s) => `${s.key} ${s.keyReference}`), ['checkout Flags.CHECKOUT']);
  });

  it('a camelCased useFlags() property carries the property as its reference (what history can find)', () => {
    const scan = scanSource("const { darkMode, 'new-nav': nav } = useFlags();\nconst flags = useFlags();\nflags.betaBanner;", { language: 'js' });
    assert.deepEqual(scan.callSites.map((s) => `${s.key} ${s.camelCase ?? false} ${s.keyReference}`), ['darkMode true darkMode', 'new-nav false undefined', 'betaBanner true betaBanner']);
  });

  it('optional calls, TS type arguments and the PostHog hooks and methods of the real-world corpus', () => {
    const js = scanSource(
      [
        'const a = gb?.isOn("contextual-bandits");',
        'const b = useFeatureValue<Config | null>("home-banner", null);',
        "const c = useFeatureFlag('example-flag');",
        "const d = await posthog.getFeatureFlagResult('result-flag', id);",
        'if (n < useFeatureValue) x > (y);',
        '<HookCard title="useFeatureFlag(\'not-a-call\')" />',
      ].join('\n'),
      { language: 'js' },
    );
    assert.deepEqual(js.callSites.map((s) => `${s.line} ${s.key} ${s.provider} ${s.sdkCall}`), [
      '1 contextual-bandits growthbook gb.isOn',
      '2 home-banner growthbook useFeatureValue',
      '3 example-flag posthog useFeatureFlag',
      '4 result-flag posthog posthog.getFeatureFlagResult',
    ]);
    const py = scanSource("p = posthog.get_feature_flag_payload('pay', d)\nr = posthog.get_feature_flag_result('res', d)\n", { language: 'python' });
    assert.deepEqual(py.callSites.map((s) => s.key), ['pay', 'res']);
  });

  it('python f-string fields are code: a call inside one is found at its own line and column; {{ }} is text', () => {
    const text = 'print(f"a {posthog.feature_enabled(\'beta\', \'id\')} b")\ns = f"""\n{{posthog.feature_enabled(\'no\', d)}}\n{posthog.get_feature_flag(\'multi\', u)!r:>10}"""\n';
    const scan = scanSource(text, { language: 'python' });
    assert.deepEqual(scan.callSites.map((s) => `${s.line}:${s.column} ${text.slice(s.start, s.end)}`), ["1:36 'beta'", "4:27 'multi'"]);
  });

  it('an ambiguous workspace name (two different values) does not resolve', () => {
    const a = scanSource("export const FLAG = 'one';", { language: 'js' });
    const b = scanSource("export const FLAG = 'two';", { language: 'js' });
    const use = scanSource("import { FLAG } from './a';\nunleash.isEnabled(FLAG);", { language: 'js' });
    assert.deepEqual(resolveCallSites(use, buildConstantIndex([a])).callSites.map((s) => s.key), ['one']);
    assert.deepEqual(resolveCallSites(use, buildConstantIndex([a, b])).callSites.map((s) => s.key), []);
  });

  it('user-defined patterns: function name and key argument; they win over a built-in of the same name', () => {
    const text = "const on = featureOn(user, 'custom-key');\nconst v = myFlags.isEnabled('builtin');\nfeatureOn('not-arg-1');";
    const scan = scanSource(text, { language: 'js', patterns: [{ name: 'featureOn', keyArgument: 1 }] });
    assert.deepEqual(rows(scan), ['1 custom-key custom featureOn literal null', '2 builtin unleash myFlags.isEnabled literal null']);
    const only = scanSource(text, { language: 'js', builtins: false, patterns: [{ name: 'isEnabled', provider: 'unleash', methodOnly: true, fallbackArgument: 2 }] });
    assert.deepEqual(rows(only), ['2 builtin unleash myFlags.isEnabled literal false']);
  });

  it('inline annotations apply to the call site on the same or next line, in // and # comments', () => {
    const js = scanSource("// flag: expires 2026-03-01\nunleash.isEnabled('a');\nunleash.isEnabled('b'); // flag: permanent\n// flag: owner @team-web\n", { language: 'js' });
    assert.deepEqual(js.annotations, [
      { kind: 'expires', value: '2026-03-01', line: 1, key: 'a' },
      { kind: 'permanent', line: 3, key: 'b' },
      { kind: 'owner', value: '@team-web', line: 4 },
    ]);
    const py = scanSource('if client.is_enabled("p"):  # flag: type kill-switch\n    pass\n', { language: 'python' });
    assert.deepEqual(py.annotations, [{ kind: 'type', value: 'kill-switch', line: 1, key: 'p' }]);
  });

  it('an annotation on an imported constant resolves with the constant', () => {
    const use = scanSource("unleash.isEnabled(FLAGS.A); // flag: permanent", { language: 'js' });
    const defs = scanSource("export const FLAGS = { A: 'resolved-a' };", { language: 'js' });
    const resolved = resolveCallSites(use, buildConstantIndex([defs]));
    assert.deepEqual(resolved.annotations, [{ kind: 'permanent', line: 1, key: 'resolved-a' }]);
  });

  it('JSX closing tags are not regular expressions: a call after one on the same line is found', () => {
    const text = "const a = <div><b>x</b>{gb.isOn('after-closing-tag') ? 'y' : 'n'}</div>;";
    assert.deepEqual(scanSource(text, { language: 'js' }).callSites.map((s) => s.key), ['after-closing-tag']);
    const re = "const r = x.split(/isEnabled\\('in-regex'\\)/); unleash.isEnabled('after-regex');";
    assert.deepEqual(scanSource(re, { language: 'js' }).callSites.map((s) => s.key), ['after-regex']);
  });

  it('never throws on unbalanced or truncated input', () => {
    for (const text of ["unleash.isEnabled('a'", 'isEnabled(', "`${", '/*', '"""', "x = '", 'enum {', '}}}']) {
      for (const language of ['js', 'python', 'go', 'java'] as const) scanSource(text, { language });
    }
  });
});
