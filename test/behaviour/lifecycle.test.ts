import { beforeAll, describe, expect, it } from 'vitest';
import type { TrackingEvent } from '../../src/sim/event.js';
import { countryByCode, inCountry } from '../../src/sim/world/geo.js';
import { byMessage, loggingServer, simSettings, simulate } from '../unit/sim/sim-fixture.js';

/**
 * Causal consistency of simulated message lives (message-tracking.md §3), checked on the stream
 * itself, from an empty organisation (cold start) so every message is there from its first event.
 * Messages whose life may run past the end of the sample (deferred mail retries for up to 40
 * minutes) are only checked for what is already there.
 */
const N = 150_000;
let events: TrackingEvent[];
let messages: Map<string, TrackingEvent[]>;
let horizon: number;

beforeAll(() => {
  events = simulate(simSettings({ profile: 'flat', steadyStart: false }), N);
  messages = byMessage(events);
  // The longest life (five DEFERs with backoff, then FAIL and a DSN) lasts under 40 minutes.
  horizon = events[N - 1].ts - 40 * 60_000;
});

function complete(list: readonly TrackingEvent[]): boolean {
  return list[0].ts < horizon;
}

function field(customData: string | undefined, name: string): string | undefined {
  return customData?.split(/[|;]/).find((p) => p.startsWith(name + '='))?.slice(name.length + 1);
}

describe('stream order', () => {
  it('numbers events 0, 1, 2, ... with non-decreasing, whole-millisecond timestamps', () => {
    for (let i = 0; i < N; i++) {
      if (events[i].seq !== i) throw new Error(`seq ${events[i].seq} at position ${i}`);
      if (i > 0 && events[i].ts < events[i - 1].ts) throw new Error(`ts goes back at seq ${i}`);
      if (!Number.isInteger(events[i].ts)) throw new Error(`fractional ts at seq ${i}`);
    }
  });

  it('keeps timestamps strictly increasing within each message', () => {
    for (const [id, list] of messages) {
      for (let i = 1; i < list.length; i++) if (list[i].ts <= list[i - 1].ts) throw new Error(`${id} at ${i}`);
    }
  });
});

