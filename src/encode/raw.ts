/**
 * The raw-ingest document (issue 7): what a log collector on the Exchange server sends for one
 * MSGTRK*.LOG line, to be parsed in the cluster by the ingest pipeline of
 * src/setup/ingest-pipeline.ts into the same ECS document the direct mode sends.
 *
 *   {"@timestamp":"…","message":"<the CSV line>","agent":{…},"elastic_agent":{…},"host":{…},"data_stream":{…}}
 *
 * Only what a collector knows goes in: the line, and its own constant fields (Filebeat/Elastic
 * Agent add `agent.*`, `host.*` and `data_stream.*` to every event). `@timestamp` is the event's
 * time rather than the read time, so output stays deterministic; the pipeline sets it from
 * `date-time` anyway. Everything else is derived by the pipeline from the line.
 */

import type { TrackingEvent } from '../sim/event.js';
import { loggingServer } from '../sinks/exchange-log/logging-server.js';
import { createEcsEncoder, type EcsEncoderSettings } from './ecs.js';
import { encodeCsvLine } from './exchange-csv.js';
import { createIsoFormatter } from './iso-time.js';
import { jsonString } from './json-string.js';

/** The blocks of the direct document that the collector, not the pipeline, provides. */
export const COLLECTOR_FIELDS = ['agent', 'elastic_agent', 'host', 'data_stream'] as const;

/** `,"agent":{…},…}`: the collector's blocks cut out of a direct-mode document, closing brace included. */
function collectorTail(directDoc: string): string {
  const doc = JSON.parse(directDoc) as Record<string, unknown>;
  let tail = '';
  for (const key of COLLECTOR_FIELDS) tail += ',"' + key + '":' + JSON.stringify(doc[key]);
  return tail + '}';
}

export function createRawEncoder(s: EcsEncoderSettings): (ev: TrackingEvent) => string {
  const iso = createIsoFormatter();
  // The collector's fields must equal the direct mode's by construction (agent ids are derived
  // per server there), so they are taken from the direct encoder, once per logging server.
  const direct = createEcsEncoder(s);
  const tails = new Map<string, string>();

  return (ev: TrackingEvent): string => {
    const server = loggingServer(ev);
    let tail = tails.get(server);
    if (tail === undefined) {
      tail = collectorTail(direct(ev));
      tails.set(server, tail);
    }
    return '{"@timestamp":"' + iso(ev.ts) + '","message":' + jsonString(encodeCsvLine(ev)) + tail;
  };
}
