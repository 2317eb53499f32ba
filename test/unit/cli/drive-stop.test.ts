// drive(): a stop ends the run even while the producer waits for room in a full queue. Before,
// a cluster that never answered held that wait, and with it the shutdown, forever (found by
// `npm run bench`: `run --duration` against a cluster that accepts and never answers).
import { describe, expect, it } from 'vitest';
import { drive } from '../../../src/cli/drive.js';
import { createSimulation } from '../../../src/sim/simulation.js';
import { MONDAY, simSettings } from '../sim/sim-fixture.js';

describe('drive and a stop', () => {
  it('stops while the push waits for a queue that never frees up', async () => {
    const stop = new AbortController();
    let pushes = 0;
    const neverFreed = new Promise<void>(() => undefined);
    const running = drive({
      sim: createSimulation(simSettings({ profile: 'flat', eps: 50, start: MONDAY })),
      // The third event finds the queue full, and nothing will ever make room.
      push: () => (++pushes >= 3 ? neverFreed : undefined),
      until: Infinity,
      signal: stop.signal,
    });
    setTimeout(() => stop.abort(), 50);
    const outcome = await Promise.race([running, new Promise((resolve) => setTimeout(resolve, 2_000, 'still waiting'))]);
    expect(outcome).toBe(3);
    expect(pushes).toBe(3);
  });
});
