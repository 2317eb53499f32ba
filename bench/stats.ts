/**
 * Repeated measurements on a shared 2-core machine are noisy; each figure is reported as the
 * median of its runs with the spread (min–max) beside it, never a single best or mean.
 */

export interface Figure {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: readonly number[];
}

export function figure(runs: readonly number[]): Figure {
  if (runs.length === 0) throw new RangeError('a figure needs at least one run');
  const sorted = [...runs].sort((a, b) => a - b);
  const mid = sorted.length >>> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], runs: [...runs] };
}

/** Per-run ratios a[i]/b[i] (runs interleaved, so each pair saw the same machine load). */
export function ratios(a: readonly number[], b: readonly number[]): number[] {
  return a.map((v, i) => v / b[i]);
}
