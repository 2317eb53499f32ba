import type { Logger } from 'pino';
import type { Health } from '../telemetry/health.js';
import type { BulkResult, ItemRejection } from './bulk-sink.js';

/**
 * Readiness and logs from bulk answers, logging state changes only (docs/style.md habit 7):
 * the cluster going down (backoff starts), refusing credentials, throttling items, and coming
 * back. With several requests in flight the state can flap between answers, so each failure kind
 * is logged at most once per `repeatMs` and a recovery only after a logged failure. Dead letters
 * are logged for the 1st, 10th, 100th, ... event.
 */

type State = 'ok' | 'throttled' | 'retry' | 'auth';

export interface FailureLog {
  note(result: BulkResult): void;
  deadLettered(example: ItemRejection | undefined, total: number): void;
}

export function createFailureLog(logger: Logger, health: Health, repeatMs = 30_000, now: () => number = Date.now): FailureLog {
  const lastLoggedAt: Record<State, number> = { ok: -Infinity, throttled: -Infinity, retry: -Infinity, auth: -Infinity };
  let failureLogged = false;
  let nextDeadLetterLog = 1;

  const logFailure = (state: Exclude<State, 'ok'>, fields: object, message: string): void => {
    const t = now();
    if (t - lastLoggedAt[state] < repeatMs) return;
    lastLoggedAt[state] = t;
    failureLogged = true;
    if (state === 'auth') logger.error(fields, message);
    else logger.warn(fields, message);
  };

  return {
    note(result) {
      switch (result.action) {
        case 'retry':
          health.setReady(false, describe(result.status, result.reason));
          logFailure('retry', { status: result.status, reason: result.reason }, 'bulk request failed; retrying with backoff until the cluster answers');
          return;
        case 'auth':
          health.setReady(false, describe(result.status, result.reason));
          logFailure('auth', { status: result.status, reason: result.reason }, 'cluster refused the credentials; retrying with backoff');
          return;
        default:
          health.setReady(true);
          if (result.action === 'items' && result.retry.length > 0) {
            logFailure('throttled', { status: result.retryStatus, reason: result.retryReason, items: result.retry.length }, 'cluster rejected some items for now; re-sending them with backoff');
          } else if (failureLogged) {
            failureLogged = false;
            logger.info('cluster accepting bulk requests again');
          }
      }
    },
    deadLettered(example, total) {
      if (total < nextDeadLetterLog) return;
      while (nextDeadLetterLog <= total) nextDeadLetterLog *= 10;
      logger.error(
        { events_dead_lettered: total, status: example?.status, type: example?.type, reason: example?.reason },
        'events rejected by the cluster for good (dead-lettered, never retried)',
      );
    },
  };
}

function describe(status: number | undefined, reason: string): string {
  return status === undefined ? reason : `HTTP ${status}: ${reason}`;
}
