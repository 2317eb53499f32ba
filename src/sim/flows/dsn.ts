import { exchangeMessageId, guid } from '../ids.js';
import { MessageTrack, type Flow, type MessageFacts } from '../message-track.js';
import type { SimContext } from '../sim-context.js';
import type { Server } from '../world/topology.js';
import { deliverToMailboxes } from './deliver.js';

/**
 * The non-delivery report that follows a FAIL: a new message from Exchange's system mailbox with
 * return-path `<>`, whose reference is the failed message's Message-ID, generated on the server
 * that logged the FAIL and delivered to the original (internal) sender. A message of its own: it
 * starts a flow of its own at the instant of the FAIL.
 */
export function bounce(
  ctx: SimContext,
  failedAt: number,
  server: Server,
  original: MessageFacts,
  senderMailbox: number,
  failed: readonly string[],
): void {
  const sender = ctx.directory.mailboxes[senderMailbox];
  const facts: MessageFacts = {
    messageId: exchangeMessageId(ctx.ids, server.fqdn),
    networkMessageId: guid(ctx.ids),
    subject: 'Undeliverable: ' + original.subject,
    sender: ctx.dsnSender,
    returnPath: '<>',
    // The report plus the original's headers.
    totalBytes: ctx.content.between(4_000, 9_000) + (original.totalBytes > 8_000 ? 8_000 : original.totalBytes),
    directionality: 'Originating',
    direction: 'internal',
    messageInfo: new Date(failedAt).toISOString(),
  };
  ctx.spawn(report(new MessageTrack(ctx, facts, failedAt), server, original.messageId, sender.address, senderMailbox, failed[0]), failedAt);
}

function* report(track: MessageTrack, server: Server, reference: string, to: string, toMailbox: number, failed: string): Flow {
  yield track.wait(5, 300);
  const e = track.emit('DSN', 'DSN', server, [to], 1);
  e.reference = [reference];
  e.relatedRecipientAddress = failed;
  yield* deliverToMailboxes(track, server, [toMailbox]);
}
