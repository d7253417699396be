// Finds flag call sites by call shape in one file: `name(` where `name` is a known SDK method (anchors §3.6) or a
// user-defined pattern, the key argument a string literal, a same-file constant or a constants-object/enum member.
// Also collects the file's constant/enum definitions (pass 1 of the workspace resolve) and inline annotations.
// The token loops read the columns of tokens.ts; test/unit/core/flags/reference/scanReference.ts is the former object-per-token version, which
// test/unit/core/flags/tokens.test.ts holds this one to.
import { lexTokens, Tok, type Token, type TokenStream } from './tokens';
import { BUILTIN_FLAG_PATTERNS, type BuiltinPattern } from './patterns';
import type {
  ConstantDefinition,
  ConstantIndex,
  FlagAnnotation,
  FlagCallPattern,
  FlagCallSite,
  FlagLanguage,
  KeyExpressionKind,
  ScanSourceOptions,
  SourceScan,
  UnresolvedCallSite,
} from './types';

/**
 * The lexer family for a file name; undefined: the file is not scanned. Called for every listed path and every path
 * of the history's `--raw` entries (tens of thousands per `flags` run): an extension of ASCII letters is read in
 * place, by its length and characters (no substring, no `toLowerCase`); any other goes the general way, whose
 * Unicode lowercasing can make an ASCII extension of another character (the Kelvin sign `K` is `k`).
 */
export function languageOf(path: string): FlagLanguage | undefined {
  const dot = path.lastIndexOf('.');
  if (dot < 0) return undefined;
  const length = path.length - dot - 1;
  if (length < 2 || length > 6) return languageOfExtension(path.slice(dot + 1).toLowerCase());
  let word = 0; // up to 6 lower-case letters, 5 bits each
  for (let i = dot + 1; i < path.length; i++) {
    const c = path.charCodeAt(i) | 32; // A-Z to a-z; other characters become something outside a-z, or stay there
    if (c < 97 || c > 122) return languageOfExtension(path.slice(dot + 1).toLowerCase());
    word = word * 32 + (c - 96);
  }
  return EXTENSION_WORDS.get(word);
}

/**
 * The file extensions the scanner reads (lower case) and their lexer family: the one list `languageOf` and the
 * workspace's git pathspecs (src/node/flags/workspace.ts) are made from.
 */
export const FLAG_SOURCE_EXTENSIONS: ReadonlyMap<string, FlagLanguage> = new Map<string, FlagLanguage>([
  ...(['ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs', 'mts', 'cts', 'vue', 'svelte'] as const).map((extension) => [extension, 'js'] as const),
  ['py', 'python'],
  ['go', 'go'],
  ...(['java', 'kt', 'kts'] as const).map((extension) => [extension, 'java'] as const),
]);

/** The general rule: the lower-cased extension. */
function languageOfExtension(extension: string): FlagLanguage | undefined {
  return FLAG_SOURCE_EXTENSIONS.get(extension);
}

/** Each extension of `FLAG_SOURCE_EXTENSIONS` as `languageOf` packs its letters (distinct: the length is implied). */
const EXTENSION_WORDS = new Map<number, FlagLanguage>();
for (const [extension, language] of FLAG_SOURCE_EXTENSIONS) {
  let word = 0;
  for (let i = 0; i < extension.length; i++) word = word * 32 + (extension.charCodeAt(i) - 96);
  EXTENSION_WORDS.set(word, language);
}

const DECLARATION_KEYWORDS = new Set(['function', 'def', 'func', 'fun', 'void', 'boolean', 'String', 'bool', 'public', 'private', 'protected', 'static', 'async']);

type PatternTable = Map<string, BuiltinPattern[]>;
const tableCache = new WeakMap<readonly FlagCallPattern[], Map<FlagLanguage, PatternTable>>();
let builtinTables: Map<FlagLanguage, PatternTable> | undefined;

function patternTable(language: FlagLanguage, custom: readonly FlagCallPattern[] | undefined, builtins: boolean): PatternTable {
  const build = (): Map<FlagLanguage, PatternTable> => {
    const byLanguage = new Map<FlagLanguage, PatternTable>();
    // Custom patterns first: a user's own wrapper wins over a built-in of the same name.
    const all: BuiltinPattern[] = [...(custom ?? []), ...(builtins ? BUILTIN_FLAG_PATTERNS : [])];
    for (const lang of ['js', 'python', 'go', 'java'] as const) {
      const table: PatternTable = new Map();
      for (const pattern of all) {
        if (pattern.languages && !pattern.languages.includes(lang)) continue;
        const list = table.get(pattern.name) ?? [];
        list.push(pattern);
        table.set(pattern.name, list);
      }
      byLanguage.set(lang, table);
    }
    return byLanguage;
  };
  if (!custom?.length && builtins) return (builtinTables ??= build()).get(language)!;
  const key = custom ?? [];
  let cached = builtins ? tableCache.get(key) : undefined;
  if (!cached) {
    cached = build();
    if (builtins) tableCache.set(key, cached);
  }
  return cached.get(language)!;
}

interface KeyArg {
  readonly kind: KeyExpressionKind;
  readonly key?: string;
  readonly reference?: string;
  readonly start: number;
  readonly end: number;
}

/** Internal: definitions with the line they are on (for annotations on a constant). */
interface Definitions {
  readonly constants: Map<string, string>;
  readonly members: Map<string, string>;
  readonly list: ConstantDefinition[];
  readonly literalLines: Map<number, string>;
}

