import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Runs one measured child process (the msgtrack CLI or the helpers.bulk client) and tells what it
 * cost: wall time, CPU seconds and memory.
 *
 * CPU comes from our own /proc/self/stat `cutime`+`cstime`: the kernel adds a child's user and
 * system time there when the child is reaped, so the figure is exact for the whole process (all
 * threads, GC and libuv included) with no sampling. That holds while a measured child is the
 * only one of ours to end during the run, which the bench guarantees by running them one by one
 * (the search engine, also our child, lives on until the end).
 *
 * Memory is sampled from /proc/<pid>/status every `sampleMs`: VmRSS for the curve, VmHWM (the
 * kernel's own high-water mark) for the peak.
 */

/** The built CLI entry, next to this file in the same build (dist/bench → dist/src). */
export const MSGTRACK_MAIN = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));

export interface ChildRun {
  readonly code: number | null;
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
  /** VmRSS in MB, one sample per `sampleMs`. */
  readonly rssMb: readonly number[];
  /** VmHWM in MB at the last sample before exit. */
  readonly peakRssMb: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ChildOptions {
  readonly sampleMs?: number;
  readonly cwd?: string;
}

const TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux
const KEEP_STDERR = 8192;

/** Children start without the caller's cluster settings: only the flags we pass count. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(ELASTICSEARCH_|MSGTRACK_|KIBANA_)/.test(key)) env[key] = value;
  }
  return env;
}

/** Reaped children's CPU seconds so far (fields 16 and 17 of /proc/self/stat). */
function childrenCpuSeconds(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND;
}

const VM_RSS = /^VmRSS:\s+(\d+) kB/m;
const VM_HWM = /^VmHWM:\s+(\d+) kB/m;

/** Current and peak resident set of a live process, in kB; undefined once it has exited. */
function memoryKb(pid: number): { rss: number; hwm: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = VM_RSS.exec(status);
    const hwm = VM_HWM.exec(status);
    return rss && hwm ? { rss: Number(rss[1]), hwm: Number(hwm[1]) } : undefined;
  } catch {
    return undefined;
  }
}

/** Runs `node <args>` and resolves when it has exited and been reaped. */
export function runNode(args: readonly string[], o: ChildOptions = {}): Promise<ChildRun> {
  const cpuBefore = childrenCpuSeconds();
  const began = performance.now();
  const child = spawn(process.execPath, args, { cwd: o.cwd, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-KEEP_STDERR)));

  const rssMb: number[] = [];
  let peakKb = 0;
  const sample = (): void => {
    const kb = memoryKb(child.pid!);
    if (kb === undefined) return;
    rssMb.push(kb.rss / 1024);
    peakKb = Math.max(peakKb, kb.hwm);
  };
  const sampler = setInterval(sample, o.sampleMs ?? 1000);

  return new Promise((resolve, reject) => {
    child.on('error', (err) => {
      clearInterval(sampler);
      reject(err);
    });
    child.on('exit', () => clearInterval(sampler));
    // 'close' comes after exit and the end of both pipes; the child has been reaped by then.
    child.on('close', (code) => {
      resolve({
        code,
        wallSeconds: (performance.now() - began) / 1000,
        cpuSeconds: childrenCpuSeconds() - cpuBefore,
        rssMb,
        peakRssMb: peakKb / 1024,
        stdout,
        stderr,
      });
    });
  });
}

/** The `summary` record a daemon command logs last (JSON log format). */
export function summaryOf(run: ChildRun): Record<string, number> {
  for (const line of run.stdout.split('\n').reverse()) {
    if (!line.includes('"summary":true')) continue;
    return JSON.parse(line) as Record<string, number>;
  }
  throw new Error(`no summary record (exit ${run.code}): ${run.stderr.slice(-2000) || run.stdout.slice(-2000)}`);
}
