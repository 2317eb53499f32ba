import type { Logger } from 'pino';
import { formatProgress, progressFigures, type ProgressState } from './format-progress.js';
import type { Metrics } from './metrics.js';

/**
 * Backfill progress, the side-effect half: the pipeline calls `update()` per shipped batch
 * (cheap: stores two numbers and sets a gauge); a timer draws. On a terminal a single bar line is
 * redrawn in place at most ~4 times a second; elsewhere (a pipe, a log collector) a plain log
 * line every 10 s, since carriage returns in a log file are noise.
 */

export interface ProgressStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface ProgressOptions {
  /** Simulated span being backfilled, epoch ms. */
  readonly startMs: number;
  readonly endMs: number;
  readonly metrics: Metrics;
  readonly logger: Logger;
  /** Where the bar is drawn when it is a terminal; default process.stderr (stdout may carry data). */
  readonly stream?: ProgressStream;
  /** Wall clock, injectable for tests. */
  readonly now?: () => number;
  readonly redrawMs?: number;
  readonly logEveryMs?: number;
}

export interface Progress {
  /** Record that events up to simulated time `reachedMs` are shipped, `events` in total. */
  update(reachedMs: number, events: number): void;
  /** Draws the final state (ending the bar's line) and stops the timer. Idempotent. */
  stop(): void;
}

// The bar takes what the terminal leaves after ~80 columns of figures, within sane bounds.
function barWidth(columns: number | undefined): number {
  return Math.max(10, Math.min(30, (columns ?? 100) - 80));
}

export function startProgress(options: ProgressOptions): Progress {
  const { metrics, logger } = options;
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? Date.now;
  const tty = stream.isTTY === true;
  const began = now();
  let reachedMs = options.startMs;
  let events = 0;
  let stopped = false;

  const state = (): ProgressState => ({
    startMs: options.startMs,
    endMs: options.endMs,
    reachedMs,
    events,
    elapsedMs: now() - began,
  });

  const draw = (): void => {
    const current = state();
    if (tty) {
      // \r returns to the line start, ESC[K clears what a longer previous line left behind.
      stream.write(`\r${formatProgress(current, barWidth(stream.columns))}\x1b[K`);
      return;
    }
    const { ratio, eventsPerSecond, etaMs } = progressFigures(current);
    logger.info(
      {
        progress: Number(ratio.toFixed(4)),
        events,
        eventsPerSecond: Math.round(eventsPerSecond),
        reached: new Date(reachedMs).toISOString(),
        etaSeconds: etaMs === undefined ? null : Math.round(etaMs / 1000),
      },
      `backfill ${formatProgress(current)}`,
    );
  };

  metrics.backfillProgressRatio.set(0);
  const timer = setInterval(draw, tty ? (options.redrawMs ?? 250) : (options.logEveryMs ?? 10_000));
  // Progress reporting must never keep the process alive on its own.
  timer.unref();

  return {
    update(reached: number, total: number): void {
      reachedMs = reached;
      events = total;
      metrics.backfillProgressRatio.set(progressFigures(state()).ratio);
    },
    stop(): void {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      draw();
      if (tty) stream.write('\n');
    },
  };
}
