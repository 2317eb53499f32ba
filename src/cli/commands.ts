import { ConfigError } from '../config/errors.js';
import type { OptionSpec } from '../config/option-spec.js';
import type { CommandArgs } from './command-args.js';

/** A command-specific flag: typed like a config option, stored in one CommandArgs field. */
export interface CommandFlag {
  readonly flag: string;
  readonly field: keyof CommandArgs;
  readonly spec: OptionSpec;
}

export interface CommandDef {
  readonly summary: string;
  readonly usage: string;
  readonly flags: readonly CommandFlag[];
  /** Config sections shown by --help ('' is the top level). */
  readonly sections: readonly string[];
  /** Refuses flag combinations that make no sense, with a message naming the flags. */
  readonly check: (args: CommandArgs) => void;
}

const MAX_COUNT = 1e12;
const time = (doc: string): OptionSpec => ({ type: 'time', default: undefined, doc });

const FROM: CommandFlag = { flag: '--from', field: 'from', spec: time('Start of the simulated span (inclusive).') };
const TO: CommandFlag = { flag: '--to', field: 'to', spec: time('End of the simulated span (exclusive).') };

function checkSpan(args: CommandArgs): void {
  if ((args.from === undefined) !== (args.to === undefined)) {
    throw new ConfigError(args.from === undefined ? "'--to' needs '--from'" : "'--from' needs '--to'", '--from');
  }
  if (args.from !== undefined && args.to! <= args.from) throw new ConfigError("'--to' must be later than '--from'", '--to');
}

const ALL_SECTIONS = ['', 'elasticsearch', 'pipeline', 'metrics', 'log', 'kibana', 'output'];

export const COMMANDS = {
  generate: {
    summary: 'Write simulated events to stdout or a file, one per line.',
    usage: 'msgtrack generate (--count N | --from ISO --to ISO) [flags]',
    flags: [
      { flag: '--count', field: 'count', spec: { type: 'int', default: undefined, min: 0, max: MAX_COUNT, doc: 'Write exactly N events.' } },
      FROM,
      TO,
      { flag: '--start', field: 'start', spec: time('Simulated instant to start at (default: now).') },
      { flag: '--format', field: 'format', spec: { type: 'enum', default: 'ecs', values: ['ecs', 'csv'], doc: 'ecs: JSON documents; csv: the native log (header lines, then CRLF rows).' } },
      { flag: '--output', field: 'outputFile', spec: { type: 'path', default: undefined, doc: 'Write to this file instead of stdout.' } },
    ],
    sections: ['', 'output'],
    check(args) {
      checkSpan(args);
      if (args.count !== undefined && args.from !== undefined) {
        throw new ConfigError("use either '--count' or '--from'/'--to', not both", '--count');
      }
      if (args.count === undefined && args.from === undefined) {
        throw new ConfigError("msgtrack generate needs '--count N' or '--from ISO --to ISO'", '--count');
      }
      if (args.start !== undefined && args.from !== undefined) {
        throw new ConfigError("'--start' and '--from' both set the start; use one", '--start');
      }
    },
  },
  run: {
    summary: 'Ship events to Elasticsearch (or log files) as simulated time follows the clock.',
    usage: 'msgtrack run [flags]',
    flags: [
      { flag: '--lookback', field: 'lookback', spec: { type: 'duration', default: '0', min: '0', max: '3650d', doc: 'Backfill this much history first, then continue live.' } },
      { flag: '--duration', field: 'duration', spec: { type: 'duration', default: undefined, min: '1ms', max: '3650d', doc: 'Stop after this long (default: run until signalled).' } },
      { flag: '--output', field: 'outputKind', spec: { type: 'enum', default: 'elasticsearch', values: ['elasticsearch', 'exchange-log'], doc: 'Where events go: the cluster, or MSGTRK*.LOG files in --log-dir.' } },
    ],
    sections: ALL_SECTIONS,
    check() {},
  },
  backfill: {
    summary: 'Ship every event of a simulated span as fast as the cluster takes it, then exit.',
    usage: 'msgtrack backfill --from ISO --to ISO [flags]',
    flags: [FROM, TO],
    sections: ALL_SECTIONS,
    check(args) {
      if (args.from === undefined && args.to === undefined) {
        throw new ConfigError("msgtrack backfill needs '--from ISO --to ISO'", '--from');
      }
      checkSpan(args);
    },
  },
  setup: {
    summary: 'Install the index template, ILM policy, ingest pipeline and Kibana objects, then exit.',
    usage: 'msgtrack setup [flags]',
    flags: [],
    sections: ['', 'elasticsearch', 'kibana', 'log'],
    check() {},
  },
  check: {
    summary: 'Validate the configuration, reach the cluster, check credentials and privileges.',
    usage: 'msgtrack check [flags]',
    flags: [],
    sections: ['', 'elasticsearch', 'kibana', 'log'],
    check() {},
  },
} as const satisfies Readonly<Record<string, CommandDef>>;

export type CommandName = keyof typeof COMMANDS;
export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];
