import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createExchangeLogWriter } from '../../../../src/sinks/exchange-log/exchange-log-writer.js';
import { manyEvents } from './many-events.js';

interface TailReport {
  sizes: Record<string, number>;
  chunks: number;
  torn: number;
  violations: { file: string; offset: number }[];
}

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('exchange log writer under a tailing reader', () => {
  it('never leaves a file resting on a partial line, and the reader gets every byte', async () => {
    dir = mkdtempSync(join(tmpdir(), 'msgtrk-tail-'));
    const reader = spawn(process.execPath, [join(import.meta.dirname, 'tail-reader.mjs'), dir], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    reader.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    const exited = new Promise<number | null>((resolve) => reader.on('exit', resolve));
    while (!out.startsWith('ready\n')) await sleep(5);

    // Bursts with pauses, so the reader sees the files both while they grow and at rest; small
    // files, so it also follows roll-overs.
    const writer = createExchangeLogWriter({ dir, fileMaxBytes: 64 * 1024, dirMaxBytes: 1 << 30, maxAgeMs: 1e12, highWaterBytes: 32 * 1024 });
    const events = manyEvents(8000, Date.parse('2026-12-03T16:00:00.000Z'), 200);
    for (let i = 0; i < events.length; i++) {
      await writer.write(events[i]);
      if (i % 400 === 399) await sleep(20);
    }
    await writer.close();
    await sleep(20);
    reader.stdin.end();
    expect(await exited).toBe(0);
    const report = JSON.parse(out.slice('ready\n'.length)) as TailReport;

    expect(report.violations).toEqual([]);
    const files = (readdirSync(dir, { recursive: true }) as string[]).filter((p) => p.endsWith('.LOG'));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const path = join(dir, file);
      expect(report.sizes[path], file).toBe(statSync(path).size);
      expect(readFileSync(path, 'latin1').endsWith('\r\n')).toBe(true);
    }
    // It really followed the writer, many reads per file rather than one at the end.
    expect(report.chunks).toBeGreaterThan(files.length * 2);
  });
});