describe('message lives', () => {
  it('starts every message with a first event of a real entry point', () => {
    for (const list of messages.values()) {
      const first = list[0];
      const entry =
        first.eventId === 'NOTIFYMAPI' ||
        first.eventId === 'DSN' ||
        (first.eventId === 'RECEIVE' && (first.source === 'STOREDRIVER' || first.connectorId?.includes('\\Default Frontend ')));
      expect(entry, `${first.messageId} starts with ${first.eventId}`).toBe(true);
    }
  });

  it("follows Microsoft's order for submitted mail and the front-end path for Internet mail", () => {
    const submitted = /^(NOTIFYMAPI )?RECEIVE SUBMIT (HAREDIRECT )?RECEIVE( AGENTINFO)?/;
    const inbound = /^RECEIVE RECEIVE AGENTINFO( DROP$| HAREDIRECT| RESOLVE| EXPAND| REDIRECT| SEND| DELIVER|$)/;
    let seen = 0;
    for (const list of messages.values()) {
      if (!complete(list)) continue;
      const path = list.map((e) => e.eventId).join(' ');
      if (list[0].directionality === 'Incoming') {
        expect(path).toMatch(inbound);
        expect(list[1].connectorId).toBe(`${list[1].serverHostname}\\Default ${list[1].serverHostname}`);
        expect(list[1].originalClientIp).toBe(list[0].clientIp);
      } else if (list[0].eventId !== 'DSN') {
        expect(path).toMatch(submitted);
        const submit = list.find((e) => e.eventId === 'SUBMIT')!;
        expect(submit.sourceContext).toMatch(/^MDB:[0-9a-f-]{36}, Mailbox:[0-9a-f-]{36}, Event:\d+, MessageClass:IPM\.\S+, CreationTime:\S+Z, ClientType:\w+/);
      }
      seen++;
    }
    expect(seen).toBeGreaterThan(10_000);
  });

  it('never delivers a message twice to the same recipient', () => {
    for (const [id, list] of messages) {
      const delivered = new Set<string>();
      for (const e of list) {
        if (e.eventId !== 'DELIVER') continue;
        expect(e.recipientCount).toBe(e.recipients.length);
        for (const r of e.recipients) {
          if (delivered.has(r)) throw new Error(`${id} delivered twice to ${r}`);
          delivered.add(r);
        }
      }
    }
  });

  it('delivers every member of an expanded group, in batches per database', () => {
    let expansions = 0;
    let batched = 0;
    for (const list of messages.values()) {
      if (!complete(list)) continue;
      const delivered = new Set(list.filter((e) => e.eventId === 'DELIVER').flatMap((e) => e.recipients));
      for (const e of list) {
        if (e.eventId !== 'EXPAND') continue;
        expansions++;
        expect(e.relatedRecipientAddress).toMatch(/@contoso\.com$/);
        expect(e.recipientCount).toBe(e.recipients.length);
        for (const member of e.recipients) expect(delivered.has(member), member).toBe(true);
      }
      for (const e of list) if (e.eventId === 'DELIVER' && e.recipients.length > 1) batched++;
    }
    expect(expansions).toBeGreaterThan(1_000);
    expect(batched).toBeGreaterThan(1_000);
  });

  it('follows every FAIL with a DSN to the original sender that references it and is delivered', () => {
    const failed = new Map<string, TrackingEvent>();
    let dsns = 0;
    for (const e of events) {
      if (e.eventId === 'FAIL') failed.set(e.messageId, e);
      if (e.eventId !== 'DSN') continue;
      dsns++;
      expect(e.reference).toHaveLength(1);
      const fail = failed.get(e.reference![0]);
      expect(fail, `DSN ${e.messageId} references no earlier FAIL`).toBeDefined();
      expect(e.ts).toBeGreaterThan(fail!.ts);
      expect(e.returnPath).toBe('<>');
      expect(e.recipients).toEqual([fail!.sender]);
      const life = messages.get(e.messageId)!;
      if (complete(life)) expect(life.some((d) => d.eventId === 'DELIVER' && d.recipients.includes(fail!.sender))).toBe(true);
    }
    expect(dsns).toBeGreaterThan(300);
    const reported = new Set(events.filter((e) => e.eventId === 'DSN').map((e) => e.reference![0]));
    for (const [id, fail] of failed) if (fail.ts < horizon) expect(reported.has(id), id).toBe(true);
  });

  it('retries deferred mail minutes apart with backoff, ending in SEND or FAIL', () => {
    let deferred = 0;
    for (const list of messages.values()) {
      const defers = list.filter((e) => e.eventId === 'DEFER');
      if (defers.length === 0 || !complete(list)) continue;
      deferred++;
      for (const d of defers) expect(d.recipientStatus?.[0]).toMatch(/^451 4\.4\.0 /);
      for (let i = 1; i < defers.length; i++) {
        const gap = defers[i].ts - defers[i - 1].ts;
        expect(gap).toBeGreaterThanOrEqual(40_000);
        if (i > 1) expect(gap).toBeGreaterThan(defers[i - 1].ts - defers[i - 2].ts);
      }
      const after = list.slice(list.indexOf(defers[defers.length - 1]) + 1).map((e) => e.eventId);
      expect(after[0] === 'SEND' || after[0] === 'FAIL').toBe(true);
    }
    expect(deferred).toBeGreaterThan(100);
  });

  it('keeps one internal-message-id per message and server, distinct between messages', () => {
    const ids = new Map<string, number>();
    const owners = new Map<string, string>();
    for (const e of events) {
      const server = loggingServer(e);
      const key = e.messageId + ' ' + server;
      const id = ids.get(key);
      if (id === undefined) ids.set(key, e.internalMessageId);
      else if (id !== e.internalMessageId) throw new Error(`${key}: ${id} then ${e.internalMessageId}`);
      const owner = owners.get(server + ' ' + e.internalMessageId);
      if (owner === undefined) owners.set(server + ' ' + e.internalMessageId, e.messageId);
      else if (owner !== e.messageId) throw new Error(`id ${e.internalMessageId} on ${server} shared`);
    }
  });

  it('shadows on a peer named by HAREDIRECT, discarded there after the primary moved on', () => {
    let discards = 0;
    for (const list of messages.values()) {
      const redirect = list.find((e) => e.eventId === 'HAREDIRECT');
      const discard = list.find((e) => e.eventId === 'HADISCARD');
      if (redirect === undefined) {
        expect(discard).toBeUndefined();
        continue;
      }
      const peer = /^(\S+)\.contoso\.com=250 2\.6\.0 <[^>]+> \[InternalId=(\d+), Hostname=/.exec(redirect.sourceContext ?? '');
      expect(peer, redirect.sourceContext).not.toBeNull();
      expect(peer![1]).not.toBe(redirect.serverHostname);
      if (discard === undefined) continue;
      discards++;
      expect(discard.serverHostname).toBe(peer![1]);
      expect(String(discard.internalMessageId)).toBe(peer![2]);
      expect(discard.clientHostname).toBe(redirect.serverHostname + '.contoso.com');
      expect(list[list.length - 1]).toBe(discard);
    }
    expect(discards).toBeGreaterThan(1_000);
  });

  it('keeps a message its size, and most messages between 2 and 75 KB', () => {
    let inRange = 0;
    for (const [id, list] of messages) {
      for (const e of list) if (e.totalBytes !== list[0].totalBytes) throw new Error(`${id} changes size`);
      if (list[0].totalBytes >= 2048 && list[0].totalBytes <= 75 * 1024) inRange++;
    }
    expect(inRange / messages.size).toBeGreaterThan(0.8);
  });
});

describe('anti-spam verdicts', () => {
  it('are coherent with the message and its sending IP', () => {
    let inbound = 0;
    for (const list of messages.values()) {
      const agent = list.find((e) => e.eventId === 'AGENTINFO');
      if (agent === undefined) continue;
      const scl = Number(field(agent.customData, 'SCL'));
      const sfv = field(agent.customData, 'SFV');
      if (sfv === 'SPM') expect(scl).toBeGreaterThanOrEqual(5);
      const dropped = list.some((e) => e.eventId === 'DROP');
      expect(dropped).toBe(scl === 9);
      if (agent.directionality === 'Originating') {
        expect(scl).toBe(-1);
        continue;
      }
      inbound++;
      const ctry = field(agent.customData, 'CTRY')!;
      expect(list[0].clientCountry).toBe(ctry);
      expect(inCountry(list[0].clientIp!, countryByCode(ctry)!)).toBe(true);
      if (dropped) expect(list.some((e) => e.eventId === 'DELIVER')).toBe(false);
    }
    expect(inbound).toBeGreaterThan(3_000);
  });

  it('drops only external spam and phishing, never internal mail', () => {
    for (const e of events) if (e.eventId === 'DROP') expect(e.directionality).toBe('Incoming');
  });
});
