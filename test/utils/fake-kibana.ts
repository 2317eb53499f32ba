import { createServer as createHttpServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

/**
 * A small real HTTP(S) server standing in for Kibana's setup APIs (no Kibana runs on these
 * machines): /api/status, the data views API and the saved objects import. It records every
 * request and keeps the saved objects it was given, applying the same rules Kibana does where
 * our client depends on them: `kbn-xsrf` required on writes, the credentials checked, multipart
 * import with a `.ndjson` file part, references that must resolve, conflicts without overwrite,
 * and `/s/<space>` prefixes. Faults (401, 500, ...) are injected per path.
 */

export interface RecordedRequest {
  readonly method: string;
  /** Path without the space prefix and the query string. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly space: string | undefined;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export interface SavedObject {
  readonly type: string;
  readonly id: string;
  readonly attributes: Record<string, unknown>;
  readonly references?: readonly { readonly type: string; readonly id: string; readonly name: string }[];
  readonly [key: string]: unknown;
}

export interface InjectedFault {
  readonly method?: string;
  /** Matches a path (without space prefix) that starts with this. */
  readonly path: string;
  readonly status: number;
  readonly body?: unknown;
}

export interface FakeKibanaOptions {
  readonly version?: string;
  /** When set, every request must carry exactly this Authorization header value, else 401. */
  readonly authorization?: string;
  readonly faults?: readonly InjectedFault[];
  /** Serve HTTPS with this key and certificate (PEM). */
  readonly tls?: { readonly key: string; readonly cert: string };
}

export interface FakeKibana {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Saved objects by `type/id`, data views included (type index-pattern), as Kibana stores them. */
  readonly objects: Map<string, SavedObject>;
  close(): Promise<void>;
}

interface Answer {
  readonly status: number;
  readonly body: unknown;
}

const KEY = (type: string, id: string): string => `${type}/${id}`;

function error(status: number, label: string, message: string): Answer {
  return { status, body: { statusCode: status, error: label, message } };
}

export async function startFakeKibana(options: FakeKibanaOptions = {}): Promise<FakeKibana> {
  const requests: RecordedRequest[] = [];
  const objects = new Map<string, SavedObject>();
  const version = options.version ?? '8.19.0';

  async function answer(req: RecordedRequest): Promise<Answer> {
    const fault = options.faults?.find((f) => req.path.startsWith(f.path) && (!f.method || f.method === req.method));
    if (fault) return { status: fault.status, body: fault.body ?? { statusCode: fault.status, message: 'injected fault' } };
    if (options.authorization !== undefined && req.headers.authorization !== options.authorization) {
      return error(401, 'Unauthorized', '[security_exception]: unable to authenticate user');
    }
    if (req.method === 'POST' && req.headers['kbn-xsrf'] === undefined) {
      return error(400, 'Bad Request', 'Request must contain a kbn-xsrf header.');
    }
    if (req.method === 'GET' && req.path === '/api/status') {
      return { status: 200, body: { name: 'kibana', version: { number: version }, status: { overall: { level: 'available' } } } };
    }
    if (req.path === '/api/saved_objects/_import' && req.method === 'POST') return importObjects(req);
    const view = /^\/api\/data_views\/data_view(?:\/([^/]+))?$/.exec(req.path);
    if (view) return dataView(req, view[1]);
    return error(404, 'Not Found', `no route ${req.method} ${req.path}`);
  }

  function dataView(req: RecordedRequest, id: string | undefined): Answer {
    if (req.method === 'GET' && id) {
      const found = objects.get(KEY('index-pattern', id));
      if (!found) return error(404, 'Not Found', `Saved object [index-pattern/${id}] not found`);
      return { status: 200, body: { data_view: { id, ...found.attributes } } };
    }
    if (req.method !== 'POST') return error(404, 'Not Found', 'no such route');
    const spec = (JSON.parse(req.body.toString('utf8')) as { data_view: Record<string, unknown> }).data_view;
    const target = id ?? String(spec.id);
    const existing = objects.get(KEY('index-pattern', target));
    if (id && !existing) return error(404, 'Not Found', `Saved object [index-pattern/${id}] not found`);
    const { id: _ignored, ...attributes } = spec;
    objects.set(KEY('index-pattern', target), { type: 'index-pattern', id: target, attributes: { ...existing?.attributes, ...attributes } });
    return { status: 200, body: { data_view: { id: target, ...attributes } } };
  }

  async function importObjects(req: RecordedRequest): Promise<Answer> {
    const contentType = String(req.headers['content-type'] ?? '');
    if (!contentType.startsWith('multipart/form-data')) return error(415, 'Unsupported Media Type', 'expected multipart/form-data');
    const form = await new Response(req.body, { headers: { 'content-type': contentType } }).formData();
    const file = form.get('file');
    if (!(file instanceof File) || !file.name.endsWith('.ndjson')) return error(400, 'Bad Request', 'Invalid file extension');
    const incoming = (await file.text()).split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as SavedObject);
    const overwrite = req.query.get('overwrite') === 'true';
    const known = (type: string, id: string): boolean =>
      objects.has(KEY(type, id)) || incoming.some((o) => o.type === type && o.id === id);
    const errors = [];
    const successResults = [];
    for (const object of incoming) {
      const meta = { title: object.attributes?.title };
      const missing = (object.references ?? []).filter((ref) => !known(ref.type, ref.id));
      if (missing.length > 0) {
        errors.push({ id: object.id, type: object.type, meta, error: { type: 'missing_references', references: missing.map(({ type, id }) => ({ type, id })) } });
      } else if (!overwrite && objects.has(KEY(object.type, object.id))) {
        errors.push({ id: object.id, type: object.type, meta, error: { type: 'conflict' } });
      } else {
        successResults.push({ id: object.id, type: object.type, meta });
      }
    }
    // Like Kibana, nothing is written when any object fails.
    if (errors.length === 0) for (const object of incoming) objects.set(KEY(object.type, object.id), object);
    const body = { success: errors.length === 0, successCount: errors.length === 0 ? successResults.length : 0, successResults };
    return { status: 200, body: errors.length === 0 ? body : { ...body, errors } };
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://kibana');
      const space = /^\/s\/([^/]+)(\/.*)$/.exec(url.pathname);
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: space ? space[2] : url.pathname,
        query: url.searchParams,
        space: space?.[1],
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      requests.push(recorded);
      answer(recorded).then(
        ({ status, body }) => {
          const text = typeof body === 'string' ? body : JSON.stringify(body);
          res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json' });
          res.end(text);
        },
        (err: Error) => {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ statusCode: 500, message: `fake Kibana: ${err.message}` }));
        },
      );
    });
  }

  const server = options.tls ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, handle) : createHttpServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    objects,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
