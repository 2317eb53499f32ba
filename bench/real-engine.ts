import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RunningEngine } from '../scripts/engine-lib.mjs';
import { simulationSettings } from '../src/cli/simulation-settings.js';
import { loadConfig } from '../src/config/load.js';
import { dataStreamName } from '../src/setup/index-template.js';
import type { TrackingEvent } from '../src/sim/event.js';
import { createSimulation } from '../src/sim/simulation.js';
import { benchIngestPipeline } from './ingest-pipeline.js';
import { backfillArgv, BENCH_START, generateSpanArgv, STREAM_FLAGS } from './msgtrack-argv.js';
import { MSGTRACK_MAIN, runNode, summaryOf, type ChildRun } from './run-child.js';
import { figure, type Figure } from './stats.js';

/**
 * Issue 8 item 3: msgtrack `backfill` against the official client's `helpers.bulk` (in
 * helpers-bulk.ts, its own process) on the same engine, in the same run, with the same batch
 * size and concurrency, each into its own fresh data stream. The helper is fed the very
 * documents msgtrack ships: `msgtrack generate` writes the same span of the same stream to an
 * NDJSON file first; the helper takes them as objects (its usual use) and, separately, as
 * ready-made JSON strings (its best case). msgtrack runs as configured by default (deterministic
 * `_id`s, so a retry cannot duplicate) and with `--no-deterministic-ids`: an `_id` costs the
 * engine a lookup per document that auto-generated ids skip. One untimed round warms the engine's JIT; then each
 * round deletes the data streams and rotates which client goes first, so none always meets an
 * engine still merging another's segments. Every pass ends with a count of its data stream,
 * which must equal the events shipped. Last, bench/ingest-pipeline.ts measures what the raw-mode
 * ingest pipeline costs the same engine.
 */

export const BATCH_BYTES = 5 * 1024 * 1024;
export const CONCURRENCY = 4;
const INGEST_EVENTS = 50_000;
const HELPERS_MAIN = fileURLToPath(new URL('./helpers-bulk.js', import.meta.url));

const CLIENTS = ['msgtrack', 'msgtrackAutoIds', 'helpersObjects', 'helpersStrings'] as const;
type ClientName = (typeof CLIENTS)[number];
type HelperName = Extract<ClientName, `helpers${string}`>;
/** Data stream namespace per client; the helpers' documents are generated for theirs. */
const NAMESPACE: Readonly<Record<ClientName, string>> = {
  msgtrack: 'benchmsgtrack',
  msgtrackAutoIds: 'benchmsgtrackauto',
  helpersObjects: 'benchhelpers',
  helpersStrings: 'benchhelpers2',
};

export interface ClientFigures {
  readonly eventsPerSec: Figure;
  readonly cpuSecondsPerMillion: Figure;
}

export interface EngineResult {
  readonly engine: string;
  readonly events: number;
  readonly batchBytes: number;
  readonly concurrency: number;
  readonly msgtrack: ClientFigures;
  /** msgtrack with `--no-deterministic-ids`: the engine's append-only path, as the helper gets. */
  readonly msgtrackAutoIds: ClientFigures;
  readonly helpersObjects: ClientFigures;
  readonly helpersStrings: ClientFigures;
  /** msgtrack ÷ helpers.bulk fed objects, per round: events/s (target ≥ 1.2, or ≈ 1 at
   *  ≤ 0.5× CPU) and CPU per event. */
  readonly throughputRatio: Figure;
  readonly cpuRatio: Figure;
  /** The same against helpers.bulk fed strings. */
  readonly throughputRatioStrings: Figure;
  readonly cpuRatioStrings: Figure;
  /** msgtrack --no-deterministic-ids ÷ helpers.bulk fed strings, events/s. */
  readonly autoIdsRatioStrings: Figure;
  /** What the raw-ingest pipeline costs the engine (bench/ingest-pipeline.ts, one pass each). */
  readonly ingest: { readonly events: number; readonly directDocsPerSec: number; readonly rawDocsPerSec: number; readonly ratio: number };
}

export interface EngineOptions {
  readonly events: number;
  readonly runs: number;
  readonly workDir: string;
  /** Repository root: the engine scripts live there. */
  readonly root: string;
  /** An engine already running; otherwise the bench starts (and stops) its own. */
  readonly engineUrl?: string;
}

/** The bench stream's first `events` events, for the in-process ingest comparison. */
function simulate(events: number, root: string): TrackingEvent[] {
  const config = loadConfig({ argv: [...STREAM_FLAGS], env: {}, cwd: root });
  const sim = createSimulation(simulationSettings(config, Date.parse(BENCH_START)));
  return Array.from({ length: events }, () => sim.next());
}

async function request(method: string, url: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, { method });
  return { status: res.status, body: await res.json().catch(() => undefined) };
}

async function documentsIn(url: string, stream: string): Promise<number> {
  await request('POST', `${url}/${stream}/_refresh`);
  const { status, body } = await request('GET', `${url}/${stream}/_count`);
  if (status !== 200) throw new Error(`count of ${stream}: HTTP ${status}`);
  return (body as { count: number }).count;
}

function checked(run: ChildRun, what: string): ChildRun {
  if (run.code !== 0) throw new Error(`${what} exited ${run.code}: ${run.stderr.slice(-2000) || run.stdout.slice(-2000)}`);
  return run;
}

interface Pass {
  readonly events: number;
  readonly seconds: number;
  readonly cpuSeconds: number;
}

