import { MessageTrack, type MessageFacts, type Resumable } from '../message-track.js';
import type { ParkedMessage } from '../parking-lot.js';
import type { SimContext } from '../sim-context.js';
import type { Server } from '../world/topology.js';
import { bounce } from './dsn.js';
import { deferAgain, expire, retryDelay, send, type DeferredHop } from './outbound.js';
import { discardShadow } from './shadow.js';

/**
 * What a submitted message does once its hop to the Internet is over: the recipients that
 * failed get a DSN, and the shadow copy on the peer is discarded.
 */
export function afterInternetHop(track: MessageTrack, server: Server, senderIndex: number, peer: number, envelope: readonly string[], failed: readonly string[]): void {
  const ctx = track.ctx;
  if (failed.length > 0) bounce(ctx, track.ts, server, track.facts, senderIndex, failed);
  ctx.spawn(discardShadow(track, server, peer, envelope), track.ts);
}

/**
 * A submitted message whose hop to the Internet was deferred, parked until its next retry.
 *
 * At 20,000 events/s some 43,000 messages wait at once, for up to 40 minutes, so a parked message
 * is a slot of the simulation's ParkingLot (columns) behind this two-field handle: no
 * generator frame, no closure for what follows, no track or facts objects (those are rebuilt for
 * the moment of each retry and die young).
 */
export class ParkedSubmission implements Resumable {
  private readonly slot: number;

  /** Parks `track` (its message submitted on `server`) after its hop was deferred as `hop`; the
   *  first retry is due at `firstTry`. */
  private readonly ctx: SimContext;

  constructor(
    track: MessageTrack,
    firstTry: number,
    created: number,
    server: Server,
    senderIndex: number,
    peer: number,
    envelope: readonly string[],
    recipients: readonly string[],
    hop: DeferredHop,
  ) {
    const f = track.facts;
    this.ctx = track.ctx;
    this.slot = this.ctx.parked.park({
      messageId: f.messageId,
      networkMessageId: f.networkMessageId,
      subject: f.subject,
      totalBytes: f.totalBytes,
      created,
      ts: firstTry,
      server: server.index,
      idOnServer: track.idOn(server.index),
      peer,
      idOnPeer: peer < 0 ? 0 : track.idOn(peer),
      senderIndex,
      mx: hop.mx,
      mxHost: hop.mxHost,
      envelope,
      // The envelope itself when they are all of it, else an exact-size copy (an array built by
      // push has room for 17: 150 B for one address).
      recipients: sameList(recipients, envelope) ? envelope : recipients.slice(),
      defers: hop.deferral.defers,
      expires: hop.deferral.expires,
    });
  }

  next(): IteratorResult<number, void> {
    const lot = this.ctx.parked;
    const m = lot.read(this.slot);
    const track = this.resume(m);
    const server = this.ctx.topology.servers[m.server];
    if (m.retries < m.defers) {
      deferAgain(track, server, m.mx, m.mxHost, m.recipients);
      const at = retryDelay(track, m.retries);
      lot.retried(this.slot, track.ts);
      return { done: false, value: at };
    }
    lot.release(this.slot);
    if (m.expires) expire(track, server, m.recipients);
    else send(track, server, m.mx, m.mxHost, m.recipients);
    afterInternetHop(track, server, m.senderIndex, m.peer, m.envelope, m.expires ? m.recipients : []);
    return { done: true, value: undefined };
  }

  /** The message's track as it was when parked, at the instant of its retry. */
  private resume(m: ParkedMessage): MessageTrack {
    const sender = this.ctx.directory.mailboxes[m.senderIndex].address;
    const facts: MessageFacts = {
      messageId: m.messageId,
      networkMessageId: m.networkMessageId,
      subject: m.subject,
      sender,
      returnPath: sender,
      totalBytes: m.totalBytes,
      directionality: 'Originating',
      direction: 'outbound',
      messageInfo: new Date(m.created).toISOString(),
    };
    const track = new MessageTrack(this.ctx, facts, m.ts);
    track.restoreId(m.server, m.idOnServer);
    if (m.peer >= 0) track.restoreId(m.peer, m.idOnPeer);
    return track;
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
