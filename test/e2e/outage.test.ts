// A cluster that is down when the daemon starts, and again mid-run (issue 4 item 6, issue 5
// /readyz): the daemon waits (logged, not fatal), /readyz says 503 while the cluster is away and
// 200 once it is back, and at the end every generated event is in the engine exactly once.
// The outage is the fault proxy's port closing in front of the real engine.
import { describe, expect, it } from 'vitest';
import { dataStreamName } from '../../src/setup/index-template.js';
import { freePort, httpStatus, spawnCli, summaryOf, waitUntil } from '../utils/daemon.js';
import { count } from '../utils/engine.js';
import { startFaultProxy } from '../utils/fault-proxy.js';
import { e2eSuite, shipFlags } from './e2e-suite.js';

const suite = e2eSuite();

describe('msgtrack run through cluster outages', () => {
  it('waits for a cluster that is down at start and mid-run, then delivers everything exactly once', async () => {
    const ns = suite.newNamespace();
    const stream = dataStreamName(ns);
    const proxy = await startFaultProxy(suite.engine(), () => undefined);
    const port = await freePort();
    const readyz = `http://127.0.0.1:${port}/readyz`;
    const readiness = async (want: number): Promise<string | undefined> => {
      const res = await fetch(readyz).catch(() => undefined);
      const body = res ? await res.text() : '';
      return res?.status === want ? body : undefined;
    };
    try {
      await proxy.down();
      const daemon = spawnCli([
        'run', '--eps', '300', '--profile', 'flat', '--seed', 'e2e-outage',
        ...shipFlags(proxy.url, ns, suite.file('outage-dl.ndjson'), ['--metrics-port', String(port)]),
      ]);

      // Down at start: waited for, not fatal; not ready, with the reason.
      const waiting = await daemon.waitForLog((r) => r.msg === 'cluster not available at start; waiting for it');
      expect(waiting.level).toBe('warn');
      expect(await waitUntil(() => readiness(503), '/readyz 503 at start')).toMatch(/^not ready: cannot reach http:\/\/127\.0\.0\.1:\d+/);
      await new Promise((resolve) => setTimeout(resolve, 1_500)); // a few connection attempts
      expect(daemon.child.exitCode).toBeNull();

      await proxy.up();
      await daemon.waitForLog((r) => r.msg === 'connected to cluster');
      await waitUntil(() => readiness(200), '/readyz 200 once the cluster is up');
      await waitUntil(async () => ((await count(suite.engine(), stream).catch(() => 0)) > 500 ? true : undefined), 'documents after the first outage', 20_000, 200);

      // Down mid-run: bulk requests fail and are retried, readiness follows.
      await proxy.down();
      expect(await waitUntil(() => readiness(503), '/readyz 503 mid-run')).toMatch(/^not ready: /);
      await daemon.waitForLog((r) => r.msg === 'bulk request failed; retrying with backoff until the cluster answers');
      expect(daemon.child.exitCode).toBeNull();
      expect(await httpStatus(`http://127.0.0.1:${port}/healthz`)).toBe(200); // alive all along

      await proxy.up();
      await waitUntil(() => readiness(200), '/readyz 200 after the mid-run outage');
      await daemon.waitForLog((r) => r.msg === 'cluster accepting bulk requests again');
      daemon.signal('SIGTERM');
      const exit = await daemon.exited;
      expect(exit.status, exit.stdout + exit.stderr).toBe(0);

      const s = summaryOf(exit.stdout);
      expect(s).toMatchObject({ events_dead_lettered: 0, events_dropped: 0, events_unsent: 0, events_queued: 0 });
      expect(s.events_retried).toBeGreaterThan(0);
      // A request cut by the outage may have landed: its retry then answers 409 (duplicate), not a second copy.
      expect(s.events_indexed + s.events_duplicate).toBe(s.events_generated);
      // Deterministic _ids: one copy per event, so the count equal to generated means exactly once.
      expect(await count(suite.engine(), stream)).toBe(s.events_generated);
    } finally {
      await proxy.close();
    }
  });
});
