/**
 * The ECS JSON document of a tracking event (shared/docs/message-tracking.md §4, the seed sample's
 * shape), written by string concatenation of precomputed fragments in one pass.
 *
 * Decided once: the `event` block per event-id (at load), and per logging server the whole tail
 * (observer, host, agent, elastic_agent, ecs, data_stream). Per event only values are filled in.
 * Absent or empty values are left out, never written as "".
 *
 * Field choices (ECS 8.11):
 * - `event.type` is always ["info"]: the only type ECS allows with category "email".
 * - `event.outcome` is "failure" for FAIL (5xx), DROP (discarded) and DEFER (the delivery attempt
 *   failed, if only temporarily); everything else, DSN included (the bounce was generated),
 *   is "success".
 * - `source.*` is the client side of the line (client-ip/-hostname), `destination.*` the server
 *   side when the line names a server IP: for an SMTP RECEIVE the remote client and us, for a SEND
 *   (or its DEFER/FAIL) us and the next hop. observer/host/agent name the logging server.
 * - `email.local_id` is the internal-message-id: ECS defines it as the id given by the source,
 *   not persistent across hops, which is exactly Exchange's per-server counter.
 * - `agent.type` is "filebeat", as in documents shipped by Elastic Agent (whose input is Filebeat);
 *   the agent itself appears as `elastic_agent.*`.
 */

import { createHash } from 'node:crypto';
import { EVENT_IDS, type EventId, type TrackingEvent } from '../sim/event.js';
import { DATA_STREAM_DATASET } from '../setup/index-template.js';
import { createIsoFormatter } from './iso-time.js';
import { jsonString } from './json-string.js';

export interface EcsEncoderSettings {
  namespace: string;
  agentId: string;
  agentVersion: string;
  /** The first server; its agent gets `agentId`, other servers a UUID derived from it. */
  hostname: string;
}

export const ECS_VERSION = '8.11.0';

const FAILURES: ReadonlySet<EventId> = new Set<EventId>(['FAIL', 'DROP', 'DEFER']);

/** `","event":{...},"email":{"direction":"` per event-id: closes @timestamp, opens email. */
const EVENT_FRAGMENTS = {} as Record<EventId, string>;
/** `,"microsoft_exchange":{"messagetracking":{"event_id":"X","source":"` per event-id. */
const TRACKING_FRAGMENTS = {} as Record<EventId, string>;
/** Event-ids that, from source SMTP, record an attempt to hand the message to the next hop. */
const SMTP_HOP = {} as Record<EventId, boolean>;
for (const id of EVENT_IDS) {
  SMTP_HOP[id] = id === 'SEND' || id === 'DEFER' || id === 'FAIL';
  EVENT_FRAGMENTS[id] =
    '","event":{"action":"' + id.toLowerCase() + '","category":["email"],"dataset":"' + DATA_STREAM_DATASET +
    '","kind":"event","module":"microsoft_exchange","outcome":"' + (FAILURES.has(id) ? 'failure' : 'success') +
    '","type":["info"]},"email":{"direction":"';
  TRACKING_FRAGMENTS[id] = ',"microsoft_exchange":{"messagetracking":{"event_id":"' + id + '","source":"';
}

/** A stable UUID (v5 layout) for the agent on another server of the organisation. */
function derivedAgentId(agentId: string, server: string): string {
  const h = createHash('sha1').update(agentId + '/' + server.toUpperCase()).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.toString('hex');
  return x.slice(0, 8) + '-' + x.slice(8, 12) + '-' + x.slice(12, 16) + '-' + x.slice(16, 20) + '-' + x.slice(20, 32);
}

/** Everything after `"observer":{[ip,]` for one logging server, through the document's end. */
function serverTail(s: EcsEncoderSettings, server: string): string {
  const short = server.split('.', 1)[0];
  const first = short.toUpperCase() === s.hostname.split('.', 1)[0].toUpperCase();
  const id = jsonString(first ? s.agentId : derivedAgentId(s.agentId, short));
  const name = jsonString(short);
  const version = jsonString(s.agentVersion);
  return (
    '"hostname":' + name + ',"product":"Exchange Server","vendor":"Microsoft"}' +
    ',"host":{"hostname":' + name + ',"name":' + name + '}' +
    ',"agent":{"id":' + id + ',"name":' + name + ',"type":"filebeat","version":' + version + '}' +
    ',"elastic_agent":{"id":' + id + ',"snapshot":false,"version":' + version + '}' +
    ',"ecs":{"version":"' + ECS_VERSION + '"}' +
    ',"data_stream":{"dataset":"' + DATA_STREAM_DATASET + '","namespace":' + jsonString(s.namespace) + ',"type":"logs"}}'
  );
}

/** `["a","b"]` without empty elements, or '' when nothing is left. */
function stringArray(values: readonly string[] | undefined): string {
  if (values === undefined) return '';
  let out = '';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v) out += (out ? ',' : '[') + jsonString(v);
  }
  return out && out + ']';
}

/** Appends `v` to the JSON array body `list` unless it is empty or already in `seen`. */
function addUnique(list: string, seen: Set<string>, v: string | undefined): string {
  if (!v || seen.has(v)) return list;
  seen.add(v);
  return list + (list ? ',' : '') + jsonString(v);
}

/** The rest of `email` after its direction, through the closing brace. */
function emailRest(ev: TrackingEvent): string {
  let d = '';
  if (ev.sender) d += ',"from":{"address":[' + jsonString(ev.sender) + ']}';
  const to = stringArray(ev.recipients);
  if (to) d += ',"to":{"address":' + to + '}';
  if (ev.subject) d += ',"subject":' + jsonString(ev.subject);
  if (ev.messageId) d += ',"message_id":' + jsonString(ev.messageId);
  return d + ',"local_id":"' + ev.internalMessageId + '"}';
}

