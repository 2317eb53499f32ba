import { repeated, type Flow, type MessageTrack } from '../message-track.js';
import type { Server } from '../world/topology.js';

/** How a recipient was addressed on the envelope. */
export const TARGET_MAILBOX = 0;
/** By a secondary proxy address: RESOLVE to the primary one. */
export const TARGET_ALIAS = 1;
/** A distribution group: EXPAND to its members. */
export const TARGET_GROUP = 2;
/** An internal address that does not exist: FAIL 5.1.1 in the categorizer. */
export const TARGET_UNKNOWN = 3;
/** Outside the organisation. */
export const TARGET_EXTERNAL = 4;

export interface Target {
  readonly kind: number;
  /** Mailbox or group index (TARGET_MAILBOX, TARGET_ALIAS, TARGET_GROUP); unused otherwise. */
  readonly index: number;
  /** The address as written on the envelope. */
  readonly address: string;
}

export interface Routing {
  /** Mailbox indexes to deliver to, each once. */
  readonly deliverTo: number[];
  readonly external: string[];
  /** Addresses the categorizer failed (FAIL logged). */
  readonly unknown: string[];
}

const RECIP_NOT_FOUND = '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found';

/**
 * The categorizer on `server`: resolves aliases (RESOLVE), expands groups with their real
 * members (EXPAND, related-recipient-address = the group), follows forwarding addresses
 * (REDIRECT), fails unknown internal addresses (FAIL), and forks the Internet-bound recipients off
 * a message that also has internal ones (TRANSFER). Each mailbox is delivered to once, however
 * many ways it was addressed.
 */
export function* categorize(track: MessageTrack, server: Server, targets: readonly Target[]): Flow<Routing> {
  const dir = track.ctx.directory;
  const routing: Routing = { deliverTo: [], external: [], unknown: [] };
  for (const t of targets) {
    switch (t.kind) {
      case TARGET_MAILBOX:
        yield* addMailbox(track, server, routing, t.index);
        break;
      case TARGET_ALIAS: {
        yield track.wait(2, 40);
        const e = track.emit('RESOLVE', 'ROUTING', server, [dir.mailboxes[t.index].address], 1);
        e.relatedRecipientAddress = t.address;
        yield* addMailbox(track, server, routing, t.index);
        break;
      }
      case TARGET_GROUP: {
        const group = dir.groups[t.index];
        yield track.wait(3, 80);
        const e = track.emit('EXPAND', 'ROUTING', server, group.memberAddresses, group.members.length);
        e.relatedRecipientAddress = group.address;
        for (const m of group.members) yield* addMailbox(track, server, routing, m);
        break;
      }
      case TARGET_UNKNOWN:
        routing.unknown.push(t.address);
        break;
      default:
        routing.external.push(t.address);
    }
  }
  if (routing.unknown.length > 0) {
    yield track.wait(2, 40);
    const e = track.emit('FAIL', 'ROUTING', server, routing.unknown, routing.unknown.length);
    e.recipientStatus = repeated(RECIP_NOT_FOUND, routing.unknown.length);
  }
  if (routing.external.length > 0 && (routing.deliverTo.length > 0 || routing.unknown.length > 0)) {
    // Bifurcation: the Internet-bound recipients move to a forked copy of the message.
    yield track.wait(1, 20);
    track.emit('TRANSFER', 'ROUTING', server, routing.external, routing.external.length);
  }
  return routing;
}

/** Adds a mailbox once per message, following its forwarding address (REDIRECT). The lists are
 *  short (a group is capped), so a scan beats a set; state shared between messages would not do,
 *  as other messages run while this one waits. */
function* addMailbox(track: MessageTrack, server: Server, routing: Routing, index: number): Flow {
  const boxes = track.ctx.directory.mailboxes;
  const forwardTo = boxes[index].forwardTo;
  if (forwardTo >= 0) {
    yield track.wait(2, 40);
    const e = track.emit('REDIRECT', 'ROUTING', server, [boxes[forwardTo].address], 1);
    e.relatedRecipientAddress = boxes[index].address;
    index = forwardTo;
  }
  if (!routing.deliverTo.includes(index)) routing.deliverTo.push(index);
}
