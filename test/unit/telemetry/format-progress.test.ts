import { describe, expect, it } from 'vitest';
import {
  formatDuration,
  formatProgress,
  formatRate,
  progressFigures,
  type ProgressState,
} from '../../../src/telemetry/format-progress.js';

const DAY = 86_400_000;
const START = Date.UTC(2024, 4, 1);

function state(over: Partial<ProgressState>): ProgressState {
  return { startMs: START, endMs: START + 30 * DAY, reachedMs: START, events: 0, elapsedMs: 0, ...over };
}

describe('progressFigures', () => {
  it('derives ratio, rate and ETA from simulated coverage and wall time', () => {
    const figures = progressFigures(state({ reachedMs: START + 10 * DAY, events: 50_000, elapsedMs: 20_000 }));
    expect(figures.ratio).toBeCloseTo(1 / 3, 12);
    expect(figures.eventsPerSecond).toBe(2500);
    expect(figures.etaMs).toBeCloseTo(40_000, 6);
  });

  it('has no ETA or rate before anything happened', () => {
    expect(progressFigures(state({}))).toEqual({ ratio: 0, eventsPerSecond: 0, etaMs: undefined });
  });

  it('clamps to the span and is complete for an empty span', () => {
    expect(progressFigures(state({ reachedMs: START + 31 * DAY, elapsedMs: 5 })).ratio).toBe(1);
    expect(progressFigures(state({ reachedMs: START - DAY, elapsedMs: 5 })).ratio).toBe(0);
    expect(progressFigures(state({ endMs: START })).etaMs).toBe(0);
  });
});

describe('formatDuration and formatRate', () => {
  it('uses at most two units', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(45_400)).toBe('45s');
    expect(formatDuration(725_000)).toBe('12m05s');
    expect(formatDuration(3 * 3_600_000 + 7 * 60_000 + 59_000)).toBe('3h07m');
    expect(formatDuration(2 * DAY + 4 * 3_600_000)).toBe('2d04h');
  });

  it('abbreviates large rates', () => {
    expect(formatRate(812.4)).toBe('812');
    expect(formatRate(12_345)).toBe('12.3k');
    expect(formatRate(1_254_000)).toBe('1.25M');
  });
});

describe('formatProgress', () => {
  const half = state({ reachedMs: START + 15 * DAY + 42 * 60_000, events: 1_200_000, elapsedMs: 60_000 });

  it('draws a bar, percentage, rate, simulated time and ETA for a terminal', () => {
    expect(formatProgress(half, 10)).toBe(
      '[#####-----]  50.1%  1200000 events  20.0k ev/s  sim 2024-05-16 00:42Z  ETA 1m00s',
    );
  });

  it('omits the bar for log lines and shows an unknown ETA as --', () => {
    expect(formatProgress(half)).toMatch(/^ 50\.1% {2}1200000 events/);
    expect(formatProgress(state({}))).toBe('  0.0%  0 events  0 ev/s  sim 2024-05-01 00:00Z  ETA --');
  });
});
