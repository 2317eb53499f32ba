import { errors } from '@elastic/elasticsearch';
import { describe, expect, it } from 'vitest';
import { classify, errorOf } from '../../../../src/sinks/elasticsearch/classify.js';
import { esResponse } from '../../../utils/replay-server.js';

const answer = (name: string) => {
  const r = esResponse(name);
  return { statusCode: r.statusCode, body: r.body };
};

describe('classify: per-item answers (recorded Elasticsearch 8.x responses)', () => {
  it('counts a clean bulk answer as all indexed', () => {
    expect(classify(answer('bulk-success'), 3)).toEqual({ action: 'items', indexed: 3, duplicate: 0, retry: [], rejected: [] });
  });

  it('splits a partial failure into indexed, re-send (429/503) and rejected with reasons', () => {
    const result = classify(answer('bulk-partial'), 6);
    expect(result).toMatchObject({ action: 'items', indexed: 2, duplicate: 0, retry: [2, 5], retryStatus: 429 });
    if (result.action !== 'items') throw new Error('unreachable');
    expect(result.retryReason).toMatch(/^rejected execution of primary operation/);
    expect(result.rejected).toEqual([
      {
        index: 1,
        status: 400,
        type: 'document_parsing_exception',
        id: 'Yq2kH0b9T3mWc1vX8sLr0Ab',
        reason: expect.stringMatching(/failed to parse field \[source\.ip\] of type \[ip\].*: 'mail\.partner-corp\.com' is not an IP string literal\.$/),
      },
      {
        index: 4,
        status: 400,
        type: 'strict_dynamic_mapping_exception',
        id: 'Yq2kH0b9T3mWc1vX8sLr0Ae',
        reason: expect.stringContaining('dynamic introduction of [x_unknown]'),
      },
    ]);
  });

  it('counts 409 version conflicts on create as duplicates, not failures', () => {
    expect(classify(answer('bulk-conflicts'), 3)).toMatchObject({ action: 'items', indexed: 1, duplicate: 2, retry: [], rejected: [] });
  });

  it("dead-letters an ingest pipeline's fail processor (500) instead of re-sending it forever", () => {
    const body = {
      errors: true,
      items: [
        { create: { _id: 'a', status: 201 } },
        { create: { _id: 'b', status: 500, error: { type: 'fail_processor_exception', reason: 'expected 30 columns, got 29' } } },
        { create: { _id: 'c', status: 503, error: { type: 'unavailable_shards_exception', reason: 'primary shard not active' } } },
      ],
    };
    const result = classify({ statusCode: 200, body }, 3);
    expect(result).toMatchObject({ action: 'items', indexed: 1, retry: [2] });
    expect(result.action === 'items' && result.rejected).toEqual([
      { index: 1, id: 'b', status: 500, type: 'fail_processor_exception', reason: 'expected 30 columns, got 29' },
    ]);
  });

  it('retries the whole request when the answer does not account for every item sent', () => {
    expect(classify(answer('bulk-success'), 4)).toMatchObject({ action: 'retry', reason: expect.stringContaining('expected 4 items, got 3') });
    expect(classify({ statusCode: 200, body: 'upstream sent html' }, 1)).toMatchObject({ action: 'retry' });
  });
});

describe('classify: whole-request answers', () => {
  it.each([
    ['error-429', 'retry', 'rejected execution of coordinating operation'],
    ['error-503', 'retry', 'no master'],
    ['error-413', 'split', 'HTTP 413'],
    ['error-401', 'auth', 'unable to authenticate'],
    ['error-403', 'auth', 'is unauthorized for API key id'],
  ])('%s → %s', (name, action, reason) => {
    const r = answer(name);
    const result = classify(r, 10);
    expect(result).toMatchObject({ action, status: r.statusCode });
    expect((result as { reason: string }).reason).toContain(reason);
  });

  it('retries 502, 504 and 408 from proxies, and rejects other statuses for the dead-letter file', () => {
    expect(classify({ statusCode: 502, body: '<html>Bad Gateway</html>' }, 1)).toMatchObject({ action: 'retry', status: 502 });
    expect(classify({ statusCode: 504, body: '' }, 1)).toMatchObject({ action: 'retry', status: 504, reason: 'HTTP 504' });
    expect(classify({ statusCode: 408, body: '' }, 1)).toMatchObject({ action: 'retry', status: 408 });
    const bad = { error: { type: 'illegal_argument_exception', reason: 'Malformed action/metadata line [1]' }, status: 400 };
    expect(classify({ statusCode: 400, body: bad }, 2)).toEqual({
      action: 'reject',
      status: 400,
      type: 'illegal_argument_exception',
      reason: 'Malformed action/metadata line [1]',
    });
  });

  it('reads the status of the client ResponseError rather than the throw', () => {
    const r = esResponse('error-429');
    const err = new errors.ResponseError({ body: r.body, statusCode: 429, headers: r.headers, warnings: null, meta: {} as never });
    expect(classify(err, 5)).toMatchObject({ action: 'retry', status: 429 });
  });

  it('retries network errors and timeouts without a status', () => {
    expect(classify(new errors.ConnectionError('connect ECONNREFUSED 127.0.0.1:9200'), 5)).toEqual({
      action: 'retry',
      reason: 'ConnectionError: connect ECONNREFUSED 127.0.0.1:9200',
    });
    expect(classify(new errors.TimeoutError('Request timed out'), 5)).toEqual({ action: 'retry', reason: 'request timed out' });
    expect(classify(new errors.ProductNotSupportedError('Elasticsearch', {} as never), 5)).toMatchObject({
      action: 'retry',
      reason: expect.stringContaining('--target opensearch'),
    });
  });

  it('rejects client-side errors that a retry cannot fix', () => {
    expect(classify(new errors.ConfigurationError('path too long'), 2)).toMatchObject({ action: 'reject', status: 0, type: 'ConfigurationError' });
  });
});

describe('errorOf', () => {
  it('falls back to the status when the body is not an Elasticsearch error', () => {
    expect(errorOf('', 413)).toEqual({ type: 'http_413', reason: 'HTTP 413' });
    expect(errorOf({ type: 'x' }, 400)).toEqual({ type: 'x', reason: 'x' });
  });
});
