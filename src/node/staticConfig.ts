// Reads a JavaScript/TypeScript commitlint config WITHOUT running it, when it is a plain data module:
//
//   module.exports = { extends: ['@commitlint/config-conventional'], rules: { … } };
//   export default { … } satisfies UserConfig;
//   import type { UserConfig } from '@commitlint/types';
//   const Configuration: UserConfig = { … };
//   export default Configuration;
//
// Values may be object/array literals, strings (quotes or a template without `${}`), numbers, booleans, null,
// undefined, a `const` declared earlier, and `RuleConfigSeverity.Disabled|Warning|Error` (0|1|2). Anything
// else (functions, calls, spreads, computed keys, other statements) makes the read fail with a reason, and the
// caller decides whether to execute the file instead. No code is ever evaluated here.

export type StaticReadResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: string };

type Token =
  | { readonly kind: 'ident'; readonly text: string; readonly at: number }
  | { readonly kind: 'string'; readonly value: string; readonly at: number }
  | { readonly kind: 'number'; readonly value: number; readonly at: number }
  | { readonly kind: 'punct'; readonly text: string; readonly at: number }
  | { readonly kind: 'end'; readonly at: number };

class StaticReadError extends Error {}

const PUNCTUATION = ['...', '=>', '?.', '{', '}', '[', ']', '(', ')', ',', ':', ';', '=', '.', '-', '+', '<', '>', '!', '?', '|', '&', '*', '/', '%', '@'];

function isIdentStart(ch: string): boolean {
  return /[A-Za-z_$\u0080-\uffff]/.test(ch);
}

function isIdentPart(ch: string): boolean {
  return /[\w$\u0080-\uffff]/.test(ch);
}

/** Lazily, so a failure names the first thing that is not data rather than a later character. */
function* tokenize(source: string): Generator<Token, void, undefined> {
  let i = 0;
  const n = source.length;
  if (source.startsWith('#!')) i = source.indexOf('\n') === -1 ? n : source.indexOf('\n');
  while (i < n) {
    const ch = source[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (source.startsWith('//', i)) {
      const end = source.indexOf('\n', i);
      i = end === -1 ? n : end;
    } else if (source.startsWith('/*', i)) {
      const end = source.indexOf('*/', i + 2);
      if (end === -1) throw new StaticReadError('unterminated comment');
      i = end + 2;
    } else if (ch === '"' || ch === "'") {
      const [value, next] = readQuoted(source, i, ch);
      yield { kind: 'string', value, at: i };
      i = next;
    } else if (ch === '`') {
      const [value, next] = readTemplate(source, i);
      yield { kind: 'string', value, at: i };
      i = next;
    } else if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(source[i + 1] ?? ''))) {
      const match = /^(?:0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|(?:\d[\d_]*)?\.?\d[\d_]*(?:[eE][+-]?\d+)?)/.exec(source.slice(i, i + 64));
      const text = match?.[0] ?? '';
      const value = Number(text.replace(/_/g, ''));
      if (text === '' || Number.isNaN(value) || isIdentPart(source[i + text.length] ?? ' ')) throw new StaticReadError(`bad number at offset ${i}`);
      yield { kind: 'number', value, at: i };
      i += text.length;
    } else if (isIdentStart(ch)) {
      let j = i + 1;
      while (j < n && isIdentPart(source[j]!)) j++;
      yield { kind: 'ident', text: source.slice(i, j), at: i };
      i = j;
    } else {
      const punct = PUNCTUATION.find((p) => source.startsWith(p, i));
      if (!punct) throw new StaticReadError(`unexpected character ${JSON.stringify(ch)} at offset ${i}`);
      yield { kind: 'punct', text: punct, at: i };
      i += punct.length;
    }
  }
  yield { kind: 'end', at: n };
}

function readQuoted(source: string, start: number, quote: string): [string, number] {
  let out = '';
  let i = start + 1;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === quote) return [out, i + 1];
    if (ch === '\n') break;
    if (ch === '\\') {
      const [text, next] = readEscape(source, i);
      out += text;
      i = next;
    } else {
      out += ch;
      i++;
    }
  }
  throw new StaticReadError(`unterminated string at offset ${start}`);
}

