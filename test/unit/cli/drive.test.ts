// drive(): the lookback catch-up reports its end when the stream reaches the wall clock, so the
// backfill progress of `run --lookback` stops there instead of logging a stale figure every 10 s
// until PROGRESS_EVERY more live events have gone by.
import { describe, expect, it } from 'vitest';
import { drive, PROGRESS_EVERY } from '../../../src/cli/drive.js';
import { createSimulation } from '../../../src/sim/simulation.js';
import { MONDAY, simSettings } from '../sim/sim-fixture.js';

describe('drive in live mode', () => {
  it('reports progress once it has caught up with the clock, then goes on live', async () => {
    const settings = simSettings({ profile: 'flat', eps: 50, start: MONDAY });
    let clock = MONDAY + 10_000; // 10 s of lookback, ~500 events: far fewer than PROGRESS_EVERY
    const calls: Array<[number, number]> = [];
    const pushed: number[] = [];
    const stop = new AbortController();
    // Without the catch-up report nothing advances the clock: end the wait instead of hanging.
    const guard = setTimeout(() => stop.abort(), 3_000);
    const produced = await drive({
      sim: createSimulation(settings),
      push: (ev) => {
        pushed.push(ev.ts);
        if (calls.length > 0 && pushed.length === calls[0][1] + 5) stop.abort();
      },
      until: Infinity,
      now: () => clock,
      signal: stop.signal,
      onProgress: (ts, n) => {
        calls.push([ts, n]);
        clock += 60_000; // time passes: the next events are due at once, so the test never sleeps
      },
    });
    clearTimeout(guard);

    const caughtUp = pushed.filter((ts) => ts <= MONDAY + 10_000).length;
    expect(caughtUp).toBeGreaterThan(300);
    expect(caughtUp).toBeLessThan(PROGRESS_EVERY);
    // First call: at the first event after the lookback, with every lookback event pushed.
    expect(calls[0]).toEqual([pushed[caughtUp], caughtUp]);
    expect(produced).toBe(caughtUp + 5);
    expect(calls).toHaveLength(2); // and the final one at the end
  });
});
