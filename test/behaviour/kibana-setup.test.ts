import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DATA_VIEW, installKibanaObjects, kibanaAssetFiles, KibanaSetupError } from '../../src/setup/kibana.js';
import { startFakeKibana, type FakeKibana, type FakeKibanaOptions, type RecordedRequest } from '../utils/fake-kibana.js';

// `msgtrack setup --kibana-url` against a real HTTP server standing in for Kibana: what goes over
// the wire (multipart import with overwrite, kbn-xsrf, auth, data view), idempotence, and the
// errors an operator reads when Kibana refuses.

const PASSWORD = 'S3cret-lab-password!';
const BASIC = `Basic ${Buffer.from(`elastic:${PASSWORD}`).toString('base64')}`;
const auth = { username: 'elastic', password: PASSWORD };

let kibana: FakeKibana | undefined;
async function fake(options: FakeKibanaOptions = {}): Promise<FakeKibana> {
  kibana = await startFakeKibana(options);
  return kibana;
}
afterEach(async () => {
  await kibana?.close();
  kibana = undefined;
});

const work = mkdtempSync(join(tmpdir(), 'msgtrack-kibana-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function rejection(promise: Promise<unknown>): Promise<KibanaSetupError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KibanaSetupError);
  return error as KibanaSetupError;
}

function imports(requests: readonly RecordedRequest[]): RecordedRequest[] {
  return requests.filter((r) => r.path === '/api/saved_objects/_import');
}

describe('installKibanaObjects', () => {
  it('creates the data view and imports the shipped NDJSON as a multipart upload with overwrite', async () => {
    const k = await fake({ authorization: BASIC });
    const [file] = await kibanaAssetFiles();
    const lines = readFileSync(file, 'utf8').trim().split('\n');

    const result = await installKibanaObjects({ url: k.url, auth });

    expect(result).toEqual({
      kibanaVersion: '8.19.0',
      dataView: { id: DATA_VIEW.id, action: 'created' },
      imported: [{ file, objects: lines.length }],
    });
    expect(k.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /api/status',
      `GET /api/data_views/data_view/${DATA_VIEW.id}`,
      'POST /api/data_views/data_view',
      'POST /api/saved_objects/_import',
    ]);
    for (const request of k.requests) {
      expect(request.headers.authorization).toBe(BASIC);
      expect(request.headers['kbn-xsrf']).toBe('true');
    }
    const created = JSON.parse(k.requests[2].body.toString('utf8'));
    expect(created).toEqual({ data_view: DATA_VIEW, override: true });
    expect(k.requests[2].headers['content-type']).toBe('application/json');

    const [upload] = imports(k.requests);
    expect(upload.query.get('overwrite')).toBe('true');
    const contentType = String(upload.headers['content-type']);
    expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
    // Parse the body as a multipart/form-data decoder would: one part "file", the file unchanged.
    const form = await new Response(upload.body, { headers: { 'content-type': contentType } }).formData();
    expect([...form.keys()]).toEqual(['file']);
    const part = form.get('file') as File;
    expect(part.name).toBe(basename(file));
    expect(await part.text()).toBe(readFileSync(file, 'utf8'));

    // Everything in the file is now stored, data view included.
    expect(k.objects.size).toBe(lines.length);
    expect(k.objects.get(`index-pattern/${DATA_VIEW.id}`)?.attributes).toMatchObject({
      title: DATA_VIEW.title,
      timeFieldName: '@timestamp',
    });
  });

  it('is idempotent: a second run finds the data view unchanged and stores the same objects', async () => {
    const k = await fake();
    await installKibanaObjects({ url: k.url, auth });
    const first = structuredClone([...k.objects.entries()]);
    const before = k.requests.length;

    const again = await installKibanaObjects({ url: k.url, auth });

    expect(again.dataView.action).toBe('unchanged');
    const second = k.requests.slice(before).map((r) => `${r.method} ${r.path}`);
    expect(second).not.toContain('POST /api/data_views/data_view');
    expect(second.filter((r) => r.startsWith('POST /api/data_views'))).toEqual([]);
    expect([...k.objects.entries()]).toEqual(first);
  });

  it('updates a data view that exists under our id with other settings', async () => {
    const k = await fake();
    k.objects.set(`index-pattern/${DATA_VIEW.id}`, {
      type: 'index-pattern',
      id: DATA_VIEW.id,
      attributes: { title: 'logs-*', timeFieldName: 'event.created', name: 'old' },
    });
    const result = await installKibanaObjects({ url: k.url, auth, files: [] });
    expect(result.dataView.action).toBe('updated');
    const update = k.requests.find((r) => r.method === 'POST' && r.path === `/api/data_views/data_view/${DATA_VIEW.id}`);
    const { id: _id, ...wanted } = DATA_VIEW;
    expect(JSON.parse(update!.body.toString('utf8'))).toEqual({ data_view: wanted });
  });

  it('sends API keys and bearer tokens in their own Authorization schemes, and honours a space', async () => {
    const k = await fake({ authorization: 'ApiKey aWQ6a2V5' });
    await installKibanaObjects({ url: k.url, auth: { apiKey: 'aWQ6a2V5' }, space: 'lab', files: [] });
    expect(k.requests.every((r) => r.space === 'lab' && r.headers.authorization === 'ApiKey aWQ6a2V5')).toBe(true);
    await k.close();

    const b = await fake({ authorization: 'Bearer tok-123' });
    await installKibanaObjects({ url: `${b.url}/`, auth: { bearer: 'tok-123' }, files: [] });
    expect(b.requests.every((r) => r.space === undefined && r.headers.authorization === 'Bearer tok-123')).toBe(true);
  });

  it('takes credentials written in the URL as basic auth and never shows them', async () => {
    const k = await fake({ authorization: BASIC });
    const url = k.url.replace('http://', `http://elastic:${encodeURIComponent(PASSWORD)}@`);
    await installKibanaObjects({ url, files: [] });
    expect(k.requests[0].headers.authorization).toBe(BASIC);

    const wrong = await rejection(installKibanaObjects({ url: url.replace('S3cret', 'Wrong'), files: [] }));
    expect(wrong.status).toBe(401);
    expect(wrong.message).not.toMatch(/Wrong|S3cret|elastic:/);
  });
});

