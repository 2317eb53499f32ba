/**
 * The ingest pipeline of the raw-ingest mode (issue 7): it turns the document of
 * src/encode/raw.ts (the MSGTRK*.LOG line in `message`, plus the collector's fields) into the ECS
 * document the direct mode sends (src/encode/ecs.ts): same fields, same types, same values.
 *
 * Only processors both engines have (Elasticsearch 8/9 and OpenSearch 2.x, forked at 7.10): csv,
 * date, split, convert, set, append, foreach, lowercase, remove and painless `script`. Templates
 * use triple braces so values are not HTML-escaped. Painless runs only where no processor can:
 * the column count check and `email.direction`.
 *
 * Intended differences from the direct document (test/integration/raw-ingest.test.ts):
 * - `source.geo.country_iso_code` is absent: the country is not in the line (a GeoIP lookup
 *   would supply it where the cluster has one; OpenSearch's embedded test node has not);
 * - `email.direction` is derived from the line: Incoming → inbound; Originating → outbound when a
 *   recipient's domain differs from the sender's, internal otherwise. The simulation knows the
 *   message's direction; a line shows only its own recipients (the DELIVER of a message also sent
 *   outside lists the local mailboxes only, a NOTIFYMAPI none), so it can say internal for outbound.
 *
 * A malformed line is rejected with status 400 (never 500: the bulk sink re-sends item 5xx, see
 * src/sinks/elasticsearch/classify.ts, so a `fail` processor, which answers 500, would be retried
 * forever instead of dead-lettered). The message names the problem: "expected 30 columns, got N".
 */

import { DATA_STREAM_DATASET } from './index-template.js';
import { ECS_VERSION } from '../encode/ecs.js';
import { CSV_ECS_FIELDS, CSV_FIELDS } from '../encode/exchange-csv.js';

const MT = 'microsoft_exchange.messagetracking.';
/** The same path as a painless null-safe access, e.g. `ctx.microsoft_exchange?.messagetracking?.`. */
const CTX_MT = 'ctx.microsoft_exchange?.messagetracking?.';
// The sender lands in `email.from.address` as a one-element array, so it is parsed aside first;
// a column past the 30th lands in `_tmp.extra` and marks the line as malformed.
const CSV_TARGETS = [...CSV_ECS_FIELDS.map((f) => (f === 'email.from.address' ? '_tmp.sender' : f)), '_tmp.extra'];

// As ecs.ts: FAIL (5xx), DROP and DEFER (the attempt failed, if only for now) are failures.
const FAILED = `['FAIL', 'DROP', 'DEFER'].contains(${CTX_MT}event_id)`;

/** Counts the columns of `message` (commas outside quotes) and rejects the line unless 30. */
const CHECK_COLUMNS = `
int n = 1; boolean quoted = false; String m = ctx.message;
for (int i = 0; i < m.length(); i++) {
  char c = m.charAt(i);
  if (c == (char) '"') { quoted = !quoted; } else if (c == (char) ',' && !quoted) { n++; }
}
if (n != ${CSV_FIELDS.length}) { throw new IllegalArgumentException('expected ${CSV_FIELDS.length} columns, got ' + n); }`;

/** Incoming → inbound; Originating → outbound when a recipient's domain is not the sender's. */
const DIRECTION = `
String dir = ${CTX_MT}directionality;
if (dir == 'Incoming') { ctx.email.direction = 'inbound'; return; }
String from = ctx._tmp?.sender;
String home = from == null || from.indexOf('@') < 0 ? '' : from.substring(from.lastIndexOf('@') + 1).toLowerCase();
String out = 'internal';
List to = ctx.email.to?.address;
if (to != null) {
  for (def a : to) {
    int at = a.lastIndexOf('@');
    if (at >= 0 && a.substring(at + 1).toLowerCase() != home) { out = 'outbound'; break; }
  }
}
ctx.email.direction = out;`;

type Processor = Record<string, Record<string, unknown>>;

/** `field` = `value` (a template) when `cond` (painless) holds. */
function setIf(field: string, value: string, cond: string): Processor {
  return { set: { field, value, if: cond } };
}

/** Appends the value of `from` to the array `field` once, when `from` is present. */
function appendUnique(field: string, from: string): Processor {
  return { append: { field, value: '{{{' + from + '}}}', allow_duplicates: false, if: present(from) } };
}

function present(path: string): string {
  return 'ctx.' + path.split('.').join('?.') + ' != null';
}

