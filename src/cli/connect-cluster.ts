import type { Client } from '@elastic/elasticsearch';
import type { Logger } from 'pino';
import { abortableSleep, createBackoff } from '../sinks/elasticsearch/backoff.js';
import { checkCluster, type ClusterCheck } from '../sinks/elasticsearch/check-cluster.js';
import type { Health } from '../telemetry/health.js';

export type Connected = Extract<ClusterCheck, { ok: true }>;

/**
 * Reaches the cluster at start-up. Bad credentials or a wrong engine end the run (the caller
 * exits 1 with the message); an unreachable or failing cluster is waited for, with backoff and
 * one log line per state change, until it answers or the stop signal fires (then undefined).
 */
export async function connectCluster(
  client: Client,
  o: { logger: Logger; health: Health; stop: AbortSignal; secrets: readonly string[]; backoffMaxMs: number },
): Promise<Connected | { ok: false; message: string } | undefined> {
  const backoff = createBackoff({ initialMs: 500, maxMs: o.backoffMaxMs });
  let attempt = 0;
  let waitingSaid = false;
  while (!o.stop.aborted) {
    const check = await checkCluster(client, { secrets: o.secrets });
    if (check.ok) {
      if (check.warning) o.logger.warn(check.warning);
      if (waitingSaid) o.logger.info('cluster reachable again');
      o.logger.info({ distribution: check.distribution, version: check.version }, 'connected to cluster');
      return check;
    }
    if (check.problem === 'auth' || check.problem === 'product') return { ok: false, message: check.message };
    o.health.setReady(false, check.message);
    if (!waitingSaid) o.logger.warn({ reason: check.message }, 'cluster not available at start; waiting for it');
    waitingSaid = true;
    await abortableSleep(backoff.delay(attempt++), o.stop);
  }
  return undefined;
}
