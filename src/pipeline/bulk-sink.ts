/**
 * The seam between the pipeline and a destination. The pipeline owns batching, retries, splitting
 * and accounting; a sink only sends one request and says, as a value, what the destination made
 * of it (Vector's request builder / service / retry-logic split, docs/style.md habit 5).
 */

import type { BulkItems } from './bulk-items.js';

/** One item the destination refused for good (never retried). */
export interface ItemRejection {
  /** Position of the item in the request that was sent. */
  readonly index: number;
  readonly status: number;
  readonly type: string;
  readonly reason: string;
  readonly id?: string;
}

/** The request was answered per item. */
export interface ItemsResult {
  readonly action: 'items';
  /** Newly stored (2xx). */
  readonly indexed: number;
  /** Already stored by an earlier attempt (409 on `create`): delivered. */
  readonly duplicate: number;
  /** Positions to re-send alone (item 429 / 5xx), ascending. */
  readonly retry: readonly number[];
  /** Status and reason of the first retryable item, for logs. */
  readonly retryStatus?: number;
  readonly retryReason?: string;
  readonly rejected: readonly ItemRejection[];
}

/** Whole-request answers. `status` is absent for network errors and timeouts. */
export type RequestResult =
  | { readonly action: 'retry'; readonly status?: number; readonly reason: string }
  | { readonly action: 'split'; readonly status: number; readonly reason: string }
  | { readonly action: 'auth'; readonly status: number; readonly reason: string }
  | { readonly action: 'reject'; readonly status: number; readonly type: string; readonly reason: string };

export type BulkResult = ItemsResult | RequestResult;

export interface BulkSink {
  /**
   * Sends `items` as one request, their bytes as they are (`items.body()`). Resolves with the
   * outcome whatever the destination answered; rejects only on programming errors. The bytes
   * may be reused once the promise settles: keep nothing of them.
   */
  send(items: BulkItems, signal: AbortSignal): Promise<BulkResult>;
}

/** Where rejected items go (the Elasticsearch sink's dead-letter file). Never throws. */
export interface DeadLetterSink {
  /** `rejections[i].index` is a position in `items`; only those items are read. */
  write(items: BulkItems, rejections: readonly ItemRejection[]): void;
  close(): Promise<void>;
}
