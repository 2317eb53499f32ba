import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dispatch } from '../src/cli/dispatch.js';
import { simulationSettings } from '../src/cli/simulation-settings.js';
import { loadConfig } from '../src/config/load.js';
import { BENCH_START, STREAM_FLAGS } from './msgtrack-argv.js';
import { timeSimulation } from './sim.js';
import { figure, ratios, type Figure } from './stats.js';
import { timed, type Timing } from './timed.js';

/**
 * Issue 2's figure and issue 8 item 1, on one core (in this process, nothing else running):
 * - the real `msgtrack generate --count N --output /dev/null` (the CLI's dispatch, config loading,
 *   simulation, encoder and 64K-chunk writes), as ECS and as CSV;
 * - the reference: `JSON.stringify` of the very same ECS documents, parsed into objects
 *   beforehand, written the same way (reference-writer.ts, a child process so that its heap of
 *   documents does not burden the generate passes);
 * - the simulation alone.
 * Passes are interleaved (ECS, reference, CSV, simulation, then again), so each ratio compares
 * runs that saw the same load from the other engineers' processes.
 */

export interface Throughput {
  /** Per wall-clock second. */
  readonly eventsPerSec: Figure;
  readonly mbPerSec: Figure;
  /** Per CPU-second of the process: less sensitive to the machine's other load. */
  readonly eventsPerCpuSec: Figure;
  readonly mbPerCpuSec: Figure;
}

export interface GenerateResult {
  readonly events: number;
  /** Output sizes of one pass, bytes. */
  readonly bytes: { readonly ecs: number; readonly csv: number; readonly reference: number };
  readonly ecs: Throughput;
  readonly csv: Throughput;
  readonly reference: Throughput;
  readonly simulation: { readonly eventsPerSec: Figure; readonly eventsPerCpuSec: Figure };
  /** ECS bytes/s ÷ reference bytes/s, per run (target ≥ 0.8). */
  readonly ratio: { readonly wall: Figure; readonly cpu: Figure };
}

export interface GenerateOptions {
  readonly events: number;
  readonly runs: number;
  /** Scratch directory for the one-off files (the documents, the size checks). */
  readonly workDir: string;
  /** Repository root: generate runs as if started there. */
  readonly cwd: string;
}

const MB = 1e6;

function generateArgv(count: number, format: 'ecs' | 'csv', output: string): string[] {
  return ['generate', '--count', String(count), '--format', format, '--output', output, '--start', BENCH_START, ...STREAM_FLAGS];
}

async function generate(count: number, format: 'ecs' | 'csv', output: string, cwd: string): Promise<void> {
  const status = await dispatch(generateArgv(count, format, output), {}, cwd);
  if (status !== 0) throw new Error(`msgtrack ${generateArgv(count, format, output).join(' ')} exited ${status}`);
}

/** Starts the reference writer on the documents file; resolves once it is loaded and warm. */
async function startReference(docsFile: string): Promise<{ child: ChildProcess; bytes: number }> {
  const child = fork(fileURLToPath(new URL('./reference-writer.js', import.meta.url)), [docsFile, '/dev/null'], {
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = (await reply(child)) as { bytes: number };
  return { child, bytes: ready.bytes };
}

function reply(child: ChildProcess): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null): void => reject(new Error(`reference writer exited ${code}`));
    child.once('exit', onExit);
    child.once('message', (message) => {
      child.off('exit', onExit);
      resolve(message);
    });
  });
}

function throughput(passes: readonly Timing[], events: number, bytes: number): Throughput {
  return {
    eventsPerSec: figure(passes.map((p) => events / p.wallSeconds)),
    mbPerSec: figure(passes.map((p) => bytes / MB / p.wallSeconds)),
    eventsPerCpuSec: figure(passes.map((p) => events / p.cpuSeconds)),
    mbPerCpuSec: figure(passes.map((p) => bytes / MB / p.cpuSeconds)),
  };
}

export async function benchGenerate(o: GenerateOptions): Promise<GenerateResult> {
  const ecsFile = join(o.workDir, 'generate.ndjson');
  const csvFile = join(o.workDir, 'generate.csv');
  await generate(o.events, 'ecs', ecsFile, o.cwd);
  await generate(o.events, 'csv', csvFile, o.cwd);
  const ref = await startReference(ecsFile);
  const bytes = { ecs: statSync(ecsFile).size, csv: statSync(csvFile).size, reference: ref.bytes };
  for (const file of [ecsFile, csvFile]) rmSync(file);

  const config = loadConfig({ argv: [...STREAM_FLAGS], env: {}, cwd: o.cwd });
  const settings = simulationSettings(config, Date.parse(BENCH_START));

  // Warm-up: lets the JIT settle before anything counts.
  const warm = Math.ceil(o.events / 4);
  await generate(warm, 'ecs', '/dev/null', o.cwd);
  await generate(warm, 'csv', '/dev/null', o.cwd);
  await timeSimulation(settings, warm);

  const ecs: Timing[] = [];
  const csv: Timing[] = [];
  const reference: Timing[] = [];
  const simulation: Timing[] = [];
  for (let run = 0; run < o.runs; run++) {
    ecs.push(await timed(() => generate(o.events, 'ecs', '/dev/null', o.cwd)));
    ref.child.send('pass');
    reference.push((await reply(ref.child)) as Timing);
    csv.push(await timed(() => generate(o.events, 'csv', '/dev/null', o.cwd)));
    simulation.push(await timeSimulation(settings, o.events));
  }

  // Reaped before the next section, or its CPU time would be counted in that section's child.
  const exited = once(ref.child, 'exit');
  ref.child.send('exit');
  await exited;

  const ecsRate = (p: Timing, key: keyof Timing): number => bytes.ecs / p[key];
  const refRate = (p: Timing, key: keyof Timing): number => bytes.reference / p[key];
  return {
    events: o.events,
    bytes,
    ecs: throughput(ecs, o.events, bytes.ecs),
    csv: throughput(csv, o.events, bytes.csv),
    reference: throughput(reference, o.events, bytes.reference),
    simulation: {
      eventsPerSec: figure(simulation.map((p) => o.events / p.wallSeconds)),
      eventsPerCpuSec: figure(simulation.map((p) => o.events / p.cpuSeconds)),
    },
    ratio: {
      wall: figure(ratios(ecs.map((p) => ecsRate(p, 'wallSeconds')), reference.map((p) => refRate(p, 'wallSeconds')))),
      cpu: figure(ratios(ecs.map((p) => ecsRate(p, 'cpuSeconds')), reference.map((p) => refRate(p, 'cpuSeconds')))),
    },
  };
}
