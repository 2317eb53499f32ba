/**
 * Pure arithmetic and text for backfill progress, kept apart from the ticking and writing in
 * progress.ts so every figure is testable without a clock or a terminal.
 */

export interface ProgressState {
  /** Simulated span being backfilled, epoch ms: [startMs, endMs). */
  readonly startMs: number;
  readonly endMs: number;
  /** Newest simulated timestamp whose events have been shipped, epoch ms. */
  readonly reachedMs: number;
  /** Events shipped so far. */
  readonly events: number;
  /** Wall-clock time since the backfill began, ms. */
  readonly elapsedMs: number;
}

export interface ProgressFigures {
  /** 0..1 share of the simulated span covered. */
  readonly ratio: number;
  readonly eventsPerSecond: number;
  /** Estimated wall-clock ms left; undefined until there is a rate to extrapolate from. */
  readonly etaMs: number | undefined;
}

export function progressFigures(state: ProgressState): ProgressFigures {
  const span = state.endMs - state.startMs;
  const covered = state.reachedMs - state.startMs;
  const ratio = span <= 0 ? 1 : Math.min(1, Math.max(0, covered / span));
  const seconds = state.elapsedMs / 1000;
  const eventsPerSecond = seconds > 0 ? state.events / seconds : 0;
  if (ratio >= 1) return { ratio, eventsPerSecond, etaMs: 0 };
  if (ratio <= 0 || state.elapsedMs <= 0) return { ratio, eventsPerSecond, etaMs: undefined };
  // Simulated time advances roughly linearly in wall time, so extrapolate from the ratio.
  return { ratio, eventsPerSecond, etaMs: (state.elapsedMs * (1 - ratio)) / ratio };
}

/** `45s`, `12m05s`, `3h07m`, `2d04h`: two units at most, enough for an ETA. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  if (days > 0) return `${days}d${two(hours)}h`;
  if (hours > 0) return `${hours}h${two(minutes)}m`;
  if (minutes > 0) return `${minutes}m${two(seconds)}s`;
  return `${seconds}s`;
}

/** `12.3k`, `1.25M`: short rates that keep the line from jumping in width. */
export function formatRate(perSecond: number): string {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)}M`;
  if (perSecond >= 1e4) return `${(perSecond / 1e3).toFixed(1)}k`;
  return perSecond.toFixed(0);
}

/** Simulated time to the minute, UTC: `2024-05-03 10:42Z`. */
function simulatedTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}Z`;
}

/**
 * One progress line. With `barWidth` > 0 it starts with a bar for a terminal
 * (`[#########---------]  50.0% ...`); with 0 it is the plain text of a periodic log line.
 */
export function formatProgress(state: ProgressState, barWidth = 0): string {
  const { ratio, eventsPerSecond, etaMs } = progressFigures(state);
  const filled = Math.round(ratio * barWidth);
  const bar = barWidth > 0 ? `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}] ` : '';
  const percent = `${(ratio * 100).toFixed(1)}%`.padStart(6);
  const eta = etaMs === undefined ? '--' : formatDuration(etaMs);
  return (
    `${bar}${percent}  ${state.events} events  ${formatRate(eventsPerSecond)} ev/s` +
    `  sim ${simulatedTime(state.reachedMs)}  ETA ${eta}`
  );
}
