/**
 * Which server's MessageTracking folder holds a tracking line, and which of its log families.
 *
 * Server: an outgoing SMTP hop (SEND, or the DEFER/FAIL of that attempt) is written by the sending
 * server, which Exchange puts in the client columns (client-hostname is the local server,
 * server-hostname the next hop); every other line names the logging server in server-hostname.
 * The ECS encoder (src/encode/ecs.ts) applies the same rule for `observer`/`host`, and the ingest
 * pipeline (src/setup/ingest-pipeline.ts) for `observer.ip`.
 *
 * Family, after Microsoft's "Message tracking in Exchange Server" (log file prefixes per service):
 * - `MSGTRKMS`, Mailbox Transport Submission: it detects the message in the Outbox (NOTIFYMAPI),
 *   takes it from the store (RECEIVE with source STOREDRIVER) and hands it to transport (SUBMIT);
 * - `MSGTRKMD`, Mailbox Transport Delivery: every other STOREDRIVER line (DELIVER, and a store
 *   delivery's own failures) and inbox-rule lines (MAILBOXRULE), which run at delivery;
 * - `MSGTRK`, the Transport service: everything else (SMTP, AGENT, ROUTING, QUEUE, DSN,
 *   REDUNDANCY, DNS, GATEWAY sources).
 */

import type { EventId, TrackingEvent } from '../../sim/event.js';

export type LogFamily = 'MSGTRK' | 'MSGTRKMS' | 'MSGTRKMD';

const SMTP_HOP_EVENTS: ReadonlySet<EventId> = new Set<EventId>(['SEND', 'DEFER', 'FAIL']);
const SUBMISSION_EVENTS: ReadonlySet<EventId> = new Set<EventId>(['NOTIFYMAPI', 'RECEIVE', 'SUBMIT']);

/** The logging server as the line names it (possibly a FQDN). */
export function loggingServer(ev: TrackingEvent): string {
  const outgoing = ev.source === 'SMTP' && SMTP_HOP_EVENTS.has(ev.eventId) && !!ev.clientHostname;
  return outgoing ? (ev.clientHostname as string) : ev.serverHostname;
}

export function logFamily(ev: TrackingEvent): LogFamily {
  if (ev.source === 'STOREDRIVER') return SUBMISSION_EVENTS.has(ev.eventId) ? 'MSGTRKMS' : 'MSGTRKMD';
  return ev.source === 'MAILBOXRULE' ? 'MSGTRKMD' : 'MSGTRK';
}
