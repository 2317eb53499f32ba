// Runs the real, built CLI (node bin/msgtrack) as a child process, the way users run it.
import { execFile, execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const REPO = join(import.meta.dirname, '../..');
export const BIN = join(REPO, 'bin/msgtrack');
const MAIN = join(REPO, 'dist/src/cli/main.js');
const LOCK = join(REPO, 'dist/.build-lock');

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function builtAt(): number {
  try {
    return statSync(MAIN).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * Compiles src/ into dist/ when a source is newer than the built entry point (CI builds in
 * `npm ci`, so this only runs on a developer's machine). Type errors elsewhere do not stop tsc
 * from emitting; a lock file keeps parallel test files from compiling at the same time.
 */
export function ensureBuilt(): void {
  if (builtAt() >= newestSource(join(REPO, 'src'))) return;
  mkdirSync(dirname(LOCK), { recursive: true });
  let lock: number;
  try {
    lock = openSync(LOCK, 'wx');
  } catch {
    // Another test file is compiling: wait for it (a lock older than 2 minutes is a leftover).
    const pause = new Int32Array(new SharedArrayBuffer(4));
    for (let lockStat = statSync(LOCK, { throwIfNoEntry: false }); lockStat; lockStat = statSync(LOCK, { throwIfNoEntry: false })) {
      if (Date.now() - lockStat.mtimeMs > 120_000) rmSync(LOCK, { force: true });
      Atomics.wait(pause, 0, 0, 200);
    }
    return;
  }
  try {
    execFileSync(process.execPath, [join(REPO, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
      cwd: REPO,
      stdio: 'ignore',
    });
  } catch {
    // type errors in files under construction; the emitted JavaScript is still usable
  } finally {
    closeSync(lock);
    rmSync(LOCK, { force: true });
  }
}

/** A fresh empty directory: the default working directory, so no ./config/msgtrack.yml applies. */
export function tempDir(prefix = 'msgtrack-cli-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * `node bin/msgtrack ...args` with only PATH from the parent environment plus `env`, so a
 * developer's ELASTICSEARCH_* or MSGTRACK_* variables cannot leak into the test.
 */
export function runCli(args: readonly string[], options: { env?: Record<string, string>; cwd?: string } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: options.cwd ?? tempDir(), env: { PATH: process.env.PATH ?? '', ...options.env }, maxBuffer: 256 << 20 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') reject(error);
        else resolve({ status: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
  });
}
