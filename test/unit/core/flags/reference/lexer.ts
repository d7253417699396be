// A small hand-written lexer per language family (JS/TS incl. JSX/TSX, Python, Go, Java/Kotlin).
//
// Why not the TypeScript compiler API: `typescript` is ~9 MB of JavaScript (the extension bundle would grow ~30×),
// and a full parse costs milliseconds per file where the flag scanner needs only identifiers, strings, brackets
// and comments. tree-sitter needs WASM grammars per language (hundreds of KB each). The scanner below is one
// linear pass that classifies exactly what call-shape matching needs: comments are skipped (but reported, for
// inline annotations), strings become one token with their decoded value, and everything else is an identifier,
// a number or a single punctuation character. Template literals with `${` are one opaque token (not a key).
//
// This is the reference lexer since issue #16, kept with the tests only: the product lexes with
// src/core/flags/tokens.ts (the same tokens as typed-array columns), and test/unit/core/flags/tokens.test.ts
// compares the two on every fixture and on generated inputs.
import { Tok, type LexComment, type Token } from '../../../../../src/core/flags/tokens';
import type { FlagLanguage } from '../../../../../src/core/flags/types';

export { Tok, type LexComment, type Token };

export interface LexResult {
  readonly tokens: Token[];
  /** Comments containing `flag:` (the only ones annotations can be in). */
  readonly comments: LexComment[];
  /** Offsets of line starts (line i starts at lineStarts[i]). */
  readonly lineStarts: number[];
}

const isIdStart = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36 || c > 127;
const isIdPart = (c: number): boolean => isIdStart(c) || (c >= 48 && c <= 57);

/** Characters after which a `/` starts a regular expression literal in JS (rather than a division). */
// `<` is left out: in JSX/TSX `</div>` is a closing tag, and `a < /re/` is vanishingly rare.
const REGEX_AFTER_PUNCT = new Set('(,=:[!&|?{};+-*%>~^');
const REGEX_AFTER_KEYWORD = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

