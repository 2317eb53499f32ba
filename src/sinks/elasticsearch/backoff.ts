/**
 * Exponential backoff with full jitter: the n-th wait is uniform in [0, min(max, initial·2ⁿ)).
 * Full jitter spreads the retries of many writers best (AWS Architecture Blog, "Exponential
 * Backoff And Jitter"); 1 s → 60 s is the range shared/docs/elasticsearch.md fixes. Chance and
 * sleeping are injected so tests run with zero or millisecond waits (docs/style.md habit 4).
 */

export interface Backoff {
  /** Milliseconds to wait before retry number `attempt` (0 for the first retry). */
  delay(attempt: number): number;
  /** Waits `ms`, or less when `signal` aborts; never rejects. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface BackoffOptions {
  readonly initialMs?: number;
  readonly maxMs?: number;
  /** Uniform in [0, 1); Math.random by default (timing, not simulated data). */
  readonly random?: () => number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export const DEFAULT_BACKOFF_INITIAL_MS = 1_000;
export const DEFAULT_BACKOFF_MAX_MS = 60_000;

export function createBackoff(options: BackoffOptions = {}): Backoff {
  const initialMs = options.initialMs ?? DEFAULT_BACKOFF_INITIAL_MS;
  const maxMs = options.maxMs ?? DEFAULT_BACKOFF_MAX_MS;
  if (!(initialMs >= 0) || !(maxMs >= initialMs)) {
    throw new RangeError(`backoff needs 0 <= initialMs <= maxMs, got initialMs=${initialMs} maxMs=${maxMs}`);
  }
  const random = options.random ?? Math.random;
  // Past this attempt the ceiling is maxMs; capping the exponent also avoids 2**n overflow.
  const lastGrowingAttempt = initialMs > 0 ? Math.ceil(Math.log2(maxMs / initialMs)) : 0;
  return {
    delay(attempt) {
      const ceiling = Math.min(maxMs, initialMs * 2 ** Math.min(Math.max(0, attempt), lastGrowingAttempt));
      return Math.floor(random() * ceiling);
    },
    sleep: options.sleep ?? abortableSleep,
  };
}

/** setTimeout that settles early on abort, so shutdown never waits out a 60 s backoff. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
