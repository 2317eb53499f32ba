import {
  AGENTINFO_INTERNAL,
  GROUP_SHARE,
  INTERNAL_RECIPIENTS,
  OUTBOX_SCOPE,
  SYSTEM_EXTERNAL_SHARE,
  UNKNOWN_RECIPIENT,
} from '../calibration.js';
import { messageSize } from '../content/sizes.js';
import { subjectFor } from '../content/subjects.js';
import { exchangeMessageId, guid } from '../ids.js';
import { MessageTrack, type Flow, type MessageFacts } from '../message-track.js';
import { pickCumulative } from '../rng.js';
import type { SimContext } from '../sim-context.js';
import type { ExternalDomain } from '../world/directory.js';
import { categorize, TARGET_MAILBOX, TARGET_UNKNOWN, type Target } from './categorize.js';
import { addExternalTargets, addInternalTargets, drawCount, envelopeOf } from './compose.js';
import { deliverToMailboxes } from './deliver.js';
import { bounce } from './dsn.js';
import { sendToInternet, type Deferral } from './outbound.js';
import { afterInternetHop, ParkedSubmission } from './parked.js';
import { discardShadow, makeShadow } from './shadow.js';

/** Clients users send from (ClientType of the submission), most through Outlook (MOMT). */
const USER_CLIENTS = ['MOMT', 'MOMT', 'MOMT', 'MOMT', 'OWA', 'OWA', 'AirSync', 'AirSync', 'EWS', 'RpcHttp'];
const MESSAGE_CLASSES = ['IPM.Note', 'IPM.Note', 'IPM.Note', 'IPM.Note', 'IPM.Note', 'IPM.Note', 'IPM.Note', 'IPM.Note', 'IPM.Note', 'IPM.Schedule.Meeting.Request'];
const OUTBOX_ASSISTANT = ', SubmissionAssistant:MailboxTransportSubmissionEmailAssistant';

/**
 * Mail submitted from a mailbox on its server S, in Microsoft's order: NOTIFYMAPI (only when a
 * user's client put it in the Outbox) → RECEIVE (STOREDRIVER) → SUBMIT → HAREDIRECT → RECEIVE
 * (SMTP, S\Default S) → AGENTINFO → categorizer → SEND/DELIVER inside the DAG and/or SEND to the
 * Internet → HADISCARD on the shadow; a FAIL anywhere is followed by a DSN to the sender.
 *
 * `deferral` makes it a message whose hop to the Internet is deferred that way: its recipients
 * are drawn given that it has external ones (the simulation's steady start, which needs only
 * the messages still in flight after minutes, draws exactly those).
 */