function readTemplate(source: string, start: number): [string, number] {
  let out = '';
  let i = start + 1;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === '`') return [out, i + 1];
    if (ch === '$' && source[i + 1] === '{') throw new StaticReadError('template literal with ${…}');
    if (ch === '\\') {
      const [text, next] = readEscape(source, i);
      out += text;
      i = next;
    } else {
      out += ch === '\r' ? '' : ch;
      i++;
    }
  }
  throw new StaticReadError(`unterminated template literal at offset ${start}`);
}

function readEscape(source: string, at: number): [string, number] {
  const ch = source[at + 1];
  const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' };
  if (ch === undefined) throw new StaticReadError('dangling backslash');
  if (ch in simple && !(ch === '0' && /[0-9]/.test(source[at + 2] ?? ''))) return [simple[ch]!, at + 2];
  if (ch === '\r') return ['', source[at + 2] === '\n' ? at + 3 : at + 2];
  if (ch === '\n' || ch === '\u2028' || ch === '\u2029') return ['', at + 2];
  if (ch === 'x') {
    const hex = source.slice(at + 2, at + 4);
    if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw new StaticReadError('bad \\x escape');
    return [String.fromCharCode(parseInt(hex, 16)), at + 4];
  }
  if (ch === 'u') {
    if (source[at + 2] === '{') {
      const end = source.indexOf('}', at + 3);
      const hex = end === -1 ? '' : source.slice(at + 3, end);
      const code = /^[0-9a-fA-F]{1,6}$/.test(hex) ? parseInt(hex, 16) : NaN;
      if (!(code <= 0x10ffff)) throw new StaticReadError('bad \\u{} escape');
      return [String.fromCodePoint(code), end + 1];
    }
    const hex = source.slice(at + 2, at + 6);
    if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new StaticReadError('bad \\u escape');
    return [String.fromCharCode(parseInt(hex, 16)), at + 6];
  }
  if (/[1-9]/.test(ch)) throw new StaticReadError('octal escape');
  return [ch, at + 2];
}

const RULE_CONFIG_SEVERITY: Readonly<Record<string, number>> = { Disabled: 0, Warning: 1, Error: 2 };

class Parser {
  private pos = 0;
  private readonly constants = new Map<string, unknown>();
  private readonly severityEnums = new Set<string>();
  /** Keys from the exported value down to what is being read, so a failure can say where it is. */
  private readonly path: (string | number)[] = [];

  private readonly tokens: Token[] = [];

  constructor(private readonly stream: Iterator<Token, void, undefined>) {}

  private peek(offset = 0): Token {
    const wanted = this.pos + offset;
    while (this.tokens.length <= wanted && this.tokens[this.tokens.length - 1]?.kind !== 'end') {
      const next = this.stream.next();
      if (next.done) break;
      this.tokens.push(next.value);
    }
    return this.tokens[Math.min(Math.max(wanted, 0), this.tokens.length - 1)]!;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.pos++;
    return token;
  }

  private isPunct(text: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === 'punct' && token.text === text;
  }

  private isIdent(text: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === 'ident' && token.text === text;
  }

  private expectPunct(text: string): void {
    if (!this.isPunct(text)) this.fail(`expected "${text}"`);
    this.pos++;
  }

  private fail(what: string): never {
    const token = this.peek();
    const found = token.kind === 'end' ? 'end of file' : token.kind === 'punct' || token.kind === 'ident' ? `"${token.text}"` : token.kind;
    const where = this.path.length > 0 ? ` at ${formatKeyPath(this.path)}` : '';
    throw new StaticReadError(`${what}${where} (found ${found} at offset ${token.at})`);
  }

  /** Runs the module's statements; returns the exported value. */
  module(): unknown {
    let exported: { value: unknown } | undefined;
    while (this.peek().kind !== 'end') {
      if (this.isPunct(';')) {
        this.pos++;
      } else if (this.peek().kind === 'string' && (this.isPunct(';', 1) || this.peek(1).kind === 'end')) {
        this.pos++; // directive such as 'use strict'
      } else if (this.isIdent('import') && !this.isPunct('(', 1) && !this.isPunct('.', 1)) {
        this.importDeclaration();
      } else if (this.isIdent('export') && this.isIdent('default', 1)) {
        this.pos += 2;
        if (exported) this.fail('second export');
        exported = { value: this.expression() };
        this.endStatement();
      } else if (this.isIdent('module') && this.isPunct('.', 1) && this.isIdent('exports', 2) && this.isPunct('=', 3)) {
        this.pos += 4;
        if (exported) this.fail('second export');
        exported = { value: this.expression() };
        this.endStatement();
      } else if (this.isIdent('const') || this.isIdent('let') || this.isIdent('var')) {
        this.declaration();
      } else if (this.isIdent('export') && this.isIdent('const', 1)) {
        this.pos++;
        this.declaration();
      } else {
        this.fail('unsupported statement');
      }
    }
    if (!exported) throw new StaticReadError('no `export default` or `module.exports =`');
    return exported.value;
  }

