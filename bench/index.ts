import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchGenerate } from './generate.js';
import { benchLiveNull, benchLiveUnanswered } from './live.js';
import { describeMachine } from './machine.js';
import { benchNullShipping } from './null-shipping.js';
import { parseOptions, type BenchOptions } from './options.js';
import { benchRealEngine } from './real-engine.js';
import { renderMachine, renderTable, verdicts, type BenchResults } from './report.js';

/**
 * `npm run bench`: issue 8's figures (and issue 2's generate figure) measured in one run, so the
 * ratios are side by side. Prints the machine, the command and a markdown table; writes the
 * whole result as JSON to bench/results/<timestamp>.json and bench/results/latest.json.
 */

/** The checkout: the nearest folder above this file whose package.json is msgtrack's. */
function findRoot(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'msgtrack') return dir;
  }
  throw new Error('cannot find the msgtrack checkout above ' + fileURLToPath(import.meta.url));
}

function commandLine(argv: readonly string[], root: string): string {
  const args = argv.join(' ');
  if (process.env.npm_lifecycle_event === 'bench') return `npm run bench${args ? ` -- ${args}` : ''}`;
  return ['node', ...process.execArgv, relative(root, fileURLToPath(import.meta.url)), args].filter(Boolean).join(' ');
}

const say = (line: string): boolean => process.stderr.write(`[bench] ${line}\n`);

async function measure(o: BenchOptions, root: string, workDir: string): Promise<BenchResults> {
  const results: BenchResults = {};
  const ctx = { workDir, cwd: root };
  if (o.sections.includes('generate')) {
    say(`generate: ${o.generateEvents} events × ${o.generateRuns} runs (ECS, reference, CSV, simulation)`);
    results.generate = await benchGenerate({ ...ctx, events: o.generateEvents, runs: o.generateRuns });
  }
  if (o.sections.includes('null')) {
    say(`null cluster: backfill of ~${o.nullEvents} events × ${o.runs} runs`);
    results.nullCluster = await benchNullShipping({ ...ctx, events: o.nullEvents, runs: o.runs });
  }
  if (o.sections.includes('engine')) {
    say(`real engine: ~${o.engineEvents} events × ${o.runs} runs, msgtrack and helpers.bulk (${o.engineUrl ?? 'starting the embedded OpenSearch'})`);
    results.realEngine = await benchRealEngine({ workDir, root, events: o.engineEvents, runs: o.runs, engineUrl: o.engineUrl });
  }
  if (o.sections.includes('live')) {
    say(`live: run --eps 20000 for ${o.liveSeconds} s against the null cluster, then against one that never answers`);
    const answered = await benchLiveNull({ ...ctx, seconds: o.liveSeconds, rateSeconds: o.rateSeconds });
    const unanswered = await benchLiveUnanswered({ ...ctx, seconds: o.liveSeconds });
    results.live = { null: answered.memory, unanswered, rate: answered.rate };
  }
  return results;
}

async function main(argv: readonly string[]): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseOptions(argv);
  } catch (error) {
    process.stderr.write(`bench: ${(error as Error).message}\n`);
    return 2;
  }
  const root = findRoot();
  const machine = describeMachine();
  const command = commandLine(argv, root);
  const startedAt = new Date();
  const workDir = mkdtempSync(join(tmpdir(), 'msgtrack-bench-'));
  let results: BenchResults;
  try {
    results = await measure(options, root, workDir);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }

  const report = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    command,
    machine,
    loadAverageAtEnd: loadavg().map((l) => Math.round(l * 100) / 100),
    options,
    results,
    verdicts: verdicts(results),
  };
  const dir = join(root, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const json = JSON.stringify(report, null, 2) + '\n';
  const file = join(dir, `${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, json);
  writeFileSync(join(dir, 'latest.json'), json);

  process.stdout.write(`${renderMachine(machine, command)}\n\n${renderTable(results)}\n\nJSON: ${relative(root, file)}\n`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
