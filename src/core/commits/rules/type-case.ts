import { caseFixes, casesOf, caseVerdict, compileCases, simpleCasePasses, simpleIsCase, validateCases, violation } from '../ruleKit/shared';
import { PASS, type RuleDefinition } from '../ruleKit/types';

export const typeCase: RuleDefinition = {
  id: 'type-case',
  origin: 'commitlint',
  validate: validateCases,
  compile: compileCases,
  check(ctx, when, value, compiled) {
    const { type } = ctx.parsed;
    const at = ctx.parsed.layout.type;
    if (!type || !at) return PASS;
    const checks = casesOf(value, compiled);
    if (simpleCasePasses(type, when, checks)) return PASS;
    const failure = caseVerdict('type', when, checks, simpleIsCase(type));
    if (!failure) return PASS;
    return [violation(failure, at, caseFixes(type, at, when, checks, 'type'))];
  },
};