  private endStatement(): void {
    if (this.isPunct(';')) this.pos++;
    else if (this.peek().kind !== 'end' && !this.startsStatement()) this.fail('expected end of statement');
  }

  private startsStatement(): boolean {
    return ['import', 'export', 'module', 'const', 'let', 'var'].some((word) => this.isIdent(word));
  }

  private importDeclaration(): void {
    this.pos++; // import
    const names: string[] = [];
    let typeOnly = false;
    if (this.isIdent('type') && !this.isPunct(',', 1) && !this.isIdent('from', 1)) {
      typeOnly = true;
      this.pos++;
    }
    while (!(this.peek().kind === 'string') && this.peek().kind !== 'end') {
      const token = this.next();
      if (token.kind === 'ident' && token.text !== 'from' && token.text !== 'type' && token.text !== 'as') names.push(token.text);
      if (token.kind === 'ident' && token.text === 'as') names.pop(); // `{ A as B }`: B is pushed next
    }
    const from = this.next();
    if (from.kind !== 'string') this.fail('expected module name');
    this.endStatement();
    if (!typeOnly && from.kind === 'string' && from.value === '@commitlint/types') {
      for (const name of names) this.severityEnums.add(name);
    }
  }

  private declaration(): void {
    this.pos++; // const | let | var
    if (this.isPunct('{')) {
      // const { RuleConfigSeverity } = require('@commitlint/types')
      this.pos++;
      const names: string[] = [];
      while (!this.isPunct('}')) {
        const token = this.next();
        if (token.kind !== 'ident') this.fail('unsupported destructuring');
        names.push(token.text);
        if (this.isPunct(',')) this.pos++;
      }
      this.pos++;
      this.expectPunct('=');
      if (!(this.isIdent('require') && this.isPunct('(', 1) && this.peek(2).kind === 'string' && this.isPunct(')', 3))) this.fail('unsupported initializer');
      const module = (this.peek(2) as { value: string }).value;
      this.pos += 4;
      this.endStatement();
      if (module === '@commitlint/types') for (const name of names) this.severityEnums.add(name);
      return;
    }
    for (;;) {
      const name = this.next();
      if (name.kind !== 'ident') this.fail('expected a name');
      if (this.isPunct(':')) {
        this.pos++;
        this.skipType();
      }
      this.expectPunct('=');
      this.constants.set(name.kind === 'ident' ? name.text : '', this.expression());
      if (!this.isPunct(',')) break;
      this.pos++;
    }
    this.endStatement();
  }

  /** Skips a type annotation: `A.B<C, D<E>>[]`, `typeof x`, `const`. */
  private skipType(): void {
    let depth = 0;
    const start = this.pos;
    for (;;) {
      const token = this.peek();
      if (token.kind === 'end') return;
      if (token.kind === 'punct') {
        if (token.text === '<' || token.text === '(' || token.text === '[' || token.text === '{') depth++;
        else if (token.text === '>' || token.text === ')' || token.text === ']' || token.text === '}') {
          if (depth === 0) return;
          depth--;
        } else if (depth === 0 && (token.text === '=' || token.text === ',' || token.text === ';')) return;
      } else if (depth === 0 && token.kind === 'ident' && this.pos > start) {
        const previous = this.peek(-1);
        // two identifiers in a row at depth 0 end the type (e.g. a new statement without a semicolon)
        if (previous.kind === 'ident' && previous.text !== 'typeof' && previous.text !== 'keyof' && previous.text !== 'readonly') return;
      }
      this.pos++;
    }
  }

  private expression(): unknown {
    const value = this.primary();
    while (this.isIdent('as') || this.isIdent('satisfies')) {
      this.pos++;
      this.skipType();
    }
    if (this.isPunct('!')) this.pos++; // non-null assertion
    return value;
  }

