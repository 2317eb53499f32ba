import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * How V8 sizes the heap, set once the command is known and before its modules load.
 *
 * Every command: the old generation may grow to 1.3× the live heap before a full collection.
 * V8 picks that factor from the heap limit, and from 2 GiB on (the default on any machine with
 * 16 GB or more) allows 4×, a browser's trade of memory for fewer pauses. Measured on
 * `run --eps 20000`: RSS 406 MB and growing at 4×, 229 MB and flat at 1.3×; a null-cluster
 * backfill costs 2% more CPU for 45 MB less.
 *
 * `run`, the daemon, also keeps the young generation at its first size and grows the old one in
 * small steps (`--optimize-for-size`). V8 grows the young generation to 2 × 16 MB semi-spaces
 * under a steady allocation rate, and the old generation's limit adds the young generation's
 * size to the live heap's growth, so it counts twice. A daemon that runs for weeks at a set rate
 * has CPU to spare and a memory limit to respect: measured at --eps 20000 against a null cluster
 * (25–40 s runs), peak RSS went from 192–196 MB to 143–147 MB, and CPU at the steady rate was
 * unchanged; CPU-bound stretches (a --lookback catch-up) cost more (+5% in a paired backfill).
 * Commands that run as fast as they can (backfill, generate) keep V8's young generation.
 *
 * Flags given on the node command line or in NODE_OPTIONS win over each of these. V8 reads these
 * three as it runs (when it sizes the heap after a collection), so setting them at run time takes
 * effect from the next collection on; not every V8 flag is safe to change at run time
 * (`--single-threaded-gc` set this way aborted the process in a test), so add none untested.
 */
export type HeapProfile = 'throughput' | 'lean';

export const HEAP_GROWING_PERCENT = 30;

/** Each setting, and the node flags that mean the user chose it themselves. */
const SETTINGS: Record<HeapProfile, readonly { readonly flag: string; readonly userFlags: readonly string[] }[]> = {
  throughput: [{ flag: `--heap-growing-percent=${HEAP_GROWING_PERCENT}`, userFlags: ['--heap-growing-percent'] }],
  lean: [
    { flag: `--heap-growing-percent=${HEAP_GROWING_PERCENT}`, userFlags: ['--heap-growing-percent'] },
    // The young generation stays at the size it has when the command starts.
    {
      flag: '--semi-space-growth-factor=1',
      userFlags: ['--semi-space-growth-factor', '--max-semi-space-size', '--min-semi-space-size'],
    },
    { flag: '--optimize-for-size', userFlags: ['--optimize-for-size', '--no-optimize-for-size'] },
  ],
};

/** The profile of a command: the daemon is lean, everything else runs for throughput. */
export function heapProfileOf(command: string): HeapProfile {
  return command === 'run' ? 'lean' : 'throughput';
}

/** Applies a profile's settings, except those the user set on the node command line. */
export function applyHeapPolicy(profile: HeapProfile, execArgv: readonly string[], nodeOptions: string | undefined): void {
  const given = [...execArgv, ...(nodeOptions ?? '').split(/\s+/)];
  for (const { flag, userFlags } of SETTINGS[profile]) {
    // `--x` and `--x=value`; V8 also accepts underscores for dashes.
    const chosen = given.some((arg) => userFlags.some((u) => sameFlag(arg, u)));
    if (!chosen) setFlagsFromString(flag);
  }
}

function sameFlag(arg: string, flag: string): boolean {
  const name = arg.split('=', 1)[0].replaceAll('_', '-');
  return name === flag;
}

/**
 * One full collection now. For the daemon between its start-up and going live: a steady start
 * simulates the last 40 s of mail (and the deferred mail of 40 minutes) to reach the state in
 * flight, and that history, promoted out of a small young generation, is garbage the old
 * generation would otherwise carry into the moment the queue fills. Measured at --eps 20000 with
 * a cluster that never answers (25–30 s runs): peak RSS 159–161 MB without it, 147–153 MB with it.
 *
 * V8 gives out its `gc` function only to contexts made while `--expose-gc` is set; the flag is
 * set for the one context that fetches it and cleared again, so `gc` never appears globally.
 */
export function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  setFlagsFromString('--no-expose-gc');
  gc();
}
