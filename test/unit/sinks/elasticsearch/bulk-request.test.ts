import { describe, expect, it } from 'vitest';
import { BulkItems } from '../../../../src/pipeline/bulk-items.js';
import { BULK_FILTER_PATH, createBulkRequestBuilder } from '../../../../src/sinks/elasticsearch/bulk-request.js';

describe('createBulkRequestBuilder', () => {
  it('posts the concatenated items to the data stream, asking only for what classify reads', () => {
    const build = createBulkRequestBuilder({ dataStream: 'logs-microsoft_exchange.messagetracking-default' });
    const items = ['{"create":{"_id":"a"}}\n{"x":1}\n', '{"create":{"_id":"b"}}\n{"x":2}\n'];
    expect(build(BulkItems.fromStrings(items))).toEqual({
      method: 'POST',
      path: '/logs-microsoft_exchange.messagetracking-default/_bulk',
      querystring: { filter_path: 'errors,items.*.error,items.*.status,items.*._id' },
      bulkBody: Buffer.from(items.join('')),
    });
    expect(BULK_FILTER_PATH).toBe('errors,items.*.error,items.*.status,items.*._id');
  });

  it('names the ingest pipeline in raw-ingest mode', () => {
    const build = createBulkRequestBuilder({ dataStream: 'logs-x-y', pipeline: 'msgtrack-raw' });
    expect(build(BulkItems.fromStrings([])).querystring).toEqual({ filter_path: BULK_FILTER_PATH, pipeline: 'msgtrack-raw' });
  });
});
