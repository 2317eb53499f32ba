import { describe, expect, it } from 'vitest';
import { createEcsEncoder } from '../../../src/encode/ecs.js';
import { ilmPolicy } from '../../../src/setup/ilm-policy.js';
import { DATA_STREAM_DATASET, dataStreamName, indexTemplate, mappedFieldPaths } from '../../../src/setup/index-template.js';
import { documentProblems, leafValues } from '../encode/ecs-doc-check.js';
import { sampleEvents } from '../encode/sample-events.js';
import { FIXTURE_EVENTS } from '../../fixtures/events.js';

const encode = createEcsEncoder({ namespace: 'default', agentId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', agentVersion: '8.17.0', hostname: 'EXCH01' });
type Template = { index_patterns: string[]; data_stream: object; priority: number; template: { settings: Record<string, any>; mappings: any } };

describe('index template', () => {
  it('targets our data stream name', () => {
    expect(dataStreamName('default')).toBe('logs-microsoft_exchange.messagetracking-default');
    expect(DATA_STREAM_DATASET).toBe('microsoft_exchange.messagetracking');
    const body = indexTemplate({ target: 'opensearch' }).body as Template;
    const pattern = new RegExp('^' + body.index_patterns[0].replaceAll('.', '\\.').replace('*', '.*') + '$');
    expect(pattern.test(dataStreamName('default'))).toBe(true);
    expect(pattern.test('logs-microsoft_exchange.other-default')).toBe(false);
  });

  it('is a data stream template above the built-in logs template (priority 100)', () => {
    for (const target of ['elasticsearch', 'opensearch'] as const) {
      const body = indexTemplate({ target, ilmPolicy: 'p' }).body as Template;
      expect(body.data_stream).toEqual({});
      expect(body.priority).toBeGreaterThan(100);
    }
  });

  it('sets the ILM policy on Elasticsearch only', () => {
    const es = indexTemplate({ target: 'elasticsearch', ilmPolicy: ilmPolicy().name }).body as Template;
    const os = indexTemplate({ target: 'opensearch', ilmPolicy: ilmPolicy().name }).body as Template;
    expect(es.template.settings).toEqual({ index: { lifecycle: { name: 'msgtrack-messagetracking' } } });
    expect(os.template.settings).toEqual({});
    expect(os.template.mappings).toEqual(es.template.mappings);
    expect(JSON.stringify(os)).not.toContain('lifecycle');
  });

  it('maps every leaf field the encoder emits, with a compatible type', () => {
    const emitted = new Set<string>();
    for (const ev of sampleEvents()) {
      const doc = JSON.parse(encode(ev));
      expect(documentProblems(doc)).toEqual([]);
      for (const path of leafValues(doc).keys()) emitted.add(path);
    }
    const mapped = mappedFieldPaths();
    expect([...emitted].filter((p) => !mapped.has(p))).toEqual([]);
    // The ECS types the issue names.
    expect(mapped.get('@timestamp')).toBe('date');
    for (const ip of ['source.ip', 'destination.ip', 'related.ip', 'observer.ip', 'microsoft_exchange.messagetracking.client_ip']) {
      expect(mapped.get(ip), ip).toBe('ip');
    }
    for (const n of ['total_bytes', 'recipient_count', 'internal_message_id']) {
      expect(mapped.get('microsoft_exchange.messagetracking.' + n)).toBe('long');
    }
    expect(mapped.get('email.to.address')).toBe('keyword');
    expect(mapped.get('email.subject.text')).toBe('text');
  });

  it('maps nothing the fixtures never emit, apart from multi-fields and tenant-id', () => {
    // On-premises Exchange leaves tenant-id empty; it is mapped for completeness of the 30 columns.
    const emitted = new Set<string>();
    for (const ev of FIXTURE_EVENTS) for (const path of leafValues(JSON.parse(encode(ev))).keys()) emitted.add(path);
    const unused = [...mappedFieldPaths().keys()].filter((p) => !emitted.has(p) && p !== 'email.subject.text');
    expect(unused).toEqual(['microsoft_exchange.messagetracking.tenant_id']);
  });
});

describe('ILM policy', () => {
  it('rolls over in the hot phase and deletes after 30 days', () => {
    const { name, body } = ilmPolicy();
    expect(name).toBe('msgtrack-messagetracking');
    expect(body).toMatchObject({
      policy: { phases: { hot: { actions: { rollover: { max_primary_shard_size: '50gb', max_age: '1d' } } }, delete: { min_age: '30d', actions: { delete: {} } } } },
    });
  });
});
