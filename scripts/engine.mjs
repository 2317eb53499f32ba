// `npm run engine [-- --port N]`: the embedded OpenSearch node in the foreground (issue 3), for
// people and the quick start. Ctrl-C / SIGTERM stop it and remove its data folder.
// `--build-only` compiles it (and downloads its jars) and exits: what .ci/run does up front.
import { parseArgs } from 'node:util';
import { buildEngine, startEngine } from './engine-lib.mjs';

const USAGE = 'usage: npm run engine [-- --port N | --build-only]   (port default 9200, 0 = any free port)';

function parseOptions() {
  try {
    const { values } = parseArgs({
      options: { port: { type: 'string', default: '9200' }, 'build-only': { type: 'boolean' }, help: { type: 'boolean' } },
    });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    const port = Number(values.port);
    if (Number.isInteger(port) && port >= 0 && port <= 65535) return { port, buildOnly: values['build-only'] === true };
    throw new Error(`--port must be an integer 0-65535, got "${values.port}"`);
  } catch (err) {
    console.error(`${err.message}\n${USAGE}`);
    process.exit(2);
  }
}

const { port, buildOnly } = parseOptions();
const log = (line) => console.error(`[engine] ${line}`);
try {
  const started = performance.now();
  const build = await buildEngine({ log });
  log(build.built ? `built in ${build.seconds.toFixed(1)} s` : 'build is up to date');
  if (buildOnly) process.exit(0);
  const engine = await startEngine({ port, classpath: build.classpath, echo: true });
  log(`ready in ${((performance.now() - started) / 1000).toFixed(1)} s (pid ${engine.pid}); Ctrl-C stops it`);
  console.log(engine.url);
  let stopping = false;
  const shutdown = async (reason) => {
    if (stopping) return;
    stopping = true;
    log(`${reason}: stopping`);
    await engine.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  // `npm run` starts us through `sh -c`, which dies on a SIGTERM sent to npm without passing it
  // on; being re-parented is then the only sign that we should stop too.
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && shutdown('parent process exited'), 1000).unref();
  const code = await engine.exited;
  if (!stopping) {
    log(`the engine exited on its own (${code})`);
    process.exit(1);
  }
} catch (err) {
  log(err.message);
  process.exit(1);
}