function unescape(raw: string): string {
  if (!raw.includes('\\')) return raw;
  return raw.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/gs, (_, e: string) => {
    // A lone `u` or `x` (`\u{}`, `\x4`) or a code point past U+10FFFF is no escape the language accepts: its
    // characters stay, as for any unknown escape (String.fromCodePoint would throw on them).
    if (e.length > 1 && e[0] === 'u') {
      const code = parseInt(e.replace(/[u{}]/g, ''), 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : e;
    }
    if (e.length > 1 && e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
    return e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
  });
}

export function lex(text: string, language: FlagLanguage): LexResult {
  const tokens: Token[] = [];
  const comments: LexComment[] = [];
  const lineStarts: number[] = [0];
  const n = text.length;
  let line = 0;
  let i = 0;
  const hashComments = language === 'python';
  // Only comments that can hold an annotation (`flag:`) are kept: most files have none, and slicing every
  // comment of a large declaration file costs more than lexing it.
  let nextFlag = text.indexOf('flag:');
  const comment = (start: number, end: number, bodyStart: number, bodyEnd: number): void => {
    if (nextFlag < 0) return;
    if (nextFlag < start) nextFlag = text.indexOf('flag:', start);
    if (nextFlag >= 0 && nextFlag < end) comments.push({ text: text.slice(bodyStart, bodyEnd), start, line });
  };
  const slashComments = language !== 'python';
  /** Tokens of the code in text[from, to) (an f-string field at line `line`, opened at `stringStart`). */
  const embed = (stringStart: number, from: number, to: number): void => {
    for (const tok of lex(text.slice(from, to), language).tokens) {
      let atLine = line;
      for (let k = text.indexOf('\n', stringStart); k >= 0 && k < from + tok.start; k = text.indexOf('\n', k + 1)) atLine++;
      tokens.push({ ...tok, start: from + tok.start, end: from + tok.end, line: atLine });
    }
  };

  const newlinesIn = (from: number, to: number): void => {
    for (let k = from; k < to; k++) {
      if (text.charCodeAt(k) === 10) {
        line++;
        lineStarts.push(k + 1);
      }
    }
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      lineStarts.push(i + 1);
      i++;
      continue;
    }
    if (c === 32 || c === 9 || c === 13) {
      i++;
      continue;
    }
    if (isIdStart(c)) {
      let j = i + 1;
      while (j < n && isIdPart(text.charCodeAt(j))) j++;
      // Python string prefixes: r"", b"", f"", rb"", u"" …
      if (language === 'python' && j - i <= 2 && j < n) {
        const q = text.charCodeAt(j);
        if ((q === 34 || q === 39) && /^[rRbBuUfF]{1,2}$/.test(text.slice(i, j))) {
          const isF = /[fF]/.test(text.slice(i, j));
          const end = readPythonString(text, j);
          const raw = stringBody(text, j, end);
          tokens.push({ kind: isF && raw.includes('{') ? Tok.DynStr : Tok.Str, start: i, end, value: raw, line });
          // The replacement fields of an f-string are code: `f"{posthog.feature_enabled('x', id)}"` is a call.
          if (isF && raw.includes('{')) for (const field of fStringFields(text, j, end)) embed(i, field.start, field.end);
          newlinesIn(i, end);
          i = end;
          continue;
        }
      }
      tokens.push({ kind: Tok.Ident, start: i, end: j, value: text.slice(i, j), line });
      i = j;
      continue;
    }
    if (c >= 48 && c <= 57) {
      let j = i + 1;
      while (j < n && (isIdPart(text.charCodeAt(j)) || text.charCodeAt(j) === 46)) j++;
      tokens.push({ kind: Tok.Num, start: i, end: j, value: text.slice(i, j), line });
      i = j;
      continue;
    }
    // Comments.
    if (slashComments && c === 47) {
      const d = text.charCodeAt(i + 1);
      if (d === 47) {
        let j = text.indexOf('\n', i);
        if (j < 0) j = n;
        comment(i, j, i + 2, j);
        i = j;
        continue;
      }
      if (d === 42) {
        let j = text.indexOf('*/', i + 2);
        j = j < 0 ? n : j + 2;
        comment(i, j, i + 2, j - 2);
        newlinesIn(i, j);
        i = j;
        continue;
      }
      if (language === 'js' && regexAllowed(tokens)) {
        const j = readRegex(text, i);
        newlinesIn(i, j);
        tokens.push({ kind: Tok.DynStr, start: i, end: j, value: '', line });
        i = j;
        continue;
      }
    }
    if (hashComments && c === 35) {
      let j = text.indexOf('\n', i);
      if (j < 0) j = n;
      comment(i, j, i + 1, j);
      i = j;
      continue;
    }
    // Strings.
    if (c === 34 || c === 39 || c === 96) {
      let end: number;
      let kind = Tok.Str;
      let value: string;
      if (language === 'python') {
        end = readPythonString(text, i);
        value = stringBody(text, i, end);
      } else if (c === 96 && language === 'js') {
        end = readTemplate(text, i);
        value = text.slice(i + 1, end - 1);
        if (value.includes('${')) kind = Tok.DynStr;
      } else if (c === 96) {
        // Go raw string.
        const j = text.indexOf('`', i + 1);
        end = j < 0 ? n : j + 1;
        value = text.slice(i + 1, end - 1);
      } else if (c === 34 && language === 'java' && text.startsWith('"""', i)) {
        const j = text.indexOf('"""', i + 3);
        end = j < 0 ? n : j + 3;
        value = text.slice(i + 3, end - 3);
      } else {
        end = readQuoted(text, i, c);
        value = unescape(text.slice(i + 1, end - 1));
        if ((language === 'java' || language === 'go') && c === 39) kind = Tok.Num; // a char/rune literal
      }
      tokens.push({ kind, start: i, end, value, line });
      newlinesIn(i, end);
      i = end;
      continue;
    }
    tokens.push({ kind: Tok.Punct, start: i, end: i + 1, value: text[i]!, line });
    i++;
  }
  return { tokens, comments, lineStarts };
}

