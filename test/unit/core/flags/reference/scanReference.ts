// The reference scanner: src/core/flags/scan.ts as it was before the token columns of tokens.ts (issue #16), on the reference
// lexer (./lexer.ts), one object per token. Not used by the product: test/unit/core/flags/tokens.test.ts runs it
// next to `scanSource` on every fixture, corpus and project source file and on generated inputs, and fails on
// any difference. Change both together, or neither.
import { lex, Tok, type Token } from './lexer';
import { BUILTIN_FLAG_PATTERNS, type BuiltinPattern } from '../../../../../src/core/flags/patterns';
import type {
  ConstantDefinition,
  FlagAnnotation,
  FlagCallPattern,
  FlagCallSite,
  FlagLanguage,
  KeyExpressionKind,
  ScanSourceOptions,
  SourceScan,
  UnresolvedCallSite,
} from '../../../../../src/core/flags/types';

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

/** scan.ts `scanSource` before issue #16: scans one file. Never throws; offsets are into `text`. */
export function scanSourceReference(source: string, options: ScanSourceOptions): SourceScan {
  // A lone CR ends a line, as LF does (same length, same offsets): the rule scan.ts added after issue #16.
  const text = source.replace(/\r(?!\n)/g, '\n');
  const { language } = options;
  const { tokens, comments, lineStarts } = lex(text, language);
  const table = patternTable(language, options.patterns, options.builtins !== false);
  const defs = collectDefinitions(tokens, language, lineStarts);
  const callSites: FlagCallSite[] = [];
  const unresolved: UnresolvedCallSite[] = [];
  const file = options.file;
  const flagsVars = new Set<string>();
  const ifParens: number[] = []; // token-index stack of open parens; -1 for a non-`if` paren
  const ifStarts: number[] = [];

  const position = (offset: number, line: number): { line: number; column: number } => ({
    line: line + 1,
    column: offset - lineStarts[line]! + 1,
  });

  for (let t = 0; t < tokens.length; t++) {
    const tok = tokens[t]!;
    if (tok.kind === Tok.Punct) {
      if (tok.value === '(') {
        const prev = tokens[t - 1];
        const isIf = prev?.kind === Tok.Ident && (prev.value === 'if' || prev.value === 'while');
        ifParens.push(isIf ? tok.start : -1);
        if (isIf) ifStarts.push(tok.start);
      } else if (tok.value === ')') {
        const open = ifParens.pop();
        if (open !== undefined && open >= 0) ifStarts.pop();
      }
      continue;
    }
    if (tok.kind !== Tok.Ident) continue;
    const next = tokens[t + 1];
    // `flags.fooBar` / `flags['foo-bar']` after `const flags = useFlags()`.
    if (flagsVars.size && flagsVars.has(tok.value) && next?.kind === Tok.Punct && tokens[t - 1]?.value !== '.') {
      const member = memberAfter(tokens, t);
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
    // `name(`, or a TS call with type arguments `useFeatureValue<Config | null>(`.
    const open = next?.kind === Tok.Punct && next.value === '<' && language === 'js' ? typeArgumentsEnd(tokens, t + 1) + 1 : t + 1;
    if (tokens[open]?.value !== '(' || tokens[open]!.kind !== Tok.Punct) continue;
    if (tok.value === 'useFlags') {
      if (open === t + 1) handleUseFlags(tokens, t, file, callSites, flagsVars, position);
      continue;
    }
    const candidates = table.get(tok.value);
    if (!candidates) continue;
    const prev = tokens[t - 1];
    const isMethod = prev?.kind === Tok.Punct && prev.value === '.';
    if (!isMethod && prev?.kind === Tok.Ident && DECLARATION_KEYWORDS.has(prev.value)) continue;
    if (!isMethod && language === 'go' && prev?.value === ')') continue; // func (c *Client) IsEnabled(
    // The receiver of `gb.isOn(` or of an optional call `gb?.isOn(`.
    const receiverTok = isMethod ? tokens[tokens[t - 2]?.value === '?' && tokens[t - 2]!.kind === Tok.Punct ? t - 3 : t - 2] : undefined;
    const receiver = receiverTok?.kind === Tok.Ident ? receiverTok.value : '';
    const args = splitArguments(tokens, open);
    if (!args) continue;
    // A Java/TS method declaration: `boolean isEnabled(String key) {` / `isEnabled(key: string): boolean {`.
    if (!isMethod && looksLikeDeclaration(tokens, args.close)) continue;
    for (const pattern of candidates) {
      if (pattern.methodOnly && !isMethod) continue;
      if (pattern.receivers && !pattern.receivers.some((r) => receiver.toLowerCase().includes(r.toLowerCase()))) continue;
      let argTokens = args.list[pattern.keyArgument ?? 0];
      // Python keyword argument for the key: `is_enabled(feature_name="x")`, `variation(key="x", …)`.
      const kw = language === 'python' ? args.list.find((arg) => arg.length >= 3 && tokens[arg[1]!]!.value === '=' && KEY_KEYWORDS.has(tokens[arg[0]!]!.value)) : undefined;
      if (kw) argTokens = kw.slice(2);
      if (!argTokens) continue;
      const keyArg = keyOf(argTokens, tokens, defs);
      if (!keyArg) continue;
      const hasFallback = pattern.fallbackArgument === undefined ? null : args.list.length >= pattern.fallbackArgument;
      const keyTok = tokens[argTokens[0]!]!;
      const pos = position(keyArg.start, keyTok.line);
      const branch = ifStarts.length ? { start: ifStarts[ifStarts.length - 1]!, end: ifStarts[ifStarts.length - 1]! } : undefined;
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
        ...(branch ? { branch } : {}),
      };
      if (keyArg.key !== undefined) callSites.push({ ...base, key: keyArg.key });
      else unresolved.push({ ...base, keyReference: keyArg.reference! });
      break;
    }
  }

  const annotations = collectAnnotations(comments, callSites, unresolved, defs);
  return { language, ...(file !== undefined ? { file } : {}), callSites, unresolved, definitions: defs.list, annotations };
}

