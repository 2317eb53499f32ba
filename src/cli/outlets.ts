import type { Config } from '../config/schema.js';
import { createDocId, createBulkEncoder } from '../encode/bulk.js';
import { createEcsEncoder } from '../encode/ecs.js';
import { createRawEncoder } from '../encode/raw.js';
import { createPipeline } from '../pipeline/pipeline.js';
import type { TrackingEvent } from '../sim/event.js';
import { EventTally } from '../telemetry/event-tally.js';
import type { SimulationSettings } from '../sim/settings.js';
import { createBackoff } from '../sinks/elasticsearch/backoff.js';
import type { Client } from '@elastic/elasticsearch';
import { createDeadLetter } from '../sinks/elasticsearch/dead-letter.js';
import { createElasticsearchSink } from '../sinks/elasticsearch/elasticsearch-sink.js';
import { createExchangeLogWriter } from '../sinks/exchange-log/exchange-log-writer.js';
import { dataStreamName } from '../setup/index-template.js';
import type { Daemon } from './daemon.js';

/**
 * Where `run` and `backfill` put events: the cluster (through the bounded pipeline) or native
 * MSGTRK*.LOG files. Both take events one by one, tell when everything accepted has settled, and
 * close into the counts of the run's summary record.
 */
export interface Outlet {
  push(ev: TrackingEvent): void | Promise<void>;
  /** Hands on what is buffered now: nothing more is coming for a while. */
  flush(): void;
  /** Everything accepted so far has been settled (indexed, refused, written). */
  settled(): boolean;
  close(graceMs: number): Promise<Readonly<Record<string, number>>>;
}

export function elasticsearchOutlet(config: Config, client: Client, sim: SimulationSettings, daemon: Daemon, live: boolean): Outlet {
  const es = config.elasticsearch;
  const p = config.pipeline;
  const encoderSettings = { namespace: config.namespace, agentId: config.agent_id, agentVersion: config.agent_version, hostname: config.hostname };
  const encodeDoc = es.ingest === 'raw' ? createRawEncoder(encoderSettings) : createEcsEncoder(encoderSettings);
  // The id covers every setting that shapes the stream, not only the seed: two runs may share an
  // id only when they would send the very same document.
  const docId = es.deterministic_ids ? createDocId(JSON.stringify(sim), sim.start) : undefined;
  // Every request in flight holds a full batch, and one more should be ready when one returns.
  if (p.queue_bytes < p.batch_bytes * (p.concurrency + 1)) {
    daemon.logger.warn(
      { queue_bytes: p.queue_bytes, batch_bytes: p.batch_bytes, concurrency: p.concurrency },
      'pipeline.queue_bytes holds fewer than concurrency + 1 full batches: fewer or smaller requests in flight',
    );
  }
  const pipeline = createPipeline({
    encode: createBulkEncoder({ encodeDoc, docId }),
    sink: createElasticsearchSink({
      client,
      dataStream: dataStreamName(config.namespace),
      pipeline: es.ingest === 'raw' ? es.pipeline_name : undefined,
    }),
    metrics: daemon.metrics,
    health: daemon.health,
    logger: daemon.logger,
    deadLetter: createDeadLetter({ path: p.dead_letter, logger: daemon.logger }),
    queueCapacity: p.queue_events,
    queueBytes: p.queue_bytes,
    onFull: p.on_full,
    concurrency: p.concurrency,
    batchMaxBytes: p.batch_bytes,
    batchMaxCount: p.batch_events,
    flushIntervalMs: p.flush_interval,
    backoff: createBackoff({ initialMs: p.backoff_initial, maxMs: p.backoff_max }),
    trackLag: live,
  });
  return {
    push: (ev) => pipeline.push(ev),
    flush: () => pipeline.flush(),
    settled: () => pipeline.stats().events_queued === 0,
    close: async (graceMs) => ({ ...(await pipeline.close(graceMs)) }),
  };
}

export function exchangeLogOutlet(config: Config, logDir: string, daemon: Daemon): Outlet {
  const writer = createExchangeLogWriter({
    dir: logDir,
    fileMaxBytes: config.output.file_max_bytes,
    dirMaxBytes: config.output.dir_max_bytes,
    maxAgeMs: config.output.max_age,
  });
  const generated = new EventTally(daemon.metrics);
  let written = 0;
  const publish = (): void => {
    generated.publish();
    daemon.health.beat('pipeline');
  };
  const ticker = setInterval(publish, 1000);
  ticker.unref();
  daemon.health.setReady(true, 'writing log files');
  return {
    push(ev) {
      generated.count(ev.eventId);
      written++;
      return writer.write(ev);
    },
    // The writer's files are closed (and so flushed) by close(); nothing waits on them before.
    flush() {},
    settled: () => true,
    async close() {
      clearInterval(ticker);
      publish();
      await writer.close();
      daemon.health.retire('pipeline');
      return { events_generated: written, events_written: written, events_dropped: 0 };
    },
  };
}
