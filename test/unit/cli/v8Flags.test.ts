import assert from 'node:assert/strict';
import { interruptBudgetKnown } from '../../../src/cli/v8Flags';

describe('V8 flags of the CLI process', () => {
  it('sets --interrupt-budget only on the V8 that has it (Node 20), never on V8 12+ where it prints an error', () => {
    assert.equal(interruptBudgetKnown('11.3.244.8-node.33'), true);
    assert.equal(interruptBudgetKnown('12.4.254.21-node.33'), false);
    assert.equal(interruptBudgetKnown('13.6.233.10-node.28'), false);
    assert.equal(interruptBudgetKnown('111.0'), false);
  });
});
