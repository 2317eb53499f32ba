// Build and run the embedded OpenSearch node (test/engine, issue 3). Used by `npm run engine`,
// the vitest global setup (test/utils/global-setup.ts), `.ci/run` and the quick-start demo.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

export const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
export const ENGINE_DIR = join(ROOT, 'test/engine');
/** Per-checkout Maven repository (ignored by git), so ~/.m2 is never relied upon. */
export const MAVEN_REPO = join(ROOT, '.cache/m2');
const TARGET = join(ENGINE_DIR, 'target');
const CLASSPATH_FILE = join(TARGET, 'classpath.txt');
const STAMP_FILE = join(TARGET, 'msgtrack-build.stamp');
const LOCK_DIR = join(ROOT, '.cache/engine-build.lock');
const MAIN_CLASS = 'msgtrack.engine.EmbeddedEngine';
const READY_PREFIX = 'msgtrack-engine ready ';
export const JVM_FLAGS = ['-Xms512m', '-Xmx1g', '-Dopensearch.set.netty.runtime.available.processors=false'];
/** Maven profile with the documented fall-back coordinates (see pom.xml). */
const FALLBACK_PROFILE = 'opensearch-2.19.1';
const UNRESOLVED = /Could not (resolve|find|transfer)|Failed to read artifact descriptor/;
const TAIL_LINES = 40;
const STDERR_KEEP = 64 * 1024;

function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? e.path, e.name))
    .sort();
}

