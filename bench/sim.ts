import { performance } from 'node:perf_hooks';
import { createSimulation, DEFAULT_ORG } from '../src/sim/simulation.js';

/**
 * Simulation throughput on one core: createSimulation + next() only, default organisation,
 * fixed seed and start, flat profile. A warm-up of a tenth of the run lets the JIT settle first.
 */
export function benchSim(events: number): { eventsPerSec: number } {
  const sim = createSimulation({
    seed: 'bench',
    start: Date.UTC(2026, 1, 23, 9, 0, 0),
    eps: 20,
    profile: 'flat',
    org: { ...DEFAULT_ORG },
  });
  const warmup = Math.ceil(events / 10);
  let checksum = 0;
  for (let i = 0; i < warmup; i++) checksum += sim.next().recipientCount;
  const t0 = performance.now();
  for (let i = 0; i < events; i++) checksum += sim.next().recipientCount;
  const seconds = (performance.now() - t0) / 1000;
  // Keeps the loop's work observable so it cannot be optimised away.
  if (checksum < 0) throw new Error('unreachable');
  return { eventsPerSec: events / seconds };
}
