import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, posix } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { Health } from '../../../src/telemetry/health.js';
import { createLogger } from '../../../src/telemetry/logger.js';
import { createMetrics } from '../../../src/telemetry/metrics.js';
import { startTelemetryServer, type TelemetryServer } from '../../../src/telemetry/server.js';
import { unknownEnv } from './known-env.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');

interface Instruction {
  readonly op: string;
  readonly args: string;
  /** Name (or index) of the stage the instruction belongs to; '' before the first FROM. */
  readonly stage: string;
  readonly workdir: string;
}

/** Instructions with continuation lines joined, comments dropped, WORKDIR tracked per stage. */
function parseDockerfile(text: string): Instruction[] {
  const logical = text.replace(/\\\n/g, ' ').split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
  const out: Instruction[] = [];
  let stage = '';
  let workdir = '/';
  let stages = 0;
  for (const line of logical) {
    const [, op, args] = /^(\w+)\s+(.*)$/.exec(line) ?? [];
    if (!op) throw new Error(`not a Dockerfile instruction: ${line}`);
    const upper = op.toUpperCase();
    if (upper === 'FROM') {
      stage = /\sAS\s+(\S+)$/i.exec(args)?.[1] ?? String(stages);
      stages++;
      workdir = '/';
    }
    if (upper === 'WORKDIR') workdir = posix.resolve(workdir, args);
    out.push({ op: upper, args: args.replace(/\s+/g, ' '), stage, workdir });
  }
  return out;
}

