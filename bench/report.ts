import type { GenerateResult } from './generate.js';
import type { LiveRate, MemoryCase } from './live.js';
import type { Machine } from './machine.js';
import type { NullShippingResult } from './null-shipping.js';
import type { EngineResult } from './real-engine.js';
import type { Figure } from './stats.js';

/**
 * The bench's figures as one markdown table (printed, and ready for README) and as verdicts
 * against issue 8's targets. Each row is a median with its spread over the runs, or a single
 * measurement where the issue asks for one run (the live runs).
 */

export interface BenchResults {
  generate?: GenerateResult;
  nullCluster?: NullShippingResult;
  realEngine?: EngineResult;
  live?: { null: MemoryCase; unanswered: MemoryCase & { eventsQueuedAtEnd: number }; rate: LiveRate };
}

export interface Verdict {
  readonly target: string;
  readonly value: number;
  readonly pass: boolean;
}

interface Row {
  readonly section: string;
  readonly metric: string;
  readonly value: string;
  readonly spread: string;
  readonly target?: Verdict;
}

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const dec = (digits: number) => (n: number): string => n.toFixed(digits);

function row(section: string, metric: string, f: Figure, fmt: (n: number) => string, target?: Verdict): Row {
  return { section, metric, value: fmt(f.median), spread: f.runs.length > 1 ? `${fmt(f.min)}–${fmt(f.max)} (${f.runs.length} runs)` : '', target };
}

function single(section: string, metric: string, value: string, target?: Verdict): Row {
  return { section, metric, value, spread: '', target };
}

const atLeast = (value: number, min: number, label = `≥ ${min}`): Verdict => ({ target: label, value, pass: value >= min });
const atMost = (value: number, max: number, label = `≤ ${max}`): Verdict => ({ target: label, value, pass: value <= max });

