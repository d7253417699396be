/**
 * Letter-case checks with the semantics of `@commitlint/ensure` (`case` and `to-case`), whose
 * camel/kebab/snake/start/pascal transforms are lodash's (via es-toolkit/compat): the same word
 * splitting is reproduced here so verdicts agree, including on non-ASCII text.
 */

/** Case names commitlint accepts (its aliases included). */
export const CASE_NAMES = [
  'lower-case',
  'upper-case',
  'camel-case',
  'kebab-case',
  'pascal-case',
  'sentence-case',
  'snake-case',
  'start-case',
  'lowercase',
  'uppercase',
  'sentencecase',
  'lowerCase',
] as const;
export type CaseName = (typeof CASE_NAMES)[number];

const CASE_NAME_SET: ReadonlySet<string> = new Set(CASE_NAMES);

export function isCaseName(value: unknown): value is CaseName {
  return typeof value === 'string' && CASE_NAME_SET.has(value);
}

// ---- word splitting (lodash `words`) -------------------------------------------------------------

const astral = '\\ud800-\\udfff';
const combo = '\\u0300-\\u036f\\ufe20-\\ufe2f\\u20d0-\\u20ff';
const dingbat = '\\u2700-\\u27bf';
const lowerR = 'a-z\\xdf-\\xf6\\xf8-\\xff';
const upperR = 'A-Z\\xc0-\\xd6\\xd8-\\xde';
const breakR =
  '\\xac\\xb1\\xd7\\xf7\\x00-\\x2f\\x3a-\\x40\\x5b-\\x60\\x7b-\\xbf\\u2000-\\u206f \\t\\x0b\\f\\xa0\\ufeff\\n\\r\\u2028\\u2029\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000';
const brk = `[${breakR}]`;
const lower = `[${lowerR}]`;
const upper = `[${upperR}]`;
const misc = `[^${astral}${breakR}\\d+${dingbat}${lowerR}${upperR}]`;
const modifier = `(?:[${combo}]|\\ud83c[\\udffb-\\udfff])`;
const regional = '(?:\\ud83c[\\udde6-\\uddff]){2}';
const surrPair = '[\\ud800-\\udbff][\\udc00-\\udfff]';
const miscLower = `(?:${lower}|${misc})`;
const miscUpper = `(?:${upper}|${misc})`;
const contrLower = "(?:['’](?:d|ll|m|re|s|t|ve))?";
const contrUpper = "(?:['’](?:D|LL|M|RE|S|T|VE))?";
const optVar = '[\\ufe0e\\ufe0f]?';
const optJoin = `(?:\\u200d(?:[^${astral}]|${regional}|${surrPair})${optVar}${modifier}?)*`;
const emoji = `(?:[${dingbat}]|${regional}|${surrPair})${optVar}${modifier}?${optJoin}`;

const UNICODE_WORD = new RegExp(
  [
    `${upper}?${lower}+${contrLower}(?=${brk}|${upper}|$)`,
    `${miscUpper}+${contrUpper}(?=${brk}|${upper}${miscLower}|$)`,
    `${upper}?${miscLower}+${contrLower}`,
    `${upper}+${contrUpper}`,
    '\\d*(?:1ST|2ND|3RD|(?![123])\\dTH)(?=\\b|[a-z_])',
    '\\d*(?:1st|2nd|3rd|(?![123])\\dth)(?=\\b|[A-Z_])',
    '\\d+',
    emoji,
  ].join('|'),
  'g',
);
const HAS_UNICODE_WORD = /[a-z][A-Z]|[A-Z]{2}[a-z]|[0-9][a-zA-Z]|[a-zA-Z][0-9]|[^a-zA-Z0-9 ]/;
const ASCII_WORD = /[^\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]+/g;

function splitWords(input: string): string[] {
  const pattern = HAS_UNICODE_WORD.test(input) ? UNICODE_WORD : ASCII_WORD;
  pattern.lastIndex = 0;
  return input.match(pattern) ?? [];
}

// ---- deburr (Latin-1 Supplement and Latin Extended-A letters to ASCII) ---------------------------

const LIGATURES: Readonly<Record<string, string>> = {
  'Æ': 'Ae', 'Ð': 'D', 'Ø': 'O', 'Þ': 'Th', 'ß': 'ss', 'æ': 'ae', 'ð': 'd', 'ø': 'o', 'þ': 'th',
  'Đ': 'D', 'đ': 'd', 'Ħ': 'H', 'ħ': 'h', 'ı': 'i', 'Ĳ': 'IJ', 'ĳ': 'ij', 'ĸ': 'k', 'Ŀ': 'L',
  'ŀ': 'l', 'Ł': 'L', 'ł': 'l', 'ŉ': "'n", 'Ŋ': 'N', 'ŋ': 'n', 'Œ': 'Oe', 'œ': 'oe', 'Ŧ': 'T',
  'ŧ': 't', 'ſ': 's',
};