function memberAfter(tokens: readonly Token[], t: number): Token | undefined {
  const a = tokens[t + 1]!;
  const b = tokens[t + 2];
  if (a.value === '.' && b?.kind === Tok.Ident) return b;
  if (a.value === '?' && tokens[t + 2]?.value === '.' && tokens[t + 3]?.kind === Tok.Ident) return tokens[t + 3];
  if (a.value === '[' && b?.kind === Tok.Str && tokens[t + 3]?.value === ']') return b;
  return undefined;
}

/** LaunchDarkly React `const { fooBar, 'baz-qux': b } = useFlags()`, `const flags = useFlags()`; Flagsmith `useFlags(['a'])`. */
function handleUseFlags(
  tokens: readonly Token[],
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
  const args = splitArguments(tokens, t + 1);
  if (args && args.list.length > 0) {
    // Flagsmith: useFlags(['a', 'b'])
    for (const arg of args.list) for (const i of arg) if (tokens[i]!.kind === Tok.Str) push(tokens[i]!, 'flagsmith', false);
    return;
  }
  const eq = tokens[t - 1];
  if (eq?.value !== '=') return;
  const before = tokens[t - 2];
  if (before?.kind === Tok.Ident) {
    flagsVars.add(before.value);
    return;
  }
  if (before?.value !== '}') return;
  // Walk back to the matching `{` collecting top-level property names.
  let depth = 0;
  const props: Token[] = [];
  for (let k = t - 2; k >= 0; k--) {
    const tok = tokens[k]!;
    if (tok.value === '}' && tok.kind === Tok.Punct) depth++;
    else if (tok.value === '{' && tok.kind === Tok.Punct) {
      depth--;
      if (depth === 0) break;
    } else if (depth === 1 && (tok.kind === Tok.Ident || tok.kind === Tok.Str)) {
      // No token before the first one: `a } = useFlags()` at the start of a file has no `{` to match.
      const prev = tokens[k - 1];
      if (prev?.value === '{' || prev?.value === ',') props.push(tok);
    }
  }
  for (const prop of props.reverse()) push(prop, 'launchdarkly', prop.kind === Tok.Ident);
}

/**
 * The index of the `>` closing TS type arguments opened at tokens[lt] (`<Config | null>`), or -2 when they are not
 * type arguments (a comparison): only type-like tokens, on one line, within 40 tokens.
 */
function typeArgumentsEnd(tokens: readonly Token[], lt: number): number {
  let depth = 0;
  for (let k = lt; k < tokens.length && k - lt < 40; k++) {
    const tok = tokens[k]!;
    if (tok.line !== tokens[lt]!.line) return -2;
    if (tok.kind === Tok.Punct) {
      if (tok.value === '<') depth++;
      else if (tok.value === '>' && --depth === 0) return k;
      else if (!'|&,.[]{}:;?'.includes(tok.value)) return -2;
    } else if (tok.kind !== Tok.Ident && tok.kind !== Tok.Str && tok.kind !== Tok.Num) return -2;
  }
  return -2;
}

