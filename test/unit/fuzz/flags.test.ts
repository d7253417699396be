// Properties of the feature-flag scanner per language and the flag registry reader
// (docs/reliability.md, "Property and fuzz tests").
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  buildConstantIndex,
  DEFAULT_FLAG_POLICY,
  evaluateFlags,
  flagFindings,
  languageOf,
  parseFlagRegistry,
  resolveCallSites,
  scanSource,
  type FlagLanguage,
  type SourceScan,
} from '../../../src/core/flags';
import { ADVERSARIAL_UNITS, assertRangeInside, bounded, canonical, fixtureTexts, hostileString, longRuns, mutated, property } from './harness';
import { lineStartOffsets } from '../../../src/core/report/region';

const LANGUAGES: readonly FlagLanguage[] = ['js', 'python', 'go', 'java'];
const FIXTURES = fixtureTexts('flags').map(([path, text]) => [languageOf(path)!, text] as const);
const fixturesOf = (language: FlagLanguage): string[] => FIXTURES.filter(([l]) => l === language).map(([, text]) => text);

/** Key literals that stress the lexer's unescaping: escapes of every form, out-of-range code points, quotes. */
const KEY_LITERALS = [
  "'plain-key'",
  '"double-key"',
  '`template-key`',
  '`tpl-${x}`',
  "'\\u{1F600}'",
  "'\\u{110000}'",
  "'\\u{FFFFFFFFFF}'",
  "'\\u{}'",
  "'\\uD800'",
  "'\\x4'",
  "'\\u12'",
  "'\\\\'",
  "'unterminated",
  '"unterminated',
  '`unterminated ${',
  "r'raw\\d'",
  'f"f-{x}"',
  '"""triple"""',
  "b'bytes'",
  'FLAG_CONSTANT',
  'Flags.CHECKOUT',
  'FLAGS["a"]',
];
const CALLS = [
  'unleash.isEnabled', 'isEnabled', 'client.is_enabled', 'ldClient.variation', 'ldClient.boolVariation', 'client.getBooleanValue',
  'useFlags', 'gb.isOn', 'posthog.isFeatureEnabled', 'client.BoolVariation', 'client.IsEnabled', 'flagsmith.hasFeature', 'useFlag',
];
const NOISE = ['/*', '*/', '//', '#', '"""', "'''", '`', '${', '}', '(', ')', '{', '<div>', '</div>', '/re/', '\\', '\n', '\r', '\u2028', '// flag: expires 2026-01-01', '# flag: permanent', '/* flag: owner team-a */'];

const generatedSource: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.tuple(fc.constantFrom(...CALLS), fc.constantFrom(...KEY_LITERALS), fc.constantFrom('', ', ctx', ', ctx, false', ', {}', ',')).map(([call, key, rest]) => `${call}(${key}${rest})`),
      fc.constantFrom(...KEY_LITERALS).map((key) => `const FLAG_CONSTANT = ${key};`),
      fc.constantFrom('enum Flags { CHECKOUT = "e" }', 'const FLAGS = { a: "b" } as const;', 'class Flags(str, Enum):\n    CHECKOUT = "p"', 'const flags = useFlags();\nflags.fooBar;', 'if (isEnabled("in-if")) {'),
      fc.constantFrom(...NOISE),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(' '));

function sources(language: FlagLanguage): fc.Arbitrary<string> {
  const fixtures = fixturesOf(language);
  return fc.oneof(
    { weight: 3, arbitrary: mutated(fixtures.length > 0 ? fc.constantFrom(...fixtures) : generatedSource, fc.oneof(fc.constantFrom(...NOISE, ...KEY_LITERALS), generatedSource)) },
    { weight: 3, arbitrary: mutated(generatedSource) },
    { weight: 1, arbitrary: hostileString(300) },
  );
}

