/**
 * The native Exchange message tracking log line (MSGTRK*.LOG, shared/docs/message-tracking.md §1):
 * 30 columns in Exchange 2019's order, multi-valued columns joined with `;`, values holding a
 * comma, quote, CR or LF double-quoted with quotes doubled, `date-time` in UTC with milliseconds.
 * Files are written with CRLF line ends, as Exchange (a Windows service) writes them.
 */

import type { TrackingEvent } from '../sim/event.js';
import { createIsoFormatter } from './iso-time.js';

export const CSV_FIELDS: readonly string[] = [
  'date-time',
  'client-ip',
  'client-hostname',
  'server-ip',
  'server-hostname',
  'source-context',
  'connector-id',
  'source',
  'event-id',
  'internal-message-id',
  'message-id',
  'network-message-id',
  'recipient-address',
  'recipient-status',
  'total-bytes',
  'recipient-count',
  'related-recipient-address',
  'reference',
  'message-subject',
  'sender-address',
  'return-path',
  'message-info',
  'directionality',
  'tenant-id',
  'original-client-ip',
  'original-server-ip',
  'custom-data',
  'transport-traffic-type',
  'log-id',
  'schema-version',
];

// Columns that land in ECS `email.*` / `@timestamp`; the others keep their name, in snake_case,
// under `microsoft_exchange.messagetracking`.
const ECS_COLUMNS: Readonly<Record<string, string>> = {
  'date-time': '@timestamp',
  'message-id': 'email.message_id',
  'recipient-address': 'email.to.address',
  'message-subject': 'email.subject',
  'sender-address': 'email.from.address',
};

/** Where each column's value lands in the ECS document (same order as CSV_FIELDS). */
export const CSV_ECS_FIELDS: readonly string[] = CSV_FIELDS.map(
  (column) => ECS_COLUMNS[column] ?? 'microsoft_exchange.messagetracking.' + column.replaceAll('-', '_'),
);

/** The Exchange build our header announces (Exchange Server 2019 CU15). */
export const EXCHANGE_VERSION = '15.02.1544.009';

const FIELDS_LINE = '#Fields: ' + CSV_FIELDS.join(',') + '\r\n';
const fileDate = createIsoFormatter();

/** The five `#` lines that open every MSGTRK*.LOG file, each ending "\r\n". */
export function csvHeaderLines(fileDateMs: number): string {
  return (
    '#Software: Microsoft Exchange Server\r\n' +
    '#Version: ' + EXCHANGE_VERSION + '\r\n' +
    '#Log-type: Message Tracking Log\r\n' +
    '#Date: ' + fileDate(fileDateMs) + '\r\n' +
    FIELDS_LINE
  );
}

/** The value as a CSV field: quoted, quotes doubled, only when it holds `,` `"` CR or LF. */
function field(v: string | undefined): string {
  if (v === undefined) return '';
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 0x2c || c === 0x22 || c === 0x0d || c === 0x0a) return '"' + v.replaceAll('"', '""') + '"';
  }
  return v;
}

function multi(values: readonly string[] | undefined): string {
  return values === undefined ? '' : field(values.join(';'));
}

const iso = createIsoFormatter();

/** One row, no line ending. IPs, GUIDs, enums and numbers need no quoting. */
export function encodeCsvLine(ev: TrackingEvent): string {
  return (
    iso(ev.ts) + ',' +
    (ev.clientIp ?? '') + ',' +
    field(ev.clientHostname) + ',' +
    (ev.serverIp ?? '') + ',' +
    field(ev.serverHostname) + ',' +
    field(ev.sourceContext) + ',' +
    field(ev.connectorId) + ',' +
    ev.source + ',' +
    ev.eventId + ',' +
    ev.internalMessageId + ',' +
    field(ev.messageId) + ',' +
    ev.networkMessageId + ',' +
    multi(ev.recipients) + ',' +
    multi(ev.recipientStatus) + ',' +
    ev.totalBytes + ',' +
    ev.recipientCount + ',' +
    field(ev.relatedRecipientAddress) + ',' +
    multi(ev.reference) + ',' +
    field(ev.subject) + ',' +
    field(ev.sender) + ',' +
    field(ev.returnPath) + ',' +
    field(ev.messageInfo) + ',' +
    ev.directionality + ',' +
    field(ev.tenantId) + ',' +
    (ev.originalClientIp ?? '') + ',' +
    (ev.originalServerIp ?? '') + ',' +
    field(ev.customData) + ',' +
    field(ev.transportTrafficType) + ',' +
    ev.logId + ',' +
    ev.schemaVersion
  );
}

/** Splits one row into its fields, undoing the quoting of `encodeCsvLine` (RFC 4180 rules). */
export function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (line.charCodeAt(i) === 0x22) {
      let value = '';
      let from = i + 1;
      for (;;) {
        const q = line.indexOf('"', from);
        if (q < 0) throw new Error('unterminated quoted field at column ' + (out.length + 1));
        value += line.slice(from, q);
        if (line.charCodeAt(q + 1) !== 0x22) {
          i = q + 1;
          break;
        }
        value += '"';
        from = q + 2;
      }
      out.push(value);
      if (i < line.length && line.charCodeAt(i) !== 0x2c) {
        throw new Error('unexpected character after quoted field at column ' + out.length);
      }
    } else {
      const comma = line.indexOf(',', i);
      const end = comma < 0 ? line.length : comma;
      out.push(line.slice(i, end));
      i = end;
    }
    if (i >= line.length) return out;
    i++; // past the comma
  }
}