/** Argument token-index lists of the call whose `(` is at tokens[open]; undefined when unbalanced. */
function splitArguments(tokens: readonly Token[], open: number): { list: number[][]; close: number } | undefined {
  const list: number[][] = [];
  let current: number[] = [];
  let depth = 0;
  for (let k = open + 1; k < tokens.length; k++) {
    const tok = tokens[k]!;
    if (tok.kind === Tok.Punct) {
      const v = tok.value;
      if (v === '(' || v === '[' || v === '{') depth++;
      else if (v === ')' || v === ']' || v === '}') {
        if (depth === 0) {
          if (v !== ')') return undefined;
          if (current.length) list.push(current);
          return { list, close: k };
        }
        depth--;
      } else if (v === ',' && depth === 0) {
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

function looksLikeDeclaration(tokens: readonly Token[], close: number): boolean {
  const after = tokens[close + 1];
  if (!after) return false;
  if (after.value === '{') return true; // Java/Go method body (a call is never followed by `{` in these languages)
  if (after.value === ':' && tokens[close + 2]?.kind === Tok.Ident) {
    // TS return type annotation `): boolean {`; Python `def` is caught by keyword.
    const t3 = tokens[close + 3];
    return t3 !== undefined && (t3.value === '{' || t3.value === '<' || t3.value === '|' || t3.value === '[' || t3.value === ';');
  }
  return false;
}

/** The key of an argument: literal, same-file constant, `Obj.Member` / `Obj['member']` (resolved or not). */
function keyOf(arg: readonly number[], tokens: readonly Token[], defs: Definitions): KeyArg | undefined {
  // An empty argument (`isEnabled(, x)`, a call being typed) has no key.
  if (arg.length === 0) return undefined;
  let end = arg.length;
  // Trailing `as const` / `!` (TS) do not change the key.
  if (end >= 3 && tokens[arg[end - 2]!]!.value === 'as') end -= 2;
  if (end >= 2 && tokens[arg[end - 1]!]!.value === '!') end -= 1;
  const first = tokens[arg[0]!]!;
  const last = tokens[arg[end - 1]!]!;
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
    const sep = tokens[arg[k]!]!;
    const member = k + 1 < end ? tokens[arg[k + 1]!]! : undefined;
    if (sep.value === '.' && member?.kind === Tok.Ident) {
      parts.push(member.value);
      k += 2;
    } else if (sep.value === '[' && member?.kind === Tok.Str && k + 2 < end && tokens[arg[k + 2]!]!.value === ']') {
      parts.push(member.value);
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

const CONTAINER_KEYWORDS = new Set(['enum', 'class', 'interface', 'object', 'struct']);

/** Pass 1: `const X = 'x'`, `X = "x"`, `static final String X = "x"`, objects, enums, classes of constants. */
function collectDefinitions(tokens: readonly Token[], language: FlagLanguage, lineStarts: readonly number[]): Definitions {
  const constants = new Map<string, string>();
  const members = new Map<string, string>();
  const literalLines = new Map<number, string>();
  const containers = new Map<string, { kind: 'object' | 'enum'; members: Record<string, string> }>();
  // Brace containers: stack of { name, depth } (depth = brace depth inside the container).
  const stack: Array<{ name: string | undefined; kind: 'object' | 'enum' }> = [];
  let pendingContainer: { name: string; kind: 'object' | 'enum' } | undefined;
  let pyClass: { name: string; column: number } | undefined;

  const addMember = (container: string, kind: 'object' | 'enum', member: string, value: string): void => {
    let c = containers.get(container);
    if (!c) containers.set(container, (c = { kind, members: {} }));
    c.members[member] = value;
    members.set(`${container}.${member}`, value);
  };
  const current = (): { name: string | undefined; kind: 'object' | 'enum' } | undefined => stack[stack.length - 1];
  /** `name: {` directly inside a named object (not too deep): the start of a nested constants object. */
  const nestedObjectAt = (t: number, container: { name: string | undefined; kind: 'object' | 'enum' } | undefined): boolean => {
    if (container?.kind !== 'object' || !container.name || tokens[t + 1]?.value !== ':' || tokens[t + 2]?.value !== '{') return false;
    const prev = tokens[t - 1];
    return (prev?.value === '{' || prev?.value === ',') && container.name.split('.').length <= MAX_MEMBER_DEPTH - 1;
  };

  for (let t = 0; t < tokens.length; t++) {
    const tok = tokens[t]!;
    if (language === 'python' && pyClass && tok.kind !== Tok.Punct && (t === 0 || tokens[t - 1]!.line !== tok.line)) {
      if (tok.start - lineStarts[tok.line]! <= pyClass.column) pyClass = undefined;
    }
    if (tok.kind === Tok.Ident) {
      if (CONTAINER_KEYWORDS.has(tok.value) && tokens[t + 1]?.kind === Tok.Ident) {
        const name = tokens[t + 1]!.value;
        if (language === 'python' && tok.value === 'class') {
          pyClass = { name, column: tok.start - lineStarts[tok.line]! };
        } else pendingContainer = { name, kind: tok.value === 'enum' ? 'enum' : 'enum' };
        continue;
      }
      const eq = tokens[t + 1];
      const container = current();
      // Java enum constant `A("a")`.
      if (container?.kind === 'enum' && container.name && language === 'java' && eq?.value === '(' && tokens[t + 2]?.kind === Tok.Str && tokens[t + 3]?.value === ')') {
        const prev = tokens[t - 1];
        if (prev?.value === '{' || prev?.value === ',') addMember(container.name, 'enum', tok.value, tokens[t + 2]!.value);
        continue;
      }
      // NAME = 'x' / NAME := "x" / NAME: Type = 'x'
      let valueAt = -1;
      if (eq?.value === '=' && tokens[t + 2]?.kind === Tok.Str) valueAt = t + 2;
      else if (eq?.value === ':' && tokens[t + 2]?.value === '=' && tokens[t + 3]?.kind === Tok.Str) valueAt = t + 3;
      else if (eq?.value === ':' && tokens[t + 2]?.kind === Tok.Ident && tokens[t + 3]?.value === '=' && tokens[t + 4]?.kind === Tok.Str) valueAt = t + 4;
      else if (language === 'go' && tok.value !== 'const' && tok.value !== 'var' && eq?.kind === Tok.Ident && tokens[t + 2]?.value === '=' && tokens[t + 3]?.kind === Tok.Str) valueAt = t + 3;
      if (valueAt >= 0) {
        const prev = tokens[t - 1];
        const after = tokens[valueAt + 1];
        const valueTok = tokens[valueAt]!;
        const prevOk = !prev || prev.kind === Tok.Ident || prev.value === ';' || prev.value === '{' || prev.value === '(' || prev.value === ',' || prev.value === '}' || prev.line !== tok.line;
        const afterOk = !after || after.line !== valueTok.line || [';', ',', ')', '}'].includes(after.value) || after.value === 'as';
        if (prevOk && afterOk && prev?.value !== '.' && !(prev?.value === ',' && stack.length === 0 && language === 'js')) {
          constants.set(tok.value, valueTok.value);
          literalLines.set(tok.line, valueTok.value);
          if (container?.name) addMember(container.name, container.kind, tok.value, valueTok.value);
          else if (pyClass && language === 'python' && tok.start - lineStarts[tok.line]! > pyClass.column) {
            addMember(pyClass.name, 'enum', tok.value, valueTok.value);
          }
          t = valueAt;
          continue;
        }
      }
      // Object member `A: 'a'` inside an object literal container.
      if (container?.kind === 'object' && container.name && eq?.value === ':' && tokens[t + 2]?.kind === Tok.Str) {
        const prev = tokens[t - 1];
        if (prev?.value === '{' || prev?.value === ',') addMember(container.name, 'object', tok.value, tokens[t + 2]!.value);
        continue;
      }
      // Nested constants object `search: { legacy: 'x' }` → members of `FLAGS.search`.
      if (nestedObjectAt(t, container)) {
        pendingContainer = { name: `${container!.name}.${tok.value}`, kind: 'object' };
        continue;
      }
      // NAME = { … } / NAME: Type = { … }
      if (eq?.value === '=' && tokens[t + 2]?.value === '{') pendingContainer = { name: tok.value, kind: 'object' };
      else if (eq?.value === ':' && tokens[t + 2]?.kind === Tok.Ident && tokens[t + 3]?.value === '=' && tokens[t + 4]?.value === '{') {
        pendingContainer = { name: tok.value, kind: 'object' };
      }
      continue;
    }
    if (tok.kind === Tok.Str) {
      // Quoted object keys: `'a-b': 'x'` (JS) / `"a": "x"` (Python dict).
      const container = current();
      if (nestedObjectAt(t, container)) {
        pendingContainer = { name: `${container!.name}.${tok.value}`, kind: 'object' };
        continue;
      }
      if (container?.kind === 'object' && container.name && tokens[t + 1]?.value === ':' && tokens[t + 2]?.kind === Tok.Str) {
        const prev = tokens[t - 1];
        if (prev?.value === '{' || prev?.value === ',') addMember(container.name, 'object', tok.value, tokens[t + 2]!.value);
      }
      continue;
    }
    if (tok.kind === Tok.Punct) {
      if (tok.value === '{') {
        if (pendingContainer) {
          stack.push(pendingContainer);
          pendingContainer = undefined;
        } else stack.push({ name: undefined, kind: 'object' });
      } else if (tok.value === '}') stack.pop();
      else if (tok.value === ';' || tok.value === '(') {
        // `enum Flags(val key: String) {` (Kotlin) keeps the pending container across the parens; `;` drops it.
        if (tok.value === ';') pendingContainer = undefined;
      }
    }
  }
  const list: ConstantDefinition[] = [];
  for (const [name, value] of constants) list.push({ name, value, kind: 'constant' });
  for (const [name, c] of containers) list.push({ name, members: c.members, kind: c.kind });
  return { constants, members, list, literalLines };
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
