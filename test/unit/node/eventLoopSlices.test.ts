import assert from 'node:assert/strict';
import { eventLoopSlices } from '../../../src/node/eventLoopSlices';

describe('eventLoopSlices: long synchronous loops give the event loop a turn', () => {
  it('within a slice, next() goes on at once', () => {
    const slices = eventLoopSlices(1e9);
    for (let i = 0; i < 1000; i++) assert.equal(slices.next(), undefined);
  });

  it('once a slice is over, next() waits for a turn of the event loop, in which queued work runs', async () => {
    const slices = eventLoopSlices(0);
    let ran = false;
    setImmediate(() => (ran = true));
    const turn = slices.next();
    assert.ok(turn instanceof Promise, 'a slice of 0 ms is always over');
    assert.equal(ran, false);
    await turn;
    assert.equal(ran, true, 'work queued before the turn ran during it');
  });
});
