import { GROUP_SHARE, INBOUND_CATEGORIES, INBOUND_RECIPIENTS } from '../calibration.js';
import { messageSize } from '../content/sizes.js';
import { subjectFor, type Category } from '../content/subjects.js';
import { inboundVerdict } from '../content/verdicts.js';
import { exchangeMessageId, guid } from '../ids.js';
import { MessageTrack, repeated, type Flow, type MessageFacts } from '../message-track.js';
import { cumulate, pickCumulative } from '../rng.js';
import type { SimContext } from '../sim-context.js';
import { addressIn, COUNTRIES } from '../world/geo.js';
import { SPAM_TLDS, SPAM_WORDS } from '../world/names.js';
import { categorize, TARGET_GROUP, type Target } from './categorize.js';
import { addInternalTargets, drawCount, envelopeOf } from './compose.js';
import { deliverToMailboxes } from './deliver.js';
import { discardShadow, makeShadow } from './shadow.js';

const CATEGORIES = Object.keys(INBOUND_CATEGORIES) as Category[];
const CATEGORY_WEIGHTS = cumulate(Object.values(INBOUND_CATEGORIES));
const SPAM_COUNTRIES = cumulate(COUNTRIES.map((c) => c.spamWeight));
const REJECTED_AS_SPAM = '550 5.7.1 Message rejected as spam by Content Filtering.';

/** Who sent an inbound message, from where. */
interface Origin {
  readonly sender: string;
  readonly host: string;
  readonly ip: string;
  readonly country: string;
  readonly trusted: boolean;
}

function originOf(ctx: SimContext, category: Category): Origin {
  const c = ctx.content;
  if (category === 'spam' || category === 'phishing') {
    // Throw-away domains on consumer lines of the usual spam-source countries.
    const country = COUNTRIES[pickCumulative(c, SPAM_COUNTRIES)];
    const domain = c.pick(SPAM_WORDS) + '-' + c.pick(SPAM_WORDS) + c.between(1, 999) + '.' + c.pick(SPAM_TLDS);
    return {
      sender: c.pick(SPAM_WORDS) + '@' + domain,
      host: 'mail' + c.between(1, 99) + '.' + domain,
      ip: addressIn(c, country),
      country: country.code,
      trusted: false,
    };
  }
  const dir = ctx.directory;
  const domain = dir.externals[pickCumulative(c, dir.externalActivity)];
  const sender =
    category === 'business' ? c.pick(domain.people) : (category === 'newsletter' ? 'news@' : 'notifications@') + domain.name;
  return {
    sender,
    host: domain.mxHost,
    ip: domain.mxIps[c.int(domain.mxIps.length)],
    country: domain.country.code,
    trusted: domain.trusted && category !== 'newsletter',
  };
}

/**
 * Mail from the Internet: RECEIVE on a front end (F\Default Frontend F) proxied to the backend
 * transport of the first recipient's server (RECEIVE, S\Default S) → AGENTINFO with the anti-spam
 * verdict → DROP (spam at the delete threshold, phishing) or HAREDIRECT → categorizer → delivery →
 * HADISCARD on the shadow.
 */
export function* simulateInbound(ctx: SimContext, at: number): Flow {
  const c = ctx.content;
  const dir = ctx.directory;
  const servers = ctx.topology.servers;
  const category = CATEGORIES[pickCumulative(c, CATEGORY_WEIGHTS)];
  const origin = originOf(ctx, category);

  const targets: Target[] = [];
  addInternalTargets(ctx, targets, -1, -1, drawCount(c, INBOUND_RECIPIENTS), GROUP_SHARE.inbound);
  const first = targets[0].kind === TARGET_GROUP ? dir.groups[targets[0].index].members[0] : targets[0].index;
  const backend = servers[dir.mailboxes[first].server];
  const frontend = servers[c.int(servers.length)];

  const facts: MessageFacts = {
    messageId: exchangeMessageId(ctx.ids, origin.host),
    networkMessageId: guid(ctx.ids),
    subject: subjectFor(c, category),
    sender: origin.sender,
    returnPath: origin.sender,
    totalBytes: messageSize(c, category),
    directionality: 'Incoming',
    direction: 'inbound',
    messageInfo: new Date(at - c.between(300, 5_000)).toISOString(),
  };
  const envelope = envelopeOf(targets);
  const track = new MessageTrack(ctx, facts, at);

  let e = track.emit('RECEIVE', 'SMTP', frontend, envelope, envelope.length);
  e.clientIp = origin.ip;
  e.clientHostname = origin.host;
  e.clientCountry = origin.country;
  e.connectorId = frontend.frontendConnector;
  e.sourceContext = ctx.nextSession(frontend.index) + ';' + new Date(track.ts).toISOString() + ';0';
  yield track.wait(15, 300);
  e = track.emit('RECEIVE', 'SMTP', backend, envelope, envelope.length);
  e.clientIp = frontend.ip;
  e.clientHostname = frontend.fqdn;
  e.connectorId = backend.defaultConnector;
  e.sourceContext = ctx.nextSession(backend.index) + ';' + new Date(track.ts).toISOString() + ';0';
  e.originalClientIp = origin.ip;
  e.originalServerIp = frontend.ip;
  e.customData =
    'S:ProxyHop1=' + frontend.fqdn + '(' + frontend.ip + ');S:FromEntity=Internet;S:ProxiedClientIPAddress=' +
    origin.ip + ';S:ProxiedClientHostname=' + origin.host + ';' + ctx.accountForestData;

  const verdict = inboundVerdict(ctx.fate, category, origin.trusted, origin.country);
  yield track.wait(20, 500);
  e = track.emit('AGENTINFO', 'AGENT', backend, envelope, envelope.length);
  e.clientHostname = backend.name;
  e.originalClientIp = origin.ip;
  e.customData = verdict.customData;
  if (verdict.drop) {
    yield track.wait(1, 30);
    e = track.emit('DROP', 'AGENT', backend, envelope, envelope.length);
    e.sourceContext = 'Content Filter Agent';
    e.recipientStatus = repeated(REJECTED_AS_SPAM, envelope.length);
    return;
  }
  const peer = yield* makeShadow(track, backend, envelope);
  const routing = yield* categorize(track, backend, targets);
  yield* deliverToMailboxes(track, backend, routing.deliverTo);
  yield* discardShadow(track, backend, peer, envelope);
}