/**
 * Token t of the stream as an object (the reference lexer's token), undefined out of range: for the few places
 * around a call candidate that read several fields of a token; the loops over every token read the columns.
 */
function tokenAt(s: TokenStream, t: number): Token | undefined {
  if (t < 0 || t >= s.count) return undefined;
  return { kind: s.kind[t]! as Tok, start: s.start[t]!, end: s.end[t]!, value: s.value(t)!, line: s.line[t]! };
}

/** `if` or `while` at text[from, to). */
const isIfOrWhile = (text: string, from: number, to: number): boolean =>
  (to - from === 2 && text.charCodeAt(from) === 105 && text.charCodeAt(from + 1) === 102) || (to - from === 5 && text.startsWith('while', from));

/**
 * The call names of a pattern table and `useFlags`, by length and first character: a filter in front of
 * `table.get(name)` that needs no substring (most identifiers before `(` are no call name).
 */
class CandidateNames {
  private readonly byLength = new Map<number, Uint8Array>();
  constructor(names: Iterable<string>) {
    for (const name of [...names, 'useFlags']) {
      let first = this.byLength.get(name.length);
      if (!first) this.byLength.set(name.length, (first = new Uint8Array(128)));
      const c = name.charCodeAt(0);
      if (c < 128) first[c] = 1; // a non-ASCII first character passes `has` by its length alone
    }
  }
  has(text: string, from: number, to: number): boolean {
    const first = this.byLength.get(to - from);
    if (!first) return false;
    const c = text.charCodeAt(from);
    return c >= 128 || first[c] === 1;
  }
}
const candidateCache = new WeakMap<PatternTable, CandidateNames>();
function candidateNames(table: PatternTable): CandidateNames {
  let names = candidateCache.get(table);
  if (!names) candidateCache.set(table, (names = new CandidateNames(table.keys())));
  return names;
}

/**
 * One small source per language that takes every branch of the lexer and of the token loops (strings of each
 * kind, comments, regular expressions, definitions of each form, calls, `useFlags`). The first scan of a
 * process scans these first and drops the results: V8 then optimises the loops with feedback from every branch,
 * instead of optimising them for the branches the first files happened to take, throwing that code away at the
 * first other branch and compiling them again (which cost a cold scan more than the scanning). No effect on any
 * result.
 */
export const PRIMING: ReadonlyArray<readonly [FlagLanguage, string]> = [
  [
    'js',
    [
      "// flag: owner team-a\n/* block\n comment flag: expires 2030-01-01 */\nimport { a as b } from 'x';\n",
      "const FLAG = 'a-flag', OTHER = \"b\\u0041\\x41\\n\";\nexport const FLAGS = { A: 'a', 'b-c': 'b', nested: { d: 'd' } } as const;\n",
      "enum Flags { X = 'x', Y = \"y\" }\nclass C { static K: string = 'k'; #p = 1; }\n",
      "let t = `x${a + `y${'z'}`}` + `plain` + `${ {a: \"}\"}.a }\\``;\n",
      "if (isEnabled('f') && x / 2 > 1 || /re[/]x\\//gi.test(s) || /[\\]]/.test(s)) { return typeof y / 3; }\nx = (/ 2\n);\n",
      "while (ldClient.variation(FLAG, ctx, false)) {}\nunleash.isEnabled(FLAGS.A); gb?.isOn(Flags.X); useFeatureValue<Config | null>('k', 1);\n",
      'unleash.isEnabled(Imported.B); isEnabled(IMPORTED);\n',
      "x = 1.5e3 + 0x1F; a < b > c; \u00e9 = '\u00fc'; \t\r\n'unterminated\nfunction isEnabled(key: string): boolean { return true; }\n",
    ].join(''),
  ],
  // `useFlags()` takes the scan's other path (every token, in order).
  ['js', "const { darkMode, 'new-nav': nav } = useFlags(); const flags = useFlags(); flags.fooBar; flags?.baz; flags['q'];\nisEnabled('x');\n"],
  [
    'python',
    "# flag: permanent\nFLAG = 'a'\nclass Flags(str, Enum):\n    A = \"a\"\n    B = 'b\\n'\nx = 1\n" +
      "print(f\"{posthog.feature_enabled('x', id)} {{}}\", rb'raw', u\"u\", '''triple''', \"\"\"doc\"\"\")\n" +
      "if client.is_enabled(feature_name=Flags.A.value): pass\nldclient.variation(\"k\", ctx, False)\n",
  ],
  [
    'go',
    "package main\n// flag: owner x\nconst Flag = \"a\"\nvar Other string = `raw`\nfunc (c *Client) IsEnabled(key string) bool { return true }\n" +
      "r := 'x'\nif client.BoolVariation(\"k\", ctx, false) { }\nclient.BooleanValue(ctx, Flag, false)\n",
  ],
  [
    'java',
    'enum Flags { A("a"), B("b"); }\nstatic final String FLAG = "f";\nString s = """\ntext""";\nchar c = \'c\';\n' +
      'if (client.boolVariation(FLAG, ctx, false)) {}\nunleash.isEnabled(Flags.A.key);\nenum class K(val key: String) { A("a") }\n',
  ],
];
let primed = false;
/**
 * Rounds of the samples: V8 collects feedback for a function only from about its 8th call on (lazy feedback
 * allocation), so each sample is scanned more often than that.
 */
const PRIMING_ROUNDS = 10;

