// A local HTTP server on port 0 that answers with recorded Elasticsearch responses
// (test/fixtures/es-responses) and keeps every request it got, headers and body included, so tests
// can assert what the client really sent over the wire.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

export interface RecordedResponse {
  statusCode: number;
  headers: Record<string, string>;
  /** A JSON value, or "" for an empty body. */
  body: unknown;
}

export interface ReceivedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  /** Decompressed when the request was gzipped. */
  body: string;
}

export interface ReplayServer {
  url: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

const FIXTURES = new URL('../fixtures/es-responses/', import.meta.url);

export function esResponse(name: string): RecordedResponse {
  return JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES), 'utf8')) as RecordedResponse;
}

/**
 * `answer` picks the response for each request (e.g. by path, or from a list in order).
 * With `tls` (PEM key and certificate) the server speaks HTTPS.
 */
export async function startReplayServer(
  answer: (req: ReceivedRequest) => RecordedResponse,
  tls?: { key: string; cert: string },
): Promise<ReplayServer> {
  const requests: ReceivedRequest[] = [];
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
      const received = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      requests.push(received);
      const recorded = answer(received);
      const payload = recorded.body === '' ? '' : JSON.stringify(recorded.body);
      res.writeHead(recorded.statusCode, { ...recorded.headers, 'content-length': Buffer.byteLength(payload) });
      res.end(payload);
    });
  };
  const server = tls ? createTlsServer(tls, handle) : createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
