// `npm run demo` (issue 4 item 7): node scripts/demo.mjs starts its own engine, runs setup and
// run against it, prints a growing document count, and on Ctrl-C (SIGINT) stops run (which
// flushes) and then the engine, exiting 0 with nothing left running. The engine port is taken
// by the test, so the demo's "busy port" fallback is exercised too.
// No import of utils/engine: the demo brings its own engine, the shared one is not needed.
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort, httpStatus, killLeftovers, pidsWithArgs, spawnNode, summaryOf, waitUntil, type CliProcess } from '../utils/daemon.js';
import { ensureBuilt, REPO } from '../utils/run-cli.js';

let busy: Server;
beforeAll(async () => {
  ensureBuilt();
  busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
});
afterAll(() => new Promise<void>((resolve) => busy.close(() => resolve())));
// After a failure the demo still gets the chance to stop its children (a SIGKILL would orphan run).
let demo: CliProcess | undefined;
afterEach(async () => {
  if (demo?.child.exitCode === null && demo.child.signalCode === null) {
    demo.signal('SIGTERM');
    await Promise.race([demo.exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
  }
  await killLeftovers();
});

const COUNT_LINE = /^\[demo\] ([\d,]+) documents in logs-microsoft_exchange\.messagetracking-default \(indexing ([\d,]+) docs\/s\)$/gm;
const number = (text: string): number => Number(text.replaceAll(',', ''));

describe('npm run demo', () => {
  it('shows a growing count until SIGINT, then stops run and the engine cleanly', { timeout: 150_000 }, async () => {
    const taken = (busy.address() as { port: number }).port;
    const metricsPort = await freePort();
    const running = spawnNode([
      join(REPO, 'scripts/demo.mjs'),
      '--port', String(taken), '--metrics-port', String(metricsPort), '--every', '1', '--eps', '100', '--lookback', '20s',
    ]);
    demo = running;
    const enginePort = await waitUntil(
      async () => /port \d+ is busy: the engine uses port (\d+) instead/.exec(running.stdout())?.[1],
      'the busy-port notice',
      10_000,
    );
    const counts = await waitUntil(
      async () => {
        const seen = [...running.stdout().matchAll(COUNT_LINE)].map((m) => number(m[1])).filter((n) => n > 0);
        return seen.length >= 2 && seen.at(-1)! > seen[0] ? seen : undefined;
      },
      'two count lines with a growing count',
      120_000,
      250,
    );
    expect(counts.at(-1)).toBeGreaterThan(counts[0]);
    expect(await httpStatus(`http://127.0.0.1:${metricsPort}/metrics`)).toBe(200);
    const engineUrl = `http://127.0.0.1:${enginePort}`;
    expect(pidsWithArgs('--port', enginePort).length).toBeGreaterThanOrEqual(2); // engine script and its JVM
    expect(pidsWithArgs('--es-url', engineUrl)).toHaveLength(1); // msgtrack run

    running.signal('SIGINT');
    const exit = await running.exited;
    expect(exit.status, exit.stdout + exit.stderr).toBe(0);
    // run was stopped first and flushed everything it had generated before the engine went away.
    const summary = summaryOf(exit.stdout);
    expect(summary).toMatchObject({ events_unsent: 0, events_dropped: 0, events_dead_lettered: 0 });
    expect(summary.events_indexed).toBe(summary.events_generated);
    expect(exit.stdout).toContain(`[demo] stopped; the engine held ${summary.events_indexed.toLocaleString('en-US')} documents`);
    expect(exit.stderr).toMatch(/\[engine\] SIGTERM: stopping/);
    // Nothing left behind: no engine (script or JVM), no msgtrack run, the metrics port closed.
    expect(pidsWithArgs('--port', enginePort)).toEqual([]);
    expect(pidsWithArgs('--es-url', engineUrl)).toEqual([]);
    expect(await httpStatus(`http://127.0.0.1:${metricsPort}/metrics`)).toBe(0);
  });
});
