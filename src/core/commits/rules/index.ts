// The single registry of commit rules: commitlint's 38 (same names, arguments and semantics) and
// Release Hygiene's own Conventional Commits checks.
import { bodyCase } from './body-case';
import { bodyEmpty } from './body-empty';
import { bodyFullStop } from './body-full-stop';
import { bodyLeadingBlank } from './body-leading-blank';
import { bodyMaxLength } from './body-max-length';
import { bodyMaxLineLength } from './body-max-line-length';
import { bodyMinLength } from './body-min-length';
import { breakingChangeDescription } from './breaking-change-description';
import { breakingChangeExclamationMark } from './breaking-change-exclamation-mark';
import { breakingChangeToken } from './breaking-change-token';
import { footerEmpty } from './footer-empty';
import { footerLeadingBlank } from './footer-leading-blank';
import { footerMaxLength } from './footer-max-length';
import { footerMaxLineLength } from './footer-max-line-length';
import { footerMinLength } from './footer-min-length';
import { footerTokenFormat } from './footer-token-format';
import { headerCase } from './header-case';
import { headerColonSpace } from './header-colon-space';
import { headerFullStop } from './header-full-stop';
import { headerMaxLength } from './header-max-length';
import { headerMinLength } from './header-min-length';
import { headerPrefixFormat } from './header-prefix-format';
import { headerTrim } from './header-trim';
import { referencesEmpty } from './references-empty';
import { scopeCase } from './scope-case';
import { scopeDelimiterStyle } from './scope-delimiter-style';
import { scopeEmpty } from './scope-empty';
import { scopeEnum } from './scope-enum';
import { scopeMaxLength } from './scope-max-length';
import { scopeMinLength } from './scope-min-length';
import { signedOffBy } from './signed-off-by';
import { subjectCase } from './subject-case';
import { subjectEmpty } from './subject-empty';
import { subjectExclamationMark } from './subject-exclamation-mark';
import { subjectFullStop } from './subject-full-stop';
import { subjectMaxLength } from './subject-max-length';
import { subjectMinLength } from './subject-min-length';
import { trailerExists } from './trailer-exists';
import { typeCase } from './type-case';
import { typeEmpty } from './type-empty';
import { typeEnum } from './type-enum';
import { typeMaxLength } from './type-max-length';
import { typeMinLength } from './type-min-length';
import type { RuleDefinition } from '../ruleKit/types';

export type { RuleContext, RuleDefinition, Violation } from '../ruleKit/types';

export const RULES: readonly RuleDefinition[] = [
  bodyCase,
  bodyEmpty,
  bodyFullStop,
  bodyLeadingBlank,
  bodyMaxLength,
  bodyMaxLineLength,
  bodyMinLength,
  breakingChangeDescription,
  breakingChangeExclamationMark,
  breakingChangeToken,
  footerEmpty,
  footerLeadingBlank,
  footerMaxLength,
  footerMaxLineLength,
  footerMinLength,
  footerTokenFormat,
  headerCase,
  headerColonSpace,
  headerFullStop,
  headerMaxLength,
  headerMinLength,
  headerPrefixFormat,
  headerTrim,
  referencesEmpty,
  scopeCase,
  scopeDelimiterStyle,
  scopeEmpty,
  scopeEnum,
  scopeMaxLength,
  scopeMinLength,
  signedOffBy,
  subjectCase,
  subjectEmpty,
  subjectExclamationMark,
  subjectFullStop,
  subjectMaxLength,
  subjectMinLength,
  trailerExists,
  typeCase,
  typeEmpty,
  typeEnum,
  typeMaxLength,
  typeMinLength,
];

export const RULES_BY_ID: ReadonlyMap<string, RuleDefinition> = new Map(RULES.map((rule) => [rule.id, rule]));

/** commitlint's rule names, alphabetical. */
export const COMMITLINT_RULE_IDS: readonly string[] = RULES.filter((r) => r.origin === 'commitlint').map((r) => r.id);
/** Release Hygiene's own rule names. */
export const RELEASE_HYGIENE_RULE_IDS: readonly string[] = RULES.filter((r) => r.origin === 'release-hygiene').map((r) => r.id);
