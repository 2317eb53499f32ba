import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Health } from './health.js';
import type { Metrics } from './metrics.js';

/**
 * The daemon's HTTP face for operators: `/metrics` for Prometheus, `/healthz` for liveness
 * probes (are our loops still turning?) and `/readyz` for readiness (does the cluster accept bulk
 * requests?). Plain node:http: three GET routes do not justify a framework.
 */

export interface TelemetryServerOptions {
  readonly host: string;
  /** 0 asks the OS for a free port (tests); "disabled" is decided by the caller, which skips us. */
  readonly port: number;
  readonly metrics: Metrics;
  readonly health: Health;
  readonly logger: Logger;
}

export interface TelemetryServer {
  /** Base URL, e.g. `http://127.0.0.1:9464`, with the port actually bound. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const TEXT = 'text/plain; charset=utf-8';

interface Reply {
  readonly status: number;
  readonly type: string;
  readonly body: string;
}

function text(status: number, body: string): Reply {
  return { status, type: TEXT, body };
}

async function route(path: string, metrics: Metrics, health: Health): Promise<Reply> {
  switch (path) {
    case '/metrics':
      return { status: 200, type: metrics.registry.contentType, body: await metrics.registry.metrics() };
    case '/healthz': {
      const stale = health.staleLoops();
      return stale.length === 0 ? text(200, 'ok\n') : text(503, `stale loops: ${stale.join(', ')}\n`);
    }
    case '/readyz': {
      const { ready, reason } = health.readiness();
      return ready ? text(200, 'ok\n') : text(503, `not ready: ${reason}\n`);
    }
    default:
      return text(404, 'not found\n');
  }
}

function send(req: IncomingMessage, res: ServerResponse, reply: Reply): void {
  const body = Buffer.from(reply.body, 'utf8');
  res.writeHead(reply.status, {
    'content-type': reply.type,
    'content-length': body.length,
    // Probes and scrapers must always see the current state, never a proxy's copy.
    'cache-control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

export async function startTelemetryServer(options: TelemetryServerOptions): Promise<TelemetryServer> {
  const { metrics, health, logger } = options;
  const server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      send(req, res, text(405, 'method not allowed\n'));
      return;
    }
    // Only the path matters; a query string (e.g. from a probe) is ignored.
    const path = (req.url ?? '/').split('?', 1)[0];
    route(path, metrics, health).then(
      (reply) => send(req, res, reply),
      (err: unknown) => {
        logger.error({ err, path }, 'telemetry request failed');
        send(req, res, text(500, 'internal error\n'));
      },
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Later socket errors must not crash the daemon; they are logged once each.
  server.on('error', (err) => logger.error({ err }, 'telemetry server error'));

  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${host}:${port}`;
  logger.info({ url }, 'telemetry server listening');

  return {
    url,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Prometheus keeps its scrape connection alive; without this close() would wait for it.
        server.closeAllConnections();
      }),
  };
}
