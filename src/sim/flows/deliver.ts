import { repeated, type Flow, type MessageTrack } from '../message-track.js';
import type { Server } from '../world/topology.js';

const INTRA_ORG_CONNECTOR = 'Intra-Organization SMTP Send Connector';
const RECIPIENT_OK = '250 2.1.5 Recipient OK';

/** Sorts mailbox indexes by route key (server, then database); lists are short: insertion sort. */
function sortByRoute(mailboxes: number[], keys: readonly { readonly routeKey: number }[]): void {
  for (let i = 1; i < mailboxes.length; i++) {
    const m = mailboxes[i];
    const k = keys[m].routeKey;
    let j = i - 1;
    while (j >= 0 && keys[mailboxes[j]].routeKey > k) {
      mailboxes[j + 1] = mailboxes[j];
      j--;
    }
    mailboxes[j + 1] = m;
  }
}

/**
 * Delivers to mailboxes from the transport on `from`: recipients on `from` itself first, then one
 * SEND per other DAG member (Intra-Organization SMTP Send Connector), and one DELIVER per mailbox
 * database batch on the server holding its active copy (several recipients on one line, as
 * Exchange logs a delivery batch). Mutates (sorts) `mailboxes`.
 */
export function* deliverToMailboxes(track: MessageTrack, from: Server, mailboxes: number[]): Flow {
  if (mailboxes.length === 0) return;
  const ctx = track.ctx;
  const boxes = ctx.directory.mailboxes;
  sortByRoute(mailboxes, boxes);
  // Local segment first: no SMTP hop, the local Mailbox Transport Delivery takes it.
  let start = 0;
  while (start < mailboxes.length && boxes[mailboxes[start]].server < from.index) start++;
  let end = start;
  while (end < mailboxes.length && boxes[mailboxes[end]].server === from.index) end++;
  if (end > start) yield* deliverOnServer(track, from, mailboxes, start, end);
  for (let i = 0; i < mailboxes.length; ) {
    const server = boxes[mailboxes[i]].server;
    let j = i + 1;
    while (j < mailboxes.length && boxes[mailboxes[j]].server === server) j++;
    if (server !== from.index) {
      const to = ctx.topology.servers[server];
      const recipients = addresses(track, mailboxes, i, j);
      yield track.wait(30, 400);
      const e = track.emit('SEND', 'SMTP', from, recipients, recipients.length);
      // In a SEND line the logging server is the SMTP client and the next hop the server.
      e.clientIp = from.ip;
      e.clientHostname = from.name;
      e.serverIp = to.ip;
      e.serverHostname = to.fqdn;
      e.connectorId = INTRA_ORG_CONNECTOR;
      e.sourceContext =
        ';250 2.6.0 ' + track.facts.messageId + ' [InternalId=' + track.idOn(server) + ', Hostname=' + to.fqdn + '] Queued mail for delivery';
      e.recipientStatus = repeated(RECIPIENT_OK, recipients.length);
      e.customData = ctx.intraOrgData;
      yield* deliverOnServer(track, to, mailboxes, i, j);
    }
    i = j;
  }
}

function addresses(track: MessageTrack, mailboxes: readonly number[], from: number, to: number): string[] {
  const boxes = track.ctx.directory.mailboxes;
  const out = new Array<string>(to - from);
  for (let i = from; i < to; i++) out[i - from] = boxes[mailboxes[i]].address;
  return out;
}

/** One DELIVER per database among mailboxes[from, to) (all on `server`, sorted by database). */
function* deliverOnServer(track: MessageTrack, server: Server, mailboxes: readonly number[], from: number, to: number): Flow {
  const ctx = track.ctx;
  const boxes = ctx.directory.mailboxes;
  for (let i = from; i < to; ) {
    const db = boxes[mailboxes[i]].database;
    let j = i + 1;
    while (j < to && boxes[mailboxes[j]].database === db) j++;
    const recipients = addresses(track, mailboxes, i, j);
    yield track.wait(20, 600);
    const e = track.emit('DELIVER', 'STOREDRIVER', server, recipients, recipients.length);
    e.clientIp = server.ip;
    e.clientHostname = server.fqdn;
    e.customData = ctx.topology.databases[db].deliverCustomData;
    i = j;
  }
}
