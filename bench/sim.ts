import type { SimulationSettings } from '../src/sim/settings.js';
import { createSimulation } from '../src/sim/simulation.js';
import { timed, type Timing } from './timed.js';

/**
 * Simulation alone on one core: `next()` and nothing else, with the settings `generate` runs
 * with, so its cost can be set against the whole generate path.
 */
export async function timeSimulation(settings: SimulationSettings, events: number): Promise<Timing> {
  const sim = createSimulation(settings);
  let checksum = 0;
  const timing = await timed(() => {
    for (let i = 0; i < events; i++) checksum += sim.next().recipientCount;
  });
  // Keeps the loop's work observable so it cannot be optimised away.
  if (checksum < 0) throw new Error('unreachable');
  return timing;
}