/** A CR not followed by LF. */
const LONE_CARRIAGE_RETURN = /\r(?!\n)/g;

/**
 * The text with each lone CR as LF: the same length, so every offset stays. A lone CR ends a line in JS/TS, Python
 * and Java/Kotlin/C# (and in the editor, whose line numbers the scan's must match); the lexer counts LF only, so
 * without this a `// comment` before a lone CR would hide the call after it. (Go's scanner ends a comment at LF
 * only, but gofmt leaves no lone CR in Go source.)
 */
function loneCarriageReturnsAsNewlines(text: string): string {
  return text.indexOf('\r') === -1 ? text : text.replace(LONE_CARRIAGE_RETURN, '\n');
}

/** Scans one file. Never throws; offsets are into `text`. */
export function scanSource(source: string, options: ScanSourceOptions): SourceScan {
  const text = loneCarriageReturnsAsNewlines(source);
  const { language } = options;
  if (!primed) {
    primed = true;
    for (let round = 0; round < PRIMING_ROUNDS; round++) for (const [sampleLanguage, sample] of PRIMING) scanSource(sample, { language: sampleLanguage });
  }
  // The shared token stream: read here only, nothing of it is kept (values are copied out as strings).
  const s = lexTokens(text, language);
  const { comments, lineStarts } = s;
  const table = patternTable(language, options.patterns, options.builtins !== false);
  const names = candidateNames(table);
  // One pass over the tokens: the definitions, and the identifiers that may be calls with the innermost
  // `if (`/`while (` around each (the reference's second loop over every token, folded into this one).
  const found: CallCandidates = { calls: [], useFlags: false };
  const defs = new DefinitionsPass(s, language, names, found).run();
  const callSites: FlagCallSite[] = [];
  const unresolved: UnresolvedCallSite[] = [];
  const file = options.file;
  const flagsVars = new Set<string>();
  const js = language === 'js';

  const position = (offset: number, line: number): { line: number; column: number } => ({
    line: line + 1,
    column: offset - lineStarts[line]! + 1,
  });

  /** The identifier t before `(` or `<` (a candidate): its call site, if it is one. `branch`: -1 for none. */
  const callAt = (t: number, branch: number): void => {
    const open = s.isPunct(t + 1, 60 /* < */) && js ? typeArgumentsEnd(s, t + 1) + 1 : t + 1;
    if (!s.isPunct(open, 40 /* ( */)) return;
    if (s.is(t, 'useFlags')) {
      if (open === t + 1) handleUseFlags(s, t, file, callSites, flagsVars, position);
      return;
    }
    const candidates = table.get(s.value(t)!);
    if (!candidates) return;
    const tok = tokenAt(s, t)!;
    const prev = tokenAt(s, t - 1);
    const isMethod = prev?.kind === Tok.Punct && prev.value === '.';
    if (!isMethod && prev?.kind === Tok.Ident && DECLARATION_KEYWORDS.has(prev.value)) return;
    if (!isMethod && language === 'go' && prev?.value === ')') return; // func (c *Client) IsEnabled(
    // The receiver of `gb.isOn(` or of an optional call `gb?.isOn(`.
    const receiverTok = isMethod ? tokenAt(s, s.isPunct(t - 2, 63 /* ? */) ? t - 3 : t - 2) : undefined;
    const receiver = receiverTok?.kind === Tok.Ident ? receiverTok.value : '';
    const args = splitArguments(s, open);
    if (!args) return;
    // A Java/TS method declaration: `boolean isEnabled(String key) {` / `isEnabled(key: string): boolean {`.
    if (!isMethod && looksLikeDeclaration(s, args.close)) return;
    for (const pattern of candidates) {
      if (pattern.methodOnly && !isMethod) continue;
      if (pattern.receivers && !pattern.receivers.some((r) => receiver.toLowerCase().includes(r.toLowerCase()))) continue;
      let argTokens = args.list[pattern.keyArgument ?? 0];
      // Python keyword argument for the key: `is_enabled(feature_name="x")`, `variation(key="x", …)`.
      const kw = language === 'python' ? args.list.find((arg) => arg.length >= 3 && s.is(arg[1]!, '=') && KEY_KEYWORDS.has(s.value(arg[0]!)!)) : undefined;
      if (kw) argTokens = kw.slice(2);
      if (!argTokens) continue;
      const keyArg = keyOf(argTokens, s, defs);
      if (!keyArg) continue;
      const hasFallback = pattern.fallbackArgument === undefined ? null : args.list.length >= pattern.fallbackArgument;
      const pos = position(keyArg.start, s.line[argTokens[0]!]!);
      const base = {
        provider: pattern.provider ?? 'custom',
        sdkCall: receiver ? `${receiver}.${tok.value}` : tok.value,
        ...(file !== undefined ? { file } : {}),
        start: keyArg.start,
        end: keyArg.end,
        ...pos,
        keyExpression: keyArg.kind,
        ...(keyArg.reference !== undefined ? { keyReference: keyArg.reference } : {}),
        hasFallback,
        ...(branch >= 0 ? { branch: { start: branch, end: branch } } : {}),
      };
      if (keyArg.key !== undefined) callSites.push({ ...base, key: keyArg.key });
      else unresolved.push({ ...base, keyReference: keyArg.reference! });
      break;
    }
  };

  if (!found.useFlags) {
    for (let k = 0; k < found.calls.length; k += 2) callAt(found.calls[k]!, found.calls[k + 1]!);
  } else {
    // `useFlags()` can make any later identifier a flags object (`flags.fooBar`): the reference's loop over
    // every token, in order.
    const ifParens: number[] = []; // token-index stack of open parens; -1 for a non-`if` paren
    const ifStarts: number[] = [];
    for (let t = 0; t < s.count; t++) {
      const kind = s.kind[t];
      if (kind === Tok.Punct) {
        if (s.code[t] === 40 /* ( */) {
          const isIf = t > 0 && s.kind[t - 1] === Tok.Ident && isIfOrWhile(text, s.start[t - 1]!, s.end[t - 1]!);
          ifParens.push(isIf ? s.start[t]! : -1);
          if (isIf) ifStarts.push(s.start[t]!);
        } else if (s.code[t] === 41 /* ) */) {
          const open = ifParens.pop();
          if (open !== undefined && open >= 0) ifStarts.pop();
        }
        continue;
      }
      if (kind !== Tok.Ident) continue;
      // `flags.fooBar` / `flags['foo-bar']` after `const flags = useFlags()`.
      if (flagsVars.size && s.kindAt(t + 1) === Tok.Punct && flagsVars.has(s.value(t)!) && !s.is(t - 1, '.')) {
        const member = tokenAt(s, memberAfter(s, t));
        if (member) {
          const pos = position(member.start, member.line);
          callSites.push({
            key: member.value,
            provider: 'launchdarkly',
            sdkCall: 'useFlags',
            ...(file !== undefined ? { file } : {}),
            start: member.start,
            end: member.end,
            ...pos,
            keyExpression: 'literal',
            hasFallback: null,
            ...(member.kind === Tok.Ident ? { camelCase: true, keyReference: member.value } : {}),
          } as FlagCallSite);
        }
        continue;
      }
      if (isCallCandidate(s, t, names, js)) callAt(t, ifStarts.length ? ifStarts[ifStarts.length - 1]! : -1);
    }
  }

  const annotations = collectAnnotations(comments, callSites, unresolved, defs);
  s.release();
  for (const list of [callSites, unresolved, defs.list, annotations] as const) for (const item of list) detachStrings(item);
  return { language, ...(file !== undefined ? { file } : {}), callSites, unresolved, definitions: defs.list, annotations };
}

