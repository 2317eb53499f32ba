// The index template against the real engine (issue 3 item 4): installed as the `opensearch`
// target installs it, it maps every field of every fixture and simulated document, documents read
// back equal what was sent, and a wrong type is rejected per item.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBulkEncoder, createDocId } from '../../src/encode/bulk.js';
import { createEcsEncoder } from '../../src/encode/ecs.js';
import { DATA_STREAM_DATASET, indexTemplate } from '../../src/setup/index-template.js';
import { EVENT_IDS } from '../../src/sim/event.js';
import { FIXTURE_EVENTS } from '../fixtures/events.js';
import { sampleEvents } from '../unit/encode/sample-events.js';
import { count, deleteDataStream, engineRequest, engineUrl, freshDataStreamName } from '../utils/engine.js';

const url = engineUrl();
const stream = freshDataStreamName('logs-' + DATA_STREAM_DATASET);
const namespace = stream.slice(stream.lastIndexOf('-') + 1);
const encodeDoc = createEcsEncoder({ namespace, agentId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', agentVersion: '8.17.0', hostname: 'EXCH01' });
const docId = createDocId('index-template-it', 0);
const bulkLine = createBulkEncoder({ encodeDoc, docId });

interface BulkItem {
  create: { _id: string; status: number; error?: { type: string; reason: string } };
}
async function bulk(body: string): Promise<BulkItem[]> {
  const res = await engineRequest(url, 'POST', `/${stream}/_bulk?refresh=true`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items as BulkItem[];
}

describe('index template on the real engine', () => {
  beforeAll(async () => {
    const { name, body } = indexTemplate({ target: 'opensearch' });
    const res = await engineRequest(url, 'PUT', `/_index_template/${name}`, body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });
  afterAll(() => deleteDataStream(url, stream));

  it('stores 20,000 simulated events of all 16 types from the template, each unchanged', async () => {
    // 20,000 simulated events after the fixtures (issue 3), sent as 5,000-event bulk requests.
    const events = sampleEvents(20_000 - FIXTURE_EVENTS.length);
    expect(events).toHaveLength(20_000);
    expect(new Set(events.map((ev) => ev.eventId))).toEqual(new Set(EVENT_IDS));
    for (let i = 0; i < events.length; i += 5000) {
      const items = await bulk(events.slice(i, i + 5000).map(bulkLine).join(''));
      expect(items.filter((item) => item.create.status !== 201)).toEqual([]);
    }
    expect(await count(url, stream)).toBe(20_000);

    const ds = await engineRequest(url, 'GET', `/_data_stream/${stream}`);
    expect(ds.body.data_streams[0]).toMatchObject({ name: stream, template: 'logs-' + DATA_STREAM_DATASET });

    // The template's types, not dynamic mapping (which would make an IP a text field).
    const mapping = await engineRequest(url, 'GET', `/${stream}/_mapping/field/source.ip,microsoft_exchange.messagetracking.total_bytes`);
    const fields = Object.values(mapping.body as Record<string, { mappings: Record<string, { mapping: Record<string, { type: string }> }> }>)[0].mappings;
    expect(fields['source.ip'].mapping.ip.type).toBe('ip');
    expect(fields['microsoft_exchange.messagetracking.total_bytes'].mapping.total_bytes.type).toBe('long');

    const sent = new Map(events.map((ev) => [docId(ev.seq), JSON.parse(encodeDoc(ev))]));
    const ids = [...sent.keys()].filter((_, i) => i < 17 || i % 97 === 0);
    const found = await engineRequest(url, 'POST', `/${stream}/_search`, { size: ids.length, query: { ids: { values: ids } } });
    const hits = found.body.hits.hits as Array<{ _id: string; _source: unknown }>;
    expect(hits).toHaveLength(ids.length);
    for (const hit of hits) expect(hit._source).toEqual(sent.get(hit._id));
  });

  it('answers 409 to a second create of the same _id (a retried request adds nothing)', async () => {
    const [ev] = sampleEvents(0);
    const items = await bulk(bulkLine(ev));
    expect(items[0].create.status).toBe(409);
  });

  it('rejects a non-IP in an ip field per item, next to an accepted document', async () => {
    const [ev] = sampleEvents(0);
    const good = JSON.parse(encodeDoc(ev));
    const bad = { ...good, source: { ip: 'mail.partner-corp.co.uk' } };
    const items = await bulk('{"create":{}}\n' + JSON.stringify(bad) + '\n{"create":{}}\n' + JSON.stringify(good) + '\n');
    expect(items[0].create.status).toBe(400);
    expect(items[0].create.error?.type).toBe('mapper_parsing_exception');
    expect(items[0].create.error?.reason).toContain('source.ip');
    expect(items[1].create.status).toBe(201);
  });
});
