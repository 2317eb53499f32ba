// Spawns the real, built CLI (node bin/msgtrack) as a long-running child process, for the
// end-to-end suites: its JSON log lines are read as they come, real signals are sent to its pid,
// and whatever a failed test leaves running is killed by `killLeftovers`.
import { spawn, type ChildProcess } from 'node:child_process';
import type { ShipSummary } from '../../src/pipeline/ship-summary.js';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { BIN, tempDir, type CliResult } from './run-cli.js';

/** One JSON log line of the daemon (pino, level names). */
export interface LogRecord {
  readonly level: string;
  readonly msg: string;
  readonly [field: string]: unknown;
}

/** The run's summary record (issue 4 item 6): the pipeline's ShipSummary as logged. */
export type SummaryRecord = LogRecord & ShipSummary & { readonly summary: true };

export interface CliExit extends CliResult {
  /** The signal that killed it, when it did not exit by itself. */
  readonly signal: NodeJS.Signals | null;
}

export interface CliProcess {
  readonly pid: number;
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Every complete JSON line of stdout so far (other lines are skipped). */
  logs(): LogRecord[];
  /** Resolves with the first log record (already written or to come) that `match` accepts. */
  waitForLog(match: (record: LogRecord) => boolean, timeoutMs?: number): Promise<LogRecord>;
  signal(name: NodeJS.Signals): void;
  /** Resolves once the process has exited and its output is complete. */
  readonly exited: Promise<CliExit>;
}

const running = new Set<ChildProcess>();

export interface SpawnOptions {
  readonly env?: Record<string, string>;
  readonly cwd?: string;
}

/**
 * `node bin/msgtrack ...args` in the background, with only PATH from the parent environment plus
 * `env` (as runCli does), in a fresh working directory unless `cwd` is given.
 */
export function spawnCli(args: readonly string[], options: SpawnOptions = {}): CliProcess {
  return spawnNode([BIN, ...args], options);
}

/** `node ...args` in the background (a script such as scripts/demo.mjs), as spawnCli does. */
export function spawnNode(args: readonly string[], options: SpawnOptions = {}): CliProcess {
  const child = spawn(process.execPath, args, {
    cwd: options.cwd ?? tempDir(),
    env: { PATH: process.env.PATH ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  let closed = false;
  const waiters = new Set<() => void>();
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const wake of waiters) wake();
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<CliExit>((resolve) => {
    // 'close' rather than 'exit': the pipes are drained by then.
    child.once('close', (status, signal) => {
      running.delete(child);
      closed = true;
      for (const wake of waiters) wake();
      resolve({ status, signal, stdout, stderr });
    });
  });
  const logs = (): LogRecord[] => parseLogs(stdout);

  const waitForLog = (match: (record: LogRecord) => boolean, timeoutMs = 20_000): Promise<LogRecord> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const found = logs().find(match);
        if (found) finish(() => resolve(found));
        else if (closed) {
          finish(() => reject(new Error(`the process exited (${child.exitCode ?? child.signalCode}) before the awaited log line:\n${tail(stdout)}\n${tail(stderr)}`)));
        }
      };
      const timer = setTimeout(() => finish(() => reject(new Error(`no such log line within ${timeoutMs} ms:\n${tail(stdout)}\n${tail(stderr)}`))), timeoutMs);
      const finish = (settle: () => void): void => {
        clearTimeout(timer);
        waiters.delete(check);
        settle();
      };
      waiters.add(check);
      check();
    });

  return {
    pid: child.pid!,
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    logs,
    waitForLog,
    signal: (name) => void process.kill(child.pid!, name),
    exited,
  };
}

/** SIGKILLs every process spawned here that is still running (for afterEach after a failure). */
export async function killLeftovers(): Promise<void> {
  const left = [...running];
  for (const child of left) child.kill('SIGKILL');
  await Promise.all(left.map((child) => new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once('close', resolve)))));
}

/** The JSON log records in a stream of lines; anything else (a pretty line, a partial line) is skipped. */
export function parseLogs(text: string): LogRecord[] {
  const records: LogRecord[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('{') || !line.endsWith('}')) continue;
    try {
      records.push(JSON.parse(line) as LogRecord);
    } catch {
      // not a log record
    }
  }
  return records;
}

/** The single summary record of a finished run; throws when there is none or more than one. */
export function summaryOf(stdout: string): SummaryRecord {
  const found = parseLogs(stdout).filter((r) => r.summary === true);
  if (found.length !== 1) throw new Error(`expected one summary record, found ${found.length}:\n${tail(stdout)}`);
  return found[0] as SummaryRecord;
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Polls `probe` until it returns something other than undefined. */
export async function waitUntil<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 20_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** HTTP status of a GET, or 0 when nothing answers. */
export async function httpStatus(url: string): Promise<number> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

/** Pids of the running processes whose command line holds `args` in a row (Linux /proc). */
export function pidsWithArgs(...args: string[]): number[] {
  const wanted = '\0' + args.join('\0') + '\0';
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (('\0' + readFileSync(`/proc/${entry}/cmdline`, 'latin1')).includes(wanted)) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

function tail(text: string, lines = 15): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
