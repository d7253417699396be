import { caseChecks, caseFixes, caseVerdict, simpleCasePasses, simpleIsCase, validateCases, violation } from '../ruleKit/shared';
import { PASS, type RuleDefinition } from '../ruleKit/types';

export const typeCase: RuleDefinition = {
  id: 'type-case',
  origin: 'commitlint',
  validate: validateCases,
  check(ctx, when, value) {
    const { type } = ctx.parsed;
    const at = ctx.parsed.layout.type;
    if (!type || !at) return PASS;
    const checks = caseChecks(value);
    if (simpleCasePasses(type, when, checks)) return PASS;
    const failure = caseVerdict('type', when, checks, simpleIsCase(type));
    if (!failure) return PASS;
    return [violation(failure, at, caseFixes(type, at, when, checks, 'type'))];
  },
};