function rows(r: BenchResults): Row[] {
  const out: Row[] = [];
  const g = r.generate;
  if (g) {
    const s = `generate (${int(g.events)} events, 1 core)`;
    out.push(
      row(s, 'ECS events/s', g.ecs.eventsPerSec, int),
      row(s, 'ECS MB/s', g.ecs.mbPerSec, dec(1)),
      row(s, 'CSV events/s', g.csv.eventsPerSec, int),
      row(s, 'CSV MB/s', g.csv.mbPerSec, dec(1)),
      row(s, 'reference JSON.stringify MB/s', g.reference.mbPerSec, dec(1)),
      row(s, 'ECS ÷ reference bytes/s (wall)', g.ratio.wall, dec(2), atLeast(g.ratio.wall.median, 0.8)),
      row(s, 'ECS ÷ reference bytes/s (CPU time)', g.ratio.cpu, dec(2)),
      row(s, 'simulation alone events/s', g.simulation.eventsPerSec, int),
    );
  }
  const n = r.nullCluster;
  if (n) {
    const s = `null cluster (backfill, ${int(n.events)} events)`;
    out.push(
      row(s, 'events/s', n.eventsPerSec, int),
      row(s, 'CPU-seconds per million events', n.cpuSecondsPerMillion, dec(1), atMost(n.cpuSecondsPerMillion.median, 25)),
      row(s, 'peak RSS MB (queue full at full speed)', n.peakRssMb, int),
    );
    out.push(
      row(s, 'paired `generate` of the same span, events/s', n.generateEventsPerSec, int),
      row(s, 'backfill ÷ generate events/s (paired processes)', n.ratioToGenerate, dec(2), atLeast(n.ratioToGenerate.median, 0.75)),
    );
  }
  const e = r.realEngine;
  if (e) {
    const s = `real engine (${int(e.events)} events, ${e.batchBytes / 2 ** 20} MiB batches × ${e.concurrency})`;
    const fast = e.throughputRatio.median >= 1.2;
    const lean = e.throughputRatio.median >= 0.95 && e.cpuRatio.median <= 0.5;
    out.push(
      row(s, 'msgtrack backfill events/s', e.msgtrack.eventsPerSec, int),
      row(s, 'msgtrack --no-deterministic-ids events/s', e.msgtrackAutoIds.eventsPerSec, int),
      row(s, 'helpers.bulk (objects) events/s', e.helpersObjects.eventsPerSec, int),
      row(s, 'helpers.bulk (strings) events/s', e.helpersStrings.eventsPerSec, int),
      row(s, 'msgtrack CPU-s per million', e.msgtrack.cpuSecondsPerMillion, dec(1)),
      row(s, 'msgtrack --no-deterministic-ids CPU-s per million', e.msgtrackAutoIds.cpuSecondsPerMillion, dec(1)),
      row(s, 'helpers.bulk (objects) CPU-s per million', e.helpersObjects.cpuSecondsPerMillion, dec(1)),
      row(s, 'helpers.bulk (strings) CPU-s per million', e.helpersStrings.cpuSecondsPerMillion, dec(1)),
      row(s, 'msgtrack ÷ helpers (objects): events/s', e.throughputRatio, dec(2), { target: '≥ 1.2, or ≈ 1 at ≤ 0.5× CPU', value: e.throughputRatio.median, pass: fast || lean }),
      row(s, 'msgtrack ÷ helpers (objects): CPU per event', e.cpuRatio, dec(2)),
      row(s, 'msgtrack ÷ helpers (strings): events/s', e.throughputRatioStrings, dec(2)),
      row(s, 'msgtrack ÷ helpers (strings): CPU per event', e.cpuRatioStrings, dec(2)),
      row(s, 'msgtrack --no-deterministic-ids ÷ helpers (strings): events/s', e.autoIdsRatioStrings, dec(2)),
      single(s, `raw-ingest ÷ direct docs/s (${int(e.ingest.events)} events, 1 pass)`, `${dec(2)(e.ingest.ratio)} (${int(e.ingest.rawDocsPerSec)} / ${int(e.ingest.directDocsPerSec)})`),
    );
  }
  const l = r.live;
  if (l) {
    const mem = (c: MemoryCase): string => `${int(c.firstRssMb)} / ${int(c.lastRssMb)} / ${int(c.peakRssMb)}`;
    out.push(
      single(`live run --eps 20000, null cluster, ${l.null.seconds} s`, 'RSS MB first / last / peak', mem(l.null), atMost(l.null.peakRssMb, 150)),
      single(`live run --eps 20000, cluster never answers, ${l.unanswered.seconds} s`, 'RSS MB first / last / peak', mem(l.unanswered), atMost(l.unanswered.peakRssMb, 150)),
      single(`live rate, ${l.rate.windowSeconds.toFixed(0)} s window`, 'achieved events/s (error)', `${int(l.rate.achievedEps)} (${(l.rate.error * 100).toFixed(2)}%)`, {
        target: '20,000 ± 1%',
        value: l.rate.error,
        pass: Math.abs(l.rate.error) <= 0.01,
      }),
      single(`live rate, ${l.rate.windowSeconds.toFixed(0)} s window`, 'simulated events/s of those events; lag median / max', `${int(l.rate.simulatedEps)}; ${int(l.rate.lagMedianMs)} / ${int(l.rate.lagMaxMs)} ms`),
    );
  }
  return out;
}

export function verdicts(r: BenchResults): Record<string, Verdict> {
  const out: Record<string, Verdict> = {};
  for (const x of rows(r)) if (x.target) out[`${x.section}: ${x.metric}`] = x.target;
  return out;
}

export function renderTable(r: BenchResults): string {
  const lines = ['| section | metric | median | spread | target |', '|---|---|---:|---|---|'];
  for (const x of rows(r)) {
    const target = x.target ? `${x.target.target} ${x.target.pass ? '✓' : '✗'}` : '';
    lines.push(`| ${x.section} | ${x.metric} | ${x.value} | ${x.spread} | ${target} |`);
  }
  return lines.join('\n');
}

export function renderMachine(m: Machine, command: string): string {
  return (
    `Machine: ${m.nproc} CPUs (${m.cpuModel}), ${m.memoryGiB} GiB RAM, Node.js ${m.node}, Linux ${m.kernel}; ` +
    `load average at start ${m.loadAverage.join(' / ')}.\nCommand: ${command}`
  );
}
