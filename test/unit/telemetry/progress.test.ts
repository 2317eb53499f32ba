import { PassThrough } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createLogger, type Logger } from '../../../src/telemetry/logger.js';
import { createMetrics } from '../../../src/telemetry/metrics.js';
import { startProgress, type ProgressOptions } from '../../../src/telemetry/progress.js';

const START = Date.UTC(2024, 4, 1);
const END = START + 10 * 86_400_000;

function collect(tty: boolean) {
  const stream = Object.assign(new PassThrough(), { isTTY: tty, columns: 120 });
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
}

/** A progress reporter on a fake wall clock the test moves with `at(ms)`. */
function begin(output: ReturnType<typeof collect>, logger: Logger, periodMs: Partial<ProgressOptions>) {
  const metrics = createMetrics({ version: 't', defaultMetrics: false });
  let clock = 0;
  const progress = startProgress({
    startMs: START,
    endMs: END,
    metrics,
    logger,
    stream: output.stream,
    now: () => clock,
    ...periodMs,
  });
  return { metrics, progress, at: (ms: number) => (clock = ms) };
}

async function ratio(metrics: ReturnType<typeof createMetrics>): Promise<number> {
  return (await metrics.backfillProgressRatio.get()).values[0].value;
}

describe('startProgress', () => {
  it('redraws one bar line in place on a terminal and ends it with a newline', async () => {
    const terminal = collect(true);
    const { metrics, progress, at } = begin(terminal, createLogger({ level: 'silent' }), { redrawMs: 10 });
    at(4_000);
    progress.update(START + 2 * 86_400_000, 8_000);
    expect(await ratio(metrics)).toBeCloseTo(0.2, 12);
    await sleep(60);
    progress.stop();
    progress.stop();

    const text = terminal.text();
    const frames = text.split('\r').filter(Boolean);
    expect(frames.length).toBeGreaterThanOrEqual(2);
    expect(text.endsWith('\n')).toBe(true);
    expect(text.split('\n')).toHaveLength(2);
    // 120 columns leave a 30-wide bar; 20% of it is filled.
    expect(frames.at(-1)).toBe(
      `[${'#'.repeat(6)}${'-'.repeat(24)}]  20.0%  8000 events  2000 ev/s  sim 2024-05-03 00:00Z  ETA 16s\x1b[K\n`,
    );
  });

  it('logs plain periodic lines with structured figures when not on a terminal', async () => {
    const pipe = collect(false);
    const logs = collect(false);
    const logger = createLogger({ level: 'info', format: 'json', destination: logs.stream });
    const { metrics, progress, at } = begin(pipe, logger, { logEveryMs: 10 });
    at(10_000);
    progress.update(START + 5 * 86_400_000, 50_000);
    await sleep(40);
    at(20_000);
    progress.update(END, 100_000);
    progress.stop();

    expect(pipe.text()).toBe('');
    const records = logs.text().trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(records.length).toBeGreaterThanOrEqual(2);
    expect(records[0]).toMatchObject({ progress: 0.5, events: 50_000, eventsPerSecond: 5000, etaSeconds: 10 });
    expect(records[0].msg).toMatch(/^backfill {2}50\.0% {2}50000 events/);
    expect(records.at(-1)).toMatchObject({
      progress: 1,
      events: 100_000,
      reached: new Date(END).toISOString(),
      etaSeconds: 0,
    });
    expect(await ratio(metrics)).toBe(1);
  });
});
