import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/**
 * A real Prometheus (Debian's `prometheus` package) for tests: own port, own config scraping the
 * given targets every second, own temporary TSDB; stopped by its pid. Also `promtool check
 * metrics` and the PromQL of our Grafana dashboard. Reused by the end-to-end test that scrapes a
 * running daemon.
 */

export interface PromSample {
  readonly metric: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface PrometheusServer {
  readonly url: string;
  /** Instant query through `/api/v1/query`; rejects with Prometheus's error for bad PromQL. */
  query(expr: string): Promise<PromSample[]>;
  /** Polls `query(expr)` until `accept` holds (Prometheus needs a scrape or two to see changes). */
  waitFor(expr: string, accept: (samples: PromSample[]) => boolean, timeoutMs?: number): Promise<PromSample[]>;
  stop(): Promise<void>;
}

export interface PrometheusOptions {
  /** `host:port` or base URLs such as a telemetry server's `url`; scraped at `/metrics`. */
  readonly targets: readonly string[];
  readonly scrapeIntervalSeconds?: number;
}

function onPath(binary: string): boolean {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    try {
      accessSync(join(dir, binary), constants.X_OK);
      return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}

/**
 * Why Prometheus tests must skip, or undefined when they can run. Absence is only tolerated on a
 * developer machine: in CI (`.ci/run` installs the package) it throws, so the suite fails loudly.
 */
export function prometheusSkipReason(): string | undefined {
  const missing = ['prometheus', 'promtool'].filter((binary) => !onPath(binary));
  if (missing.length === 0) return undefined;
  const reason = `${missing.join(' and ')} not on PATH (install Debian's "prometheus" package)`;
  if (process.env.CI) throw new Error(`${reason}; CI must provide it`);
  return reason;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

function parseValue(value: [number, string]): number {
  return Number(value[1]);
}

async function instantQuery(url: string, expr: string): Promise<PromSample[]> {
  const response = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(expr)}`);
  const body = (await response.json()) as {
    status: string;
    error?: string;
    data?: { resultType: string; result: unknown };
  };
  if (body.status !== 'success' || !body.data) throw new Error(`query ${expr} failed: ${body.error ?? response.status}`);
  const { resultType, result } = body.data;
  if (resultType === 'scalar') return [{ metric: {}, value: parseValue(result as [number, string]) }];
  if (resultType !== 'vector') throw new Error(`query ${expr}: unexpected result type ${resultType}`);
  return (result as { metric: Record<string, string>; value: [number, string] }[]).map((sample) => ({
    metric: sample.metric,
    value: parseValue(sample.value),
  }));
}

async function waitReady(url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode}: ${stderr()}`);
    const ok = await fetch(`${url}/-/ready`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`prometheus not ready after 30 s: ${stderr()}`);
}

export async function startPrometheus(options: PrometheusOptions): Promise<PrometheusServer> {
  const interval = `${options.scrapeIntervalSeconds ?? 1}s`;
  const targets = options.targets.map((target) => target.replace(/^https?:\/\//, '').replace(/\/+$/, ''));
  const dir = await mkdtemp(join(tmpdir(), 'msgtrack-prometheus-'));
  const config = join(dir, 'prometheus.yml');
  // JSON is valid YAML, so the config needs no YAML serializer.
  await writeFile(
    config,
    JSON.stringify({
      global: { scrape_interval: interval, scrape_timeout: interval, evaluation_interval: interval },
      scrape_configs: [{ job_name: 'msgtrack', static_configs: [{ targets }] }],
    }),
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    'prometheus',
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      process.kill(child.pid, 'SIGTERM');
      const killer = setTimeout(() => child.pid !== undefined && process.kill(child.pid, 'SIGKILL'), 10_000);
      await exited(child);
      clearTimeout(killer);
    }
    await rm(dir, { recursive: true, force: true });
  };

  try {
    await waitReady(url, child, () => stderr);
  } catch (err) {
    await stop();
    throw err;
  }

  const query = (expr: string) => instantQuery(url, expr);
  return {
    url,
    query,
    async waitFor(expr, accept, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      let last: PromSample[] = [];
      while (Date.now() < deadline) {
        last = await query(expr);
        if (accept(last)) return last;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      throw new Error(`timed out waiting on ${expr}; last result ${JSON.stringify(last)}`);
    },
    stop,
  };
}

/** Runs `promtool check metrics` on an exposition; `code` 0 means it passed the linter. */
export function promtoolCheckMetrics(exposition: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('promtool', ['check', 'metrics'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
    child.stdin.end(exposition);
  });
}

// Grafana dashboard PromQL: panel expressions and query-variable definitions, for checking metric
// names (unit test) and evaluating every expression on a real Prometheus (integration test).

interface Node {
  [key: string]: unknown;
}

/** Every `expr` anywhere in the dashboard, plus the query variables' PromQL. */
export function dashboardExpressions(dashboard: unknown): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item);
    } else if (value !== null && typeof value === 'object') {
      const node = value as Node;
      if (typeof node.expr === 'string') found.push(node.expr);
      if (node.type === 'query' && typeof node.definition === 'string') found.push(node.definition);
      for (const child of Object.values(node)) walk(child);
    }
  };
  walk(dashboard);
  return found;
}

// Grafana's `label_values(metric, label)` variable query, which is not PromQL itself.
const LABEL_VALUES = /^label_values\((.+),\s*\w+\)$/;

/**
 * Replaces Grafana's variables with values Prometheus accepts, so an expression can be sent to
 * `/api/v1/query` as Grafana would after interpolation (a `label_values` query as its selector).
 */
export function interpolateForPrometheus(expr: string): string {
  return expr
    .replace(LABEL_VALUES, '$1')
    .replaceAll('$__rate_interval', '1m')
    .replaceAll('$__interval', '15s')
    .replaceAll('$__range', '1h')
    .replaceAll('$instance', '.*');
}
