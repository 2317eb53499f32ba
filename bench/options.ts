/**
 * `npm run bench [-- flags]`. The default sizes and durations are the (2-minute memory
 * runs, a 60 s rate window); `--quick` shrinks everything to a couple of minutes in total.
 */

export const SECTIONS = ['generate', 'null', 'engine', 'live'] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchOptions {
  readonly sections: readonly Section[];
  readonly quick: boolean;
  /** Repetitions of the throughput measurements: generate (cheap), null cluster and real engine. */
  readonly generateRuns: number;
  readonly runs: number;
  readonly generateEvents: number;
  readonly nullEvents: number;
  readonly engineEvents: number;
  /** Length of each live run (memory), and the rate window inside the first one. */
  readonly liveSeconds: number;
  readonly rateSeconds: number;
  readonly engineUrl?: string;
}

export const USAGE = `npm run bench [-- flags]
  --quick             small sizes, 20 s live runs (a few minutes in all)
  --only LIST         sections to run, comma separated: ${SECTIONS.join(',')}
  --runs N            repetitions of each throughput measurement (default 5 for generate, 3 otherwise)
  --live-seconds N    length of each live memory run (default 120, quick 20)
  --engine-url URL    use this engine instead of starting the embedded OpenSearch
`;

/** Warm-up (5 s), at least 5 s of rate window, and room for the shutdown. */
const MIN_LIVE_SECONDS = 12;

function positive(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} needs a positive integer, got '${value ?? ''}'`);
  return n;
}

export function parseOptions(argv: readonly string[]): BenchOptions {
  let quick = false;
  let sections: Section[] = [...SECTIONS];
  let runs: number | undefined;
  let liveSeconds: number | undefined;
  let engineUrl: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--quick') quick = true;
    else if (flag === '--only') {
      const list = (argv[++i] ?? '').split(',');
      const unknown = list.filter((s) => !(SECTIONS as readonly string[]).includes(s));
      if (unknown.length > 0) throw new Error(`--only: unknown section '${unknown[0]}' (allowed: ${SECTIONS.join(', ')})`);
      sections = list as Section[];
    } else if (flag === '--runs') runs = positive(flag, argv[++i]);
    else if (flag === '--live-seconds') liveSeconds = positive(flag, argv[++i]);
    else if (flag === '--engine-url') engineUrl = argv[++i];
    else throw new Error(`unknown flag '${flag}'\n${USAGE}`);
  }
  const live = liveSeconds ?? (quick ? 20 : 120);
  if (live < MIN_LIVE_SECONDS) throw new Error(`--live-seconds must be at least ${MIN_LIVE_SECONDS}`);
  return {
    sections,
    quick,
    generateRuns: runs ?? 5,
    runs: runs ?? 3,
    generateEvents: quick ? 30_000 : 100_000,
    nullEvents: quick ? 150_000 : 500_000,
    // As many as the null cluster's: a msgtrack process spends ~0.9 CPU-s starting (modules, the
    // client, the calibration pilot), which over 200,000 events was a quarter of its CPU figure.
    engineEvents: quick ? 50_000 : 500_000,
    liveSeconds: live,
    // The window starts after the warm-up and must end before the run does.
    rateSeconds: Math.min(60, live - MIN_LIVE_SECONDS + 5),
    engineUrl,
  };
}
