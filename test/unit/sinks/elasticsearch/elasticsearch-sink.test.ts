// The Elasticsearch path of the real client (product check, vendored `compatible-with=8` media
// types) and the OpenSearch path, against a local server replaying recorded 8.x responses.
import { afterEach, describe, expect, it } from 'vitest';
import { createClient, type ConnectionOptions } from '../../../../src/sinks/elasticsearch/client.js';
import { createElasticsearchSink } from '../../../../src/sinks/elasticsearch/elasticsearch-sink.js';
import { BulkItems } from '../../../../src/pipeline/bulk-items.js';
import { BULK_FILTER_PATH } from '../../../../src/sinks/elasticsearch/bulk-request.js';
import { esResponse, startReplayServer, type RecordedResponse, type ReplayServer } from '../../../utils/replay-server.js';

const STREAM = 'logs-microsoft_exchange.messagetracking-default';
const items = (n: number): string[] =>
  Array.from({ length: n }, (_, i) => `{"create":{"_id":"Yq2kH0b9T3mWc1vX8sLr0A${i}"}}\n{"@timestamp":"2025-09-01T10:00:0${i}.000Z","subject":"Zürich ${i}"}\n`);

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function sendOnce(response: RecordedResponse, conn: Partial<ConnectionOptions>, batch = items(3), pipeline?: string) {
  server = await startReplayServer(() => response);
  const client = createClient({ hosts: [server.url], ...conn });
  const sink = createElasticsearchSink({ client, dataStream: STREAM, pipeline });
  const result = await sink.send(BulkItems.fromStrings(batch), new AbortController().signal);
  await client.close();
  return { result, request: server.requests[0] };
}

describe('Elasticsearch target', () => {
  it('posts the joined items to the data stream with vendored media types and the API key', async () => {
    const batch = items(3);
    const { result, request } = await sendOnce(esResponse('bulk-success'), { auth: { apiKey: 'VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==' } }, batch);
    expect(result).toEqual({ action: 'items', indexed: 3, duplicate: 0, retry: [], rejected: [] });
    expect(request.method).toBe('POST');
    expect(request.url).toBe(`/${STREAM}/_bulk?filter_path=${encodeURIComponent(BULK_FILTER_PATH)}`);
    expect(request.headers['content-type']).toBe('application/vnd.elasticsearch+x-ndjson; compatible-with=8');
    expect(request.headers.accept).toBe('application/vnd.elasticsearch+json; compatible-with=8');
    expect(request.headers.authorization).toBe('ApiKey VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==');
    expect(request.body).toBe(batch.join(''));
  });

  it('adds the ingest pipeline to the query in raw-ingest mode', async () => {
    const { request } = await sendOnce(esResponse('bulk-success'), {}, items(3), 'msgtrack-raw');
    expect(new URL(request.url, 'http://x').searchParams.get('pipeline')).toBe('msgtrack-raw');
  });

  it('classifies a recorded partial failure end to end', async () => {
    const { result } = await sendOnce(esResponse('bulk-partial'), {}, items(6));
    expect(result).toMatchObject({ action: 'items', indexed: 2, retry: [2, 5], rejected: [{ index: 1, status: 400 }, { index: 4, status: 400 }] });
  });

  it('refuses a 2xx answer without the x-elastic-product header (product check) and keeps retrying', async () => {
    const foreign = { ...esResponse('bulk-success'), headers: { 'content-type': 'application/json' } };
    const { result } = await sendOnce(foreign, {});
    expect(result).toMatchObject({ action: 'retry', reason: expect.stringContaining('not identify itself as Elasticsearch') });
  });

  it.each([
    ['error-401', { action: 'auth', status: 401 }],
    ['error-403', { action: 'auth', status: 403 }],
    ['error-413', { action: 'split', status: 413 }],
    ['error-429', { action: 'retry', status: 429 }],
    ['error-503', { action: 'retry', status: 503 }],
  ])('%s comes back as %o', async (name, expected) => {
    const { result } = await sendOnce(esResponse(name), { auth: { username: 'elastic', password: 'pw-never-logged' } });
    expect(result).toMatchObject(expected);
    expect(JSON.stringify(result)).not.toContain('pw-never-logged');
  });

  it('sends basic and bearer credentials as the client documents them', async () => {
    const basic = await sendOnce(esResponse('bulk-success'), { auth: { username: 'elastic', password: 'changeme' } });
    expect(basic.request.headers.authorization).toBe(`Basic ${Buffer.from('elastic:changeme').toString('base64')}`);
    await server?.close();
    const bearer = await sendOnce(esResponse('bulk-success'), { auth: { bearer: 'dGhpcy1pcy1hLXRva2Vu' } });
    expect(bearer.request.headers.authorization).toBe('Bearer dGhpcy1pcy1hLXRva2Vu');
  });

  it('gzips the body when compression is on', async () => {
    const batch = items(3);
    const { result, request } = await sendOnce(esResponse('bulk-success'), { compression: true }, batch);
    expect(result.action).toBe('items');
    expect(request.headers['content-encoding']).toBe('gzip');
    expect(request.body).toBe(batch.join(''));
  });
});

describe('OpenSearch target', () => {
  it('sends plain JSON media types and skips the product check', async () => {
    const opensearch = { statusCode: 200, headers: { 'content-type': 'application/json; charset=UTF-8' }, body: esResponse('bulk-success').body };
    const { result, request } = await sendOnce(opensearch, { target: 'opensearch' });
    expect(result).toMatchObject({ action: 'items', indexed: 3 });
    expect(request.headers['content-type']).toBe('application/x-ndjson');
    expect(request.headers.accept).toBe('application/json');
  });
});

describe('network faults', () => {
  it('reports a refused connection as a retry without status', async () => {
    server = await startReplayServer(() => esResponse('bulk-success'));
    const url = server.url;
    await server.close();
    server = undefined;
    const client = createClient({ hosts: [url] });
    const result = await createElasticsearchSink({ client, dataStream: STREAM }).send(BulkItems.fromStrings(items(1)), new AbortController().signal);
    expect(result).toMatchObject({ action: 'retry', reason: expect.stringContaining('ConnectionError') });
    expect(result).not.toHaveProperty('status');
  });
});
