import { caseChecks, caseVerdict, headerSpan, simpleIsCase, validateCases, violation } from '../ruleKit/shared';
import { PASS, type RuleDefinition } from '../ruleKit/types';

export const headerCase: RuleDefinition = {
  id: 'header-case',
  origin: 'commitlint',
  validate: validateCases,
  check(ctx, when, value) {
    const { header } = ctx.parsed;
    if (!/^[a-z]/i.test(header)) return PASS;
    const failure = caseVerdict('header', when, caseChecks(value), simpleIsCase(header));
    return failure ? [violation(failure, headerSpan(ctx))] : PASS;
  },
};
