import type { Directionality, EventId, EventSource, MailDirection } from './event.js';
import type { DraftEvent, SimContext } from './sim-context.js';
import type { Server } from './world/topology.js';

export const SCHEMA_VERSION = '15.02.1544.009';

/** `n` copies of a per-recipient status (recipient-status has one value per recipient). */
export function repeated(value: string, n: number): string[] {
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) out[i] = value;
  return out;
}

/** What stays constant over a message's life (and is copied into each of its events). */
export interface MessageFacts {
  readonly messageId: string;
  readonly networkMessageId: string;
  readonly subject: string;
  readonly sender: string;
  readonly returnPath: string;
  readonly totalBytes: number;
  readonly directionality: Directionality;
  readonly direction: MailDirection;
  /** message-info: the origination time, as Exchange writes it first in that column. */
  readonly messageInfo: string;
}

/**
 * A message's life as a coroutine: it runs until its next event lies in the future, yields that
 * instant, and the scheduler resumes it then. So an event object is made only when it is due and
 * dies young, and a message waiting minutes for a retry costs its few locals, not its future
 * events (at 20,000 events/s, holding whole pre-simulated lives kept ~155,000 events alive).
 */
export type Flow<T = void> = Generator<number, T, void>;
/** What the scheduler resumes: a flow, or a hand-written state machine of the same protocol. */
export type Resumable = Iterator<number, void, void>;

/**
 * One message's life as it is being simulated: a time cursor that only moves forward (so its
 * events are strictly increasing, ties broken by +1 ms), its internal-message-id on each server,
 * and the factory that puts its events on the heap.
 */
export class MessageTrack {
  ts: number;
  private lastTs = -Infinity;
  private readonly internalIds: number[];

  constructor(
    readonly ctx: SimContext,
    readonly facts: MessageFacts,
    start: number,
  ) {
    this.ts = start;
    this.internalIds = new Array<number>(ctx.topology.servers.length).fill(0);
  }

  /** Gives the message the internal-message-id it already had on a server (a parked message
   *  resumed); 0 means none. */
  restoreId(server: number, id: number): void {
    this.internalIds[server] = id;
  }

  /** Advances the clock by a latency drawn in [minMs, maxMs] and returns the new instant: a
   *  flow yields it (`yield track.wait(a, b)`) to be resumed when that moment comes. */
  wait(minMs: number, maxMs: number): number {
    return (this.ts += this.ctx.timing.between(minMs, maxMs));
  }

  /** The message's internal-message-id on a server, allocated on first use. */
  idOn(server: number): number {
    const id = this.internalIds[server];
    return id !== 0 ? id : (this.internalIds[server] = this.ctx.nextInternalId(server));
  }

  /**
   * Schedules an event logged on `server` at the current time and returns it for the caller to
   * fill in the optional columns. Every column is present (undefined when empty) so all events
   * share one hidden class.
   */
  emit(eventId: EventId, source: EventSource, server: Server, recipients: readonly string[], recipientCount: number): DraftEvent {
    if (this.ts <= this.lastTs) this.ts = this.lastTs + 1;
    this.lastTs = this.ts;
    const internalMessageId = this.idOn(server.index);
    this.ctx.eventsMade++;
    if (this.ts < this.ctx.releaseFrom) return this.ctx.discarded;
    const f = this.facts;
    const event: DraftEvent = {
      ts: this.ts,
      seq: 0,
      eventId,
      source,
      clientIp: undefined,
      clientHostname: undefined,
      serverIp: server.ip,
      serverHostname: server.name,
      sourceContext: undefined,
      connectorId: undefined,
      internalMessageId,
      messageId: f.messageId,
      networkMessageId: f.networkMessageId,
      recipients,
      recipientStatus: undefined,
      totalBytes: f.totalBytes,
      recipientCount,
      relatedRecipientAddress: undefined,
      reference: undefined,
      subject: f.subject,
      sender: f.sender,
      returnPath: f.returnPath,
      messageInfo: f.messageInfo,
      directionality: f.directionality,
      tenantId: undefined,
      originalClientIp: undefined,
      originalServerIp: undefined,
      customData: undefined,
      transportTrafficType: 'Email',
      logId: this.ctx.newLogId(),
      schemaVersion: SCHEMA_VERSION,
      direction: f.direction,
      clientCountry: undefined,
    };
    this.ctx.events.push(this.ts, event);
    return event;
  }
}
