import { DEFERS_BEFORE_EXPIRY, DEFER_EXPIRE, OUTBOUND_DEFER, OUTBOUND_REJECT } from '../calibration.js';
import { hex8Upper } from '../ids.js';
import { repeated, type MessageTrack } from '../message-track.js';
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

/**
 * The hop to the Internet through the `Outbound to Internet` Send connector. Most messages are
 * accepted at once (SEND); some are deferred (DEFER, retried minutes apart with backoff) and then
 * either go through or expire (FAIL); a few are rejected by the remote server (FAIL 5.1.1).
 * Returns the recipients that failed (empty when the message was sent).
 */
export function sendToInternet(track: MessageTrack, from: Server, domain: ExternalDomain, recipients: string[]): string[] {
  const fate = track.ctx.fate;
  const mx = domain.mxIps[fate.int(domain.mxIps.length)];
  const r = fate.next();
  if (r < OUTBOUND_REJECT) {
    track.wait(150, 2500);
    const statuses = new Array<string>(recipients.length);
    for (let i = 0; i < recipients.length; i++) {
      statuses[i] = '550 5.1.1 <' + recipients[i] + '>: Recipient address rejected: User unknown';
    }
    hop(track, from, 'FAIL', mx, domain.mxHost, recipients).recipientStatus = statuses;
    return recipients;
  }
  if (r < OUTBOUND_REJECT + OUTBOUND_DEFER) {
    const expires = fate.chance(DEFER_EXPIRE);
    const defers = expires ? DEFERS_BEFORE_EXPIRY : fate.between(1, 3);
    track.wait(150, 2500);
    let delay = FIRST_RETRY_MS;
    for (let k = 0; k < defers; k++) {
      hop(track, from, 'DEFER', mx, domain.mxHost, recipients).recipientStatus = repeated(DEFERRED, recipients.length);
      track.wait(delay * 0.8, delay * 1.2);
      delay *= 2;
    }
    if (expires) {
      const e = track.emit('FAIL', 'QUEUE', from, recipients, recipients.length);
      e.recipientStatus = repeated(EXPIRED, recipients.length);
      return recipients;
    }
  } else {
    track.wait(150, 2500);
  }
  const e = hop(track, from, 'SEND', mx, domain.mxHost, recipients);
  e.recipientStatus = repeated(RECIPIENT_OK, recipients.length);
  e.sourceContext = ';250 2.0.0 Ok: queued as ' + hex8Upper(fate.uint32()) + ';ClientSubmitTime:';
  e.customData = track.ctx.internetData;
  return [];
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