/**
 * Copies each string property of `item` that may be a view into the scanned text. V8 makes a slice of 13
 * characters or more a view that keeps its whole parent alive, so a scan held for long (the extension keeps the
 * workspace's) kept every scanned file's text through one key or constant: ~10 MB on a 12,000-file checkout. The
 * copy is flattened from a new concatenation: a string of its own. A few strings per call site; nothing else
 * of the text is kept.
 */
function detachStrings(item: object): void {
  const fields = item as Record<string, unknown>;
  for (const name of Object.keys(fields)) {
    const value = fields[name];
    if (typeof value === 'string' && value.length >= 13) fields[name] = ` ${value}`.slice(1);
    else if (typeof value === 'object' && value !== null) detachStrings(value); // a definition's members
  }
}

/** Identifiers that may be calls, found by the pass over the tokens: pairs of (token index, branch start or -1). */
interface CallCandidates {
  readonly calls: number[];
  /** A candidate is `useFlags`: the calls need the reference's loop over every token (flags objects). */
  useFlags: boolean;
}

/**
 * Identifier t before `(` (or `<` in JS/TS, type arguments) whose name may be a call name: a superset of the
 * identifiers the reference's loop went on to look up (it passed over the others), with no substring made.
 */
function isCallCandidate(s: TokenStream, t: number, names: CandidateNames, js: boolean): boolean {
  if (s.kindAt(t + 1) !== Tok.Punct) return false;
  const next = s.code[t + 1];
  return (next === 40 /* ( */ || (next === 60 /* < */ && js)) && names.has(s.text, s.start[t]!, s.end[t]!);
}

/** The member token after `flags` at t (`flags.a`, `flags?.a`, `flags['a']`), -1 when none. */
function memberAfter(s: TokenStream, t: number): number {
  if (s.is(t + 1, '.') && s.kindAt(t + 2) === Tok.Ident) return t + 2;
  if (s.is(t + 1, '?') && s.is(t + 2, '.') && s.kindAt(t + 3) === Tok.Ident) return t + 3;
  if (s.is(t + 1, '[') && s.kindAt(t + 2) === Tok.Str && s.is(t + 3, ']')) return t + 2;
  return -1;
}

