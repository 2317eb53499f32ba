// `npm run engine [-- --port N]`: the embedded OpenSearch node in the foreground (issue 3), for
// people and the quick start. Ctrl-C / SIGTERM stop it and remove its data folder.
import { parseArgs } from 'node:util';
import { buildEngine, startEngine } from './engine-lib.mjs';

const USAGE = 'usage: npm run engine [-- --port N]   (default 9200, 0 = any free port)';

function parsePort() {
  try {
    const { values } = parseArgs({ options: { port: { type: 'string', default: '9200' }, help: { type: 'boolean' } } });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    const port = Number(values.port);
    if (Number.isInteger(port) && port >= 0 && port <= 65535) return port;
    throw new Error(`--port must be an integer 0-65535, got "${values.port}"`);
  } catch (err) {
    console.error(`${err.message}\n${USAGE}`);
    process.exit(2);
  }
}

const port = parsePort();
const log = (line) => console.error(`[engine] ${line}`);
try {
  const started = performance.now();
  const build = await buildEngine({ log });
  if (build.built) log(`built in ${build.seconds.toFixed(1)} s`);
  // In the foreground the engine must outlive nothing but us; the terminal owns its stdin.
  const engine = await startEngine({ port, classpath: build.classpath, echo: true, stopWithParent: false });
  log(`ready in ${((performance.now() - started) / 1000).toFixed(1)} s (pid ${engine.pid}); Ctrl-C stops it`);
  console.log(engine.url);
  let stopping = false;
  const shutdown = async (signal) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    await engine.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  const code = await engine.exited;
  if (!stopping) {
    log(`the engine exited on its own (${code})`);
    process.exit(1);
  }
} catch (err) {
  log(err.message);
  process.exit(1);
}
