import { caseInput, inputIsCase, type CaseName } from '../caseCheck';
import { casesOf, caseVerdict, compileCases, fix, replace, validateCases, violation, type CaseCheck, type CompiledCases } from '../ruleKit/shared';
import { PASS, type RuleDefinition } from '../ruleKit/types';

/** commitlint only checks subjects that start with a cased letter (any script). */
const STARTS_WITH_LETTER = /^[\p{Ll}\p{Lu}\p{Lt}]/iu;

/** An all-caps word of at least two letters, digits allowed (API, URL, I18N, HTTP/2, E2E, URLs). */
const ACRONYM = /^(?=(?:[^\p{Lu}]*\p{Lu}){2})[\p{Lu}\d]+(?:[/&+.-][\p{Lu}\d]+)*(?:['’]?s)?$/u;
/** The pronoun "I", with its contractions. */
const PRONOUN_I = /^I(?:['’](?:m|d|ll|ve))?$/;
const TRAILING_PUNCTUATION = /[.,:;!?)\]]+$/;

/**
 * Deliberate difference from commitlint: a subject whose first word is an acronym or "I" is capitalised
 * because of that word, not by choice, so it is not "sentence-case"; and it is only "upper-case" when
 * the rest of it is upper-case too. Returns the first word's length when the exemption applies.
 */
export function leadingAcronymOrI(subject: string, input = caseInput(subject)): { word: string; rest: string } | undefined {
  // An acronym or "I" starts with an upper-case letter or a digit, never with an ASCII lower-case letter.
  const c = input.charCodeAt(0);
  if (c >= 97 && c <= 122) return undefined;
  const space = input.search(/\s/);
  const first = space === -1 ? input : input.slice(0, space);
  if (first.length > 64) return undefined;
  const word = first.replace(TRAILING_PUNCTUATION, '');
  if (!ACRONYM.test(word) && !PRONOUN_I.test(word)) return undefined;
  return { word, rest: space === -1 ? '' : input.slice(space).trim() };
}

/**
 * The fix when the subject starts with an acronym or "I": that word stays; the rest is lower-cased
 * (all of it when it is upper-case, else the first letter of each word that is not an acronym).
 */
function lowerAfterFirstWord(subject: string, upper: boolean): string {
  const parts = subject.split(/(\s+)/);
  for (let i = 2; i < parts.length; i += 2) {
    const word = parts[i] as string;
    if (upper) parts[i] = word.toLowerCase();
    else if (!ACRONYM.test(word.replace(TRAILING_PUNCTUATION, ''))) parts[i] = word.charAt(0).toLowerCase() + word.slice(1);
  }
  return parts.join('');
}

/** `STARTS_WITH_LETTER.test`, with ASCII answered without the Unicode expression. */
function startsWithLetter(text: string): boolean {
  const c = text.charCodeAt(0);
  if (c < 128) return (c | 32) >= 97 && (c | 32) <= 122;
  return STARTS_WITH_LETTER.test(text);
}

const SENTENCE: readonly CaseName[] = ['sentence-case', 'sentencecase'];
const UPPER: readonly CaseName[] = ['upper-case', 'uppercase'];

/** Does the subject (`input` = its `caseInput`) have the case of check `c`, the acronym exemption applied? */
function subjectHasCase(c: CaseCheck, input: string, exempt: { word: string; rest: string } | undefined): boolean {
  if (exempt && c.when === 'always') {
    if (SENTENCE.includes(c.case)) return false;
    if (UPPER.includes(c.case)) return exempt.rest !== '' && exempt.rest.toUpperCase() === exempt.rest && exempt.rest.toLowerCase() !== exempt.rest;
  }
  return inputIsCase(input, c.case);
}

export const subjectCase: RuleDefinition = {
  id: 'subject-case',
  origin: 'commitlint',
  validate: validateCases,
  compile: compileCases,
  check(ctx, when, value, compiled) {
    const { subject } = ctx.parsed;
    const at = ctx.parsed.layout.subject;
    if (typeof subject !== 'string' || !at || !startsWithLetter(subject)) return PASS;
    const input = caseInput(subject);
    // The usual subject starts with a lower-case letter: no exemption applies (leadingAcronymOrI) and the
    // configuration alone may settle the verdict (compileCases).
    if (compiled !== undefined && (compiled as CompiledCases).lowerLedPasses === true) {
      const c = input.charCodeAt(0);
      if (c >= 97 && c <= 122) return PASS;
    }
    const checks = casesOf(value, compiled);
    const exempt = when === 'never' ? leadingAcronymOrI(subject, input) : undefined;
    // caseVerdict's outcome without building it: "always" passes when some check matches, "never" when none does.
    let matched = false;
    for (const c of checks) {
      const has = subjectHasCase(c, input, exempt);
      if (c.when === 'never' ? !has : has) {
        matched = true;
        break;
      }
    }
    if (matched === (when !== 'never')) return PASS;
    const test = (c: CaseCheck): boolean => subjectHasCase(c, input, exempt);
    const failure = caseVerdict('subject', when, checks, test);
    if (!failure) return PASS;
    const fixes = [];
    if (when === 'never') {
      const upperMatched = checks.some((c) => c.when === 'always' && UPPER.includes(c.case) && test(c));
      if (upperMatched) {
        // A shouted subject: its first word may or may not be a real acronym, so offer both.
        fixes.push(fix('Lower-case the subject', [replace(at, subject.toLowerCase())], true));
        if (exempt) fixes.push(fix(`Lower-case the subject after "${exempt.word}"`, [replace(at, lowerAfterFirstWord(subject, true))]));
      } else {
        const lowered = exempt ? lowerAfterFirstWord(subject, false) : subject.charAt(0).toLowerCase() + subject.slice(1);
        const title = exempt ? `Lower-case the words after "${exempt.word}"` : 'Lower-case the first letter of the subject';
        if (lowered !== subject) fixes.push(fix(title, [replace(at, lowered)], true));
      }
    } else {
      const target = checks.find((c) => c.when === 'always');
      if (target && (SENTENCE.includes(target.case) || target.case === 'start-case')) {
        const raised = subject.charAt(0).toUpperCase() + subject.slice(1);
        if (raised !== subject) fixes.push(fix('Capitalise the first letter of the subject', [replace(at, raised)], true));
      } else if (target && (target.case === 'lower-case' || target.case === 'lowercase' || target.case === 'lowerCase')) {
        fixes.push(fix('Lower-case the subject', [replace(at, subject.toLowerCase())], true));
      }
    }
    return [violation(failure, at, fixes)];
  },
};