/** LaunchDarkly React `const { fooBar, 'baz-qux': b } = useFlags()`, `const flags = useFlags()`; Flagsmith `useFlags(['a'])`. */
function handleUseFlags(
  s: TokenStream,
  t: number,
  file: string | undefined,
  out: FlagCallSite[],
  flagsVars: Set<string>,
  position: (offset: number, line: number) => { line: number; column: number },
): void {
  const push = (tok: Token, provider: 'launchdarkly' | 'flagsmith', camelCase: boolean): void => {
    out.push({
      key: tok.value,
      provider,
      sdkCall: 'useFlags',
      ...(file !== undefined ? { file } : {}),
      start: tok.start,
      end: tok.end,
      ...position(tok.start, tok.line),
      keyExpression: 'literal',
      hasFallback: null,
      // The property is what history can find on the useFlags() line (the key itself never appears there).
      ...(camelCase ? { camelCase: true, keyReference: tok.value } : {}),
    } as FlagCallSite);
  };
  const args = splitArguments(s, t + 1);
  if (args && args.list.length > 0) {
    // Flagsmith: useFlags(['a', 'b'])
    for (const arg of args.list) for (const i of arg) if (s.kind[i] === Tok.Str) push(tokenAt(s, i)!, 'flagsmith', false);
    return;
  }
  if (!s.is(t - 1, '=')) return;
  if (s.kindAt(t - 2) === Tok.Ident) {
    flagsVars.add(s.value(t - 2)!);
    return;
  }
  if (!s.is(t - 2, '}')) return;
  // Walk back to the matching `{` collecting top-level property names.
  let depth = 0;
  const props: number[] = [];
  for (let k = t - 2; k >= 0; k--) {
    const kind = s.kind[k];
    if (kind === Tok.Punct && s.isPunct(k, 125 /* } */)) depth++;
    else if (kind === Tok.Punct && s.isPunct(k, 123 /* { */)) {
      depth--;
      if (depth === 0) break;
    } else if (depth === 1 && (kind === Tok.Ident || kind === Tok.Str)) {
      // No token before the first one: `a } = useFlags()` at the start of a file has no `{` to match.
      if (s.is(k - 1, '{') || s.is(k - 1, ',')) props.push(k);
    }
  }
  for (const prop of props.reverse()) push(tokenAt(s, prop)!, 'launchdarkly', s.kind[prop] === Tok.Ident);
}

/**
 * The index of the `>` closing TS type arguments opened at token lt (`<Config | null>`), or -2 when they are not
 * type arguments (a comparison): only type-like tokens, on one line, within 40 tokens.
 */
function typeArgumentsEnd(s: TokenStream, lt: number): number {
  let depth = 0;
  const line = s.line[lt];
  for (let k = lt; k < s.count && k - lt < 40; k++) {
    if (s.line[k] !== line) return -2;
    const kind = s.kind[k];
    if (kind === Tok.Punct) {
      const c = s.text.charCodeAt(s.start[k]!);
      if (c === 60 /* < */) depth++;
      else if (c === 62 /* > */ && --depth === 0) return k;
      else if (!TYPE_ARGUMENT_PUNCT.has(c)) return -2;
    } else if (kind !== Tok.Ident && kind !== Tok.Str && kind !== Tok.Num) return -2;
  }
  return -2;
}

/** Punctuation inside type arguments besides `<` and `>`. */
const TYPE_ARGUMENT_PUNCT = new Set([...'|&,.[]{}:;?'].map((c) => c.charCodeAt(0)));

/** Argument token-index lists of the call whose `(` is token `open`; undefined when unbalanced. */
function splitArguments(s: TokenStream, open: number): { list: number[][]; close: number } | undefined {
  const list: number[][] = [];
  let current: number[] = [];
  let depth = 0;
  const { text, kind, start, count } = s;
  for (let k = open + 1; k < count; k++) {
    if (kind[k] === Tok.Punct) {
      const c = text.charCodeAt(start[k]!);
      if (c === 40 || c === 91 || c === 123) depth++; // ( [ {
      else if (c === 41 || c === 93 || c === 125) {
        if (depth === 0) {
          if (c !== 41) return undefined;
          if (current.length) list.push(current);
          return { list, close: k };
        }
        depth--;
      } else if (c === 44 /* , */ && depth === 0) {
        list.push(current);
        current = [];
        continue;
      }
    }
    current.push(k);
    if (k - open > 400) return undefined; // not a call we care about
  }
  return undefined;
}

function looksLikeDeclaration(s: TokenStream, close: number): boolean {
  const after = close + 1;
  if (after >= s.count) return false;
  if (s.is(after, '{')) return true; // Java/Go method body (a call is never followed by `{` in these languages)
  if (s.is(after, ':') && s.kindAt(close + 2) === Tok.Ident) {
    // TS return type annotation `): boolean {`; Python `def` is caught by keyword.
    const t3 = close + 3;
    return s.is(t3, '{') || s.is(t3, '<') || s.is(t3, '|') || s.is(t3, '[') || s.is(t3, ';');
  }
  return false;
}

/** The key of an argument: literal, same-file constant, `Obj.Member` / `Obj['member']` (resolved or not). */
function keyOf(arg: readonly number[], s: TokenStream, defs: Definitions): KeyArg | undefined {
  // An empty argument (`isEnabled(, x)`, a call being typed) has no key.
  if (arg.length === 0) return undefined;
  let end = arg.length;
  // Trailing `as const` / `!` (TS) do not change the key.
  if (end >= 3 && s.is(arg[end - 2]!, 'as')) end -= 2;
  if (end >= 2 && s.is(arg[end - 1]!, '!')) end -= 1;
  const first = tokenAt(s, arg[0]!)!;
  const last = tokenAt(s, arg[end - 1]!)!;
  if (end === 1) {
    if (first.kind === Tok.Str) return { kind: 'literal', key: first.value, start: first.start, end: first.end };
    if (first.kind === Tok.Ident) {
      const key = defs.constants.get(first.value);
      return key !== undefined
        ? { kind: 'constant', key, reference: first.value, start: first.start, end: first.end }
        : KEYWORD_NOT_KEY.has(first.value)
          ? undefined
          : { kind: 'constant', reference: first.value, start: first.start, end: first.end };
    }
    return undefined;
  }
  // Obj.Member, Obj.Member.value (Python Enum), Obj['member'], Obj["member"], and chains of these (nested objects).
  if (first.kind !== Tok.Ident) return undefined;
  const parts: string[] = [first.value];
  for (let k = 1; k < end; ) {
    const sep = arg[k]!;
    const member = k + 1 < end ? arg[k + 1]! : -1;
    if (s.is(sep, '.') && s.kindAt(member) === Tok.Ident) {
      parts.push(s.value(member)!);
      k += 2;
    } else if (s.is(sep, '[') && s.kindAt(member) === Tok.Str && k + 2 < end && s.is(arg[k + 2]!, ']')) {
      parts.push(s.value(member)!);
      k += 3;
    } else return undefined;
  }
  // Python `Flags.A.value`, Java `Flags.A.key`, unless the file defines a nested member of that name.
  if (parts.length === 3 && (parts[2] === 'value' || parts[2] === 'key') && !defs.members.has(parts.join('.'))) parts.pop();
  // `FLAGS.A` or a nested constants object `FLAGS.search.legacy` (deeper chains are data, not constants).
  if (parts.length < 2 || parts.length > MAX_MEMBER_DEPTH + 1) return undefined;
  const reference = parts.join('.');
  const key = defs.members.get(reference);
  return { kind: 'enum-member', ...(key !== undefined ? { key } : {}), reference, start: first.start, end: last.end };
}

