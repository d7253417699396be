// The scanner's lexer (tokens.ts: typed-array columns) and token loops (scan.ts) against the reference they replaced
// (lexer.ts and scanReference.ts: one object per token), issue #16: every token (kind, offsets, line, value, the
// one-character `code`), every kept comment and line start, and the whole result of scanSource must be the
// reference's, on every fixture and real-world corpus file, on this project's own sources (TypeScript with regular
// expressions, templates, JSX-free and JSX-like text) and on generated inputs built from the pieces that decide how
// text is cut (regex or division, nested templates, comments, f-strings, JSX closing tags, unterminated strings).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { languageOf, scanSource, type FlagCallPattern, type FlagLanguage } from '../../../../src/core/flags';
import { lex } from './reference/lexer';
import { PRIMING } from '../../../../src/core/flags/scan';
import { scanSourceReference } from './reference/scanReference';
import { lexTokens, SENTINELS, Tok } from '../../../../src/core/flags/tokens';
import { fixtureTexts, hostileString, mutated, property } from '../../fuzz/harness';

const ROOT = join(import.meta.dirname, '..', '..', '..', '..');
const LANGUAGES: readonly FlagLanguage[] = ['js', 'python', 'go', 'java'];
const CUSTOM: readonly FlagCallPattern[] = [{ name: 'myFlag', provider: 'custom' }, { name: 'isEnabled', keyArgument: 1, methodOnly: true }];

/** The first difference between the two lexers on `text`, or undefined. */
function lexDifference(text: string, language: FlagLanguage): string | undefined {
  const reference = lex(text, language);
  const stream = lexTokens(text, language);
  try {
    if (stream.count !== reference.tokens.length) return `${stream.count} tokens, the reference ${reference.tokens.length}`;
    for (let t = 0; t < stream.count; t++) {
      const r = reference.tokens[t]!;
      const value = stream.value(t);
      const code = r.value.length === 1 ? r.value.charCodeAt(0) : 0;
      if (stream.kind[t] !== r.kind || stream.start[t] !== r.start || stream.end[t] !== r.end || stream.line[t] !== r.line || value !== r.value || stream.code[t] !== code) {
        return `token ${t}: ${JSON.stringify({ kind: stream.kind[t], start: stream.start[t], end: stream.end[t], line: stream.line[t], value, code: stream.code[t] })}, the reference ${JSON.stringify({ ...r, code })}`;
      }
      if (!stream.is(t, r.value)) return `token ${t}: is(${JSON.stringify(r.value)}) is false`;
    }
    for (let t = stream.count; t < stream.count + SENTINELS; t++) if (stream.kind[t] !== 0 || stream.code[t] !== 0) return `slot ${t} after the last token is not zeroed`;
    if (JSON.stringify(stream.comments) !== JSON.stringify(reference.comments)) return `comments ${JSON.stringify(stream.comments)}, the reference ${JSON.stringify(reference.comments)}`;
    const lineStarts = Array.from(stream.lineStarts.subarray(0, stream.lineCount));
    if (JSON.stringify(lineStarts) !== JSON.stringify(reference.lineStarts)) return 'line starts differ';
    return undefined;
  } finally {
    stream.release();
  }
}

/** The first difference between scanSource and the reference scanner on `text` (built-in and custom patterns). */
function scanDifference(text: string, language: FlagLanguage, file?: string): string | undefined {
  for (const patterns of [undefined, CUSTOM]) {
    const options = { language, ...(file !== undefined ? { file } : {}), ...(patterns ? { patterns } : {}) };
    const run = (scan: typeof scanSource): string => {
      try {
        return JSON.stringify(scan(text, options));
      } catch (error) {
        return `threw ${String(error)}`;
      }
    };
    const reference = run(scanSourceReference);
    const actual = run(scanSource);
    if (actual !== reference) {
      let at = 0;
      while (at < actual.length && actual[at] === reference[at]) at++;
      return `${patterns ? 'custom patterns' : 'built-in patterns'}: …${actual.slice(Math.max(0, at - 80), at + 120)}\nthe reference: …${reference.slice(Math.max(0, at - 80), at + 120)}`;
    }
  }
  return undefined;
}

function assertSame(text: string, language: FlagLanguage, what: string): void {
  const lexed = lexDifference(text, language);
  assert.equal(lexed, undefined, `${what} (${language}), lexer: ${lexed}`);
  const scanned = scanDifference(text, language, what);
  assert.equal(scanned, undefined, `${what} (${language}), scan: ${scanned}`);
}

/** The project's own TypeScript sources: real code with regular expressions, templates and comments. */
function projectSources(): Array<readonly [string, string]> {
  const out: Array<readonly [string, string]> = [];
  for (const folder of ['src', 'test/unit', 'bench']) {
    for (const entry of readdirSync(join(ROOT, folder), { withFileTypes: true, recursive: true })) {
      if (!entry.isFile() || !/\.(ts|mjs|js)$/.test(entry.name)) continue;
      const path = join(entry.parentPath, entry.name);
      out.push([path.slice(ROOT.length + 1), readFileSync(path, 'utf8')]);
    }
  }
  return out.sort(([a], [b]) => a.localeCompare(b));
}

