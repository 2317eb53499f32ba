import { describe, expect, it } from 'vitest';
import { exchangeMessageId, guid } from '../../../src/sim/ids.js';
import { ParkingLot, type ParkedFields } from '../../../src/sim/parking-lot.js';
import { Rng } from '../../../src/sim/rng.js';

const servers = [{ fqdn: 'EXCH01.contoso.com' }, { fqdn: 'EXCH02.contoso.com' }];

function message(rng: Rng, i: number): ParkedFields {
  const server = i % 2;
  const envelope = ['a' + i + '@fabrikam.com', 'b@fabrikam.com'];
  return {
    messageId: exchangeMessageId(rng, servers[server].fqdn),
    networkMessageId: guid(rng),
    subject: 'Subject ' + i,
    totalBytes: 1000 + i,
    created: 1_771_804_800_000 + i * 1000,
    ts: 1_771_804_900_000 + i * 1000,
    server,
    idOnServer: 70_971_234_566_456 + i,
    peer: i % 3 === 0 ? -1 : 1 - server,
    idOnPeer: i % 3 === 0 ? 0 : 50_000_000_000_000 + i,
    senderIndex: i % 300,
    mx: '203.0.113.' + (i % 250),
    mxHost: 'mail.fabrikam.com',
    envelope,
    recipients: i % 2 === 0 ? envelope : envelope.slice(0, 1),
    defers: 1 + (i % 5),
    expires: i % 7 === 0,
  };
}

describe('ParkingLot', () => {
  it('gives back every field of thousands of parked messages, across its growth', () => {
    const lot = new ParkingLot(servers);
    const rng = new Rng('lot', 'ids');
    const parked = Array.from({ length: 5000 }, (_, i) => message(rng, i));
    const slots = parked.map((m) => lot.park(m));
    expect(lot.size).toBe(5000);
    slots.forEach((slot, i) => expect(lot.read(slot)).toEqual({ ...parked[i], retries: 0 }));
  });

  it('counts retries and moves the due time; a released slot is reused for the next message', () => {
    const lot = new ParkingLot(servers);
    const rng = new Rng('lot', 'reuse');
    const a = lot.park(message(rng, 1));
    const b = lot.park(message(rng, 2));
    lot.retried(a, 1_771_805_000_000);
    lot.retried(a, 1_771_805_100_000);
    expect(lot.read(a)).toMatchObject({ retries: 2, ts: 1_771_805_100_000 });
    lot.release(a);
    expect(lot.size).toBe(1);
    const next = message(rng, 3);
    const c = lot.park(next);
    expect(c).toBe(a);
    expect(lot.read(c)).toEqual({ ...next, retries: 0 });
    expect(lot.read(b).subject).toBe('Subject 2');
  });
});