/** `microsoft_exchange.messagetracking`: the CSV columns not already under `email`. */
function tracking(ev: TrackingEvent): string {
  // GUIDs, IPs, enums and numbers come from the simulation's fixed alphabets: no escaping.
  let d = TRACKING_FRAGMENTS[ev.eventId] + ev.source + '","directionality":"' + ev.directionality + '"';
  if (ev.sourceContext) d += ',"source_context":' + jsonString(ev.sourceContext);
  if (ev.connectorId) d += ',"connector_id":' + jsonString(ev.connectorId);
  d += ',"internal_message_id":' + ev.internalMessageId;
  if (ev.networkMessageId) d += ',"network_message_id":"' + ev.networkMessageId + '"';
  const status = stringArray(ev.recipientStatus);
  if (status) d += ',"recipient_status":' + status;
  d += ',"total_bytes":' + ev.totalBytes + ',"recipient_count":' + ev.recipientCount;
  if (ev.relatedRecipientAddress) d += ',"related_recipient_address":' + jsonString(ev.relatedRecipientAddress);
  const reference = stringArray(ev.reference);
  if (reference) d += ',"reference":' + reference;
  if (ev.returnPath) d += ',"return_path":' + jsonString(ev.returnPath);
  if (ev.messageInfo) d += ',"message_info":' + jsonString(ev.messageInfo);
  if (ev.clientIp) d += ',"client_ip":"' + ev.clientIp + '"';
  if (ev.clientHostname) d += ',"client_hostname":' + jsonString(ev.clientHostname);
  if (ev.serverIp) d += ',"server_ip":"' + ev.serverIp + '"';
  if (ev.serverHostname) d += ',"server_hostname":' + jsonString(ev.serverHostname);
  if (ev.originalClientIp) d += ',"original_client_ip":"' + ev.originalClientIp + '"';
  if (ev.originalServerIp) d += ',"original_server_ip":"' + ev.originalServerIp + '"';
  if (ev.customData) d += ',"custom_data":' + jsonString(ev.customData);
  if (ev.transportTrafficType) d += ',"transport_traffic_type":' + jsonString(ev.transportTrafficType);
  if (ev.logId) d += ',"log_id":"' + ev.logId + '"';
  if (ev.schemaVersion) d += ',"schema_version":"' + ev.schemaVersion + '"';
  if (ev.tenantId) d += ',"tenant_id":' + jsonString(ev.tenantId);
  return d + '}}';
}

/** `source` from the client columns, `destination` from the server columns with an IP. */
function endpoints(ev: TrackingEvent): string {
  let d = '';
  if (ev.clientIp || ev.clientHostname) {
    d += ',"source":{';
    if (ev.clientIp) d += '"ip":"' + ev.clientIp + '"' + (ev.clientHostname ? ',' : '');
    if (ev.clientHostname) d += '"domain":' + jsonString(ev.clientHostname);
    if (ev.clientIp && ev.clientCountry) d += ',"geo":{"country_iso_code":"' + ev.clientCountry + '"}';
    d += '}';
  }
  if (ev.serverIp) {
    d += ',"destination":{"ip":"' + ev.serverIp + '"';
    if (ev.serverHostname) d += ',"domain":' + jsonString(ev.serverHostname);
    d += '}';
  }
  return d;
}

/** `related.ip` and `related.user`, each value once. */
function related(ev: TrackingEvent): string {
  // A Set, not a linear scan: group expansions carry hundreds of recipients.
  const seen = new Set<string>();
  let ips = addUnique('', seen, ev.clientIp);
  ips = addUnique(ips, seen, ev.serverIp);
  ips = addUnique(ips, seen, ev.originalClientIp);
  ips = addUnique(ips, seen, ev.originalServerIp);
  let users = addUnique('', seen, ev.sender);
  for (let i = 0; i < ev.recipients.length; i++) users = addUnique(users, seen, ev.recipients[i]);
  users = addUnique(users, seen, ev.relatedRecipientAddress);
  if (!ips && !users) return '';
  if (!users) return ',"related":{"ip":[' + ips + ']}';
  return ',"related":{' + (ips ? '"ip":[' + ips + '],' : '') + '"user":[' + users + ']}';
}

export function createEcsEncoder(s: EcsEncoderSettings): (ev: TrackingEvent) => string {
  const iso = createIsoFormatter();
  const tails = new Map<string, string>();

  return (ev: TrackingEvent): string => {
    // An outgoing SMTP hop (SEND, or a DEFER/FAIL of the attempt) is logged by the sending
    // server, which Exchange puts in the client columns, the next hop in the server columns;
    // every other line names the logging server in server-hostname.
    const outgoing = ev.source === 'SMTP' && SMTP_HOP[ev.eventId] && !!ev.clientHostname;
    const server = outgoing ? (ev.clientHostname as string) : ev.serverHostname;
    const localIp = outgoing ? ev.clientIp : ev.serverIp;
    let tail = tails.get(server);
    if (tail === undefined) {
      tail = serverTail(s, server);
      tails.set(server, tail);
    }

    const d =
      '{"@timestamp":"' + iso(ev.ts) + EVENT_FRAGMENTS[ev.eventId] + ev.direction + '"' +
      emailRest(ev) + tracking(ev) + endpoints(ev) + related(ev) + ',"observer":{';
    return (localIp ? d + '"ip":["' + localIp + '"],' : d) + tail;
  };
}
