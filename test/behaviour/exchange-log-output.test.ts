// `run --output exchange-log` and `generate --format csv --log-dir` (issue 7 item 1), through the
// built CLI: both write the native MSGTRK*.LOG family per server, every row has 30 columns, and
// the daemon's summary counts exactly the rows it wrote.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsvLine } from '../../src/encode/exchange-csv.js';
import { summaryOf } from '../utils/daemon.js';
import { ensureBuilt, runCli, tempDir } from '../utils/run-cli.js';

/** Every data row of every .LOG file below `dir`, by file path relative to `dir`. */
function readLogs(dir: string): Map<string, string[]> {
  const files = new Map<string, string[]>();
  for (const server of readdirSync(dir)) {
    for (const name of readdirSync(join(dir, server))) {
      const text = readFileSync(join(dir, server, name), 'utf8');
      expect(text.endsWith('\r\n'), name).toBe(true);
      const lines = text.slice(0, -2).split('\r\n');
      expect(lines.slice(0, 5).map((l) => l.split(':', 1)[0])).toEqual(['#Software', '#Version', '#Log-type', '#Date', '#Fields']);
      files.set(`${server}/${name}`, lines.slice(5));
    }
  }
  return files;
}

describe('native log file output', () => {
  beforeAll(ensureBuilt);

  it('generate --format csv --log-dir writes MSGTRK, MSGTRKMS and MSGTRKMD files per server', async () => {
    const dir = tempDir('msgtrack-logdir-');
    const result = await runCli(['generate', '--format', 'csv', '--log-dir', dir, '--count', '5000', '--seed', 'logs', '--start', '2026-03-02T09:00:00Z', '--profile', 'flat']);
    expect(result.status, result.stderr).toBe(0);
    const files = readLogs(dir);
    const names = [...files.keys()];
    expect(names).toContain('EXCH01/MSGTRK2026030209-1.LOG');
    expect(names).toContain('EXCH01/MSGTRKMS2026030209-1.LOG');
    expect(names).toContain('EXCH01/MSGTRKMD2026030209-1.LOG');
    const rows = [...files.values()].flat();
    expect(rows).toHaveLength(5000);
    for (const row of rows) expect(parseCsvLine(row)).toHaveLength(30);
  });

  it('run --output exchange-log writes live rows and its summary counts every one of them', async () => {
    const dir = tempDir('msgtrack-live-logs-');
    const result = await runCli(
      ['run', '--output', 'exchange-log', '--log-dir', dir, '--eps', '300', '--profile', 'flat', '--lookback', '20s', '--duration', '3s', '--metrics-port', '0', '--log-format', 'json'],
      {},
    );
    expect(result.status, result.stderr).toBe(0);
    const summary = summaryOf(result.stdout) as unknown as Record<string, number>;
    const rows = [...readLogs(dir).values()].flat();
    expect(summary.events_written).toBe(rows.length);
    expect(summary.events_generated).toBe(rows.length);
    // 23 simulated seconds at 300 events/s, within Poisson noise.
    expect(rows.length).toBeGreaterThan(23 * 300 * 0.8);
    expect(rows.length).toBeLessThan(23 * 300 * 1.2);
    // Rows are in time order within each file.
    for (const fileRows of readLogs(dir).values()) {
      const times = fileRows.map((row) => row.slice(0, 24));
      expect([...times].sort()).toEqual(times);
    }
  });
});
