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

/** What a message does once its hop to the Internet is over: `failed` are the recipients that
 *  failed (empty when the message was sent). */
export type AfterHop = (failed: string[]) => void;

/**
 * The hop to the Internet through the `Outbound to Internet` Send connector. Most messages are
 * accepted at once (SEND); some are deferred (DEFER, retried minutes apart with backoff) and then
 * either go through or expire (FAIL); a few are rejected by the remote server (FAIL 5.1.1).
 * `deferral`, when given, is this hop's course, already drawn (a message known to be deferred).
 * A deferred hop goes on as a flow of its own (see DeferredHop), so the caller's frame ends here
 * and the rest of the message's life is `after`.
 */
export function* sendToInternet(
  track: MessageTrack,
  from: Server,
  domain: ExternalDomain,
  recipients: string[],
  deferral: Deferral | undefined,
  after: AfterHop,
): Flow {
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
    return after(recipients);
  }
  if (r < OUTBOUND_REJECT + OUTBOUND_DEFER) {
    const d = deferral ?? drawDeferral(fate);
    track.ctx.spawn(new DeferredHop(track, from, mx, domain.mxHost, recipients, d, after), track.wait(150, 2500));
    return;
  }
  yield track.wait(150, 2500);
  send(track, from, mx, domain.mxHost, recipients);
  after([]);
}

/**
 * A deferred hop waiting for its next retry, written as a small state machine rather than a
 * generator: at 20,000 events/s some 45,000 wait at once, for up to half an hour, and a suspended
 * generator keeps its whole frame (and its callers' frames) alive — measured 650 B a message
 * against about 140 B for these fields.
 */
class DeferredHop implements Iterator<number, void, void> {
  private left: number;
  private delay = FIRST_RETRY_MS;

  constructor(
    private readonly track: MessageTrack,
    private readonly from: Server,
    private readonly mx: string,
    private readonly mxHost: string,
    private readonly recipients: string[],
    private readonly deferral: Deferral,
    private readonly after: AfterHop,
  ) {
    this.left = deferral.defers;
  }

  next(): IteratorResult<number, void> {
    const { track, recipients } = this;
    if (this.left > 0) {
      this.left--;
      hop(track, this.from, 'DEFER', this.mx, this.mxHost, recipients).recipientStatus = repeated(DEFERRED, recipients.length);
      const at = track.wait(this.delay * 0.8, this.delay * 1.2);
      this.delay *= 2;
      return { done: false, value: at };
    }
    if (this.deferral.expires) {
      const e = track.emit('FAIL', 'QUEUE', this.from, recipients, recipients.length);
      e.recipientStatus = repeated(EXPIRED, recipients.length);
      this.after(recipients);
    } else {
      send(track, this.from, this.mx, this.mxHost, recipients);
      this.after([]);
    }
    return { done: true, value: undefined };
  }
}

function send(track: MessageTrack, from: Server, mx: string, mxHost: string, recipients: string[]): void {
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
  recipients: string[],
): DraftEvent {
  const e = track.emit(eventId, 'SMTP', from, recipients, recipients.length);
  e.clientIp = from.ip;
  e.clientHostname = from.name;
  e.serverIp = mxIp;
  e.serverHostname = mxHost;
  e.connectorId = OUTBOUND_CONNECTOR;
  return e;
}
