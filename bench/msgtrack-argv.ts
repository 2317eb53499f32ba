import { join } from 'node:path';
import { MSGTRACK_MAIN } from './run-child.js';

/**
 * Command lines of the msgtrack child processes: the bench's stream (seed, eps, profile), JSON
 * logs on stdout (the summary record is read from them), no metrics listener, and a dead-letter
 * file in the scratch directory.
 */

/** The stream every section ships: default organisation, eps 20, flat profile, fixed seed. */
export const BENCH_START = '2026-02-23T00:00:00.000Z';
export const STREAM_FLAGS: readonly string[] = ['--seed', 'bench', '--profile', 'flat', '--eps', '20'];

const COMMON = ['--metrics-port', '0', '--log-format', 'json', '--log-level', 'info'];

/** The simulated span holding about `events` events of the bench stream (eps 20). */
export function spanFor(events: number): { from: string; to: string } {
  const from = Date.parse(BENCH_START);
  return { from: BENCH_START, to: new Date(from + (events / 20) * 1000).toISOString() };
}

export function backfillArgv(events: number, esUrl: string, workDir: string, extra: readonly string[] = []): string[] {
  const { from, to } = spanFor(events);
  return [
    MSGTRACK_MAIN, 'backfill', '--from', from, '--to', to, '--es-url', esUrl,
    '--dead-letter', join(workDir, 'dead-letter.ndjson'), ...STREAM_FLAGS, ...COMMON, ...extra,
  ];
}

/** `run` at `eps` events/s, flat, for `seconds`; --grace 1s so an unanswered cluster does not hold the exit. */
export function liveArgv(eps: number, seconds: number, esUrl: string, workDir: string): string[] {
  return [
    MSGTRACK_MAIN, 'run', '--eps', String(eps), '--profile', 'flat', '--seed', 'bench', '--duration', `${seconds}s`,
    '--grace', '1s', '--es-url', esUrl, '--dead-letter', join(workDir, 'dead-letter.ndjson'), ...COMMON,
  ];
}

export function generateSpanArgv(events: number, namespace: string, output: string): string[] {
  const { from, to } = spanFor(events);
  return [MSGTRACK_MAIN, 'generate', '--from', from, '--to', to, '--namespace', namespace, '--output', output, ...STREAM_FLAGS];
}
