import type { Client } from '@elastic/elasticsearch';
import type { BulkResult, BulkSink } from '../../pipeline/bulk-sink.js';
import { createBulkRequestBuilder, type BulkTarget } from './bulk-request.js';
import { classify } from './classify.js';

/**
 * The Elasticsearch (or OpenSearch) `_bulk` service: builds the request, sends it once through
 * the client's transport and classifies whatever comes back. Retrying is the pipeline's job.
 */

export interface ElasticsearchSinkOptions extends BulkTarget {
  readonly client: Client;
  /** Overrides the client's request timeout for bulk requests. */
  readonly requestTimeoutMs?: number;
}

export function createElasticsearchSink(options: ElasticsearchSinkOptions): BulkSink {
  const build = createBulkRequestBuilder(options);
  const transport = options.client.transport;
  const requestOptions = {
    meta: true as const,
    maxRetries: 0,
    // The client's 'replace' redaction deep-copies a failed request's parameters, walking a
    // Buffer body entry by entry: 5 MiB → 5 million entries, gigabytes and seconds per failure
    // (found by `npm run bench`, cluster not answering). 'remove' drops the headers (the
    // credentials) without the walk; the error itself is only classified, never logged whole.
    redaction: { type: 'remove' as const, additionalKeys: [] },
    ...(options.requestTimeoutMs === undefined ? {} : { requestTimeout: options.requestTimeoutMs }),
  };
  return {
    async send(items, signal): Promise<BulkResult> {
      try {
        const res = await transport.request(build(items), { ...requestOptions, signal });
        return classify({ statusCode: res.statusCode ?? 0, body: res.body }, items.count);
      } catch (err) {
        return classify(err instanceof Error ? err : new Error(String(err)), items.count);
      }
    },
  };
}
