// Helpers for tests that talk to the real engine started by test/utils/global-setup.ts.
// Importing this module is what tells the global setup to start the engine (outside
// test/integration), so a test that needs it must import from here.
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';

/** Base URL of the engine for this run, e.g. http://127.0.0.1:43121. */
export function engineUrl(): string {
  const url = inject('engineUrl') || process.env.MSGTRACK_TEST_ENGINE_URL;
  if (!url) {
    throw new Error(
      'no engine in this run: the global setup starts it only for test/integration/** and files importing test/utils/engine.ts',
    );
  }
  return url;
}

export interface EngineResponse {
  status: number;
  body: any;
}

/**
 * One request with plain fetch. A string body is sent as NDJSON (for _bulk), anything else as JSON.
 * Non-2xx statuses are returned, not thrown: tests assert on rejections.
 */
export async function engineRequest(url: string, method: string, path: string, body?: unknown): Promise<EngineResponse> {
  const ndjson = typeof body === 'string';
  const res = await fetch(url + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': ndjson ? 'application/x-ndjson' : 'application/json' },
    body: body === undefined ? undefined : ndjson ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

let sequence = 0;

/**
 * A data stream name no other test (file, worker or concurrent run) uses:
 * `${prefix}-t<pid><seq><random>`. The suffix has no '-' so it stays one data stream namespace.
 */
export function freshDataStreamName(prefix: string): string {
  sequence += 1;
  return `${prefix}-t${process.pid.toString(36)}x${sequence.toString(36)}x${randomBytes(3).toString('hex')}`;
}

/** Deletes a data stream and its backing indices; a missing one is fine. */
export async function deleteDataStream(url: string, name: string): Promise<void> {
  const res = await engineRequest(url, 'DELETE', `/_data_stream/${encodeURIComponent(name)}`);
  if (res.status !== 200 && res.status !== 404) {
    throw new Error(`DELETE /_data_stream/${name} answered ${res.status}: ${JSON.stringify(res.body)}`);
  }
}

/** Document count of an index, alias or data stream, after a refresh so recent writes are seen. */
export async function count(url: string, index: string): Promise<number> {
  const target = encodeURIComponent(index);
  const refresh = await engineRequest(url, 'POST', `/${target}/_refresh`);
  if (refresh.status !== 200) throw new Error(`refresh of ${index} answered ${refresh.status}: ${JSON.stringify(refresh.body)}`);
  const res = await engineRequest(url, 'GET', `/${target}/_count`);
  if (res.status !== 200) throw new Error(`count of ${index} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.count as number;
}