describe('flags: the scanner against its reference (tokens.ts, scan.ts vs lexer.ts, scanReference.ts)', function () {
  this.timeout(120_000);

  it('every file of the flag fixtures and the real-world flag corpus, in its language and in every other', () => {
    const files = [...fixtureTexts('flags'), ...fixtureTexts(join('real-world', 'flags'))];
    let checked = 0;
    for (const [path, text] of files) {
      const own = languageOf(path);
      if (!own) continue;
      // Each text in every lexer family too: more inputs that the families cut differently.
      for (const language of LANGUAGES) assertSame(text, language, path);
      checked++;
    }
    assert.ok(checked >= 50, `only ${checked} source files in the fixtures`);
  });

  it("this project's own sources (src, test/unit, bench), as JS/TS and as the other families", () => {
    const files = projectSources();
    assert.ok(files.length > 200, `${files.length} sources`);
    for (const [path, text] of files) for (const language of LANGUAGES) assertSame(text, language, path);
  });

  it('the priming samples take the paths they are there for (calls, definitions, useFlags, annotations)', () => {
    for (const [language, sample] of PRIMING) {
      assertSame(sample, language, `priming sample (${language})`);
      const scan = scanSource(sample, { language });
      assert.ok(scan.callSites.length > 0, `${language}: a call site`);
    }
    const js = PRIMING.filter(([language]) => language === 'js').map(([, sample]) => scanSource(sample, { language: 'js' }));
    assert.ok(js.some((scan) => scan.definitions.length > 0 && scan.unresolved.length > 0 && scan.annotations.length > 0));
    assert.ok(js.some((scan) => scan.callSites.some((site) => site.sdkCall === 'useFlags')));
  });

  it('a buffer grown for a large file is let go, and a small file after it lexes the same', () => {
    const large = 'const A = "a"; isEnabled(A); x = a / b / c;\n'.repeat(30_000);
    assertSame(large, 'js', 'large');
    assert.equal(lexDifference('isEnabled("small")', 'js'), undefined);
    assert.equal(lexTokens('a', 'js').kind.length <= 1 << 16, true);
  });

  // Pieces that decide where tokens start and end, and what they are.
  const PIECES = [
    '/', '/re/g', '/[/]/', '/\\//', 'a / b / c', 'return /x/', 'typeof /x/', ') / 2', '] /x/', '} /x/', 'x++ / y', '(/a/)',
    '`', '`${', '${', '}', '`${`${x}`}`', '`a${b}c`', '`\\``', '${ {a: 1} }',
    '//', '// flag: owner a\n', '/*', '*/', '/* flag: expires 2030-01-01 */', '#', '# flag: permanent\n',
    "'", '"', "'\\''", '"\\u{1F600}"', "'\\x41'", "'=' ", '":"', "'('", "'.'", '"{"', "'as'",
    'f"{a}"', "f'{x(\"y\")}'", 'rb"\\d"', '"""', "'''", 'u"u"', '"""doc\n"""', "'a\n",
    '<div>', '</div>', '<Foo bar="x" />', 'a < b > c', 'useFeatureValue<Config | null>(',
    'if (', 'while (', ')', '(', '{', '}', ';', ',', ':', '=', ':=', '.', '?.', '?', '!', 'as const',
    'const FLAG = ', 'enum Flags {', 'class Flags(str, Enum):\n    A = "a"\n', 'FLAGS = {', 'nested: {', 'A("a")', 'static final String X = ',
    'isEnabled(', 'unleash.isEnabled(', 'gb?.isOn(', 'client.BoolVariation(ctx, ', 'useFlags()', 'const { a, b } = useFlags()', 'flags.fooBar', "flags['x']",
    'myFlag(', 'x.isEnabled(ctx, ', "'key'", 'FLAG', 'Flags.A', 'Flags.A.value', 'FLAGS["a"]',
    '1.5e3', '0x1F', "'c'", 'é', '\u00a0', '\u2028', '\ud83d', '\t', '\r\n', '\n', ' ', 'a', '$x', '_y',
  ];
  const pieces = fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((parts) => parts.join(''));
  const spaced = fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((parts) => parts.join(' '));
  const fixtures = [...fixtureTexts('flags'), ...fixtureTexts(join('real-world', 'flags'))].filter(([path]) => languageOf(path)).map(([, text]) => text.slice(0, 4000));
  const inputs = fc.oneof(pieces, spaced, mutated(fc.constantFrom(...fixtures), fc.oneof(fc.constantFrom(...PIECES), pieces)), hostileString(300));

  for (const language of LANGUAGES) {
    property(`generated inputs lex and scan as the reference does (${language})`, inputs, (text) => assertSame(text, language, 'generated'), { runs: 4 });
  }

  it('the token kinds are the reference lexer’s', () => {
    assert.deepEqual([Tok.Ident, Tok.Str, Tok.DynStr, Tok.Punct, Tok.Num], [1, 2, 3, 4, 5]);
  });
});
