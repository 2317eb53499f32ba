/**
 * The one contract between the simulation and every encoder: a message tracking log line as
 * Exchange writes it (the 30 columns of MSGTRK*.LOG, see shared/docs/message-tracking.md §1),
 * plus the few simulation facts an ECS document needs that the CSV line does not carry.
 *
 * Optional fields are absent (undefined) when Exchange leaves the column empty; encoders never
 * write them as "". Arrays are never empty when present.
 */

export const EVENT_IDS = [
  'RECEIVE',
  'DELIVER',
  'SEND',
  'SUBMIT',
  'HAREDIRECT',
  'AGENTINFO',
  'NOTIFYMAPI',
  'RESOLVE',
  'HADISCARD',
  'EXPAND',
  'DEFER',
  'TRANSFER',
  'FAIL',
  'DSN',
  'REDIRECT',
  'DROP',
] as const;
export type EventId = (typeof EVENT_IDS)[number];

/** The `source` column. */
export type EventSource =
  | 'SMTP'
  | 'STOREDRIVER'
  | 'AGENT'
  | 'ROUTING'
  | 'QUEUE'
  | 'DSN'
  | 'REDUNDANCY'
  | 'DNS'
  | 'GATEWAY'
  | 'MAILBOXRULE';

/** The `directionality` column. */
export type Directionality = 'Incoming' | 'Originating';

/** ECS `email.direction`: where the message comes from and goes to, relative to the organisation. */
export type MailDirection = 'inbound' | 'outbound' | 'internal';

export interface TrackingEvent {
  /** `date-time`: epoch milliseconds, UTC. */
  readonly ts: number;
  /** Position in the emitted stream, 0-based, assigned by the simulation in emission order. */
  readonly seq: number;
  readonly eventId: EventId;
  readonly source: EventSource;

  readonly clientIp?: string;
  readonly clientHostname?: string;
  readonly serverIp?: string;
  readonly serverHostname: string;
  readonly sourceContext?: string;
  readonly connectorId?: string;

  /** Per-server monotonic counter (differs between servers for the same message). */
  readonly internalMessageId: number;
  /** RFC 5322 Message-ID including the angle brackets, constant for a message's life. */
  readonly messageId: string;
  /** GUID, survives bifurcation and expansion. */
  readonly networkMessageId: string;

  readonly recipients: readonly string[];
  readonly recipientStatus?: readonly string[];
  readonly totalBytes: number;
  readonly recipientCount: number;
  readonly relatedRecipientAddress?: string;
  readonly reference?: readonly string[];
  readonly subject?: string;
  readonly sender: string;
  /** `<>` for DSNs. */
  readonly returnPath: string;
  readonly messageInfo?: string;
  readonly directionality: Directionality;
  readonly tenantId?: string;
  readonly originalClientIp?: string;
  readonly originalServerIp?: string;
  readonly customData?: string;
  readonly transportTrafficType?: string;
  /** GUID of the log line. */
  readonly logId: string;
  readonly schemaVersion: string;

  // --- simulation facts used by the ECS encoder only ---
  readonly direction: MailDirection;
  /** ISO 3166-1 alpha-2 country of `clientIp` when it is an external address. */
  readonly clientCountry?: string;
}
