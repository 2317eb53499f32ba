// Credentials end to end (issue 4 item 6, issue 5 item 2): refused credentials at start exit 1
// with a clear message, and the configured password or API key never appears in the output of
// a refused run or of a successful one. The engine has no security plugin, so the fault proxy in
// front of it plays a secured cluster: 401 unless the Authorization header is the expected one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataStreamName } from '../../src/setup/index-template.js';
import { summaryOf } from '../utils/daemon.js';
import { count } from '../utils/engine.js';
import { startFaultProxy, type FaultProxy } from '../utils/fault-proxy.js';
import { runCli, type CliResult } from '../utils/run-cli.js';
import { e2eSuite, shipFlags } from './e2e-suite.js';

const suite = e2eSuite();
const USER = 'msgtrack_writer';
const PASSWORD = 'e2e-Pa55word-7f3a91';
const API_KEY = 'ZTJlLWtleS1pZDplMmUtYXBpLWtleS1zZWNyZXQtOWM0Yg==';
const basic = (user: string, password: string): string => 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');
const UNAUTHORIZED = {
  kind: 'status' as const,
  status: 401,
  body: { error: { type: 'security_exception', reason: 'unable to authenticate user [msgtrack_writer] for REST request [/]' }, status: 401 },
  headers: { 'www-authenticate': 'Basic realm="security" charset="UTF-8"' },
};

let proxy: FaultProxy;
beforeAll(async () => {
  // Accepts exactly USER:PASSWORD or the API key; answers 401 to anything else.
  const accepted = new Set([basic(USER, PASSWORD), `ApiKey ${API_KEY}`]);
  proxy = await startFaultProxy(suite.engine(), (req) => (accepted.has(String(req.headers.authorization)) ? undefined : UNAUTHORIZED));
});
afterAll(() => proxy?.close());

const SPAN = ['--from', '2026-03-03T08:00:00Z', '--to', '2026-03-03T08:00:20Z', '--eps', '50', '--profile', 'flat'];

/** Neither the secret nor its base64 form (as sent in Authorization) is anywhere in the output. */
function expectNoSecret(result: CliResult, secrets: readonly string[]): void {
  const output = result.stdout + result.stderr;
  for (const secret of secrets) {
    expect(output).not.toContain(secret);
    expect(output).not.toContain(Buffer.from(secret).toString('base64'));
  }
  expect(output).not.toContain(basic(USER, PASSWORD).slice('Basic '.length));
}

describe('credentials', () => {
  it('run with a wrong password exits 1 at start with a clear message, without the password', async () => {
    const wrong = 'wrong-Pa55word-c0ffee';
    const result = await runCli(['run', '--log-level', 'trace', ...shipFlags(proxy.url, suite.newNamespace(), suite.file('dl1.ndjson'))], {
      env: { ELASTICSEARCH_USERNAME: USER, ELASTICSEARCH_PASSWORD: wrong },
    });
    expect(result.status).toBe(1);
    expect(result.stdout + result.stderr).toMatch(/authentication to http:\/\/127\.0\.0\.1:\d+ failed \(HTTP 401\): check the API key or username\/password/);
    expectNoSecret(result, [wrong, PASSWORD]);
  });

  it('backfill with a wrong API key exits 1, and so does check, neither printing the key', async () => {
    const wrongKey = 'd3Jvbmcta2V5LWlkOndyb25nLXNlY3JldC0xMjM0NQ==';
    const env = { ELASTICSEARCH_API_KEY: wrongKey };
    const flags = shipFlags(proxy.url, suite.newNamespace(), suite.file('dl2.ndjson'), ['--log-level', 'trace']);
    const [backfill, check] = await Promise.all([runCli(['backfill', ...SPAN, ...flags], { env }), runCli(['check', ...flags], { env })]);
    expect(backfill.status).toBe(1);
    expect(backfill.stdout).toMatch(/"level":"error".*authentication to .* failed \(HTTP 401\)/);
    expect(check.status).toBe(1);
    expect(check.stdout).toMatch(/^FAIL authentication to http:\/\/127\.0\.0\.1:\d+ failed \(HTTP 401\)/m);
    expectNoSecret(backfill, [wrongKey, API_KEY]);
    expectNoSecret(check, [wrongKey, API_KEY]);
  });

  it('ships with accepted credentials and never prints them', async () => {
    const byPassword = suite.newNamespace();
    const byKey = suite.newNamespace();
    const [password, key] = await Promise.all([
      runCli(['backfill', ...SPAN, ...shipFlags(proxy.url, byPassword, suite.file('dl3.ndjson'), ['--log-level', 'trace'])], {
        env: { ELASTICSEARCH_USERNAME: USER, ELASTICSEARCH_PASSWORD: PASSWORD },
      }),
      runCli(['backfill', ...SPAN, ...shipFlags(proxy.url, byKey, suite.file('dl4.ndjson'), ['--log-level', 'trace'])], {
        env: { ELASTICSEARCH_API_KEY: API_KEY },
      }),
    ]);
    for (const [result, ns] of [[password, byPassword], [key, byKey]] as const) {
      expect(result.status, result.stdout + result.stderr).toBe(0);
      const summary = summaryOf(result.stdout);
      expect(summary.events_indexed).toBeGreaterThan(500);
      expect(await count(suite.engine(), dataStreamName(ns))).toBe(summary.events_indexed);
    }
    expectNoSecret(password, [PASSWORD]);
    expectNoSecret(key, [API_KEY]);
  });
});
