import { describe, expect, it } from 'vitest';
import type { EventId, TrackingEvent } from '../../../../src/sim/event.js';
import { logFamily, loggingServer } from '../../../../src/sinks/exchange-log/logging-server.js';
import { createEcsEncoder } from '../../../../src/encode/ecs.js';
import { FIXTURE_EVENTS } from '../../../fixtures/events.js';
import { sampleEvents } from '../../encode/sample-events.js';

const byKey = (eventId: EventId, source: string): TrackingEvent => {
  const ev = FIXTURE_EVENTS.find((e) => e.eventId === eventId && e.source === source);
  if (!ev) throw new Error(`no fixture ${eventId}/${source}`);
  return ev;
};

describe('log families', () => {
  it('puts the mailbox submission service lines in MSGTRKMS', () => {
    expect(logFamily(byKey('NOTIFYMAPI', 'STOREDRIVER'))).toBe('MSGTRKMS');
    expect(logFamily(byKey('RECEIVE', 'STOREDRIVER'))).toBe('MSGTRKMS');
    expect(logFamily(byKey('SUBMIT', 'STOREDRIVER'))).toBe('MSGTRKMS');
  });

  it('puts mailbox deliveries in MSGTRKMD', () => {
    expect(logFamily(byKey('DELIVER', 'STOREDRIVER'))).toBe('MSGTRKMD');
    expect(logFamily({ ...byKey('DELIVER', 'STOREDRIVER'), eventId: 'FAIL' })).toBe('MSGTRKMD');
  });

  it('puts every transport service line in MSGTRK', () => {
    const transport = FIXTURE_EVENTS.filter((e) => e.source !== 'STOREDRIVER');
    expect(new Set(transport.map((e) => e.eventId)).size).toBeGreaterThanOrEqual(12);
    for (const ev of transport) expect(logFamily(ev), `${ev.eventId}/${ev.source}`).toBe('MSGTRK');
    expect(logFamily(byKey('RECEIVE', 'SMTP'))).toBe('MSGTRK');
  });
});

describe('logging server', () => {
  it('is the client side of an outgoing SMTP hop (the sending server) and server-hostname otherwise', () => {
    expect(loggingServer(byKey('SEND', 'SMTP'))).toBe('EXCH01');
    expect(loggingServer(byKey('DEFER', 'SMTP'))).toBe('EXCH02');
    expect(loggingServer({ ...byKey('DEFER', 'SMTP'), eventId: 'FAIL' })).toBe('EXCH02');
    expect(loggingServer(byKey('DELIVER', 'STOREDRIVER'))).toBe('EXCH02');
    expect(loggingServer(byKey('HAREDIRECT', 'SMTP'))).toBe('EXCH01');
    // A queue expiry is logged where the queue is.
    expect(loggingServer(byKey('FAIL', 'QUEUE'))).toBe('EXCH02');
    const { clientHostname: _, ...anonymous } = byKey('SEND', 'SMTP');
    expect(loggingServer(anonymous as TrackingEvent)).toBe(anonymous.serverHostname);
  });

  it('is the server the direct-mode document names as observer, for every simulated event', () => {
    const ecs = createEcsEncoder({ namespace: 'default', agentId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', agentVersion: '8.17.0', hostname: 'EXCH01' });
    const events = sampleEvents(3000);
    for (const ev of events) {
      const observer = (JSON.parse(ecs(ev)) as { observer: { hostname: string } }).observer.hostname;
      expect(loggingServer(ev).split('.', 1)[0], `${ev.eventId}/${ev.source}`).toBe(observer);
    }
  });
});
