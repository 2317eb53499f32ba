import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for Elasticsearch that costs next to nothing, so a shipper pointed at it runs at its
 * own ceiling (issue 8, "ship to a null cluster"). It answers `GET /` like Elasticsearch 8 (with
 * the `x-elastic-product` header the client checks), lets `setup` install its resources, and
 * answers every `_bulk` with a precomputed all-success response. The body is only scanned for
 * newlines (memchr in `indexOf`): every bulk item is an action line plus a document line.
 *
 * `blackhole` mode answers everything except `_bulk`, whose requests are read and then left
 * hanging: a cluster that accepted the connection and never answers, which is what fills the
 * shipper's bounded queue.
 */

export interface NullCluster {
  readonly url: string;
  /** Bulk items received so far. */
  readonly items: number;
  readonly requests: number;
  /** Per bulk request: arrival (epoch ms), cumulative items, and the `@timestamp` (epoch ms) of
   *  its last document, the newest one since the shipper sends in time order (NaN if none). */
  readonly arrivals: readonly Arrival[];
  close(): Promise<void>;
}

export interface Arrival {
  readonly atMs: number;
  readonly items: number;
  readonly newestTs: number;
}

const HEADERS = { 'content-type': 'application/json', 'x-elastic-product': 'Elasticsearch' };
const ROOT = Buffer.from(
  JSON.stringify({
    name: 'null',
    cluster_name: 'null-cluster',
    version: { number: '8.17.0', build_flavor: 'default', lucene_version: '9.12.0' },
    tagline: 'You Know, for Search',
  }),
);
const EMPTY: Buffer = Buffer.alloc(0);
const ACKNOWLEDGED = Buffer.from('{"acknowledged":true}');
const NOT_FOUND = Buffer.from('{"error":{"type":"resource_not_found_exception","reason":"not found"},"status":404}');
const ITEM = '{"create":{"status":201}}';
const TIMESTAMP = Buffer.from('{"@timestamp":"');
const ISO_LENGTH = '2026-01-01T00:00:00.000Z'.length;

/** `@timestamp` of the last document in the request's final bytes (NaN when not there). */
function lastTimestamp(tail: Buffer): number {
  const at = tail.lastIndexOf(TIMESTAMP);
  if (at < 0) return NaN;
  const from = at + TIMESTAMP.length;
  return Date.parse(tail.toString('latin1', from, from + ISO_LENGTH));
}

export async function startNullCluster(opts: { blackhole?: boolean } = {}): Promise<NullCluster> {
  // One response per batch size, built once: shippers send few distinct sizes.
  const bulkAnswers = new Map<number, Buffer>();
  const answerFor = (n: number): Buffer => {
    let body = bulkAnswers.get(n);
    if (body === undefined) {
      body = Buffer.from('{"took":1,"errors":false,"items":[' + new Array<string>(n).fill(ITEM).join(',') + ']}');
      bulkAnswers.set(n, body);
    }
    return body;
  };
  const arrivals: Arrival[] = [];
  let items = 0;
  let requests = 0;

  const bulk = (req: IncomingMessage, res: ServerResponse): void => {
    let lines = 0;
    // The last two chunks: enough to hold the whole last document whatever the chunking.
    let previous = EMPTY;
    let last = EMPTY;
    req.on('data', (chunk: Buffer) => {
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
      previous = last;
      last = chunk;
    });
    req.on('end', () => {
      const n = lines >>> 1;
      items += n;
      requests++;
      arrivals.push({ atMs: Date.now(), items, newestTs: lastTimestamp(Buffer.concat([previous, last])) });
      if (!opts.blackhole) res.writeHead(200, HEADERS).end(answerFor(n));
    });
  };

  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (req.method === 'POST' && path.includes('/_bulk')) return bulk(req, res);
    req.resume();
    req.on('end', () => {
      if (path === '/' || path.startsWith('/?')) res.writeHead(200, HEADERS).end(ROOT);
      else if (req.method === 'PUT') res.writeHead(200, HEADERS).end(ACKNOWLEDGED);
      else res.writeHead(404, HEADERS).end(NOT_FOUND);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    get items() {
      return items;
    },
    get requests() {
      return requests;
    },
    arrivals,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
