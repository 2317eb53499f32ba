import { describe, expect, it } from 'vitest';
import type { EventId, TrackingEvent } from '../../../../src/sim/event.js';
import { logFamily, loggingServer } from '../../../../src/sinks/exchange-log/logging-server.js';
import { FIXTURE_EVENTS } from '../../../fixtures/events.js';

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
  it('is the client side of a SEND (the sending server) and server-hostname otherwise', () => {
    expect(loggingServer(byKey('SEND', 'SMTP'))).toBe('EXCH01');
    expect(loggingServer(byKey('DELIVER', 'STOREDRIVER'))).toBe('EXCH02');
    expect(loggingServer(byKey('HAREDIRECT', 'SMTP'))).toBe('EXCH01');
    const { clientHostname: _, ...anonymous } = byKey('SEND', 'SMTP');
    expect(loggingServer(anonymous as TrackingEvent)).toBe('EXCH02.contoso.com');
  });
});
