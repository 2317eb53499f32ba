/**
 * Wall and CPU time of one in-process measurement. CPU is the whole process's (main thread, GC
 * helpers, libuv), which on a shared machine is steadier than wall time: time spent waiting for
 * the other engineers' processes to leave the core is not counted.
 */

export interface Timing {
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
}

/** Collects garbage first (under --expose-gc) so one pass does not pay for the last one's. */
export async function timed(fn: () => unknown): Promise<Timing> {
  (globalThis as { gc?: () => void }).gc?.();
  const cpu = process.cpuUsage();
  const began = performance.now();
  await fn();
  const wallSeconds = (performance.now() - began) / 1000;
  const used = process.cpuUsage(cpu);
  return { wallSeconds, cpuSeconds: (used.user + used.system) / 1e6 };
}
