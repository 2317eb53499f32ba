// Shared set-up of the end-to-end suites: the real engine, a fresh namespace (so data stream) per
// test, the flags every shipping command gets, and read-back of what the engine stored.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { dataStreamName, DATA_STREAM_DATASET } from '../../src/setup/index-template.js';
import { killLeftovers } from '../utils/daemon.js';
import { deleteDataStream, engineRequest, engineUrl, freshDataStreamName } from '../utils/engine.js';
import { ensureBuilt, tempDir } from '../utils/run-cli.js';

export interface E2eSuite {
  /** The engine's URL (once beforeAll ran). */
  engine(): string;
  /** A namespace no other test uses; its data stream is deleted after the suite. */
  newNamespace(): string;
  /** A path in the suite's temporary directory. */
  file(name: string): string;
}

/** Registers the hooks; the test file must also import ../utils/engine.js for the global setup. */
export function e2eSuite(): E2eSuite {
  let url = '';
  let dir = '';
  const namespaces: string[] = [];
  beforeAll(() => {
    ensureBuilt();
    url = engineUrl();
    dir = tempDir('msgtrack-e2e-');
  });
  afterEach(killLeftovers);
  afterAll(async () => {
    for (const ns of namespaces) await deleteDataStream(url, dataStreamName(ns));
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    engine: () => url,
    newNamespace() {
      const stream = freshDataStreamName('logs-' + DATA_STREAM_DATASET);
      const ns = stream.slice(stream.lastIndexOf('-') + 1);
      namespaces.push(ns);
      return ns;
    },
    file: (name) => join(dir, name),
  };
}

/**
 * The flags of a shipping command against `url`: OpenSearch target, its own namespace and
 * dead-letter file, no metrics listener, millisecond backoff and a short grace, so faults resolve
 * quickly; `extra` comes last and may override any of them.
 */
export function shipFlags(url: string, namespace: string, deadLetter: string, extra: readonly string[] = []): string[] {
  return [
    '--target', 'opensearch',
    '--es-url', url,
    '--namespace', namespace,
    '--dead-letter', deadLetter,
    '--metrics-port', '0',
    '--log-format', 'json',
    '--set', 'pipeline.backoff_initial=50ms',
    '--set', 'pipeline.backoff_max=500ms',
    '--set', 'pipeline.batch_events=500',
    '--grace', '10s',
    ...extra,
  ];
}

export interface StoredDocument {
  readonly _id: string;
  readonly _source: Record<string, unknown>;
}

/** Every document of a data stream (scrolled, so beyond the 10 000 hits of one search). */
export async function storedDocuments(url: string, index: string): Promise<StoredDocument[]> {
  await engineRequest(url, 'POST', `/${index}/_refresh`);
  const docs: StoredDocument[] = [];
  let page = await engineRequest(url, 'POST', `/${index}/_search?scroll=1m`, { size: 5_000, sort: ['_doc'] });
  for (;;) {
    if (page.status !== 200) throw new Error(`search of ${index} answered ${page.status}: ${JSON.stringify(page.body)}`);
    const hits = page.body.hits.hits as StoredDocument[];
    if (hits.length === 0) break;
    docs.push(...hits.map(({ _id, _source }) => ({ _id, _source })));
    page = await engineRequest(url, 'POST', '/_search/scroll', { scroll: '1m', scroll_id: page.body._scroll_id });
  }
  await engineRequest(url, 'DELETE', '/_search/scroll', { scroll_id: page.body._scroll_id });
  return docs;
}