  private primary(): unknown {
    const token = this.next();
    switch (token.kind) {
      case 'string':
        return token.value;
      case 'number':
        return token.value;
      case 'punct':
        if (token.text === '{') return this.object();
        if (token.text === '[') return this.array();
        if (token.text === '(') {
          if (this.isArrowFunction()) {
            this.pos--;
            this.fail('code (function or call)');
          }
          const value = this.expression();
          this.expectPunct(')');
          return value;
        }
        if (token.text === '-' || token.text === '+') {
          const operand = this.next();
          if (operand.kind !== 'number') this.fail('unsupported unary expression');
          return token.text === '-' ? -(operand as { value: number }).value : (operand as { value: number }).value;
        }
        this.pos--;
        if (token.text === '...') return this.fail('spread (a computed value)');
        return this.fail('unsupported expression');
      case 'ident': {
        if (this.isPunct('=>') || this.isPunct('(')) {
          this.pos--;
          this.fail('code (function or call)');
        }
        if (token.text === 'true') return true;
        if (token.text === 'false') return false;
        if (token.text === 'null') return null;
        if (token.text === 'undefined') return undefined;
        if (this.isPunct('.')) {
          const member = this.peek(1);
          if (this.severityEnums.has(token.text) && member.kind === 'ident' && member.text in RULE_CONFIG_SEVERITY) {
            this.pos += 2;
            return RULE_CONFIG_SEVERITY[member.text];
          }
          this.pos--;
          this.fail('unsupported member access');
        }
        if (this.constants.has(token.text)) return this.constants.get(token.text);
        this.pos--;
        return this.fail('unknown name');
      }
      case 'end':
        return this.fail('unexpected end of file');
    }
  }

  /** After an opening parenthesis: is this `(params) =>`? */
  private isArrowFunction(): boolean {
    let depth = 1;
    for (let offset = 0; this.peek(offset).kind !== 'end'; offset++) {
      if (this.isPunct('(', offset)) depth++;
      else if (this.isPunct(')', offset) && --depth === 0) return this.isPunct('=>', offset + 1);
    }
    return false;
  }

  private object(): Record<string, unknown> {
    const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    while (!this.isPunct('}')) {
      const key = this.next();
      let name: string;
      if (key.kind === 'ident') name = key.text;
      else if (key.kind === 'string') name = key.value;
      else if (key.kind === 'number') name = String(key.value);
      else {
        this.pos--;
        return this.fail('unsupported property');
      }
      if (this.isPunct(':')) {
        this.pos++;
        this.path.push(name);
        out[name] = this.expression();
        this.path.pop();
      } else if (key.kind === 'ident' && (this.isPunct(',') || this.isPunct('}')) && this.constants.has(name)) {
        out[name] = this.constants.get(name); // shorthand { rules }
      } else if (key.kind === 'ident' && (this.isPunct(',') || this.isPunct('}'))) {
        this.path.push(name);
        this.pos--;
        this.fail('unknown name');
      } else {
        this.fail('unsupported property');
      }
      if (this.isPunct(',')) this.pos++;
      else if (!this.isPunct('}')) this.fail('expected "," or "}"');
    }
    this.pos++;
    // fromEntries defines own data properties: a `__proto__` key stays an inert key, as in JSON.parse.
    return Object.fromEntries(Object.entries(out));
  }

  private array(): unknown[] {
    const out: unknown[] = [];
    while (!this.isPunct(']')) {
      if (this.isPunct(',')) this.fail('array holes');
      this.path.push(out.length);
      out.push(this.expression());
      this.path.pop();
      if (this.isPunct(',')) this.pos++;
      else if (!this.isPunct(']')) this.fail('expected "," or "]"');
    }
    this.pos++;
    return out;
  }
}

/** `rules['scope-enum'][2]`: where in the exported value a read failed. */
function formatKeyPath(path: readonly (string | number)[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `${i === 0 ? '' : '.'}${key}` : `[${JSON.stringify(key)}]`))
    .join('');
}

/** Reads the exported value of a data-only JS/TS config module, or says why it cannot without running it. */
export function readStaticConfig(source: string): StaticReadResult {
  try {
    return { ok: true, value: new Parser(tokenize(source)).module() };
  } catch (error) {
    if (error instanceof StaticReadError) return { ok: false, reason: error.message };
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
