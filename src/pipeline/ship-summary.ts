/**
 * What a run shipped. Field names are the public names of the summary log record (issue 4
 * item 6), hence snake_case. Once a pipeline is closed every generated event is in exactly one
 * of indexed, duplicate, dead_lettered, dropped or unsent.
 */
export interface ShipSummary {
  /** Events handed to the pipeline by the simulation. */
  readonly events_generated: number;
  /** Newly stored by the cluster. */
  readonly events_indexed: number;
  /** Already stored (409 on create after a retry): delivered, not stored twice. */
  readonly events_duplicate: number;
  /** Refused for good by the cluster (written to the dead-letter file when configured). */
  readonly events_dead_lettered: number;
  /** Dropped because the queue was full (`on_full: drop`). */
  readonly events_dropped: number;
  /** Send attempts repeated after a retryable failure (an event can count several times). */
  readonly events_retried: number;
  /** Left unsettled when the grace period ran out, or pushed after close. */
  readonly events_unsent: number;
  /** Accepted and not settled yet (0 after close). */
  readonly events_queued: number;
  readonly bulk_requests: number;
  /** Uncompressed request body bytes, retries included. */
  readonly bytes_sent: number;
}

/** The mutable tallies behind a ShipSummary, shared by the pipeline and its delivery loop. */
export interface ShipCounters {
  generated: number;
  indexed: number;
  duplicate: number;
  deadLettered: number;
  dropped: number;
  retried: number;
  unsent: number;
  bulkRequests: number;
  bytesSent: number;
}

export function newShipCounters(): ShipCounters {
  return { generated: 0, indexed: 0, duplicate: 0, deadLettered: 0, dropped: 0, retried: 0, unsent: 0, bulkRequests: 0, bytesSent: 0 };
}

export function toShipSummary(c: Readonly<ShipCounters>, queued: number): ShipSummary {
  return {
    events_generated: c.generated,
    events_indexed: c.indexed,
    events_duplicate: c.duplicate,
    events_dead_lettered: c.deadLettered,
    events_dropped: c.dropped,
    events_retried: c.retried,
    events_unsent: c.unsent,
    events_queued: queued,
    bulk_requests: c.bulkRequests,
    bytes_sent: c.bytesSent,
  };
}
