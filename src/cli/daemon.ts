import type { Config } from '../config/schema.js';
import { abortableSleep } from '../sinks/elasticsearch/backoff.js';
import { Health } from '../telemetry/health.js';
import { createLogger, type Logger } from '../telemetry/logger.js';
import { createMetrics, type Metrics } from '../telemetry/metrics.js';
import { startTelemetryServer, type TelemetryServer } from '../telemetry/server.js';
import { packageVersion } from './version.js';

/**
 * What every long-running command shares: one logger (secrets scrubbed), one metrics registry,
 * the health state, the /metrics listener, and a stop signal fed by SIGTERM/SIGINT (and
 * --duration). Built once at start, torn down once at the end.
 */
export interface Daemon {
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly health: Health;
  readonly server?: TelemetryServer;
  /** Aborted by the first SIGTERM/SIGINT or by `stopAfter`. */
  readonly stop: AbortSignal;
  stopAfter(ms: number): void;
  close(): Promise<void>;
}

export function daemonLogger(config: Config): Logger {
  const es = config.elasticsearch;
  return createLogger({ level: config.log.level, format: config.log.format, secrets: [es.password, es.api_key, es.bearer_token] });
}

export async function startDaemon(config: Config): Promise<Daemon> {
  const logger = daemonLogger(config);
  const metrics = createMetrics({ version: packageVersion() });
  const health = new Health();
  const controller = new AbortController();
  // Set while --metrics-linger keeps the process up after its summary; a signal ends the wait.
  let lingering: AbortController | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (lingering) return lingering.abort();
    if (controller.signal.aborted) {
      logger.warn({ signal }, 'already stopping: flushing within the grace period');
      return;
    }
    logger.info({ signal }, 'stopping: no new events, flushing queued and in-flight batches');
    controller.abort();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);

  let server: TelemetryServer | undefined;
  if (config.metrics.port !== 0) {
    server = await startTelemetryServer({ host: config.metrics.host, port: config.metrics.port, metrics, health, logger });
  }
  let timer: NodeJS.Timeout | undefined;
  return {
    logger,
    metrics,
    health,
    server,
    stop: controller.signal,
    stopAfter(ms) {
      timer = setTimeout(() => {
        logger.info({ duration_ms: ms }, 'duration reached: stopping');
        controller.abort();
      }, ms);
      timer.unref();
    },
    async close() {
      clearTimeout(timer);
      // The last counts are set just before the summary; a scraper that has not read them yet
      // would keep the values of its previous scrape forever once we are gone.
      if (server !== undefined && config.metrics.linger > 0) {
        logger.info({ linger_ms: config.metrics.linger }, 'serving the final metrics before exiting');
        lingering = new AbortController();
        await abortableSleep(config.metrics.linger, lingering.signal);
      }
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      await server?.close();
    },
  };
}