/** Levels of nesting a constants object may have (`FLAGS.search.legacy` is 2). */
const MAX_MEMBER_DEPTH = 4;

const KEY_KEYWORDS = new Set(['key', 'feature_name', 'feature_key', 'flag_key', 'flag', 'feature', 'name', 'gate', 'gate_name']);
const KEYWORD_NOT_KEY = new Set(['this', 'self', 'null', 'nil', 'None', 'undefined', 'true', 'false', 'True', 'False', 'ctx', 'context', 'key', 'flag', 'name']);

/** A brace container of collectDefinitions: a named constants object or enum, or any other block (no name). */
interface Container {
  readonly name: string | undefined;
  readonly kind: 'object' | 'enum';
}
/** Every `{` that opens no constants container: one shared entry (never changed), no object per brace. */
const ANONYMOUS: Container = { name: undefined, kind: 'object' };

/** `enum`, `class`, `interface`, `object`, `struct` (reference: CONTAINER_KEYWORDS.has(value)) at identifier t. */
function isContainerKeyword(text: string, from: number, to: number): boolean {
  switch (to - from) {
    case 4:
      return text.startsWith('enum', from);
    case 5:
      return text.startsWith('class', from);
    case 6:
      return text.startsWith('object', from) || text.startsWith('struct', from);
    case 9:
      return text.startsWith('interface', from);
    default:
      return false;
  }
}

/**
 * Pass 1: `const X = 'x'`, `X = "x"`, `static final String X = "x"`, objects, enums, classes of constants; and,
 * in the same pass, the call candidates with the innermost `if (`/`while (` around each.
 *
 * The loop (`run`) handles what every file has a lot of (punctuation, identifiers that start no definition) and
 * calls `identifier` / `quotedKey` only where one of the reference's rules can apply: a small loop that V8
 * optimises early and cheaply, and large rules that stay unoptimised because they run rarely. The rules are the
 * reference's (scanReference.ts `collectDefinitions`), in its order.
 */
class DefinitionsPass {
  readonly constants = new Map<string, string>();
  readonly members = new Map<string, string>();
  readonly literalLines = new Map<number, string>();
  readonly containers = new Map<string, { kind: 'object' | 'enum'; members: Record<string, string> }>();
  /** Brace containers: the innermost last; ANONYMOUS for a brace that opens no constants container. */
  readonly stack: Container[] = [];
  pendingContainer: Container | undefined;
  pyClass: { name: string; column: number } | undefined;
  /** Per open paren: its start if it is an `if (`/`while (`, else -1; and the starts of the open `if (`s. */
  readonly ifParens: number[] = [];
  readonly ifStarts: number[] = [];

  constructor(
    readonly s: TokenStream,
    readonly language: FlagLanguage,
    readonly names: CandidateNames,
    readonly found: CallCandidates,
  ) {}

