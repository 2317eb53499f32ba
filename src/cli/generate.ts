import type { Config } from '../config/schema.js';
import { createEcsEncoder } from '../encode/ecs.js';
import { csvHeaderLines, encodeCsvLine } from '../encode/exchange-csv.js';
import { createSimulation } from '../sim/simulation.js';
import { createExchangeLogWriter } from '../sinks/exchange-log/exchange-log-writer.js';
import type { CommandArgs } from './command-args.js';
import { openOutput, writeLines, type Output } from './open-output.js';
import { simulationSettings } from './simulation-settings.js';


/**
 * msgtrack generate: exactly --count events, or every event of [--from, --to), one per line to
 * stdout or --output, as ECS JSON or as the native Exchange log (header lines, CRLF rows).
 * A reader that goes away (`| head`) ends the command quietly with status 0.
 */
export async function main(config: Config, args: CommandArgs): Promise<number> {
  const start = args.from ?? args.start ?? Date.now();
  const csv = args.format === 'csv';
  const encode = csv
    ? encodeCsvLine
    : createEcsEncoder({
        namespace: config.namespace,
        agentId: config.agent_id,
        agentVersion: config.agent_version,
        hostname: config.hostname,
      });
  const eol = csv ? '\r\n' : '\n';

  if (args.format === 'csv' && config.output.log_dir !== undefined) return writeLogFiles(config, config.output.log_dir, start, args);

  let output: Output;
  try {
    output = await openOutput(args.outputFile);
  } catch (error) {
    process.stderr.write(`msgtrack: cannot open --output: ${(error as Error).message}\n`);
    return 1;
  }

  const sim = createSimulation(simulationSettings(config, start));
  let remaining = args.count ?? Infinity;
  const to = args.to ?? Infinity;
  const next = (): string | undefined => (remaining-- > 0 && sim.peekTs() < to ? encode(sim.next()) : undefined);
  await writeLines(output, csv ? csvHeaderLines(start) : '', next, eol);

  const failure = await output.close();
  if (failure === undefined || failure.code === 'EPIPE') return 0;
  process.stderr.write(`msgtrack: cannot write to ${output.name}: ${failure.message}\n`);
  return 1;
}

/** generate --format csv --log-dir DIR: rolling MSGTRK*.LOG files, as Exchange writes them. */
async function writeLogFiles(config: Config, dir: string, start: number, args: CommandArgs): Promise<number> {
  const writer = createExchangeLogWriter({
    dir,
    fileMaxBytes: config.output.file_max_bytes,
    dirMaxBytes: config.output.dir_max_bytes,
    maxAgeMs: config.output.max_age,
  });
  const sim = createSimulation(simulationSettings(config, start));
  const to = args.to ?? Infinity;
  for (let remaining = args.count ?? Infinity; remaining > 0 && sim.peekTs() < to; remaining--) {
    const pending = writer.write(sim.next());
    if (pending !== undefined) await pending;
  }
  await writer.close();
  return 0;
}