describe('installKibanaObjects errors', () => {
  it('401: names the refused call and what to check, without the password', async () => {
    const k = await fake({ authorization: 'Basic something-else' });
    const error = await rejection(installKibanaObjects({ url: k.url, auth }));
    expect(error.status).toBe(401);
    expect(error.message).toContain(`Kibana at ${k.url} refused GET /api/status (401 Unauthorized)`);
    expect(error.message).toContain('check the username and password, API key or token');
    expect(error.message).not.toContain(PASSWORD);
    expect(error.message).not.toContain(BASIC.slice(6));
    expect(imports(k.requests)).toEqual([]);
  });

  it('403: explains the missing privileges', async () => {
    const k = await fake({
      faults: [{ path: '/api/data_views', status: 403, body: { statusCode: 403, error: 'Forbidden', message: 'Unable to create index-pattern' } }],
    });
    const error = await rejection(installKibanaObjects({ url: k.url, auth }));
    expect(error.status).toBe(403);
    expect(error.message).toContain('(403 Forbidden): Unable to create index-pattern');
    expect(error.message).toContain('kibana_admin');
  });

  it('500 on the import: says Kibana failed, quotes its message, suggests a retry', async () => {
    const k = await fake({
      faults: [{ path: '/api/saved_objects/_import', status: 500, body: { statusCode: 500, error: 'Internal Server Error', message: 'An internal server error occurred.' } }],
    });
    const error = await rejection(installKibanaObjects({ url: k.url, auth }));
    expect(error.status).toBe(500);
    expect(error.message).toMatch(
      /failed on POST \/api\/saved_objects\/_import \(msgtrack-dashboards\.ndjson\) \(500 Internal Server Error\): An internal server error occurred\.; .*retry/,
    );
  });

  it('lists the objects Kibana could not import, with their missing references', async () => {
    const k = await fake();
    const broken = join(work, 'broken.ndjson');
    const orphan = { type: 'lens', id: 'orphan', attributes: { title: 'Orphan' }, references: [{ type: 'index-pattern', id: 'nope', name: 'x' }] };
    writeFileSync(broken, JSON.stringify(orphan) + '\n');
    const error = await rejection(installKibanaObjects({ url: k.url, auth, files: [broken] }));
    expect(error.message).toBe('Kibana imported broken.ndjson with 1 error(s): lens "Orphan" (orphan): missing_references index-pattern/nope');
    expect(k.objects.has('lens/orphan')).toBe(false);
  });

  it('refuses a Kibana older than the saved objects need', async () => {
    const k = await fake({ version: '8.5.3' });
    const error = await rejection(installKibanaObjects({ url: k.url, auth }));
    expect(error.message).toBe('Kibana 8.5.3 is too old: the dashboards need Kibana 8.9 or later');
  });

  it('unreachable: names the URL and the connection error', async () => {
    const port = await freePort();
    const error = await rejection(installKibanaObjects({ url: `http://127.0.0.1:${port}`, auth }));
    expect(error.status).toBeUndefined();
    expect(error.message).toMatch(new RegExp(`^Kibana at http://127\\.0\\.0\\.1:${port} is unreachable for GET /api/status: ECONNREFUSED`));
  });
});

describe('installKibanaObjects over TLS', () => {
  const dir = mkdtempSync(join(tmpdir(), 'msgtrack-kibana-tls-'));
  let tls: { key: string; cert: string; caFile: string };
  beforeAll(() => {
    // A self-signed certificate for 127.0.0.1, which is its own CA.
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    tls = { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8'), caFile: join(dir, 'cert.pem') };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('verifies the certificate against the given CA file, and says what to do without it', async () => {
    const k = await fake({ tls });
    const error = await rejection(installKibanaObjects({ url: k.url, auth, files: [] }));
    expect(error.message).toMatch(/unreachable for GET \/api\/status: (DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)/);
    expect(error.message).toContain('give the CA file');

    const ok = await installKibanaObjects({ url: k.url, auth, files: [], caFile: tls.caFile });
    expect(ok.dataView.action).toBe('created');
  });

  it('skips verification only when told to', async () => {
    const k = await fake({ tls });
    const ok = await installKibanaObjects({ url: k.url, auth, files: [], tlsVerify: false });
    expect(ok.kibanaVersion).toBe('8.19.0');
  });

  it('reports an unreadable CA file before any request', async () => {
    const k = await fake({ tls });
    const error = await rejection(installKibanaObjects({ url: k.url, auth, caFile: join(dir, 'missing.pem') }));
    expect(error.message).toMatch(/^cannot read the Kibana CA file .*missing\.pem: ENOENT/);
    expect(k.requests).toEqual([]);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close((err) => (err ? reject(err) : resolve(port)));
    });
  });
}
