import type { BulkItems } from '../../pipeline/bulk-items.js';

/**
 * The `_bulk` request for a batch of pre-encoded items (action line + document line each). Path
 * and query are decided once per target; the body is the items' bytes as they are.
 */

/** Only what classify() reads: keeps responses small on large batches (Vector does the same). */
export const BULK_FILTER_PATH = 'errors,items.*.error,items.*.status,items.*._id';

export interface BulkTarget {
  /** e.g. `logs-microsoft_exchange.messagetracking-default`. */
  readonly dataStream: string;
  /** Ingest pipeline run on every document (raw-ingest mode); absent = none. */
  readonly pipeline?: string;
}

export interface BulkRequest {
  readonly method: 'POST';
  readonly path: string;
  readonly querystring: Readonly<Record<string, string>>;
  /** A buffer is sent as is by the transport (no re-serialisation, no copy). */
  readonly bulkBody: Buffer;
}

export function createBulkRequestBuilder(target: BulkTarget): (items: BulkItems) => BulkRequest {
  const path = `/${encodeURIComponent(target.dataStream)}/_bulk`;
  const querystring: Record<string, string> = { filter_path: BULK_FILTER_PATH };
  if (target.pipeline) querystring.pipeline = target.pipeline;
  Object.freeze(querystring);
  return (items) => ({ method: 'POST', path, querystring, bulkBody: items.body() });
}