/** Hash of everything the build reads; a changed pom or source means a rebuild. */
function sourceHash() {
  const hash = createHash('sha256');
  for (const file of [join(ENGINE_DIR, 'pom.xml'), ...listFiles(join(ENGINE_DIR, 'src'))]) {
    hash.update(file.slice(ENGINE_DIR.length)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

function readClasspath() {
  const jars = readFileSync(CLASSPATH_FILE, 'utf8').trim().split(':');
  return [join(TARGET, 'classes'), ...jars].join(':');
}

/** The previous build is usable: same inputs and every jar still in the local repository. */
function upToDate(hash) {
  if (!existsSync(STAMP_FILE) || !existsSync(CLASSPATH_FILE)) return false;
  if (readFileSync(STAMP_FILE, 'utf8').split('\n')[0] !== hash) return false;
  return readClasspath().split(':').every((p) => existsSync(p));
}

function tail(text, lines = TAIL_LINES) {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

function run(cmd, args) {
  return new Promise((resolveRun) => {
    let output = '';
    const child = spawn(cmd, args, { cwd: ENGINE_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (err) => resolveRun({ code: -1, output: `${cmd}: ${err.message}` }));
    child.on('close', (code) => resolveRun({ code, output }));
  });
}

async function maven(extraArgs) {
  const args = ['-B', '-q', '-f', join(ENGINE_DIR, 'pom.xml'), `-Dmaven.repo.local=${MAVEN_REPO}`, ...extraArgs, 'compile'];
  return run('mvn', args);
}

/** Serialises builds between concurrent test runs and `npm run engine` on one checkout. */
async function withBuildLock(fn) {
  mkdirSync(join(ROOT, '.cache'), { recursive: true });
  const giveUp = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      mkdirSync(LOCK_DIR);
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      const holder = lockHolder();
      if (holder && !isAlive(holder)) rmSync(LOCK_DIR, { recursive: true, force: true });
      else if (Date.now() > giveUp) throw new Error(`engine build lock ${LOCK_DIR} held by pid ${holder || '?'} for 15 min`);
      else await sleep(500);
    }
  }
  writeFileSync(join(LOCK_DIR, 'pid'), String(process.pid));
  try {
    return await fn();
  } finally {
    rmSync(LOCK_DIR, { recursive: true, force: true });
  }
}

/** 0 while the holder has not written its pid yet (or just released the lock). */
function lockHolder() {
  try {
    return Number(readFileSync(join(LOCK_DIR, 'pid'), 'utf8')) || 0;
  } catch {
    return 0;
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/**
 * Compiles test/engine and resolves its classpath, unless the stamp says nothing changed.
 * Offline first when the local repository exists, then online, then the 2.19.1 fall-back.
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {Promise<{ classpath: string, built: boolean, seconds: number }>}
 */
export async function buildEngine({ log = () => {} } = {}) {
  const started = performance.now();
  const hash = sourceHash();
  if (upToDate(hash)) return { classpath: readClasspath(), built: false, seconds: 0 };
  return withBuildLock(async () => {
    if (upToDate(hash)) return { classpath: readClasspath(), built: false, seconds: 0 };
    const attempts = [[], [`-P${FALLBACK_PROFILE}`]];
    if (existsSync(MAVEN_REPO)) attempts.unshift(['-o']);
    let last = { code: 0, output: '' };
    for (const extra of attempts) {
      log(`building the embedded engine: mvn ${[...extra, 'compile'].join(' ')} (Maven repository ${MAVEN_REPO})`);
      last = await maven(extra);
      if (last.code === 0) {
        writeFileSync(STAMP_FILE, `${hash}\n${extra.join(' ')}\n`);
        return { classpath: readClasspath(), built: true, seconds: (performance.now() - started) / 1000 };
      }
      if (last.code === -1) break; // Maven itself is missing: no point in retrying
      if (extra[0] !== '-o' && !UNRESOLVED.test(last.output)) break; // a compile error, not a download one
      log(`  failed (${extra[0] === '-o' ? 'offline' : 'artifacts did not resolve'}), trying the next way`);
    }
    throw new Error(
      `building the embedded engine failed (needs a JDK 17 and Maven: apt-get install openjdk-17-jdk-headless maven)\n${tail(last.output)}`,
    );
  });
}

/**
 * Starts the engine as a child process and resolves once the cluster is at least yellow.
 * port 0 binds a free port (the engine reports it). The data folder is fresh and removed by stop().
 * @param {{ port?: number, classpath?: string, echo?: boolean, timeoutMs?: number }} [options]
 * @returns {Promise<{ url: string, pid: number, dataDir: string, exited: Promise<number | string>, stop: () => Promise<void> }>}
 */
export async function startEngine({ port = 9200, classpath, echo = false, timeoutMs = 120_000 } = {}) {
  const cp = classpath ?? (await buildEngine()).classpath;
  const dataDir = mkdtempSync(join(tmpdir(), 'msgtrack-engine-'));
  // Its stdin is a pipe from us: when we die, even by SIGKILL, the engine sees EOF and exits.
  const args = [...JVM_FLAGS, '-cp', cp, MAIN_CLASS, '--port', String(port), '--data-dir', dataDir, '--stop-on-stdin-close'];
  const child = spawn('java', args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  let ready = false;
  child.stderr.on('data', (d) => {
    stderr = (stderr + d).slice(-STDERR_KEEP);
    // Until ready the output is kept for the failure message, so it is shown once, not twice.
    if (echo && ready) process.stderr.write(d);
  });
  const exited = new Promise((res) => {
    child.on('exit', (code, signal) => res(code ?? signal));
    // e.g. no `java` on PATH: there is no exit event then, only this one
    child.on('error', (err) => {
      stderr += `${err.message}\n`;
      res('spawn error');
    });
  });
  const stop = () => stopChild(child, exited, dataDir);
  const fail = async (why) => {
    await stop();
    throw new Error(`embedded engine ${why}; its stderr ends with:\n${tail(stderr) || '(nothing)'}`);
  };
  const deadline = Date.now() + timeoutMs;
  const timer = new AbortController();
  const url = await Promise.race([
    readyUrl(child),
    exited.then((code) => `exit:${code}`),
    sleep(timeoutMs, 'timeout', { signal: timer.signal }).catch(() => 'aborted'),
  ]);
  timer.abort(); // the pending sleep would otherwise hold the event loop for timeoutMs
  if (url === 'timeout') return fail(`printed no ready line within ${timeoutMs} ms`);
  if (!url.startsWith('http')) return fail(`exited with ${url.slice('exit:'.length)} before it was ready`);
  if (!(await waitForYellow(url, deadline, exited))) return fail(`at ${url} did not reach yellow health`);
  ready = true;
  return { url, pid: child.pid, dataDir, exited, stop };
}

function readyUrl(child) {
  return new Promise((res) => {
    let buffered = '';
    child.stdout.on('data', (d) => {
      buffered += d;
      const line = buffered.split('\n').find((l) => l.startsWith(READY_PREFIX));
      if (line) res(line.slice(READY_PREFIX.length).trim());
    });
  });
}

/** Polls `_cluster/health?wait_for_status=yellow` until it answers 200 or the deadline passes. */
export async function waitForYellow(url, deadline, exited = new Promise(() => {})) {
  let gone = false;
  exited.then(() => (gone = true));
  while (!gone && Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/_cluster/health?wait_for_status=yellow&timeout=5s`, { signal: AbortSignal.timeout(10_000) });
      if (res.ok && ['yellow', 'green'].includes((await res.json()).status)) return true;
    } catch {
      // not listening yet or a dropped connection: retry below
    }
    await sleep(250);
  }
  return false;
}

/** SIGTERM, SIGKILL after 20 s, then remove the data folder (the engine also does on a clean exit). */
async function stopChild(child, exited, dataDir) {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(killer);
  }
  rmSync(dataDir, { recursive: true, force: true });
}
