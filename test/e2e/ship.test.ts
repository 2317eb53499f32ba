// The daemon end to end (issue 4 "Tests"): the built CLI as a child process, shipping into the
// real engine. backfill lands exactly what generate prints, run --duration lands what it
// generated, and SIGTERM mid-run loses nothing.
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { simulationSettings } from '../../src/cli/simulation-settings.js';
import { loadConfig } from '../../src/config/load.js';
import { createDocId } from '../../src/encode/bulk.js';
import { dataStreamName } from '../../src/setup/index-template.js';
import { spawnCli, summaryOf, waitUntil } from '../utils/daemon.js';
import { count, engineRequest } from '../utils/engine.js';
import { runCli, tempDir } from '../utils/run-cli.js';
import { e2eSuite, shipFlags, storedDocuments } from './e2e-suite.js';

const suite = e2eSuite();
const SIM = ['--seed', 'e2e-ship', '--profile', 'flat'];

describe('msgtrack backfill into the real engine', () => {
  it('lands exactly the events generate prints for the same span, ids and contents', async () => {
    const ns = suite.newNamespace();
    const span = ['--from', '2026-03-02T09:00:00Z', '--to', '2026-03-02T09:01:00Z'];
    const flags = [...SIM, '--eps', '100', ...shipFlags(suite.engine(), ns, suite.file('backfill-dl.ndjson'))];
    const [printed, shipped] = await Promise.all([
      runCli(['generate', ...span, ...SIM, '--eps', '100', '--namespace', ns]),
      runCli(['backfill', ...span, ...flags]),
    ]);
    expect(printed.status, printed.stderr).toBe(0);
    expect(shipped.status, shipped.stdout + shipped.stderr).toBe(0);

    const lines = printed.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(5_000);
    expect(summaryOf(shipped.stdout)).toMatchObject({
      events_generated: lines.length,
      events_indexed: lines.length,
      events_duplicate: 0,
      events_dead_lettered: 0,
      events_dropped: 0,
      events_unsent: 0,
    });

    // generate's line i is the event of stream position i; its _id is derived as `run` derives it.
    const from = Date.parse(span[1]);
    const config = loadConfig({ argv: flags, env: {}, cwd: tempDir() });
    const idOf = createDocId(JSON.stringify(simulationSettings(config, from)), from);
    const expected = new Map(lines.map((line, seq) => [idOf(seq), JSON.parse(line)]));
    const stored = await storedDocuments(suite.engine(), dataStreamName(ns));
    expect(stored).toHaveLength(lines.length);
    const unexpected = stored.filter((doc) => !expected.has(doc._id)).map((doc) => doc._id);
    expect(unexpected).toEqual([]);
    for (const doc of stored) {
      if (!isDeepStrictEqual(doc._source, expected.get(doc._id))) expect(doc._source, doc._id).toEqual(expected.get(doc._id));
    }
  });
});

describe('msgtrack run into the real engine', () => {
  it('run --duration --lookback lands what it generated, from the lookback start to the end', async () => {
    const ns = suite.newNamespace();
    const began = Date.now();
    const result = await runCli([
      'run', '--duration', '8s', '--eps', '300', '--lookback', '30s',
      ...SIM, ...shipFlags(suite.engine(), ns, suite.file('run-dl.ndjson')),
    ]);
    const ended = Date.now();
    expect(result.status, result.stdout + result.stderr).toBe(0);
    const summary = summaryOf(result.stdout);
    expect(summary).toMatchObject({ events_duplicate: 0, events_dead_lettered: 0, events_dropped: 0, events_unsent: 0, events_queued: 0 });
    expect(summary.events_indexed).toBe(summary.events_generated);
    expect(await count(suite.engine(), dataStreamName(ns))).toBe(summary.events_indexed);
    // ~38 s of simulated traffic at 300/s: catch-up and live part are one stream, no gap, no overlap.
    expect(summary.events_generated).toBeGreaterThan(300 * 38 * 0.8);
    expect(summary.events_generated).toBeLessThan(300 * 38 * 1.2);
    const times = await timeRange(ns);
    expect(times.min).toBeGreaterThanOrEqual(began - 30_000);
    expect(times.min).toBeLessThan(began - 25_000); // the child starts a little after `began`
    expect(times.max).toBeLessThanOrEqual(ended);
  });

  it('SIGTERM mid-run: exits 0 within the grace, and every generated event is accounted for', async () => {
    const ns = suite.newNamespace();
    const daemon = spawnCli(['run', '--eps', '300', '--lookback', '10s', ...SIM, ...shipFlags(suite.engine(), ns, suite.file('term-dl.ndjson'))]);
    const stream = dataStreamName(ns);
    await waitUntil(async () => ((await count(suite.engine(), stream).catch(() => 0)) >= 1_000 ? true : undefined), 'first documents', 30_000, 250);
    daemon.signal('SIGTERM');
    const signalled = Date.now();
    const exit = await daemon.exited;
    expect(Date.now() - signalled).toBeLessThan(10_000); // --grace 10s
    expect(exit.status, exit.stdout + exit.stderr).toBe(0);
    expect(daemon.logs().some((r) => r.msg.startsWith('stopping') && r.signal === 'SIGTERM')).toBe(true);

    const s = summaryOf(exit.stdout);
    expect(s.events_unsent).toBe(0);
    expect(s.events_generated).toBe(s.events_indexed + s.events_duplicate + s.events_dead_lettered + s.events_dropped + s.events_unsent);
    expect(s).toMatchObject({ events_duplicate: 0, events_dead_lettered: 0, events_dropped: 0 });
    expect(await count(suite.engine(), stream)).toBe(s.events_indexed);
  });
});

async function timeRange(ns: string): Promise<{ min: number; max: number }> {
  const res = await engineRequest(suite.engine(), 'POST', `/${dataStreamName(ns)}/_search`, {
    size: 0,
    aggs: { min: { min: { field: '@timestamp' } }, max: { max: { field: '@timestamp' } } },
  });
  return { min: res.body.aggregations.min.value, max: res.body.aggregations.max.value };
}
