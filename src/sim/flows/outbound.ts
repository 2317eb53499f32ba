import { DEFERS_BEFORE_EXPIRY, DEFER_EXPIRE, OUTBOUND_DEFER, OUTBOUND_REJECT } from '../calibration.js';
import { hex8Upper } from '../ids.js';
import { repeated, type Flow, type MessageTrack } from '../message-track.js';
import type { Rng } from '../rng.js';
import type { DraftEvent } from '../sim-context.js';
import type { ExternalDomain } from '../world/directory.js';
import type { Server } from '../world/topology.js';

const OUTBOUND_CONNECTOR = 'Outbound to Internet';
const RECIPIENT_OK = '250 2.1.5 Recipient OK';
const DEFERRED =
  '451 4.4.0 Primary target IP address responded with: "421 4.7.0 Try again later, closing connection." ' +
  'Attempted failover to alternate host, but that did not succeed. Either there are no alternate hosts, ' +
  'or delivery failed to all alternate hosts.';
const EXPIRED = '550 4.4.7 QUEUE.Expired; message expired';
/** First retry after about a minute, then doubling (Exchange's transient retry backoff). */
const FIRST_RETRY_MS = 60_000;

/** How a deferred hop ends: retries before it goes through (or expires), and whether it expires. */
export interface Deferral {
  readonly defers: number;
  readonly expires: boolean;
}

/** Draws a deferred hop's course (the retries of an expiring one are Exchange's fixed count). */
export function drawDeferral(rng: Rng): Deferral {
  const expires = rng.chance(DEFER_EXPIRE);
  return { expires, defers: expires ? DEFERS_BEFORE_EXPIRY : rng.between(1, 3) };
}

/** The longest a deferred hop waits between its first DEFER and its last retry. */
export function deferralSpanMs(d: Deferral): number {
  return FIRST_RETRY_MS * 1.2 * (2 ** d.defers - 1);
}

/** A hop to the Internet that was deferred: where it is going and how its retries will end. */
export interface DeferredHop {
  readonly mx: string;
  readonly mxHost: string;
  readonly deferral: Deferral;
}

/**
 * The hop to the Internet through the `Outbound to Internet` Send connector. Most messages are
 * accepted at once (SEND); some are deferred (DEFER, retried minutes apart with backoff) and then
 * either go through or expire (FAIL); a few are rejected by the remote server (FAIL 5.1.1).
 * `deferral`, when given, is this hop's course, already drawn (a message known to be deferred).
 *
 * Returns the recipients that failed (none when the message was sent), or, for a deferred hop,
 * its course: the retries are minutes apart, so the caller parks the message (see parked.ts)
 * rather than keep this frame alive.
 */
export function* sendToInternet(
  track: MessageTrack,
  from: Server,
  domain: ExternalDomain,
  recipients: readonly string[],
  deferral: Deferral | undefined,
): Flow<readonly string[] | DeferredHop> {
  const fate = track.ctx.fate;
  const mx = domain.mxIps[fate.int(domain.mxIps.length)];
  const r = deferral === undefined ? fate.next() : OUTBOUND_REJECT;
  if (r < OUTBOUND_REJECT) {
    yield track.wait(150, 2500);
    const statuses = new Array<string>(recipients.length);
    for (let i = 0; i < recipients.length; i++) {
      statuses[i] = '550 5.1.1 <' + recipients[i] + '>: Recipient address rejected: User unknown';
    }
    hop(track, from, 'FAIL', mx, domain.mxHost, recipients).recipientStatus = statuses;
    return recipients;
  }
  if (r < OUTBOUND_REJECT + OUTBOUND_DEFER) return { mx, mxHost: domain.mxHost, deferral: deferral ?? drawDeferral(fate) };
  yield track.wait(150, 2500);
  send(track, from, mx, domain.mxHost, recipients);
  return [];
}

/** One retry of a deferred hop that fails again: DEFER, one status per recipient. */
export function deferAgain(track: MessageTrack, from: Server, mx: string, mxHost: string, recipients: readonly string[]): void {
  hop(track, from, 'DEFER', mx, mxHost, recipients).recipientStatus = repeated(DEFERRED, recipients.length);
}

/** The end of a deferred hop that never went through: FAIL from the queue. */
export function expire(track: MessageTrack, from: Server, recipients: readonly string[]): void {
  track.emit('FAIL', 'QUEUE', from, recipients, recipients.length).recipientStatus = repeated(EXPIRED, recipients.length);
}

/** The delay before retry `n` (0 = the first) of a deferred hop, about doubling each time. */
export function retryDelay(track: MessageTrack, n: number): number {
  const delay = FIRST_RETRY_MS * 2 ** n;
  return track.wait(delay * 0.8, delay * 1.2);
}

export function send(track: MessageTrack, from: Server, mx: string, mxHost: string, recipients: readonly string[]): void {
  const e = hop(track, from, 'SEND', mx, mxHost, recipients);
  e.recipientStatus = repeated(RECIPIENT_OK, recipients.length);
  e.sourceContext = ';250 2.0.0 Ok: queued as ' + hex8Upper(track.ctx.fate.uint32()) + ';ClientSubmitTime:';
  e.customData = track.ctx.internetData;
}

/** An SMTP line towards the remote server: the logging server is the client, the MX the server. */
function hop(
  track: MessageTrack,
  from: Server,
  eventId: 'SEND' | 'DEFER' | 'FAIL',
  mxIp: string,
  mxHost: string,
  recipients: readonly string[],
): DraftEvent {
  const e = track.emit(eventId, 'SMTP', from, recipients, recipients.length);
  e.clientIp = from.ip;
  e.clientHostname = from.name;
  e.serverIp = mxIp;
  e.serverHostname = mxHost;
  e.connectorId = OUTBOUND_CONNECTOR;
  return e;
}
