// An HTTP proxy in front of the real engine that injects, per request, the faults a healthy
// single node never shows: whole-request 429/503 answers, item-level 429s on chosen items
// (the other items really go to the engine), connection resets before or after the engine
// stored the batch, slow answers, 413 on large bodies, and a full outage (port closed). Every
// document that is stored is stored by the real engine, so tests count what it holds.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gunzipSync } from 'node:zlib';

export interface ProxiedRequest {
  method: string;
  /** Path and query as the client sent them. */
  url: string;
  /** Decompressed body. */
  body: string;
  /** As received (e.g. `authorization`, for a proxy that plays a secured cluster); not forwarded. */
  headers: IncomingHttpHeaders;
  /** 0-based count of `_bulk` requests seen so far (this one included), -1 for other requests. */
  bulkIndex: number;
}

export type Fault =
  /** Answer this without asking the engine. */
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  /** Close the connection; with `afterForward` only once the engine has stored the batch. */
  | { kind: 'reset'; afterForward?: boolean }
  /** Forward after `ms` and once `until` settles, even if the client has given up by then. */
  | { kind: 'delay'; ms?: number; until?: Promise<unknown> }
  /** Answer the items for which `status` returns a number with that status; send the rest on. */
  | { kind: 'items'; status: (id: string, index: number) => number | undefined };

export type FaultPlan = (req: ProxiedRequest) => Fault | undefined;

export interface FaultProxy {
  url: string;
  /** Every request received, in arrival order. */
  received: ProxiedRequest[];
  /** Close the port (connection refused) and cut open connections: an outage. */
  down(): Promise<void>;
  /** Listen again on the same port. */
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startFaultProxy(upstream: string, plan: FaultPlan): Promise<FaultProxy> {
  const received: ProxiedRequest[] = [];
  const sockets = new Set<Socket>();
  let bulkCount = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const raw = Buffer.concat(await collect(req));
    const body = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
    const url = req.url ?? '/';
    const isBulk = url.split('?')[0].endsWith('/_bulk');
    const request = { method: req.method ?? 'GET', url, body, headers: req.headers, bulkIndex: isBulk ? bulkCount++ : -1 };
    received.push(request);
    const fault = plan(request);
    if (fault?.kind === 'status') return reply(res, fault.status, fault.body ?? '', fault.headers);
    if (fault?.kind === 'reset' && !fault.afterForward) return void req.socket.destroy();
    if (fault?.kind === 'delay') {
      // Forwarded even if the client gave up meanwhile: a cluster finishes what it received.
      await Promise.all([fault.until, fault.ms ? new Promise((r) => setTimeout(r, fault.ms)) : undefined]);
    }
    const answer = fault?.kind === 'items' ? await partialItems(upstream, request, fault.status) : await forward(upstream, request);
    if (fault?.kind === 'reset') return void req.socket.destroy();
    reply(res, answer.status, answer.body);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: Error) => reply(res, 502, { error: { type: 'proxy_error', reason: err.message }, status: 502 }));
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const down = (): Promise<void> =>
    new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    down,
    up: () => new Promise((resolve) => server.listen(port, '127.0.0.1', resolve)),
    close: () => (server.listening ? down() : Promise.resolve()),
  };
}

interface Answer {
  status: number;
  body: unknown;
}

async function forward(upstream: string, req: ProxiedRequest, body = req.body): Promise<Answer> {
  const res = await fetch(upstream + req.url, {
    method: req.method,
    headers: body ? { 'content-type': req.url.includes('_bulk') ? 'application/x-ndjson' : 'application/json' } : {},
    body: body || undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : '' };
}

/** Fakes the chosen items' answers; the others go to the engine in one bulk request. */
async function partialItems(upstream: string, req: ProxiedRequest, statusOf: (id: string, i: number) => number | undefined): Promise<Answer> {
  const lines = req.body.split('\n');
  const faked = new Map<number, object>();
  let passed = '';
  for (let i = 0; 2 * i + 1 < lines.length; i++) {
    const action = lines[2 * i];
    const id = /"_id":"([^"]*)"/.exec(action)?.[1] ?? '';
    const status = statusOf(id, i);
    if (status === undefined) passed += `${action}\n${lines[2 * i + 1]}\n`;
    else faked.set(i, { create: { _id: id, status, error: { type: 'es_rejected_execution_exception', reason: `injected item ${status}` } } });
  }
  const upstreamItems: unknown[] = passed ? ((await forward(upstream, req, passed)).body as { items: unknown[] }).items : [];
  const items: unknown[] = [];
  for (let i = 0, u = 0; i < faked.size + upstreamItems.length; i++) items.push(faked.get(i) ?? upstreamItems[u++]);
  return { status: 200, body: { errors: true, items } };
}

function collect(req: IncomingMessage): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(chunks));
    req.on('error', reject);
  });
}

function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  const payload = body === '' ? '' : JSON.stringify(body);
  const type = payload ? { 'content-type': 'application/json' } : {};
  res.writeHead(status, { ...type, ...headers, 'content-length': Buffer.byteLength(payload) });
  res.end(payload);
}