/** Offsets inside the text; line and column of every call site agree with its start. */
function checkScan(text: string, scan: SourceScan): void {
  // Lines as the editor and the CLI's reports count them: CRLF, LF and a lone CR.
  const lineStarts = lineStartOffsets(text);
  for (const site of [...scan.callSites, ...scan.unresolved]) {
    assertRangeInside(text, site, `call site ${site.sdkCall}`);
    if (site.branch) assertRangeInside(text, site.branch, `branch of ${site.sdkCall}`);
    let line = 0;
    while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= site.start) line++;
    assert.deepEqual([site.line, site.column], [line + 1, site.start - lineStarts[line]! + 1], `line and column of ${site.sdkCall} at ${site.start}`);
  }
  for (const annotation of scan.annotations) assert.ok(annotation.line >= 1 && annotation.line <= lineStarts.length, `annotation line ${annotation.line}`);
}

function scan(text: string, language: FlagLanguage): SourceScan {
  const result = scanSource(text, { language, file: `src/file.${language}` });
  checkScan(text, result);
  return result;
}

describe('fuzz: feature flags', () => {
  for (const language of LANGUAGES) {
    describe(language, () => {
      property('the scan never throws, offsets lie inside the text, lines and columns agree', sources(language), (text) => {
        const result = scan(text, language);
        const resolved = resolveCallSites(result, buildConstantIndex([result]));
        checkScan(text, resolved);
        const flags = evaluateFlags({ callSites: resolved.callSites, annotations: resolved.annotations, ages: {}, policy: DEFAULT_FLAG_POLICY, now: '2026-12-04T00:00:00Z' });
        for (const finding of flagFindings(resolved, new Map(flags.map((flag) => [flag.key, flag])))) assertRangeInside(text, finding, finding.ruleId);
      });

      property('the scan is deterministic and unchanged by a no-op edit', fc.tuple(sources(language), fc.nat()), ([text, at]) => {
        const first = canonical(scan(text, language));
        assert.equal(canonical(scan(text, language)), first);
        const cut = text.length === 0 ? 0 : at % (text.length + 1);
        const edited = `${text.slice(0, cut)}x${text.slice(cut)}`;
        assert.equal(canonical(scan(edited.slice(0, cut) + edited.slice(cut + 1), language)), first);
      });
    });
  }

  const registries = fc.oneof(
    mutated(fc.constantFrom(
      '- key: a\n  owner: team\n  type: release\n  created: 2026-01-01\n  expires: 2026-02-01\n- key: b\n  permanent: true\n',
      'flags:\n  checkout:\n    expires: not-a-date\n  search: ~\n',
      '{"flags":[{"key":"a","created":"2026-01-01"}]}',
      'a: &x {owner: t}\nb: *x\nc: {<<: *x, type: kill-switch}\n',
      '- !!binary aGVsbG8=\n- !custom {key: c}\n- [1, 2]\n',
    )),
    hostileString(200),
  );
  property('the flag registry reader never throws and reports every entry it drops', fc.tuple(registries, fc.constantFrom('yaml' as const, 'json' as const)), ([text, format]) => {
    const first = parseFlagRegistry(text, format);
    assert.ok(Array.isArray(first.entries) && Array.isArray(first.errors));
    for (const entry of first.entries) assert.equal(typeof entry.key, 'string');
    assert.equal(canonical(parseFlagRegistry(text, format)), canonical(first));
  });

  describe('adversarial sizes finish within the per-case budget', () => {
    const prefixes = ['isEnabled(', "isEnabled('", 'client.is_enabled("', 'const A = `', '/* ', '"""', 'x = r"'];
    for (const text of longRuns(prefixes, ADVERSARIAL_UNITS)) {
      it(`${JSON.stringify(text.slice(0, 24))}… (${text.length} code units)`, function () {
        this.timeout(0);
        for (const language of LANGUAGES) bounded(language, () => scan(text, language));
        bounded('registry', () => parseFlagRegistry(text, 'yaml'));
      });
    }
  });
});