  run(): Definitions {
    const { s, names, found, stack, ifParens, ifStarts } = this;
    const { text, count } = s;
    const kinds = s.kind;
    const codes = s.code;
    const starts = s.start;
    const ends = s.end;
    const python = this.language === 'python';
    const js = this.language === 'js';
    const go = this.language === 'go';
    const java = this.language === 'java';
    // Reads up to t + 3 need no bound check: SENTINELS zeroed slots follow the last token.
    for (let t = 0; t < count; t++) {
      const kind = kinds[t];
      if (kind === Tok.Punct) {
        const c = codes[t];
        if (c === 123 /* { */) {
          stack.push(this.pendingContainer ?? ANONYMOUS);
          this.pendingContainer = undefined;
        } else if (c === 125 /* } */) stack.pop();
        // `enum Flags(val key: String) {` (Kotlin) keeps the pending container across the parens; `;` drops it.
        else if (c === 59 /* ; */) this.pendingContainer = undefined;
        else if (c === 40 /* ( */) {
          const isIf = t > 0 && kinds[t - 1] === Tok.Ident && isIfOrWhile(text, starts[t - 1]!, ends[t - 1]!);
          ifParens.push(isIf ? starts[t]! : -1);
          if (isIf) ifStarts.push(starts[t]!);
        } else if (c === 41 /* ) */) {
          const open = ifParens.pop();
          if (open !== undefined && open >= 0) ifStarts.pop();
        }
        continue;
      }
      if (python && this.pyClass) this.pythonDedent(t);
      if (kind === Tok.Ident) {
        const next = codes[t + 1]!;
        const nextKind = kinds[t + 1];
        if ((next === 40 /* ( */ || (next === 60 /* < */ && js)) && nextKind === Tok.Punct && names.has(text, starts[t]!, ends[t]!)) {
          found.calls.push(t, ifStarts.length ? ifStarts[ifStarts.length - 1]! : -1);
          if (s.is(t, 'useFlags')) found.useFlags = true;
        }
        // Where a rule of `identifier` can apply (see there); anywhere else it does nothing.
        const after = codes[t + 2]!;
        const afterKind = kinds[t + 2];
        if (
          (next === 61 /* = */ && (afterKind === Tok.Str || after === 123)) /* { */ ||
          (next === 58 /* : */ && (afterKind === Tok.Str || after === 61 || after === 123 || (afterKind === Tok.Ident && codes[t + 3] === 61))) ||
          (next === 40 /* ( */ && java && stack.length > 0) ||
          (nextKind === Tok.Ident && (go || isContainerKeyword(text, starts[t]!, ends[t]!)))
        ) {
          t = this.identifier(t);
        }
        continue;
      }
      if (kind === Tok.Str && codes[t + 1] === 58 /* : */ && stack.length > 0) this.quotedKey(t);
    }
    const list: ConstantDefinition[] = [];
    for (const [name, value] of this.constants) list.push({ name, value, kind: 'constant' });
    for (const [name, c] of this.containers) list.push({ name, members: c.members, kind: c.kind });
    return { constants: this.constants, members: this.members, list, literalLines: this.literalLines };
  }

  /** Python: a token at the start of a line, indented no deeper than `class X`: the class has ended. */
  private pythonDedent(t: number): void {
    const { s, pyClass } = this;
    if (pyClass && (t === 0 || s.line[t - 1] !== s.line[t]) && s.start[t]! - s.lineStarts[s.line[t]!]! <= pyClass.column) this.pyClass = undefined;
  }

  private addMember(container: string, kind: 'object' | 'enum', member: string, value: string): void {
    let c = this.containers.get(container);
    if (!c) this.containers.set(container, (c = { kind, members: {} }));
    c.members[member] = value;
    this.members.set(`${container}.${member}`, value);
  }

  /** `name: {` directly inside a named object (not too deep): the start of a nested constants object. */
  private nestedObjectAt(t: number, container: Container): boolean {
    const s = this.s;
    return s.is(t + 1, ':') && s.is(t + 2, '{') && (s.is(t - 1, '{') || s.is(t - 1, ',')) && container.name!.split('.').length <= MAX_MEMBER_DEPTH - 1;
  }

  /** The reference's rules at identifier t; returns the token to go on after (t, or a constant's value). */
  private identifier(t: number): number {
    const { s, language, stack } = this;
    if (s.kindAt(t + 1) === Tok.Ident && isContainerKeyword(s.text, s.start[t]!, s.end[t]!)) {
      const name = s.value(t + 1)!;
      if (language === 'python' && s.is(t, 'class')) {
        this.pyClass = { name, column: s.start[t]! - s.lineStarts[s.line[t]!]! };
      } else this.pendingContainer = { name, kind: 'enum' };
      return t;
    }
    const container = stack.length ? stack[stack.length - 1]! : ANONYMOUS;
    // Java enum constant `A("a")`.
    if (container.kind === 'enum' && container.name && language === 'java' && s.is(t + 1, '(') && s.kindAt(t + 2) === Tok.Str && s.is(t + 3, ')')) {
      if (s.is(t - 1, '{') || s.is(t - 1, ',')) this.addMember(container.name, 'enum', s.value(t)!, s.value(t + 2)!);
      return t;
    }
    // NAME = 'x' / NAME := "x" / NAME: Type = 'x'
    let valueAt = -1;
    if (s.is(t + 1, '=') && s.kindAt(t + 2) === Tok.Str) valueAt = t + 2;
    else if (s.is(t + 1, ':') && s.is(t + 2, '=') && s.kindAt(t + 3) === Tok.Str) valueAt = t + 3;
    else if (s.is(t + 1, ':') && s.kindAt(t + 2) === Tok.Ident && s.is(t + 3, '=') && s.kindAt(t + 4) === Tok.Str) valueAt = t + 4;
    else if (language === 'go' && !s.is(t, 'const') && !s.is(t, 'var') && s.kindAt(t + 1) === Tok.Ident && s.is(t + 2, '=') && s.kindAt(t + 3) === Tok.Str) valueAt = t + 3;
    if (valueAt >= 0) {
      const prev = t - 1;
      const after = valueAt + 1;
      const prevOk =
        prev < 0 || s.kind[prev] === Tok.Ident || s.is(prev, ';') || s.is(prev, '{') || s.is(prev, '(') || s.is(prev, ',') || s.is(prev, '}') || s.line[prev] !== s.line[t];
      const afterOk =
        after >= s.count || s.line[after] !== s.line[valueAt] || s.is(after, ';') || s.is(after, ',') || s.is(after, ')') || s.is(after, '}') || s.is(after, 'as');
      if (prevOk && afterOk && !s.is(prev, '.') && !(s.is(prev, ',') && stack.length === 0 && language === 'js')) {
        const name = s.value(t)!;
        const value = s.value(valueAt)!;
        this.constants.set(name, value);
        this.literalLines.set(s.line[t]!, value);
        if (container.name) this.addMember(container.name, container.kind, name, value);
        else if (this.pyClass && language === 'python' && s.start[t]! - s.lineStarts[s.line[t]!]! > this.pyClass.column) {
          this.addMember(this.pyClass.name, 'enum', name, value);
        }
        return valueAt;
      }
    }
    // Object member `A: 'a'` inside an object literal container.
    if (container.kind === 'object' && container.name && s.is(t + 1, ':') && s.kindAt(t + 2) === Tok.Str) {
      if (s.is(t - 1, '{') || s.is(t - 1, ',')) this.addMember(container.name, 'object', s.value(t)!, s.value(t + 2)!);
      return t;
    }
    // Nested constants object `search: { legacy: 'x' }` → members of `FLAGS.search`.
    if (container.kind === 'object' && container.name && this.nestedObjectAt(t, container)) {
      this.pendingContainer = { name: `${container.name}.${s.value(t)!}`, kind: 'object' };
      return t;
    }
    // NAME = { … } / NAME: Type = { … }
    if (s.is(t + 1, '=') && s.is(t + 2, '{')) this.pendingContainer = { name: s.value(t)!, kind: 'object' };
    else if (s.is(t + 1, ':') && s.kindAt(t + 2) === Tok.Ident && s.is(t + 3, '=') && s.is(t + 4, '{')) {
      this.pendingContainer = { name: s.value(t)!, kind: 'object' };
    }
    return t;
  }

