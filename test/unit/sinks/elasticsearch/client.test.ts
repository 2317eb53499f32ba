// Connection settings of the real client: TLS verification (on by default, CA contents, CA
// fingerprint, explicit opt-out) against a local HTTPS server with a freshly made self-signed
// certificate, and Elastic Cloud ids.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionSecrets, createClient, type ConnectionOptions } from '../../../../src/sinks/elasticsearch/client.js';
import { checkCluster } from '../../../../src/sinks/elasticsearch/check-cluster.js';
import { esResponse, startReplayServer, type ReplayServer } from '../../../utils/replay-server.js';

let server: ReplayServer;
let cert: string;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'msgtrack-tls-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
    server = await startReplayServer(() => esResponse('info'), { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
afterAll(() => server?.close());

async function check(opts: Partial<ConnectionOptions>) {
  const client = createClient({ hosts: [server.url], ...opts });
  try {
    return await checkCluster(client);
  } finally {
    await client.close();
  }
}

describe('TLS', () => {
  it('verifies certificates by default and says TLS is the problem', async () => {
    const result = await check({});
    expect(result).toMatchObject({ ok: false, problem: 'unreachable', message: expect.stringContaining('TLS: check the CA') });
  });

  it('trusts a CA given as PEM contents', async () => {
    expect(await check({ tls: { ca: cert } })).toEqual({ ok: true, distribution: 'elasticsearch', version: '8.19.2' });
  });

  it('trusts a CA given by its SHA-256 fingerprint', async () => {
    const fingerprint = new X509Certificate(cert).fingerprint256;
    expect(await check({ tls: { caFingerprint: fingerprint, rejectUnauthorized: false } })).toMatchObject({ ok: true });
    expect(await check({ tls: { caFingerprint: fingerprint.replace(/^..:/, '00:'), rejectUnauthorized: false } })).toMatchObject({ ok: false });
  });

  it('skips verification only when explicitly turned off', async () => {
    expect(await check({ tls: {} })).toMatchObject({ ok: false });
    expect(await check({ tls: { rejectUnauthorized: false } })).toMatchObject({ ok: true });
  });
});

describe('createClient', () => {
  it('connects to the Elasticsearch endpoint a cloud id encodes', async () => {
    const cloudId = 'msgtrack-lab:' + Buffer.from('eu-west-1.aws.found.io$a1b2c3d4e5$f6a7b8c9d0').toString('base64');
    const client = createClient({ cloudId, auth: { apiKey: 'k' } });
    expect(client.connectionPool.connections.map((c) => c.url.href)).toEqual(['https://a1b2c3d4e5.eu-west-1.aws.found.io/']);
    await client.close();
  });

  it('uses every host given', async () => {
    const client = createClient({ hosts: ['http://es1:9200', 'http://es2:9200'] });
    expect(client.connectionPool.connections.map((c) => c.url.host)).toEqual(['es1:9200', 'es2:9200']);
    await client.close();
  });

  it('refuses a configuration without any host', () => {
    expect(() => createClient({ hosts: [] })).toThrow(/no Elasticsearch host configured/);
  });

  it('lists the secrets of each kind of credentials for log scrubbing', () => {
    expect(connectionSecrets({ auth: { apiKey: 'a' } })).toEqual(['a']);
    expect(connectionSecrets({ auth: { bearer: 'b' } })).toEqual(['b']);
    expect(connectionSecrets({ auth: { username: 'u', password: 'p' } })).toEqual(['p']);
    expect(connectionSecrets({})).toEqual([]);
  });
});
