import type { BulkResult, ItemRejection } from '../../pipeline/bulk-sink.js';

/**
 * What a `_bulk` answer means, as a pure function of the answer (Vector's `retry.rs` idea). The
 * table is shared/docs/elasticsearch.md "The bulk API, and what each answer means":
 *
 * - request: network error, timeout, 408, 429, 502/503/504 → retry the whole request;
 *   413 → split; 401/403 → auth; any other status → reject (every item dead-lettered);
 * - item: 2xx → indexed; 409 → duplicate (an earlier try landed); 429/5xx → re-send alone;
 *   any other status → rejected with its reason.
 */

/** A response as the transport hands it over with `meta: true`. */
export interface BulkResponse {
  readonly statusCode: number;
  readonly body: unknown;
}

const RETRY_STATUSES = new Set([408, 429, 502, 503, 504]);

/** `sent` is the number of items in the request; the answer must account for each of them. */
export function classify(answer: BulkResponse | Error, sent: number): BulkResult {
  if (answer instanceof Error) return classifyError(answer, sent);
  return classifyStatus(answer.statusCode, answer.body, sent);
}

function classifyError(error: Error, sent: number): BulkResult {
  const meta = (error as { meta?: { statusCode?: unknown; body?: unknown } }).meta;
  // The client throws ResponseError for every status >= 400; the status decides, not the throw.
  if (error.name === 'ResponseError' && typeof meta?.statusCode === 'number') {
    return classifyStatus(meta.statusCode, meta.body, sent);
  }
  switch (error.name) {
    case 'TimeoutError':
      return { action: 'retry', reason: 'request timed out' };
    case 'ProductNotSupportedError':
      // A proxy or a different engine answered: an operator can fix that, so keep waiting.
      return { action: 'retry', reason: 'the cluster did not identify itself as Elasticsearch (is it OpenSearch? use --target opensearch)' };
    case 'ConfigurationError':
    case 'SerializationError':
      return { action: 'reject', status: 0, type: error.name, reason: error.message };
    default:
      // ConnectionError, NoLivingConnectionsError, DeserializationError, RequestAbortedError and
      // anything unknown: the cluster never said no, so the batch is retried.
      return { action: 'retry', reason: `${error.name}: ${error.message}` };
  }
}

function classifyStatus(status: number, body: unknown, sent: number): BulkResult {
  if (status >= 200 && status < 300) return classifyItems(body, sent);
  const { type, reason } = errorOf(body, status);
  if (status === 413) return { action: 'split', status, reason };
  if (RETRY_STATUSES.has(status)) return { action: 'retry', status, reason };
  if (status === 401 || status === 403) return { action: 'auth', status, reason };
  return { action: 'reject', status, type, reason };
}

interface RawItem {
  readonly _id?: string;
  readonly status?: number;
  readonly error?: unknown;
}

function classifyItems(body: unknown, sent: number): BulkResult {
  const items = (body as { items?: unknown } | null)?.items;
  if (!Array.isArray(items) || items.length !== sent) {
    // A truncated or foreign answer: nothing is known to have landed. Deterministic ids make
    // the retry safe (already stored items come back as 409).
    return { action: 'retry', reason: `malformed bulk response: expected ${sent} items, got ${Array.isArray(items) ? items.length : 'none'}` };
  }
  if ((body as { errors?: unknown }).errors === false) {
    return { action: 'items', indexed: sent, duplicate: 0, retry: [], rejected: [] };
  }
  let indexed = 0;
  let duplicate = 0;
  const retry: number[] = [];
  const rejected: ItemRejection[] = [];
  let retryStatus: number | undefined;
  let retryReason: string | undefined;
  for (let i = 0; i < sent; i++) {
    const item = firstValue(items[i]);
    const status = typeof item?.status === 'number' ? item.status : 0;
    if (status >= 200 && status < 300) indexed++;
    else if (status === 409) duplicate++;
    else if ((status === 429 || status >= 500 || status === 0) && !isPermanent(item?.error)) {
      // status 0: an item the answer does not describe; re-sending it is the safe reading.
      retry.push(i);
      if (retryStatus === undefined) {
        retryStatus = status;
        retryReason = errorOf(item?.error, status).reason;
      }
    } else {
      const { type, reason } = errorOf(item?.error, status);
      rejected.push(item?._id === undefined ? { index: i, status, type, reason } : { index: i, status, type, reason, id: item._id });
    }
  }
  return { action: 'items', indexed, duplicate, retry, rejected, retryStatus, retryReason };
}

/**
 * Item errors answered with a 5xx that no retry can cure: an ingest pipeline's `fail` processor
 * returns 500 `fail_processor_exception` for the same document every time, so re-sending it
 * would loop forever. Those go to the dead-letter file like any other rejected document.
 */
const PERMANENT_ITEM_ERRORS = new Set(['fail_processor_exception']);

function isPermanent(error: unknown): boolean {
  const type = (error as { type?: unknown } | null | undefined)?.type;
  return typeof type === 'string' && PERMANENT_ITEM_ERRORS.has(type);
}

/** Bulk items are `{ "<op>": { ... } }` with exactly one key. */
function firstValue(item: unknown): RawItem | undefined {
  if (item === null || typeof item !== 'object') return undefined;
  for (const key in item) return (item as Record<string, RawItem>)[key];
  return undefined;
}

/**
 * Type and reason of an Elasticsearch error, whether given as a whole error response
 * (`{error: {...}, status}`), an item error (`{type, reason, caused_by}`) or nothing at all
 * (413s come with an empty body). The root cause is appended: it is what names the bad field.
 */
export function errorOf(value: unknown, status: number): { type: string; reason: string } {
  let error = value as { error?: unknown; type?: unknown; reason?: unknown; caused_by?: { reason?: unknown } } | null;
  if (error && typeof error === 'object' && error.error && typeof error.error === 'object') error = error.error as typeof error;
  if (!error || typeof error !== 'object' || typeof error.type !== 'string') {
    const text = typeof value === 'string' && value.length > 0 ? `: ${value.slice(0, 200)}` : '';
    return { type: `http_${status}`, reason: `HTTP ${status}${text}` };
  }
  const reason = typeof error.reason === 'string' ? error.reason : error.type;
  const cause = typeof error.caused_by?.reason === 'string' ? `: ${error.caused_by.reason}` : '';
  return { type: error.type, reason: reason + cause };
}