// An outgoing SMTP hop (SEND, or the DEFER/FAIL of that attempt) is logged by the sending server,
// named in the client columns (sinks/exchange-log/logging-server.ts, ecs.ts).
const OUTGOING = `${CTX_MT}source == 'SMTP' && ['SEND', 'DEFER', 'FAIL'].contains(${CTX_MT}event_id) && ${CTX_MT}client_hostname != null`;

const PROCESSORS: Processor[] = [
  { csv: { field: 'message', target_fields: CSV_TARGETS } },
  { script: { if: `ctx._tmp?.extra != null || ${CTX_MT}schema_version == null`, lang: 'painless', source: CHECK_COLUMNS } },
  { date: { field: '@timestamp', target_field: '@timestamp', formats: ['ISO8601'], timezone: 'UTC', output_format: "yyyy-MM-dd'T'HH:mm:ss.SSSXXX" } },
  { split: { field: 'email.to.address', separator: ';', ignore_missing: true } },
  // A status may hold '; ' itself ("550 4.4.7 QUEUE.Expired; message expired"); the next one
  // starts with its SMTP code.
  { split: { field: MT + 'recipient_status', separator: ';(?=\\d{3} )', ignore_missing: true } },
  { split: { field: MT + 'reference', separator: ';', ignore_missing: true } },
  { append: { field: 'email.from.address', value: '{{{_tmp.sender}}}', if: present('_tmp.sender') } },
  // The ECS local id is the per-server counter as a string; the Exchange field stays a number.
  { set: { field: 'email.local_id', value: '{{{' + MT + 'internal_message_id}}}' } },
  { convert: { field: MT + 'internal_message_id', type: 'long' } },
  { convert: { field: MT + 'total_bytes', type: 'long' } },
  { convert: { field: MT + 'recipient_count', type: 'long' } },
  {
    set: {
      field: 'event',
      value: { category: ['email'], dataset: DATA_STREAM_DATASET, kind: 'event', module: 'microsoft_exchange', type: ['info'] },
    },
  },
  { set: { field: 'event.action', value: '{{{' + MT + 'event_id}}}' } },
  { lowercase: { field: 'event.action' } },
  { set: { field: 'event.outcome', value: 'success' } },
  setIf('event.outcome', 'failure', FAILED),
  { script: { lang: 'painless', source: DIRECTION } },
  setIf('source.ip', '{{{' + MT + 'client_ip}}}', present(MT + 'client_ip')),
  setIf('source.domain', '{{{' + MT + 'client_hostname}}}', present(MT + 'client_hostname')),
  setIf('destination.ip', '{{{' + MT + 'server_ip}}}', present(MT + 'server_ip')),
  setIf('destination.domain', '{{{' + MT + 'server_hostname}}}', `${present(MT + 'server_ip')} && ${present(MT + 'server_hostname')}`),
  appendUnique('related.ip', MT + 'client_ip'),
  appendUnique('related.ip', MT + 'server_ip'),
  appendUnique('related.ip', MT + 'original_client_ip'),
  appendUnique('related.ip', MT + 'original_server_ip'),
  appendUnique('related.user', '_tmp.sender'),
  {
    foreach: {
      field: 'email.to.address',
      ignore_missing: true,
      processor: { append: { field: 'related.user', value: '{{{_ingest._value}}}', allow_duplicates: false } },
    },
  },
  appendUnique('related.user', MT + 'related_recipient_address'),
  // The observer is the logging server, the host the collector runs on.
  { set: { field: 'observer', value: { hostname: '{{{host.name}}}', product: 'Exchange Server', vendor: 'Microsoft' } } },
  {
    append: {
      field: 'observer.ip',
      value: '{{{' + MT + 'client_ip}}}',
      if: `${OUTGOING} && ${present(MT + 'client_ip')}`,
    },
  },
  {
    append: {
      field: 'observer.ip',
      value: '{{{' + MT + 'server_ip}}}',
      if: `!(${OUTGOING}) && ${present(MT + 'server_ip')}`,
    },
  },
  { set: { field: 'ecs.version', value: ECS_VERSION } },
  { remove: { field: ['message', '_tmp'], ignore_missing: true } },
];

/** `PUT _ingest/pipeline/<name>` with `body`. */
export function ingestPipeline(name: string): { name: string; body: { description: string; version: number; processors: Processor[] } } {
  return {
    name,
    body: {
      description: 'msgtrack: Exchange message tracking CSV line (message) to the ECS document of the direct mode',
      version: 1,
      processors: PROCESSORS,
    },
  };
}
