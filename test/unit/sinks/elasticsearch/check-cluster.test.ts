import { afterEach, describe, expect, it } from 'vitest';
import { createClient, type ConnectionOptions } from '../../../../src/sinks/elasticsearch/client.js';
import { checkCluster } from '../../../../src/sinks/elasticsearch/check-cluster.js';
import { esResponse, startReplayServer, type RecordedResponse, type ReplayServer } from '../../../utils/replay-server.js';

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function checkAgainst(response: RecordedResponse, conn: Partial<ConnectionOptions> = {}) {
  server = await startReplayServer(() => response);
  const client = createClient({ hosts: [server.url], ...conn });
  try {
    return await checkCluster(client);
  } finally {
    await client.close();
  }
}

describe('checkCluster', () => {
  it('reports the version of a reachable Elasticsearch', async () => {
    expect(await checkAgainst(esResponse('info'))).toEqual({ ok: true, distribution: 'elasticsearch', version: '8.19.2' });
    expect(server?.requests[0]).toMatchObject({ method: 'GET', url: '/' });
  });

  it('names bad credentials plainly and never repeats the secret', async () => {
    const secret = 'Zm9vYmFyOnNlY3JldC1zaG91bGQtbm90LWxlYWs=';
    const result = await checkAgainst(esResponse('error-401'), { auth: { apiKey: secret } });
    expect(result).toMatchObject({ ok: false, problem: 'auth', status: 401 });
    if (result.ok) throw new Error('unreachable');
    expect(result.message).toMatch(/^authentication to http:\/\/127\.0\.0\.1:\d+ failed \(HTTP 401\): check the API key/);
    expect(result.message).not.toContain(secret);
  });

  it('does not put URL credentials into messages', async () => {
    server = await startReplayServer(() => esResponse('error-401'));
    const withUserinfo = server.url.replace('http://', 'http://elastic:s3cr3t-pw@');
    const client = createClient({ hosts: [withUserinfo] });
    const result = await checkCluster(client);
    await client.close();
    expect(server.requests[0].headers.authorization).toBe(`Basic ${Buffer.from('elastic:s3cr3t-pw').toString('base64')}`);
    expect(JSON.stringify(result)).not.toContain('s3cr3t-pw');
  });

  it('accepts credentials that may ship but not read GET / (403), with a warning', async () => {
    expect(await checkAgainst(esResponse('error-403'))).toMatchObject({ ok: true, warning: expect.stringContaining('HTTP 403') });
  });

  it('tells an OpenSearch cluster reached with the elasticsearch target to switch targets', async () => {
    const opensearchInfo = {
      statusCode: 200,
      headers: { 'content-type': 'application/json; charset=UTF-8' },
      body: { name: 'node-1', version: { distribution: 'opensearch', number: '2.19.6' } },
    };
    expect(await checkAgainst(opensearchInfo)).toMatchObject({ ok: false, problem: 'product', message: expect.stringContaining('--target opensearch') });
    await server?.close();
    expect(await checkAgainst(opensearchInfo, { target: 'opensearch' })).toEqual({ ok: true, distribution: 'opensearch', version: '2.19.6' });
  });

  it('says which host cannot be reached', async () => {
    server = await startReplayServer(() => esResponse('info'));
    const url = server.url;
    await server.close();
    server = undefined;
    const client = createClient({ hosts: [url] });
    const result = await checkCluster(client, { timeoutMs: 2000 });
    await client.close();
    expect(result).toMatchObject({ ok: false, problem: 'unreachable', message: expect.stringContaining(`cannot reach ${url}`) });
  });

  it('treats a 503 (no master yet) as unreachable, to be waited for', async () => {
    expect(await checkAgainst(esResponse('error-503'))).toMatchObject({ ok: false, problem: 'unreachable', status: 503 });
  });
});