export function* simulateSubmission(ctx: SimContext, at: number, fromOutbox: boolean, deferral?: Deferral): Flow {
  const c = ctx.content;
  const dir = ctx.directory;
  const senderIndex = fromOutbox ? pickCumulative(c, dir.senderActivity) : c.pick(dir.services);
  const sender = dir.mailboxes[senderIndex];
  const server = ctx.topology.servers[sender.server];

  const targets: Target[] = [];
  let domain: ExternalDomain | undefined;
  const r = deferral === undefined ? c.next() : externalScope(c.next(), fromOutbox);
  const internal = fromOutbox ? r < OUTBOX_SCOPE.internal + OUTBOX_SCOPE.mixed : r >= SYSTEM_EXTERNAL_SHARE;
  const external = fromOutbox ? r >= OUTBOX_SCOPE.internal : !internal;
  if (internal) {
    const count = drawCount(c, INTERNAL_RECIPIENTS);
    addInternalTargets(ctx, targets, senderIndex, sender.department, count, fromOutbox ? GROUP_SHARE.outbox : GROUP_SHARE.system);
    if (fromOutbox && c.chance(UNKNOWN_RECIPIENT)) {
      // A mistyped colleague: the last letter doubled gives an address no one has.
      const local = dir.mailboxes[c.int(dir.people)].address.split('@');
      targets.push({ kind: TARGET_UNKNOWN, index: -1, address: local[0] + local[0].slice(-1) + '@' + local[1] });
    }
    if (targets.length === 0) {
      const fallback = dir.services[0] === senderIndex ? dir.services[1] : dir.services[0];
      targets.push({ kind: TARGET_MAILBOX, index: fallback, address: dir.mailboxes[fallback].address });
    }
  }
  if (external) domain = addExternalTargets(ctx, targets);

  const category = fromOutbox ? 'business' : 'automated';
  const created = at - c.between(2_000, 600_000);
  const createdIso = new Date(created).toISOString();
  const facts: MessageFacts = {
    messageId: exchangeMessageId(ctx.ids, server.fqdn),
    networkMessageId: guid(ctx.ids),
    subject: subjectFor(c, category),
    sender: sender.address,
    returnPath: sender.address,
    totalBytes: messageSize(c, category),
    directionality: 'Originating',
    direction: external ? 'outbound' : 'internal',
    messageInfo: createdIso,
  };
  const envelope = envelopeOf(targets);
  const track = new MessageTrack(ctx, facts, at);
  const database = ctx.topology.databases[sender.database];
  const mailboxContext =
    'MDB:' + database.guid + ', Mailbox:' + sender.mailboxGuid + ', Event:' + ctx.nextMailboxEvent(sender.database) +
    ', MessageClass:' + (fromOutbox ? c.pick(MESSAGE_CLASSES) : 'IPM.Note') + ', CreationTime:' + createdIso +
    ', ClientType:' + (fromOutbox ? c.pick(USER_CLIENTS) : 'EWS');

  if (fromOutbox) {
    const e = track.emit('NOTIFYMAPI', 'STOREDRIVER', server, envelope, envelope.length);
    e.clientIp = server.ip;
    e.clientHostname = server.name;
    e.sourceContext = mailboxContext + OUTBOX_ASSISTANT;
    yield track.wait(3, 60);
  }
  let e = track.emit('RECEIVE', 'STOREDRIVER', server, envelope, envelope.length);
  e.clientIp = server.ip;
  e.clientHostname = server.fqdn;
  yield track.wait(3, 50);
  e = track.emit('SUBMIT', 'STOREDRIVER', server, envelope, envelope.length);
  e.clientIp = server.ip;
  e.clientHostname = server.fqdn;
  e.sourceContext = mailboxContext;
  const peer = yield* makeShadow(track, server, envelope);
  yield track.wait(3, 60);
  e = track.emit('RECEIVE', 'SMTP', server, envelope, envelope.length);
  e.clientIp = server.ip;
  e.clientHostname = server.fqdn;
  e.connectorId = server.defaultConnector;
  e.sourceContext = ctx.nextSession(server.index) + ';' + new Date(track.ts).toISOString() + ';0';
  e.customData = ctx.accountForestData;
  if (external || ctx.fate.chance(AGENTINFO_INTERNAL)) {
    yield track.wait(20, 400);
    e = track.emit('AGENTINFO', 'AGENT', server, envelope, envelope.length);
    e.clientHostname = server.name;
    e.customData = external ? ctx.originatingDataExternal : ctx.originatingData;
  }

  const routing = yield* categorize(track, server, targets);
  if (routing.unknown.length > 0) bounce(ctx, track.ts, server, facts, senderIndex, routing.unknown);
  yield* deliverToMailboxes(track, server, routing.deliverTo);
  if (domain === undefined) return yield* discardShadow(track, server, peer, envelope);
  const hop = yield* sendToInternet(track, server, domain, routing.external, deferral);
  if (!('deferral' in hop)) return afterInternetHop(track, server, senderIndex, peer, envelope, hop);
  const firstTry = track.wait(150, 2500);
  ctx.spawn(new ParkedSubmission(track, firstTry, created, server, senderIndex, peer, envelope, routing.external, hop), firstTry);
}

/** The scope draw `r` of a message known to have external recipients, from a uniform `u`:
 *  uniform over the part of [0, 1) that gives external recipients. */
function externalScope(u: number, fromOutbox: boolean): number {
  return fromOutbox ? OUTBOX_SCOPE.internal + u * (1 - OUTBOX_SCOPE.internal) : u * SYSTEM_EXTERNAL_SHARE;
}
