import { describe, expect, it } from 'vitest';
import { createEcsEncoder } from '../../../src/encode/ecs.js';
import { encodeCsvLine, parseCsvLine } from '../../../src/encode/exchange-csv.js';
import { createRawEncoder } from '../../../src/encode/raw.js';
import { FIXTURE_EVENTS } from '../../fixtures/events.js';
import { sampleEvents } from './sample-events.js';

const SETTINGS = { namespace: 'prod', agentId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', agentVersion: '8.17.0', hostname: 'EXCH01' };

describe('raw-ingest document', () => {
  const events = sampleEvents(3000);

  it('holds the CSV line, the event time and the collector fields, nothing else', () => {
    const raw = createRawEncoder(SETTINGS);
    const direct = createEcsEncoder(SETTINGS);
    const servers = new Set<string>();
    for (const ev of events) {
      const doc = JSON.parse(raw(ev)) as Record<string, unknown>;
      const twin = JSON.parse(direct(ev)) as Record<string, unknown>;
      expect(Object.keys(doc)).toEqual(['@timestamp', 'message', 'agent', 'elastic_agent', 'host', 'data_stream']);
      expect(doc['@timestamp']).toBe(new Date(ev.ts).toISOString());
      expect(doc.message).toBe(encodeCsvLine(ev));
      expect(parseCsvLine(doc.message as string)).toHaveLength(30);
      // What the collector on that server adds is what the direct mode writes for it.
      for (const key of ['agent', 'elastic_agent', 'host', 'data_stream']) expect(doc[key], key).toEqual(twin[key]);
      servers.add((doc.host as { name: string }).name);
    }
    expect(servers.size).toBeGreaterThan(1);
  });

  it('escapes the line so quotes, backslashes and non-ASCII survive', () => {
    const raw = createRawEncoder(SETTINGS);
    const tricky = FIXTURE_EVENTS.find((e) => e.subject?.includes('\\')) ?? FIXTURE_EVENTS[0];
    const doc = JSON.parse(raw(tricky)) as { message: string };
    expect(doc.message).toBe(encodeCsvLine(tricky));
    expect(doc.message).toContain('Zürich');
    expect(doc.message).toContain('""Q1 forecast""');
  });

  it('is deterministic', () => {
    const a = createRawEncoder(SETTINGS);
    const b = createRawEncoder(SETTINGS);
    for (const ev of events.slice(0, 500)) expect(b(ev)).toBe(a(ev));
  });
});
