import { request, Agent } from 'node:http';
import { createServer } from 'node:net';
import { PassThrough } from 'node:stream';
import { Gauge } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { Health } from '../../../src/telemetry/health.js';
import { createLogger } from '../../../src/telemetry/logger.js';
import { createMetrics } from '../../../src/telemetry/metrics.js';
import { startTelemetryServer, type TelemetryServer } from '../../../src/telemetry/server.js';

const STALE_AFTER_MS = 30_000;

function setup() {
  let clock = 1_000_000;
  const health = new Health(STALE_AFTER_MS, () => clock);
  const metrics = createMetrics({ version: '9.9.9', defaultMetrics: false });
  const logStream = new PassThrough();
  let logged = '';
  logStream.on('data', (chunk: Buffer) => (logged += chunk.toString()));
  const logger = createLogger({ level: 'info', format: 'json', destination: logStream });
  return {
    health,
    metrics,
    logger,
    logs: () => logged,
    advance: (ms: number) => (clock += ms),
  };
}

const servers: TelemetryServer[] = [];
async function start(parts: ReturnType<typeof setup>): Promise<TelemetryServer> {
  const server = await startTelemetryServer({ host: '127.0.0.1', port: 0, ...parts });
  servers.push(server);
  return server;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe('telemetry server', () => {
  it('listens on an ephemeral port when asked for port 0 and reports it', async () => {
    const server = await start(setup());
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
  });

  it('serves the registry in Prometheus text format on GET /metrics', async () => {
    const parts = setup();
    parts.metrics.eventsIndexed.inc(3);
    const server = await start(parts);
    const response = await fetch(`${server.url}/metrics?ignored=1`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(parts.metrics.registry.contentType);
    const body = await response.text();
    expect(body).toContain('msgtrack_events_indexed_total 3');
    expect(body).toContain('msgtrack_build_info{version="9.9.9"} 1');
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const server = await start(setup());
    const response = await fetch(`${server.url}/metrics`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(Number(response.headers.get('content-length'))).toBeGreaterThan(100);
    expect(await response.text()).toBe('');
  });

  it('turns /healthz to 503 naming the loop that stopped beating, and back', async () => {
    const parts = setup();
    const server = await start(parts);
    parts.health.beat('generator');
    parts.health.beat('sender');
    let response = await fetch(`${server.url}/healthz`);
    expect([response.status, await response.text()]).toEqual([200, 'ok\n']);

    parts.advance(STALE_AFTER_MS / 2);
    parts.health.beat('generator');
    parts.advance(STALE_AFTER_MS / 2 + 1);
    response = await fetch(`${server.url}/healthz`);
    expect([response.status, await response.text()]).toEqual([503, 'stale loops: sender\n']);

    parts.health.beat('sender');
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('follows readiness on /readyz with the reason when not ready', async () => {
    const parts = setup();
    const server = await start(parts);
    let response = await fetch(`${server.url}/readyz`);
    expect([response.status, await response.text()]).toEqual([503, 'not ready: starting\n']);

    parts.health.setReady(true);
    response = await fetch(`${server.url}/readyz`);
    expect([response.status, await response.text()]).toEqual([200, 'ok\n']);

    parts.health.setReady(false, 'cluster unreachable');
    response = await fetch(`${server.url}/readyz`);
    expect([response.status, await response.text()]).toEqual([503, 'not ready: cluster unreachable\n']);
  });

  it('answers 404 for unknown paths and 405 for other methods', async () => {
    const server = await start(setup());
    expect((await fetch(`${server.url}/`)).status).toBe(404);
    const post = await fetch(`${server.url}/metrics`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('answers 500 and logs when collecting metrics fails', async () => {
    const parts = setup();
    new Gauge({
      name: 'msgtrack_test_broken',
      help: 'A collector that fails, as a broken custom metric would.',
      registers: [parts.metrics.registry],
      collect() {
        throw new Error('collector exploded');
      },
    });
    const server = await start(parts);
    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(500);
    const line = parts.logs().split('\n').find((l) => l.includes('telemetry request failed'));
    expect(JSON.parse(line ?? '{}').err.message).toBe('collector exploded');
  });

  it('closes promptly although a scraper holds a keep-alive connection', async () => {
    const server = await start(setup());
    const agent = new Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) => {
      request(`${server.url}/metrics`, { agent }, (res) => {
        res.resume();
        res.on('end', resolve);
      })
        .on('error', reject)
        .end();
    });
    const started = Date.now();
    await servers.pop()?.close();
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    agent.destroy();
  });

  it('rejects when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    await expect(startTelemetryServer({ host: '127.0.0.1', port, ...setup() })).rejects.toThrow(/EADDRINUSE/);
    await new Promise((resolve) => blocker.close(resolve));
  });
});