/** The JSON array of an exec-form instruction, or undefined for the shell form. */
function execForm(args: string): string[] | undefined {
  try {
    const parsed: unknown = JSON.parse(args);
    return Array.isArray(parsed) && parsed.every((a) => typeof a === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

const DOCKERFILE = parseDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
const IGNORED = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
const stageNames = [...new Set(DOCKERFILE.filter((i) => i.op === 'FROM').map((i) => i.stage))];
const finalStage = stageNames.at(-1) as string;
const final = DOCKERFILE.filter((i) => i.stage === finalStage);
const only = (op: string): Instruction => {
  const found = final.filter((i) => i.op === op);
  expect(found, op).toHaveLength(1);
  return found[0];
};

function ignored(path: string): boolean {
  return IGNORED.some((pattern) => {
    const glob = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}(/.*)?$`);
    return glob.test(path.replace(/\/$/, ''));
  });
}

function copies(stage: string): { from?: string; sources: string[]; dest: string }[] {
  return DOCKERFILE.filter((i) => i.stage === stage && i.op === 'COPY').map((i) => {
    const words = i.args.split(' ');
    const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
    const paths = words.filter((w) => !w.startsWith('--'));
    return { from, sources: paths.slice(0, -1), dest: posix.resolve(i.workdir, paths.at(-1) as string) };
  });
}

describe('Dockerfile', () => {
  it('builds in stages: compile with dev dependencies, ship production dependencies only', () => {
    expect(stageNames).toEqual(['build', 'deps', 'runtime']);
    const from = DOCKERFILE.filter((i) => i.op === 'FROM').map((i) => i.args.split(' ')[0]);
    const arg = DOCKERFILE.find((i) => i.op === 'ARG' && i.args.startsWith('NODE_IMAGE='));
    expect(arg?.args).toMatch(/^NODE_IMAGE=node:20-/);
    expect(from).toEqual(['${NODE_IMAGE}', '${NODE_IMAGE}', '${NODE_IMAGE}']);
    const runs = (stage: string): string => DOCKERFILE.filter((i) => i.stage === stage && i.op === 'RUN').map((i) => i.args).join('\n');
    expect(runs('build')).toMatch(/npm ci --ignore-scripts/);
    expect(runs('build')).toMatch(/tsc -p tsconfig\.build\.json/);
    expect(runs('deps')).toMatch(/npm ci --omit=dev/);
    expect(runs('runtime')).not.toMatch(/npm (ci|install)/);
    const fromStages = copies('runtime').flatMap((c) => (c.from ? [c.from] : []));
    expect(new Set(fromStages)).toEqual(new Set(['build', 'deps']));
  });

  it('copies into the runtime what bin/msgtrack and setup load, from files that exist and are not ignored', () => {
    const runtime = copies('runtime');
    const dests = runtime.map((c) => c.dest);
    expect(dests).toEqual(expect.arrayContaining(['/opt/msgtrack/node_modules', '/opt/msgtrack/dist/src', '/opt/msgtrack/bin', '/opt/msgtrack/kibana', '/opt/msgtrack', '/etc/msgtrack']));
    expect(readFileSync(join(ROOT, 'bin', 'msgtrack'), 'utf8')).toContain("'../dist/src/cli/main.js'");
    expect(existsSync(join(ROOT, 'config', 'msgtrack.yml'))).toBe(true);
    for (const stage of stageNames) {
      for (const copy of copies(stage).filter((c) => !c.from)) {
        for (const source of copy.sources) {
          expect(existsSync(join(ROOT, source)), `${stage}: COPY ${source}`).toBe(true);
          expect(ignored(source), `${source} is in .dockerignore`).toBe(false);
        }
      }
    }
  });

  it('keeps secrets, build output and dependencies out of the build context', () => {
    for (const path of ['.git', 'node_modules', 'dist', '.env', 'lab.env', 'test']) expect(ignored(path), path).toBe(true);
  });

  it('runs as a non-root user, configured by environment and a config file', () => {
    const user = only('USER').args.split(':')[0];
    expect(['root', '0']).not.toContain(user);
    const env = new Map(final.filter((i) => i.op === 'ENV').flatMap((i) => [...i.args.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1], m[2]] as const)));
    expect(env.get('MSGTRACK_CONFIG')).toBe('/etc/msgtrack/msgtrack.yml');
    expect(env.get('MSGTRACK_METRICS_HOST')).toBe('0.0.0.0');
    expect(unknownEnv(env.keys())).toEqual([]);
  });

  it('starts node directly in exec form and stops with SIGTERM', () => {
    expect(execForm(only('ENTRYPOINT').args)).toEqual(['node', '/opt/msgtrack/bin/msgtrack']);
    expect(execForm(only('CMD').args)).toEqual(['run']);
    expect(only('STOPSIGNAL').args).toBe('SIGTERM');
    expect(only('EXPOSE').args).toBe('9464');
  });
});

describe('Dockerfile HEALTHCHECK', () => {
  const healthcheck = only('HEALTHCHECK').args;
  const command = execForm(healthcheck.slice(healthcheck.indexOf('CMD ') + 4)) as string[];
  const servers: TelemetryServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  /** Runs the HEALTHCHECK command as Docker would, against the metrics port given (async: the server is in this process). */
  function probe(port: number): Promise<number | null> {
    const [file, ...args] = command;
    expect(file).toBe('node'); // the slim image has neither curl nor wget
    const child = spawn(process.execPath, args, { env: { ...process.env, MSGTRACK_METRICS_PORT: String(port) }, stdio: 'ignore', timeout: 10_000 });
    return new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => resolve(code));
    });
  }

  async function daemon(): Promise<{ port: number; health: Health; advance(ms: number): void }> {
    let clock = 0;
    const health = new Health(30_000, () => clock);
    const logger = createLogger({ level: 'silent', format: 'json', destination: new PassThrough() });
    const server = await startTelemetryServer({ host: '127.0.0.1', port: 0, metrics: createMetrics({ version: 'test', defaultMetrics: false }), health, logger });
    servers.push(server);
    return { port: server.port, health, advance: (ms) => (clock += ms) };
  }

  it('is an exec-form node command with sensible timing', () => {
    expect(healthcheck).toMatch(/^--interval=\d+s --timeout=\d+s --start-period=\d+s --retries=\d+ CMD \[/);
    expect(command.join(' ')).toContain('/healthz');
    expect(command.join(' ')).toContain('9464');
  });

  it('passes against the real telemetry server while the loops beat, fails when one is stuck', async () => {
    const d = await daemon();
    d.health.beat('generator');
    expect(await probe(d.port)).toBe(0);
    d.advance(31_000);
    expect(await probe(d.port)).toBe(1);
  });

  it('fails when nothing listens', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = s.address() as { port: number };
        s.close(() => resolve(p));
      });
    });
    expect(await probe(port)).toBe(1);
  });
});
