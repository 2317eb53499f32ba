import { describe, expect, it } from 'vitest';
import { createEcsEncoder, type EcsEncoderSettings } from '../../../src/encode/ecs.js';
import { EVENT_IDS, type TrackingEvent } from '../../../src/sim/event.js';
import { FIXTURE_EVENTS } from '../../fixtures/events.js';
import { documentProblems } from './ecs-doc-check.js';
import { sampleEvents } from './sample-events.js';

const SETTINGS: EcsEncoderSettings = {
  namespace: 'default',
  agentId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
  agentVersion: '8.17.0',
  hostname: 'EXCH01',
};
const encode = createEcsEncoder(SETTINGS);
// Parsed documents are checked field by field; `any` keeps those checks readable.
type Doc = Record<string, any>;
const docOf = (ev: TrackingEvent): Doc => JSON.parse(encode(ev)) as Doc;
const fixture = (id: string, n = 0): TrackingEvent => FIXTURE_EVENTS.filter((e) => e.eventId === id)[n];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('createEcsEncoder', () => {
  it('fixtures cover all 16 event-ids', () => {
    expect(new Set(FIXTURE_EVENTS.map((e) => e.eventId))).toEqual(new Set(EVENT_IDS));
  });

  it('writes one JSON document per event, without newline, every field mapped and well typed', () => {
    const events = sampleEvents();
    for (const ev of events) {
      const line = encode(ev);
      expect(line).not.toContain('\n');
      const doc = JSON.parse(line) as Doc;
      expect(documentProblems(doc), line).toEqual([]);
      expect(doc.data_stream).toEqual({ type: 'logs', dataset: 'microsoft_exchange.messagetracking', namespace: 'default' });
      expect(doc['@timestamp']).toBe(new Date(ev.ts).toISOString());
      expect(doc.event.action).toBe(ev.eventId.toLowerCase());
      expect(doc.event.category).toEqual(['email']);
      expect(doc.event.type).toEqual(['info']);
      expect(doc.email.direction).toBe(ev.direction);
      expect(doc.microsoft_exchange.messagetracking.event_id).toBe(ev.eventId);
    }
  });

  it('follows the seed sample shape for an SMTP receive', () => {
    const doc = docOf(fixture('RECEIVE', 1));
    expect(doc).toMatchObject({
      event: { action: 'receive', category: ['email'], dataset: 'microsoft_exchange.messagetracking', kind: 'event', outcome: 'success' },
      email: { direction: 'internal', from: { address: ['j.smith@contoso.com'] }, to: { address: ['d.brown@contoso.com', 'k.lee@contoso.com'] } },
      microsoft_exchange: { messagetracking: { event_id: 'RECEIVE', source: 'SMTP', directionality: 'Originating', total_bytes: 18432, recipient_count: 2 } },
      observer: { product: 'Exchange Server', vendor: 'Microsoft', hostname: 'EXCH01', ip: ['10.0.1.10'] },
      host: { name: 'EXCH01' },
      agent: { id: SETTINGS.agentId, version: '8.17.0', type: 'filebeat', name: 'EXCH01' },
      ecs: { version: '8.11.0' },
    });
    expect(doc.email.local_id).toBe('70912345566402');
    expect(doc.source).toEqual({ ip: '10.0.1.10', domain: 'EXCH01.contoso.com' });
    expect(doc.destination).toEqual({ ip: '10.0.1.10', domain: 'EXCH01' });
  });

  it('marks FAIL, DROP and DEFER as failures and everything else, DSN included, as success', () => {
    const failures = new Set(['FAIL', 'DROP', 'DEFER']);
    for (const ev of FIXTURE_EVENTS) {
      expect(docOf(ev).event.outcome, ev.eventId).toBe(failures.has(ev.eventId) ? 'failure' : 'success');
    }
  });

  it('leaves absent columns out instead of writing empty strings', () => {
    const doc = docOf(fixture('NOTIFYMAPI'));
    expect(doc.email.to).toBeUndefined();
    expect(doc.source).toBeUndefined();
    expect(doc.destination).toBeUndefined();
    expect(doc.observer.ip).toBeUndefined();
    const mt = doc.microsoft_exchange.messagetracking;
    for (const key of ['client_ip', 'server_ip', 'connector_id', 'recipient_status', 'reference', 'custom_data', 'tenant_id']) {
      expect(mt, key).not.toHaveProperty(key);
    }
    const blank: TrackingEvent = { ...fixture('SEND'), subject: '', clientHostname: '', customData: '', recipientStatus: ['', ''] };
    expect(documentProblems(docOf(blank))).toEqual([]);
  });

  it('attributes an outgoing SMTP hop to the sending server and names the next hop as destination', () => {
    const doc = docOf(fixture('SEND'));
    expect(doc.host.name).toBe('EXCH01');
    expect(doc.observer.ip).toEqual(['10.0.1.10']);
    expect(doc.source).toEqual({ ip: '10.0.1.10', domain: 'EXCH01' });
    expect(doc.destination).toEqual({ ip: '10.0.1.11', domain: 'EXCH02.contoso.com' });
    const defer = docOf(fixture('DEFER'));
    expect(defer.host.name).toBe('EXCH02');
    expect(defer.observer.ip).toEqual(['10.0.1.11']);
    expect(defer.destination).toEqual({ ip: '2001:db8:4006:80b::1b', domain: 'mx1.fabrikam.example' });
    // A FAIL from the queue is not a hop: the logging server is in server-hostname.
    expect(docOf(fixture('FAIL')).host.name).toBe('EXCH02');
  });

  it('gives the first server the configured agent id and every other server a stable derived one', () => {
    const first = docOf(fixture('SUBMIT')).agent;
    const other = docOf(fixture('DELIVER'));
    expect(first.id).toBe(SETTINGS.agentId);
    expect(other.host.name).toBe('EXCH02');
    expect(other.agent.id).toMatch(UUID);
    expect(other.agent.id).not.toBe(SETTINGS.agentId);
    expect(other.elastic_agent).toEqual({ id: other.agent.id, version: '8.17.0', snapshot: false });
    // Same result from a fresh encoder (no dependence on event order), different for another agent.
    expect(JSON.parse(createEcsEncoder(SETTINGS)(fixture('DELIVER'))).agent.id).toBe(other.agent.id);
    const otherAgent = createEcsEncoder({ ...SETTINGS, agentId: 'ffffffff-0000-4000-8000-000000000000' });
    expect(JSON.parse(otherAgent(fixture('DELIVER'))).agent.id).not.toBe(other.agent.id);
  });

  it('uses every setting in the output', () => {
    const custom = createEcsEncoder({ namespace: 'lab1', agentId: 'b0b0b0b0-0000-4000-8000-000000000001', agentVersion: '9.1.0', hostname: 'EXCH02' });
    const doc = JSON.parse(custom(fixture('DELIVER'))) as Doc;
    expect(doc.data_stream.namespace).toBe('lab1');
    expect(doc.agent).toMatchObject({ id: 'b0b0b0b0-0000-4000-8000-000000000001', version: '9.1.0', name: 'EXCH02' });
  });

  it('records the external sender country and deduplicates related ips and users', () => {
    const doc = docOf(fixture('DROP'));
    expect(doc.source).toEqual({ ip: '81.2.69.160', domain: 'mail.partner-corp.co.uk', geo: { country_iso_code: 'GB' } });
    expect(doc.related.ip).toEqual(['81.2.69.160', '10.0.1.10']);
    expect(doc.related.user).toEqual(['jdoe@partner-corp.co.uk', 'd.brown@contoso.com']);
    const expand = docOf(fixture('EXPAND'));
    expect(expand.related.ip).toBeUndefined();
    expect(expand.related.user).toEqual([
      'jdoe@partner-corp.co.uk', 'm.garcia@contoso.com', 'p.novak@contoso.com', 's.ito@contoso.com', 'l.martin@contoso.com', 'sales@contoso.com',
    ]);
  });

  it('escapes quotes, backslashes, control characters and lone surrogates exactly like JSON.stringify', () => {
    const subjects = ['Re: "Q1", Zürich\\draft', 'tab\there\r\nnew line\u0000\u001f', 'emoji 📬 ok', 'lone \ud800 surrogate', 'plain'];
    for (const subject of subjects) {
      const line = encode({ ...fixture('DELIVER'), subject });
      expect(line).toContain('"subject":' + JSON.stringify(subject) + ',');
      expect(JSON.parse(line).email.subject).toBe(subject);
    }
  });

  it('writes the same bytes as JSON.stringify of the parsed document (canonical JSON)', () => {
    for (const ev of FIXTURE_EVENTS) {
      const line = encode(ev);
      expect(JSON.stringify(JSON.parse(line))).toBe(line);
    }
  });
});