  /** Quoted object keys: `'a-b': 'x'` (JS) / `"a": "x"` (Python dict). */
  private quotedKey(t: number): void {
    const { s, stack } = this;
    const container = stack.length ? stack[stack.length - 1]! : ANONYMOUS;
    if (container.kind !== 'object' || !container.name) return;
    if (this.nestedObjectAt(t, container)) {
      this.pendingContainer = { name: `${container.name}.${s.value(t)!}`, kind: 'object' };
      return;
    }
    if (s.is(t + 1, ':') && s.kindAt(t + 2) === Tok.Str) {
      if (s.is(t - 1, '{') || s.is(t - 1, ',')) this.addMember(container.name, 'object', s.value(t)!, s.value(t + 2)!);
    }
  }
}

const ANNOTATION = /\bflag:\s*(?:(expires?)\s*[:=]?\s*(\d{4}-\d{2}-\d{2})|(permanent)\b|(owner)\s*[:=]?\s*(\S+)|(type)\s*[:=]?\s*([\w-]+))/gi;

function collectAnnotations(
  comments: ReadonlyArray<{ text: string; line: number }>,
  sites: readonly FlagCallSite[],
  unresolved: readonly UnresolvedCallSite[],
  defs: Definitions,
): FlagAnnotation[] {
  const out: FlagAnnotation[] = [];
  for (const comment of comments) {
    if (!comment.text.includes('flag:')) continue;
    for (const m of comment.text.matchAll(ANNOTATION)) {
      const kind = m[1] ? 'expires' : m[3] ? 'permanent' : m[4] ? 'owner' : 'type';
      const value = m[2] ?? m[5] ?? m[7];
      const line = comment.line + 1;
      const key = keyNear(line, sites, unresolved, defs);
      out.push({ kind, ...(value !== undefined ? { value } : {}), line, ...(key !== undefined ? { key } : {}) });
    }
  }
  return out;
}

/** The key used on the comment's line or the next two lines (a call site or a constant definition). */
function keyNear(line: number, sites: readonly FlagCallSite[], unresolved: readonly UnresolvedCallSite[], defs: Definitions): string | undefined {
  for (let l = line; l <= line + 2; l++) {
    const site = sites.find((s) => s.line === l);
    if (site) return site.key;
    const def = defs.literalLines.get(l - 1);
    if (def !== undefined) return def;
    const open = unresolved.find((s) => s.line === l);
    if (open) return `\u0000${open.keyReference}`; // resolved by resolveCallSites
  }
  return undefined;
}

/** Pass 1 → index: every definition by qualified name. Names defined with different values are ambiguous. */
export function buildConstantIndex(scans: Iterable<{ readonly definitions: readonly ConstantDefinition[] }>): ConstantIndex {
  const values = new Map<string, string | undefined>();
  const put = (name: string, value: string): void => {
    if (!values.has(name)) values.set(name, value);
    else if (values.get(name) !== value) values.set(name, undefined);
  };
  for (const scan of scans) {
    for (const def of scan.definitions) {
      if (def.value !== undefined) put(def.name, def.value);
      if (def.members) for (const [member, value] of Object.entries(def.members)) put(`${def.name}.${member}`, value);
    }
  }
  return { values };
}

/** Pass 2: unresolved call sites (imported constants, `FLAGS.A`, `Flags.A`) resolved through the workspace index. */
export function resolveCallSites<S extends SourceScan>(scan: S, index: ConstantIndex): S {
  if (!scan.unresolved.length) return scan;
  const callSites = [...scan.callSites];
  const unresolved: UnresolvedCallSite[] = [];
  for (const site of scan.unresolved) {
    const key = index.values.get(site.keyReference);
    if (key === undefined) unresolved.push(site);
    else callSites.push({ ...site, key });
  }
  callSites.sort((a, b) => a.start - b.start);
  const annotations = scan.annotations.map((a) =>
    a.key?.startsWith('\u0000') ? { ...a, key: index.values.get(a.key.slice(1)) ?? a.key } : a,
  );
  return { ...scan, callSites, unresolved, annotations };
}