function isCombining(code: number): boolean {
  return (code >= 0x300 && code <= 0x36f) || (code >= 0x20d0 && code <= 0x20ff) || (code >= 0xfe20 && code <= 0xfe2f);
}

let deburrTable: string[] | undefined;
function deburrLetter(code: number): string {
  if (!deburrTable) {
    deburrTable = [];
    for (let c = 192; c <= 383; c++) {
      const ch = String.fromCharCode(c);
      const direct = LIGATURES[ch];
      if (direct !== undefined) {
        deburrTable.push(direct);
        continue;
      }
      let out = '';
      for (const part of ch.normalize('NFD')) {
        if (!isCombining(part.charCodeAt(0))) out += LIGATURES[part] ?? part;
      }
      deburrTable.push(out);
    }
  }
  return deburrTable[code - 192] ?? '';
}

function deburr(input: string): string {
  let i = 0;
  while (i < input.length && input.charCodeAt(i) < 192) i++;
  if (i === input.length) return input;
  let out = input.slice(0, i);
  for (; i < input.length; i++) {
    const code = input.charCodeAt(i);
    if (code >= 192 && code <= 383) out += deburrLetter(code);
    else if (!isCombining(code)) out += input[i];
  }
  return out;
}

function wordsForCase(input: string): string[] {
  return splitWords(deburr(input).replace(/['\u2019]/g, ''));
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

function upperFirst(input: string): string {
  return input.substring(0, 1).toUpperCase() + input.substring(1);
}

function camelCase(input: string): string {
  const words = wordsForCase(input);
  if (words.length === 0) return '';
  let out = (words[0] as string).toLowerCase();
  for (let i = 1; i < words.length; i++) out += capitalize(words[i] as string);
  return out;
}

function startCase(input: string): string {
  const words = splitWords(deburr(input).replace(/['\u2019]/g, '').trim());
  let out = '';
  for (const word of words) {
    if (out) out += ' ';
    const first = (word.codePointAt(0) ?? 0) > 0xffff ? 2 : 1;
    out += word.slice(0, first).toUpperCase() + word.slice(first);
  }
  return out;
}

/** `@commitlint/ensure`'s `toCase`. */
export function toCase(input: string, target: CaseName): string {
  switch (target) {
    case 'camel-case':
      return camelCase(input);
    case 'kebab-case':
      return wordsForCase(input).map((w) => w.toLowerCase()).join('-');
    case 'snake-case':
      return wordsForCase(input).map((w) => w.toLowerCase()).join('_');
    case 'pascal-case':
      return upperFirst(camelCase(input));
    case 'start-case':
      return startCase(input);
    case 'upper-case':
    case 'uppercase':
      return input.toUpperCase();
    case 'sentence-case':
    case 'sentencecase':
      return upperFirst(input);
    case 'lower-case':
    case 'lowercase':
    case 'lowerCase':
      return input.toLowerCase();
  }
}

const QUOTED = /`.*?`|".*?"|'.*?'/g;

/** Text the case checks look at: quoted parts (names, code) removed, trimmed — as commitlint does. */
export function caseInput(raw: string): string {
  if (raw.indexOf('`') !== -1 || raw.indexOf('"') !== -1 || raw.indexOf("'") !== -1) return raw.replace(QUOTED, '').trim();
  // Nothing quoted (the usual case): `replace` would return `raw` itself. Printable ASCII at both
  // ends is not whitespace: nothing to trim either.
  const n = raw.length;
  if (n === 0) return raw;
  const first = raw.charCodeAt(0);
  const last = raw.charCodeAt(n - 1);
  return first > 32 && first < 127 && last > 32 && last < 127 ? raw : raw.trim();
}

/** `@commitlint/ensure`'s `case`: does `raw` already have the case `target`? */
export function isCase(raw: string, target: CaseName): boolean {
  return inputIsCase(caseInput(raw), target);
}

/** `isCase` for text already passed through `caseInput`. */
export function inputIsCase(input: string, target: CaseName): boolean {
  const first = input.charCodeAt(0);
  if (first >= 97 && first <= 122) {
    // Starts with an ASCII lower-case letter. Each transform below then starts with that letter
    // upper-cased: sentence and upper case by definition; start and pascal case because the first
    // word (lodash's splitting) starts at offset 0 — deburring, removing apostrophes and trimming
    // keep an ASCII letter in place, and every word pattern matches a letter there — and is then
    // upper-cased. The result is neither empty nor digit-led and differs from the input.
    switch (target) {
      case 'sentence-case':
      case 'sentencecase':
      case 'upper-case':
      case 'uppercase':
      case 'start-case':
      case 'pascal-case':
        return false;
      default:
        break;
    }
  }
  const transformed = toCase(input, target);
  if (transformed === '' || (transformed.charCodeAt(0) >= 48 && transformed.charCodeAt(0) <= 57)) return true;
  return transformed === input;
}
