// `npm run demo` — the quick start (issue 4 item 7): the embedded engine (npm run engine), then
// `msgtrack setup` and `msgtrack run` against it, and every few seconds the indexing rate and the
// data stream's document count, until Ctrl-C. Then run is stopped first (it flushes and prints
// its summary) and the engine after it, so nothing is lost and nothing is left running.
//
// The engine and run get their own process groups: a Ctrl-C in the terminal reaches only us, and
// we stop them in that order (the engine must outlive run's final flush).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from './engine-lib.mjs';

const BIN = join(ROOT, 'bin/msgtrack');
const STREAM = 'logs-microsoft_exchange.messagetracking-default';
const USAGE = `usage: npm run demo [-- --port N --metrics-port N --eps N --lookback DURATION --every SECONDS]
  --port          engine port (default 9200; a free one when 9200 is busy)
  --metrics-port  msgtrack /metrics port (default 9464; a free one when busy)
  --eps           mean events per second (default 200)
  --lookback      history to backfill first (default 1h)
  --every         seconds between status lines (default 5)`;

const say = (line) => console.log(`[demo] ${line}`);

function parseOptions() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '9200' },
      'metrics-port': { type: 'string', default: '9464' },
      eps: { type: 'string', default: '200' },
      lookback: { type: 'string', default: '1h' },
      every: { type: 'string', default: '5' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const port = (name, value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`--${name} must be an integer 0-65535, got "${value}"`);
    return n;
  };
  const every = Number(values.every);
  if (!(every > 0)) throw new Error(`--every must be a positive number of seconds, got "${values.every}"`);
  return {
    port: port('port', values.port),
    metricsPort: port('metrics-port', values['metrics-port']),
    eps: values.eps,
    lookback: values.lookback,
    everyMs: every * 1000,
  };
}

/** `wanted` if nothing listens on it (0 stays 0), else a free port, saying so. */
async function portFor(what, wanted) {
  if (wanted === 0 || (await canListen(wanted))) return wanted;
  const free = await new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
  say(`port ${wanted} is busy: the ${what} uses port ${free} instead`);
  return free;
}

function canListen(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A child in its own process group, with its exit as a promise. */
function start(args, stdio) {
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio, detached: true });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  return { child, exited };
}

/** `npm run engine`'s script; `url` resolves once the node is ready (undefined if it exits first). */
function startEngine(port) {
  const engine = start([join(ROOT, 'scripts/engine.mjs'), '--port', String(port)], ['ignore', 'pipe', 'inherit']);
  let out = '';
  const ready = new Promise((resolve) =>
    engine.child.stdout.on('data', (chunk) => {
      out += chunk;
      const line = out.split('\n').find((l) => l.startsWith('http'));
      if (line) resolve(line.trim());
    }),
  );
  return { ...engine, url: Promise.race([ready, engine.exited.then(() => undefined)]) };
}

/** Resolves with the first SIGINT/SIGTERM (Ctrl-C); later ones are only acknowledged, so a
 *  second Ctrl-C cannot leave the engine behind. */
function firstSignal() {
  let seen;
  return new Promise((resolve) => {
    const on = (signal) => {
      if (seen) return say('already stopping');
      seen = signal;
      resolve(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

async function documentCount(url, refresh = false) {
  try {
    if (refresh) await fetch(`${url}/${STREAM}/_refresh`, { method: 'POST', signal: AbortSignal.timeout(5_000) });
    const res = await fetch(`${url}/${STREAM}/_count`, { signal: AbortSignal.timeout(5_000) });
    return res.ok ? (await res.json()).count : 0;
  } catch {
    return undefined;
  }
}

async function main() {
  let options;
  try {
    options = parseOptions();
  } catch (error) {
    console.error(`${error.message}\n${USAGE}`);
    return 2;
  }
  if (!existsSync(join(ROOT, 'dist/src/cli/main.js'))) {
    console.error('msgtrack is not built: run `npm ci` (or `npm run build`) first');
    return 1;
  }
  const signalled = firstSignal();
  const enginePort = await portFor('engine', options.port);
  const metricsPort = await portFor('metrics listener', options.metricsPort);

  say('starting the embedded engine (its first start builds it with Maven, which takes a while)');
  const engine = startEngine(enginePort);
  const children = [engine];
  // Whatever happens to us, nothing of ours keeps running (the engine script also watches us).
  process.once('exit', () => children.forEach(({ child }) => child.exitCode === null && child.kill('SIGTERM')));
  const url = await Promise.race([engine.url, signalled.then(() => 'stop')]);
  if (url === 'stop') {
    await stop(engine);
    return 0;
  }
  if (url === undefined) {
    console.error('[demo] the engine did not start (see its messages above)');
    return 1;
  }
  const target = ['--target', 'opensearch', '--es-url', url];
  say(`engine ready at ${url}; installing the index template`);
  const setupStatus = await start([BIN, 'setup', ...target], 'inherit').exited;
  if (setupStatus !== 0) {
    console.error(`[demo] msgtrack setup failed (${setupStatus})`);
    await stop(engine);
    return 1;
  }

  const run = start([BIN, 'run', ...target, '--no-setup', '--eps', options.eps, '--lookback', options.lookback, '--metrics-port', String(metricsPort)], [
    'ignore',
    'inherit',
    'pipe',
  ]);
  // Through a pipe its backfill progress is a log line every 10 s, not a bar redrawn under ours.
  run.child.stderr.pipe(process.stderr);
  children.push(run);
  say(`msgtrack run: ${options.eps} events/s after backfilling ${options.lookback} into ${STREAM}`);
  if (metricsPort !== 0) say(`metrics at http://127.0.0.1:${metricsPort}/metrics`);
  say('Ctrl-C stops everything');

  let last = { count: 0, at: Date.now() };
  const status = setInterval(async () => {
    const count = await documentCount(url);
    if (count === undefined) return;
    const now = Date.now();
    const rate = ((count - last.count) * 1000) / Math.max(now - last.at, 1);
    last = { count, at: now };
    say(`${count.toLocaleString('en-US')} documents in ${STREAM} (indexing ${Math.round(rate).toLocaleString('en-US')} docs/s)`);
  }, options.everyMs);

  const first = await Promise.race([signalled, run.exited.then((code) => ({ run: code })), engine.exited.then((code) => ({ engine: code }))]);
  clearInterval(status);
  if (typeof first === 'string') {
    say(`${first}: stopping msgtrack run (it flushes what is queued), then the engine`);
    const runStatus = await stop(run);
    const indexed = await documentCount(url, true);
    await stop(engine);
    say(`stopped; the engine held ${indexed?.toLocaleString('en-US') ?? 'an unknown number of'} documents (its data folder is removed)`);
    return runStatus === 0 ? 0 : 1;
  }
  console.error(`[demo] ${first.run !== undefined ? `msgtrack run exited (${first.run})` : `the engine exited (${first.engine})`} on its own`);
  await stop(run);
  await stop(engine);
  return 1;
}

async function stop({ child, exited }) {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  return exited;
}

process.exitCode = await main();
