/**
 * The `_bulk` request for a batch of pre-encoded items (action line + document line each). Path
 * and query are decided once per target; per request only the body is joined.
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
  /** A string or buffer is sent as is by the transport (no re-serialisation). */
  readonly bulkBody: string | Buffer;
}

/** `body`, when the caller has it, is the items already concatenated as UTF-8. */
export function createBulkRequestBuilder(target: BulkTarget): (items: readonly string[], body?: Buffer) => BulkRequest {
  const path = `/${encodeURIComponent(target.dataStream)}/_bulk`;
  const querystring: Record<string, string> = { filter_path: BULK_FILTER_PATH };
  if (target.pipeline) querystring.pipeline = target.pipeline;
  Object.freeze(querystring);
  return (items, body) => ({ method: 'POST', path, querystring, bulkBody: body ?? items.join('') });
}