function regexAllowed(tokens: readonly Token[]): boolean {
  const prev = tokens[tokens.length - 1];
  if (!prev) return true;
  if (prev.kind === Tok.Punct) return REGEX_AFTER_PUNCT.has(prev.value);
  if (prev.kind === Tok.Ident) return REGEX_AFTER_KEYWORD.has(prev.value);
  return false;
}

function readRegex(text: string, i: number): number {
  let j = i + 1;
  let inClass = false;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === 10) return j; // not a regex after all; stop at the line end
    if (c === 92) j += 2;
    else {
      if (c === 91) inClass = true;
      else if (c === 93) inClass = false;
      else if (c === 47 && !inClass) {
        j++;
        while (j < text.length && isIdPart(text.charCodeAt(j))) j++;
        return j;
      }
      j++;
    }
  }
  return j;
}

function readQuoted(text: string, i: number, quote: number): number {
  let j = i + 1;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === 92) j += 2;
    else if (c === quote) return j + 1;
    else if (c === 10) return j; // unterminated: stop at the line end
    else j++;
  }
  return text.length;
}

/** A JS template literal, nested `${ … }` (with strings and templates inside) included. */
function readTemplate(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === 92) j += 2;
    else if (c === 96) return j + 1;
    else if (c === 36 && text.charCodeAt(j + 1) === 123) {
      let depth = 1;
      j += 2;
      while (j < text.length && depth > 0) {
        const d = text.charCodeAt(j);
        if (d === 123) depth++;
        else if (d === 125) depth--;
        else if (d === 39 || d === 34) {
          j = readQuoted(text, j, d);
          continue;
        } else if (d === 96) {
          j = readTemplate(text, j);
          continue;
        }
        j++;
      }
    } else j++;
  }
  return text.length;
}

/**
 * The replacement fields `{…}` of an f-string whose first quote is at `quoteAt` and which ends at `end` (offsets of
 * the code inside the braces; `{{` is a literal brace). A field ends at its matching `}` outside nested strings.
 */
function fStringFields(text: string, quoteAt: number, end: number): Array<{ start: number; end: number }> {
  const q = text[quoteAt]!;
  const open = text.startsWith(q + q + q, quoteAt) ? 3 : 1;
  const bodyEnd = end - open;
  const fields: Array<{ start: number; end: number }> = [];
  for (let k = quoteAt + open; k < bodyEnd; k++) {
    const c = text.charCodeAt(k);
    if (c === 123 /* { */) {
      if (text.charCodeAt(k + 1) === 123) {
        k++;
        continue;
      }
      let depth = 1;
      let m = k + 1;
      while (m < bodyEnd && depth > 0) {
        const d = text.charCodeAt(m);
        if (d === 123 || d === 40 || d === 91) depth++;
        else if (d === 125 || d === 41 || d === 93) depth--;
        else if (d === 39 || d === 34) {
          const close = text.indexOf(text[m]!, m + 1);
          m = close < 0 || close >= bodyEnd ? bodyEnd : close;
        }
        if (depth > 0) m++;
      }
      fields.push({ start: k + 1, end: m });
      k = m;
    } else if (c === 125 && text.charCodeAt(k + 1) === 125) k++;
  }
  return fields;
}

/** Python strings: '…', "…", '''…''', """…""" (the prefix already consumed; `i` at the first quote). */
function readPythonString(text: string, i: number): number {
  const q = text[i]!;
  const triple = text.startsWith(q + q + q, i);
  if (triple) {
    const j = text.indexOf(q + q + q, i + 3);
    return j < 0 ? text.length : j + 3;
  }
  return readQuoted(text, i, text.charCodeAt(i));
}

function stringBody(text: string, quoteAt: number, end: number): string {
  const q = text[quoteAt]!;
  const triple = text.startsWith(q + q + q, quoteAt);
  const body = triple ? text.slice(quoteAt + 3, end - 3) : text.slice(quoteAt + 1, end - 1);
  return unescape(body);
}
