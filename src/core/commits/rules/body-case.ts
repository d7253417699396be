import { caseChecks, caseVerdict, simpleIsCase, validateCases, violation } from '../ruleKit/shared';
import { PASS, type RuleDefinition } from '../ruleKit/types';

export const bodyCase: RuleDefinition = {
  id: 'body-case',
  origin: 'commitlint',
  validate: validateCases,
  check(ctx, when, value) {
    const { body } = ctx.parsed;
    const at = ctx.parsed.layout.body;
    if (!body || !at) return PASS;
    const failure = caseVerdict('body', when, caseChecks(value), simpleIsCase(body));
    return failure ? [violation(failure, at)] : PASS;
  },
};
