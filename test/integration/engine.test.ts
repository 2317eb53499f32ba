// The embedded engine is a real engine: templates, data streams, per-item bulk rejections and the
// ingest processors msgtrack relies on all behave as in a distribution (issue 3). Only APIs that
// exist in both OpenSearch 2.19 and Elasticsearch 8 are used, so MSGTRACK_TEST_ENGINE_URL may
// point at either.
import { existsSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEngine, startEngine } from '../../scripts/engine-lib.mjs';
import { count, deleteDataStream, engineRequest, engineUrl, freshDataStreamName } from '../utils/engine.js';

const PREFIX = 'logs-msgtrack.enginetest';
const TEMPLATE = `msgtrack-enginetest-${process.pid}`;
const PIPELINE = `msgtrack-enginetest-${process.pid}`;

const TEMPLATE_BODY = {
  index_patterns: [`${PREFIX}-*`],
  data_stream: {},
  // Above Elasticsearch's built-in logs-*-* template (priority 100) when run against it.
  priority: 500,
  template: {
    settings: { number_of_shards: 1 },
    mappings: {
      properties: {
        '@timestamp': { type: 'date' },
        client: { properties: { ip: { type: 'ip' } } },
        event: { properties: { action: { type: 'keyword' } } },
        recipients: { type: 'keyword' },
        size: { type: 'long' },
      },
    },
  },
};

function bulkCreate(docs: object[]): string {
  return docs.map((doc) => `{"create":{}}\n${JSON.stringify(doc)}\n`).join('');
}

function sample(n: number, ip = `10.0.0.${n}`): object {
  return { '@timestamp': `2024-03-01T10:00:0${n}.000Z`, client: { ip }, event: { action: 'RECEIVE' } };
}

describe('embedded engine', () => {
  let url: string;
  const streams: string[] = [];

  // Every test below writes into streams this template shapes, so it is installed first.
  beforeAll(async () => {
    url = engineUrl();
    const res = await engineRequest(url, 'PUT', `/_index_template/${TEMPLATE}`, TEMPLATE_BODY);
    expect(res.status).toBe(200);
    expect(res.body.acknowledged).toBe(true);
  });

  afterAll(async () => {
    for (const name of streams) await deleteDataStream(url, name);
    await engineRequest(url, 'DELETE', `/_index_template/${TEMPLATE}`);
    await engineRequest(url, 'DELETE', `/_ingest/pipeline/${PIPELINE}`);
  });

  function newStream(): string {
    const name = freshDataStreamName(PREFIX);
    streams.push(name);
    return name;
  }

  it('answers with its name and version', async () => {
    const res = await engineRequest(url, 'GET', '/');
    expect(res.status).toBe(200);
    expect(res.body.version.number).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('reports yellow or green cluster health', async () => {
    const res = await engineRequest(url, 'GET', '/_cluster/health?wait_for_status=yellow&timeout=10s');
    expect(res.status).toBe(200);
    expect(['yellow', 'green']).toContain(res.body.status);
  });

  it('accepts a composable data stream template with an ip field', async () => {
    const res = await engineRequest(url, 'GET', `/_index_template/${TEMPLATE}`);
    expect(res.status).toBe(200);
    const stored = res.body.index_templates[0].index_template;
    expect(stored.data_stream).toBeDefined();
    expect(stored.template.mappings.properties.client.properties.ip.type).toBe('ip');
  });

  it('bulk-creates into a data stream', async () => {
    const stream = newStream();
    const res = await engineRequest(url, 'POST', `/${stream}/_bulk`, bulkCreate([sample(1), sample(2), sample(3)]));
    expect(res.status).toBe(200);
    expect(res.body.errors).toBe(false);
    expect(res.body.items.map((i: any) => i.create.status)).toEqual([201, 201, 201]);
    expect(await count(url, stream)).toBe(3);
    const ds = await engineRequest(url, 'GET', `/_data_stream/${stream}`);
    expect(ds.status).toBe(200);
    expect(ds.body.data_streams[0].name).toBe(stream);
  });

  it('rejects a non-IP in the ip field per item while the others land', async () => {
    const stream = newStream();
    const docs = [sample(1), sample(2, 'not-an-ip'), sample(3)];
    const res = await engineRequest(url, 'POST', `/${stream}/_bulk`, bulkCreate(docs));
    expect(res.status).toBe(200);
    expect(res.body.errors).toBe(true);
    const items = res.body.items.map((i: any) => i.create);
    expect(items.map((i: any) => i.status)).toEqual([201, 400, 201]);
    expect(items[1].error.type).toBe('mapper_parsing_exception');
    expect(items[1].error.reason).toContain('client.ip');
    expect(await count(url, stream)).toBe(2);
  });

  it('runs an ingest pipeline with csv, date, split, convert, rename, remove, script and set', async () => {
    const put = await engineRequest(url, 'PUT', `/_ingest/pipeline/${PIPELINE}`, {
      processors: [
        { csv: { field: 'message', target_fields: ['date_time', 'client.ip', 'event_id', 'recipients', 'size'] } },
        { date: { field: 'date_time', formats: ['ISO8601'], target_field: '@timestamp' } },
        { split: { field: 'recipients', separator: ';' } },
        { convert: { field: 'size', type: 'long' } },
        { rename: { field: 'event_id', target_field: 'event.action' } },
        { remove: { field: ['message', 'date_time'] } },
        // painless and mustache are separate plugins; these two prove they loaded.
        { script: { lang: 'painless', source: 'ctx.recipient_count = ctx.recipients.size()' } },
        { set: { field: 'event.original_action', value: '{{event.action}}' } },
      ],
    });
    expect(put.status).toBe(200);
    const stream = newStream();
    const line = { message: '2024-03-01T10:00:00.123Z,192.0.2.7,DELIVER,a@contoso.com;b@fabrikam.com,48213' };
    const res = await engineRequest(url, 'POST', `/${stream}/_bulk?pipeline=${PIPELINE}&refresh=true`, bulkCreate([line]));
    expect(res.body.errors).toBe(false);
    const search = await engineRequest(url, 'GET', `/${stream}/_search`);
    expect(search.body.hits.hits.map((h: any) => h._source)).toEqual([
      {
        '@timestamp': '2024-03-01T10:00:00.123Z',
        client: { ip: '192.0.2.7' },
        event: { action: 'DELIVER', original_action: 'DELIVER' },
        recipients: ['a@contoso.com', 'b@fabrikam.com'],
        size: 48213,
        recipient_count: 2,
      },
    ]);
  });
});

// What the global setup and `npm run engine` rely on, with an engine of their own.
describe('embedded engine lifecycle', () => {
  it('stops on SIGTERM and removes its data folder', async () => {
    const { classpath } = await buildEngine();
    const engine = await startEngine({ port: 0, classpath });
    expect(existsSync(engine.dataDir)).toBe(true);
    expect((await engineRequest(engine.url, 'GET', '/')).status).toBe(200);
    await engine.stop();
    expect(await engine.exited).toBe(143); // the JVM's exit after its shutdown hook ran
    expect(existsSync(engine.dataDir)).toBe(false);
    await expect(fetch(engine.url)).rejects.toThrow();
  });

  it('fails a start on a busy port with the cause from its stderr', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    try {
      const { classpath } = await buildEngine();
      const port = (busy.address() as AddressInfo).port;
      await expect(startEngine({ port, classpath })).rejects.toThrow(/before it was ready[\s\S]*start failed: BindHttpException/);
    } finally {
      busy.close();
    }
  });
});
