import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HeapProfile } from '../../src/cli/heap-policy.js';

const POLICY = pathToFileURL(join(__dirname, '../../dist/src/cli/heap-policy.js')).href;
const MB = 1024 * 1024;

interface HeapShape {
  /** The largest old-space size seen over the live old space at the end. */
  readonly oldOverLive: number;
  /** The largest young generation seen, in MB. */
  readonly youngMb: number;
}

/**
 * A long-lived working set (~60 MB of small objects, like the mail in flight) replaced bit by
 * bit, so garbage is promoted and old space grows until a full collection, in a child process
 * that applies `profile` first (or nothing). The heap limit is fixed at 4 GiB, where V8's own
 * growing factor is its largest (4×), so the comparison does not depend on the memory of the
 * machine running the test.
 */
function heapShape(profile: HeapProfile | undefined, nodeFlags: string[] = []): HeapShape {
  const script = `
    ${profile ? `(await import(${JSON.stringify(POLICY)})).applyHeapPolicy(${JSON.stringify(profile)}, process.execArgv, process.env.NODE_OPTIONS);` : ''}
    const v8 = await import('node:v8');
    const space = (name) => v8.getHeapSpaceStatistics().find((s) => s.space_name === name);
    const ring = new Array(400_000);
    let old = 0;
    let young = 0;
    for (let i = 0; i < 6_000_000; i++) {
      ring[(i * 7919) % ring.length] = { a: i, b: 'x' + i, c: [i, i + 1] };
      if (i % 20_000 === 0) {
        old = Math.max(old, space('old_space').space_size);
        young = Math.max(young, space('new_space').space_size);
      }
    }
    globalThis.gc();
    // Reading ring after the collection keeps the working set alive through it.
    process.stdout.write(JSON.stringify({ oldOverLive: old / space('old_space').space_used_size, youngMb: young / ${MB}, n: ring.length }));
  `;
  const out = execFileSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', ...nodeFlags, '--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH },
  });
  return JSON.parse(out) as HeapShape;
}

describe('heap policy', () => {
  it('keeps old space near the live heap where V8 alone lets it grow several times over', () => {
    const alone = heapShape(undefined);
    const throughput = heapShape('throughput');
    // Measured: 4.6 alone, 1.9 with the policy (old space also counts partly filled pages).
    expect(alone.oldOverLive).toBeGreaterThan(3);
    expect(throughput.oldOverLive).toBeLessThan(2.5);
    // The throughput profile leaves the young generation to V8, which grows it to 2 × 16 MB.
    expect(throughput.youngMb).toBeGreaterThanOrEqual(16);
  }, 60_000);

  it('keeps the daemon young generation at its first size, and old space as near the live heap', () => {
    const lean = heapShape('lean');
    expect(lean.youngMb).toBeLessThanOrEqual(4);
    expect(lean.oldOverLive).toBeLessThan(2.5);
  }, 60_000);

  it('leaves what the user chose on the node command line alone', () => {
    expect(heapShape('throughput', ['--heap-growing-percent=300']).oldOverLive).toBeGreaterThan(3);
    expect(heapShape('lean', ['--max-semi-space-size=8']).youngMb).toBeGreaterThanOrEqual(8);
  }, 60_000);

  it('collects garbage on demand without leaving gc exposed', () => {
    const script = `
      const { collectGarbage } = await import(${JSON.stringify(POLICY)});
      let garbage = { big: new Array(100_000).fill(1) };
      const ref = new WeakRef(garbage);
      garbage = undefined;
      // A WeakRef holds its target until the job that made it has ended.
      await new Promise((resolve) => setImmediate(resolve));
      collectGarbage();
      process.stdout.write(JSON.stringify({ collected: ref.deref() === undefined, exposed: typeof globalThis.gc }));
    `;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { PATH: process.env.PATH } });
    expect(JSON.parse(out)).toEqual({ collected: true, exposed: 'undefined' });
  });
});