async function msgtrackPass(o: EngineOptions, url: string, autoIds: boolean): Promise<Pass> {
  const extra = ['--target', 'opensearch', '--no-setup', '--namespace', NAMESPACE[autoIds ? 'msgtrackAutoIds' : 'msgtrack'],
    '--set', `pipeline.batch_bytes=${BATCH_BYTES / 1024 / 1024}MiB`, '--set', `pipeline.concurrency=${CONCURRENCY}`];
  if (autoIds) extra.push('--no-deterministic-ids');
  const run = checked(await runNode(backfillArgv(o.events, url, o.workDir, extra)), 'msgtrack backfill');
  const summary = summaryOf(run);
  if (summary.events_indexed !== summary.events_generated) throw new Error(`msgtrack did not index everything: ${JSON.stringify(summary)}`);
  return { events: summary.events_indexed, seconds: summary.duration_seconds, cpuSeconds: run.cpuSeconds };
}

async function helpersPass(url: string, client: HelperName, file: string): Promise<Pass> {
  const mode = client === 'helpersObjects' ? 'objects' : 'strings';
  const argv = [HELPERS_MAIN, url, 'opensearch', dataStreamName(NAMESPACE[client]), file, String(BATCH_BYTES), String(CONCURRENCY), mode];
  const run = checked(await runNode(argv), `helpers.bulk (${mode})`);
  const stats = JSON.parse(run.stdout.trim().split('\n').pop()!) as { successful: number; failed: number; seconds: number };
  if (stats.failed > 0) throw new Error(`helpers.bulk (${mode}) failed ${stats.failed} documents`);
  return { events: stats.successful, seconds: stats.seconds, cpuSeconds: run.cpuSeconds };
}

function figures(passes: readonly Pass[]): ClientFigures {
  return {
    eventsPerSec: figure(passes.map((p) => p.events / p.seconds)),
    cpuSecondsPerMillion: figure(passes.map((p) => (p.cpuSeconds / p.events) * 1e6)),
  };
}

/** One pass of each client into fresh data streams, starting with client number `first`. */
async function round(o: EngineOptions, url: string, files: Record<string, string>, first: number): Promise<Record<ClientName, Pass>> {
  for (const client of CLIENTS) await request('DELETE', `${url}/_data_stream/${dataStreamName(NAMESPACE[client])}`);
  const passes = {} as Record<ClientName, Pass>;
  for (let i = 0; i < CLIENTS.length; i++) {
    const client = CLIENTS[(first + i) % CLIENTS.length];
    const pass = client === 'msgtrack' || client === 'msgtrackAutoIds' ? await msgtrackPass(o, url, client === 'msgtrackAutoIds') : await helpersPass(url, client, files[client]);
    const stored = await documentsIn(url, dataStreamName(NAMESPACE[client]));
    if (stored !== pass.events) throw new Error(`${client}: ${pass.events} events shipped, ${stored} stored`);
    passes[client] = pass;
  }
  return passes;
}

export async function benchRealEngine(o: EngineOptions): Promise<EngineResult> {
  let engine: RunningEngine | undefined;
  let url = o.engineUrl;
  if (url === undefined) {
    const lib = (await import(pathToFileURL(join(o.root, 'scripts/engine-lib.mjs')).href)) as typeof import('../scripts/engine-lib.mjs');
    engine = await lib.startEngine({ port: 0 });
    url = engine.url;
  }
  try {
    checked(await runNode([MSGTRACK_MAIN, 'setup', '--target', 'opensearch', '--es-url', url, '--log-format', 'json']), 'msgtrack setup');
    const files: Record<string, string> = {};
    for (const client of ['helpersObjects', 'helpersStrings'] as const) {
      files[client] = join(o.workDir, `${client}.ndjson`);
      checked(await runNode(generateSpanArgv(o.events, NAMESPACE[client], files[client])), 'msgtrack generate');
    }

    await round(o, url, files, 0); // warm-up, not counted
    const rounds: Array<Record<ClientName, Pass>> = [];
    for (let run = 0; run < o.runs; run++) rounds.push(await round(o, url, files, run));
    for (const client of CLIENTS) await request('DELETE', `${url}/_data_stream/${dataStreamName(NAMESPACE[client])}`);

    const ingest = await benchIngestPipeline(url, simulate(Math.min(o.events, INGEST_EVENTS), o.root), { target: 'opensearch' });

    const of = (client: ClientName): Pass[] => rounds.map((r) => r[client]);
    const rate = (p: Pass): number => p.events / p.seconds;
    const cpu = (p: Pass): number => p.cpuSeconds / p.events;
    const versus = (other: ClientName, f: (p: Pass) => number, ours: ClientName = 'msgtrack'): Figure => figure(rounds.map((r) => f(r[ours]) / f(r[other])));
    return {
      engine: engine ? 'embedded OpenSearch 2.19 (started by the bench)' : url.replace(/\/\/[^@/]*@/, '//'),
      events: rounds[0].msgtrack.events,
      batchBytes: BATCH_BYTES,
      concurrency: CONCURRENCY,
      msgtrack: figures(of('msgtrack')),
      msgtrackAutoIds: figures(of('msgtrackAutoIds')),
      helpersObjects: figures(of('helpersObjects')),
      helpersStrings: figures(of('helpersStrings')),
      throughputRatio: versus('helpersObjects', rate),
      cpuRatio: versus('helpersObjects', cpu),
      throughputRatioStrings: versus('helpersStrings', rate),
      cpuRatioStrings: versus('helpersStrings', cpu),
      autoIdsRatioStrings: versus('helpersStrings', rate, 'msgtrackAutoIds'),
      ingest: {
        events: ingest.direct.summary.events_indexed,
        directDocsPerSec: ingest.direct.docsPerSec,
        rawDocsPerSec: ingest.raw.docsPerSec,
        ratio: ingest.ratio,
      },
    };
  } finally {
    await engine?.stop();
  }
}
